using System.Text.Json;

namespace PaiImage.Core.Http;

/// <summary>
/// The fields of Alibaba's JSON error body (protocol §3.1), read with <see cref="JsonDocument"/> so no reflection is
/// involved (trim/AOT safe). Names match in any casing; numeric codes are kept as their text.
/// </summary>
internal sealed record ServiceErrorBody(string? RequestId, string? HostId, string? Code, string? Message, string? Recommend, string? AuthAction)
{
    /// <summary>Reads the body, or returns null when it is not a JSON object carrying a Code or a Message.</summary>
    public static ServiceErrorBody? TryRead(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var result = new ServiceErrorBody(
                Text(root, "RequestId"),
                Text(root, "HostId"),
                Text(root, "Code"),
                Text(root, "Message"),
                Text(root, "Recommend"),
                Property(root, "AccessDeniedDetail") is { ValueKind: JsonValueKind.Object } detail ? Text(detail, "AuthAction") : null);
            return result.Code is null && result.Message is null ? null : result;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.String } value => NullIfEmpty(value.GetString()),
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        _ => null,
    };

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
