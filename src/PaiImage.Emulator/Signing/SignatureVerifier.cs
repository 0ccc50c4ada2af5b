using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PaiImage.Emulator.Signing;

/// <summary>Checks an ACS3-HMAC-SHA256 (signature V3) request the way the service gateway does.</summary>
internal sealed class SignatureVerifier(IReadOnlyList<EmulatorCredential> credentials, NonceRegistry nonces)
{
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(15);

    private static readonly string[] RequiredHeaders =
        ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"];

    private readonly Dictionary<string, EmulatorCredential> _credentials =
        credentials.GroupBy(c => c.AccessKeyId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    /// <summary>Throws an <see cref="ApiException"/> describing the first problem; returns the caller's credential.</summary>
    public EmulatorCredential Verify(HttpRequest request, RawRequestTarget target, byte[] body, DateTimeOffset now)
    {
        var authorization = AuthorizationHeader.Parse(request.Headers.Authorization.ToString());
        if (!_credentials.TryGetValue(authorization.AccessKeyId, out var credential))
        {
            throw new ApiException(404, ErrorCodes.InvalidAccessKeyIdNotFound, "Specified access key is not found.");
        }

        var signedHeaders = authorization.SignedHeaders.Select(h => h.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        CheckHeadersPresentAndSigned(request, credential, signedHeaders, body.Length > 0);

        var token = request.Headers["x-acs-security-token"].ToString();
        if (credential.IsSts && !string.Equals(token, credential.SecurityToken, StringComparison.Ordinal))
        {
            throw new ApiException(400, ErrorCodes.InvalidSecurityTokenMismatch, "The security token does not match the access key.");
        }

        CheckDate(request.Headers["x-acs-date"].ToString(), now);

        var bodyHash = Sha256Hex(body);
        var canonicalRequest = CanonicalRequest(request, target, signedHeaders, bodyHash);
        var stringToSign = AuthorizationHeader.Algorithm + "\n" + Sha256Hex(Encoding.UTF8.GetBytes(canonicalRequest));
        if (!string.Equals(request.Headers["x-acs-content-sha256"].ToString(), bodyHash, StringComparison.Ordinal))
        {
            throw Mismatch("The x-acs-content-sha256 header is not the SHA-256 of the request body.", canonicalRequest, stringToSign);
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(credential.AccessKeySecret), Encoding.UTF8.GetBytes(stringToSign)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(authorization.Signature)))
        {
            throw Mismatch("Specified signature is not matched with our calculation.", canonicalRequest, stringToSign);
        }

        if (!nonces.TryUse(request.Headers["x-acs-signature-nonce"].ToString(), now, ReplayWindow))
        {
            throw new ApiException(400, ErrorCodes.SignatureNonceUsed, "Specified signature nonce was used already.");
        }

        return credential;
    }

    private static void CheckHeadersPresentAndSigned(HttpRequest request, EmulatorCredential credential, List<string> signedHeaders, bool hasBody)
    {
        var required = RequiredHeaders.ToList();
        if (hasBody)
        {
            required.Add("content-type");
        }

        foreach (var name in required.Where(name => string.IsNullOrWhiteSpace(request.Headers[name].ToString())))
        {
            throw new ApiException(400, ErrorCodes.IncompleteSignature, $"The request signature does not conform to Aliyun standards. Required header \"{name}\" is missing.");
        }

        if (credential.IsSts && string.IsNullOrEmpty(request.Headers["x-acs-security-token"].ToString()))
        {
            throw new ApiException(400, ErrorCodes.InvalidSecurityTokenMissing, "The x-acs-security-token header is required for STS credentials.");
        }

        var mustBeSigned = required
            .Concat(request.Headers.Keys.Select(k => k.ToLowerInvariant()).Where(k => k.StartsWith("x-acs-", StringComparison.Ordinal)))
            .Concat(request.Headers.ContentType.Count > 0 ? ["content-type"] : []);
        foreach (var name in mustBeSigned.Where(name => !signedHeaders.Contains(name)))
        {
            throw new ApiException(400, ErrorCodes.IncompleteSignature, $"The request signature does not conform to Aliyun standards. Header \"{name}\" must be listed in SignedHeaders.");
        }

        foreach (var name in signedHeaders.Where(name => request.Headers[name].Count == 0))
        {
            throw new ApiException(400, ErrorCodes.IncompleteSignature, $"The request signature does not conform to Aliyun standards. Signed header \"{name}\" is not in the request.");
        }
    }

    private static void CheckDate(string value, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            throw new ApiException(400, ErrorCodes.InvalidTimeStampFormat, $"Specified time stamp or date value is not well formatted; x-acs-date must look like 2023-10-26T10:22:32Z (UTC), got \"{value}\".");
        }

        if ((date - now).Duration() > ReplayWindow)
        {
            throw new ApiException(400, ErrorCodes.InvalidTimeStampExpired, $"Specified time stamp or date value is expired. Server time is {now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}, request date is {value}.");
        }
    }

    private static string CanonicalRequest(HttpRequest request, RawRequestTarget target, List<string> signedHeaders, string bodyHash)
    {
        var builder = new StringBuilder()
            .Append(request.Method.ToUpperInvariant()).Append('\n')
            .Append(target.CanonicalUri).Append('\n')
            .Append(target.CanonicalQueryString).Append('\n');
        foreach (var name in signedHeaders)
        {
            var values = request.Headers[name].Select(v => (v ?? "").Trim()).Order(StringComparer.Ordinal);
            builder.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        return builder.Append('\n')
            .Append(string.Join(';', signedHeaders)).Append('\n')
            .Append(bodyHash)
            .ToString();
    }

    private static ApiException Mismatch(string reason, string canonicalRequest, string stringToSign) =>
        new(400, ErrorCodes.SignatureDoesNotMatch, $"{reason} server string to sign is:{stringToSign}")
        {
            CanonicalRequest = canonicalRequest,
        };

    private static string Sha256Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
