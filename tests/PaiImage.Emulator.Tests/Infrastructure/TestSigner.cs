using System.Security.Cryptography;
using System.Text;

namespace PaiImage.Emulator.Tests.Infrastructure;

/// <summary>A minimal ACS3-HMAC-SHA256 signer written from pai-protocol.md §2.3–2.7, independent of the emulator.</summary>
internal static class TestSigner
{
    public const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    public static string CanonicalQuery(IEnumerable<(string Name, string Value)> parameters) =>
        string.Join('&', parameters
            .Select(p => (Name: Encode(p.Name), Value: Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

    public static string Hash(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Returns the canonical request for the given lowercase headers (all of which are signed).</summary>
    public static string CanonicalRequest(string method, string path, string query, IReadOnlyDictionary<string, string> headers, string payloadHash)
    {
        var names = headers.Keys.Order(StringComparer.Ordinal).ToList();
        var canonicalHeaders = string.Concat(names.Select(n => n + ":" + headers[n].Trim() + "\n"));
        return $"{method}\n{path}\n{query}\n{canonicalHeaders}\n{string.Join(';', names)}\n{payloadHash}";
    }

    public static string StringToSign(string canonicalRequest) =>
        "ACS3-HMAC-SHA256\n" + Hash(Encoding.UTF8.GetBytes(canonicalRequest));

    public static string Signature(string secret, string stringToSign) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));
}
