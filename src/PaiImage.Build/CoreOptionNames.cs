namespace PaiImage.Build;

/// <summary>Which MSBuild property or item sets each field of the AddImage request, so errors name what the user can change.</summary>
internal static class CoreOptionNames
{
    /// <summary>The MSBuild property for an API field such as <c>Name</c>, or null for label fields (<c>Labels[2].Key</c>) and unknown fields.</summary>
    public static string? PropertyFor(string apiField) => apiField switch
    {
        "Name" => "PaiImageName",
        "ImageUri" => "PaiImageUri",
        "WorkspaceId" => "PaiWorkspaceId",
        "Accessibility" => "PaiImageAccessibility",
        "Description" => "PaiImageDescription",
        "Size" => "PaiImageSize",
        "ImageId" => "PaiImageId",
        "SourceType" => "PaiImageSourceType",
        "SourceId" => "PaiImageSourceId",
        _ => null,
    };

    /// <summary>The index of the label an API field such as <c>Labels[2].Key</c> refers to.</summary>
    public static int? LabelIndex(string apiField)
    {
        const string prefix = "Labels[";
        if (!apiField.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = apiField.IndexOf(']', StringComparison.Ordinal);
        return end > prefix.Length && int.TryParse(apiField.AsSpan(prefix.Length, end - prefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
    }
}
