using System.Globalization;
using PaiImage.Core.Errors;

namespace PaiImage.Core.Credentials.Profiles;

/// <summary>
/// A minimal INI reader for Alibaba's credentials file: <c>[section]</c> headers, <c>key = value</c> lines,
/// whole-line and inline comments starting with <c>#</c> or <c>;</c> (inline ones after whitespace).
/// </summary>
internal static class IniFile
{
    /// <exception cref="PaiConfigurationException">PAI3105 naming the file and line (never the line's text, which may hold a secret).</exception>
    public static Dictionary<string, Dictionary<string, string>> Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Malformed(path, $"it cannot be read ({ex.GetType().Name})", ex);
        }

        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = StripComment(lines[i]).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var lineNumber = (i + 1).ToString(CultureInfo.InvariantCulture);
            if (line.StartsWith('['))
            {
                if (!line.EndsWith(']') || line.Length < 3)
                {
                    throw Malformed(path, $"line {lineNumber} is not a valid [section] header");
                }

                var name = line[1..^1].Trim();
                if (!sections.TryGetValue(name, out current))
                {
                    current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    sections[name] = current;
                }

                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Malformed(path, $"line {lineNumber} is neither a [section] header nor a 'key = value' line");
            }

            if (current is null)
            {
                throw Malformed(path, $"line {lineNumber} sets a key before any [section] header");
            }

            current[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }

        return sections;
    }

    private static string StripComment(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith('#') || trimmed.StartsWith(';'))
        {
            return "";
        }

        for (var i = 1; i < line.Length; i++)
        {
            if ((line[i] == '#' || line[i] == ';') && char.IsWhiteSpace(line[i - 1]))
            {
                return line[..i];
            }
        }

        return line;
    }

    private static PaiConfigurationException Malformed(string path, string problem, Exception? inner = null) => new(
        CredentialErrorCodes.IniFileMalformed,
        $"The credentials file {path} is malformed: {problem}.",
        "Use [section] headers and 'key = value' lines, e.g. [default] / type = access_key / access_key_id = ... / access_key_secret = ...",
        inner);
}
