using System.Text.RegularExpressions;

namespace PaiImage.Emulator.Images;

/// <summary>The documented AddImage / AddImageLabels input rules.</summary>
internal static partial class ImageRules
{
    public const string Public = "PUBLIC";
    public const string Private = "PRIVATE";

    /// <summary>System label keys from the AddImage documentation plus the two the PAI SDK filters on.</summary>
    public static readonly IReadOnlySet<string> SystemLabelKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "system.chipType", "system.dsw.cudaVersion", "system.dsw.fromImageId", "system.dsw.fromInstanceId",
        "system.dsw.id", "system.dsw.os", "system.dsw.osVersion", "system.dsw.resourceType", "system.dsw.rootImageId",
        "system.dsw.stage", "system.dsw.tag", "system.dsw.type", "system.framework", "system.origin",
        "system.pythonVersion", "system.source", "system.supported.dlc", "system.supported.dsw",
        "system.official", "system.supported.eas",
    };

    public static void CheckName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw ApiException.MissingParameter("Name");
        }

        if (!NamePattern().IsMatch(name))
        {
            throw ApiException.InvalidParameter($"Name '{name}' is invalid: use 1-50 lowercase letters, digits or hyphens, starting with a letter.");
        }
    }

    public static void CheckImageId(string imageId)
    {
        if (!ImageIdPattern().IsMatch(imageId))
        {
            throw ApiException.InvalidParameter($"ImageId '{imageId}' is invalid: it must be 'image-' followed by 18 letters or digits.");
        }
    }

    public static string CheckAccessibility(string? accessibility) => accessibility switch
    {
        null => Private,
        Public or Private => accessibility,
        _ => throw ApiException.InvalidParameter($"Accessibility '{accessibility}' is invalid: use PUBLIC or PRIVATE."),
    };

    public static IReadOnlyList<ImageLabel> CheckLabels(IEnumerable<(string? Key, string? Value)> labels)
    {
        var result = new List<ImageLabel>();
        foreach (var (key, value) in labels)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw ApiException.InvalidParameter("Label keys must not be empty.");
            }

            if (result.Any(l => l.Key == key))
            {
                throw ApiException.InvalidParameter($"Label key '{key}' appears more than once.");
            }

            if (key.StartsWith("system.", StringComparison.Ordinal) && !SystemLabelKeys.Contains(key)
                && !key.StartsWith("system.framework.", StringComparison.Ordinal))
            {
                throw ApiException.InvalidParameter($"Label key '{key}' is not a supported system label key.");
            }

            result.Add(new ImageLabel(key, value ?? ""));
        }

        return result;
    }

    public static string NewImageId() =>
        "image-" + string.Create(18, 0, static (chars, _) =>
        {
            const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });

    [GeneratedRegex("^[a-z][a-z0-9-]{0,49}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^image-[A-Za-z0-9]{18}$")]
    private static partial Regex ImageIdPattern();
}
