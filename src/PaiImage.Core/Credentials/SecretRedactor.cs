using PaiImage.Core.Signing;

namespace PaiImage.Core.Credentials;

/// <summary>Removes known secrets from text a server sent back before it goes into an error message.</summary>
internal static class SecretRedactor
{
    public static string Redact(string text, params string?[] secrets)
    {
        // A signature error echoes the server's string to sign, which can carry the security token.
        var cut = text.IndexOf("string to sign", StringComparison.OrdinalIgnoreCase);
        if (cut >= 0)
        {
            text = text[..cut].TrimEnd(' ', ':', ',', '.') + " (server string to sign omitted)";
        }

        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret))
            {
                continue;
            }

            text = text.Replace(secret, "***", StringComparison.Ordinal)
                .Replace(PercentEncoding.Encode(secret), "***", StringComparison.Ordinal);
        }

        return text;
    }
}
