using System.Security.Cryptography;
using System.Text;
using PaiImage.Core.Signing;

namespace PaiImage.Core.Credentials.Sts;

/// <summary>
/// Alibaba's RPC signature version 1 (HMAC-SHA1), as STS requires: every parameter except <c>Signature</c>
/// (query and form body alike) sorted by name, percent-encoded into a canonical query string, which is
/// percent-encoded again into <c>METHOD&amp;%2F&amp;…</c> and signed with the key <c>secret&amp;</c>.
/// </summary>
public static class RpcV1Signer
{
    /// <summary>The parameters (except <c>Signature</c>), sorted by name, as <c>k=v</c> pairs joined by <c>&amp;</c>.</summary>
    public static string CanonicalizeParameters(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Join('&', parameters
            .Where(p => p.Key != "Signature")
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{PercentEncoding.Encode(p.Key)}={PercentEncoding.Encode(p.Value)}"));
    }

    public static string BuildStringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        return $"{method.ToUpperInvariant()}&%2F&{PercentEncoding.Encode(CanonicalizeParameters(parameters))}";
    }

    /// <summary>Base64(HMAC-SHA1(secret + "&amp;", stringToSign)).</summary>
    public static string ComputeSignature(string stringToSign, string accessKeySecret)
    {
        ArgumentNullException.ThrowIfNull(stringToSign);
        ArgumentNullException.ThrowIfNull(accessKeySecret);
#pragma warning disable CA5350 // The RPC V1 protocol is defined on HMAC-SHA1; STS accepts nothing else for it.
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(accessKeySecret + "&"), Encoding.UTF8.GetBytes(stringToSign));
#pragma warning restore CA5350
        return Convert.ToBase64String(mac);
    }

    public static string Sign(string method, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret) =>
        ComputeSignature(BuildStringToSign(method, parameters), accessKeySecret);
}
