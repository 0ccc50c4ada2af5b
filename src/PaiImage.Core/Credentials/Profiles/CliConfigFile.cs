using System.Globalization;
using System.Text.Json;
using PaiImage.Core.Errors;

namespace PaiImage.Core.Credentials.Profiles;

/// <summary>The aliyun CLI's ~/.aliyun/config.json: <c>{"current": "...", "profiles": [{"name": "...", "mode": "...", ...}]}</c>.</summary>
internal sealed class CliConfigFile
{
    private readonly Dictionary<string, JsonElement> _profiles;

    private CliConfigFile(string path, string? current, Dictionary<string, JsonElement> profiles)
    {
        Path = path;
        Current = current;
        _profiles = profiles;
    }

    public string Path { get; }

    /// <summary>The profile the CLI uses when none is named.</summary>
    public string? Current { get; }

    public IEnumerable<string> ProfileNames => _profiles.Keys;

    public bool TryGetProfile(string name, out JsonElement profile) => _profiles.TryGetValue(name, out profile);

    /// <exception cref="PaiConfigurationException">PAI3102 when the file is not the CLI's JSON shape.</exception>
    public static CliConfigFile Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(path, "the top level is not a JSON object");
            }

            var profiles = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (root.TryGetProperty("profiles", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw Malformed(path, "'profiles' is not an array");
                }

                var index = 0;
                foreach (var profile in list.EnumerateArray())
                {
                    var name = GetString(profile, "name")
                        ?? throw Malformed(path, $"profile #{(index + 1).ToString(CultureInfo.InvariantCulture)} has no 'name'");
                    profiles[name] = profile.Clone();
                    index++;
                }
            }

            var current = root.TryGetProperty("current", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            return new CliConfigFile(path, string.IsNullOrWhiteSpace(current) ? null : current, profiles);
        }
        catch (JsonException ex)
        {
            // JsonException messages name line and position only, never the text, so no secret leaks.
            throw Malformed(path, $"it is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine})", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Malformed(path, $"it cannot be read ({ex.GetType().Name})", ex);
        }
    }

    /// <summary>A non-blank string field, or null.</summary>
    public static string? GetString(JsonElement profile, string name) =>
        profile.ValueKind == JsonValueKind.Object && profile.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;

    /// <summary>A number written as JSON number or string; null when absent or zero.</summary>
    public static int? GetPositiveInt(JsonElement profile, string name, out bool invalid)
    {
        invalid = false;
        if (profile.ValueKind != JsonValueKind.Object || !profile.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if ((value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
            || (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number)))
        {
            invalid = number < 0;
            return number > 0 ? number : null;
        }

        invalid = true;
        return null;
    }

    public static bool? GetBool(JsonElement profile, string name) =>
        profile.ValueKind == JsonValueKind.Object && profile.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String => string.Equals(value.GetString(), "true", StringComparison.OrdinalIgnoreCase),
                _ => null,
            }
            : null;

    private static PaiConfigurationException Malformed(string path, string problem, Exception? inner = null) => new(
        CredentialErrorCodes.CliConfigMalformed,
        $"The aliyun CLI configuration {path} is malformed: {problem}.",
        $"Fix or recreate it with 'aliyun configure', or set {CredentialEnvironment.CliProfileDisabled}=true to ignore it.",
        inner);
}
