using System.Globalization;
using System.Text.Json;

namespace PaiImage.Core.Credentials.Remote;

/// <summary>Reads the AccessKeyId / AccessKeySecret / SecurityToken / Expiration object STS, ECS metadata and credential URIs return.</summary>
internal static class TemporaryCredentialsReader
{
    private static readonly string[] RequiredFields = ["AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration"];

    /// <summary>The credentials, or null with the names of the missing or unreadable fields.</summary>
    public static PaiCredentials? Read(JsonElement element, out IReadOnlyList<string> problems)
    {
        var missing = RequiredFields.Where(name => GetString(element, name) is null).ToList();
        var expiration = default(DateTimeOffset);
        if (missing.Count == 0 && !TryParseExpiration(GetString(element, "Expiration")!, out expiration))
        {
            missing.Add("Expiration (not a UTC date/time)");
        }

        problems = missing;
        return missing.Count > 0
            ? null
            : new PaiCredentials(
                GetString(element, "AccessKeyId")!,
                GetString(element, "AccessKeySecret")!,
                GetString(element, "SecurityToken"),
                expiration);
    }

    public static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;

    private static bool TryParseExpiration(string text, out DateTimeOffset expiration) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out expiration);
}
