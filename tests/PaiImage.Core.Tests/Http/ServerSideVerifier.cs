using System.Security.Cryptography;
using System.Text;

namespace PaiImage.Core.Tests.Http;

/// <summary>
/// Recomputes a V3 signature from what the server received, written from the protocol text (§2.3–2.4) and
/// independent of the product's signer: it is what Alibaba's gateway does with the request.
/// </summary>
internal static class ServerSideVerifier
{
    /// <summary>Returns null when the signature verifies, otherwise why not.</summary>
    public static string? Verify(RecordedRequest request, string secret)
    {
        var authorization = request.Header("Authorization");
        const string Prefix = "ACS3-HMAC-SHA256 ";
        if (!authorization.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return $"bad Authorization '{authorization}'";
        }

        var fields = authorization[Prefix.Length..].Split(',').Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1]);
        var signedHeaders = fields["SignedHeaders"].Split(';');

        foreach (var name in request.Headers.Keys.Where(n => n.StartsWith("x-acs-", StringComparison.OrdinalIgnoreCase)))
        {
            if (!signedHeaders.Contains(name.ToLowerInvariant()))
            {
                return $"header {name} is not signed";
            }
        }

        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(request.Body));
        if (request.Header("x-acs-content-sha256") != bodyHash)
        {
            return "x-acs-content-sha256 is not the hash of the received body";
        }

        var target = request.RawTarget.Split('?', 2);
        var canonicalQuery = target.Length == 1 || target[1].Length == 0
            ? string.Empty
            : string.Join('&', target[1].Split('&')
                .Select(p => p.Split('=', 2))
                .Select(p => (Name: Encode(Uri.UnescapeDataString(p[0])), Value: Encode(Uri.UnescapeDataString(p.Length > 1 ? p[1] : string.Empty))))
                .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
                .Select(p => p.Name + "=" + p.Value));

        var canonical = new StringBuilder()
            .Append(request.Method).Append('\n')
            .Append(target[0]).Append('\n')
            .Append(canonicalQuery).Append('\n');
        foreach (var name in signedHeaders)
        {
            canonical.Append(name).Append(':').Append(request.Header(name).Trim()).Append('\n');
        }

        canonical.Append('\n').Append(fields["SignedHeaders"]).Append('\n').Append(bodyHash);
        var stringToSign = "ACS3-HMAC-SHA256\n" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));
        return expected == fields["Signature"] ? null : $"signature mismatch; server string to sign:\n{stringToSign}";
    }

    private static string Encode(string value)
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
}
