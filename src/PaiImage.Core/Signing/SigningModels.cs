using PaiImage.Core.Credentials;

namespace PaiImage.Core.Signing;

/// <summary>What the V3 signer needs to know about one request.</summary>
/// <param name="Method">HTTP method, any case (upper-cased when signed).</param>
/// <param name="Host">Host without scheme; with <c>:port</c> only when the port is not the scheme's default.</param>
/// <param name="CanonicalUri">The path, each segment already RFC 3986-encoded (<see cref="PercentEncoding"/>); empty means <c>/</c>.</param>
/// <param name="QueryParameters">Query parameters, not encoded.</param>
/// <param name="Headers">Headers to send and sign besides those the signer adds (x-acs-action, x-acs-version, content-type…).</param>
/// <param name="Body">The exact body bytes that will be sent; empty for none.</param>
public sealed record SigningInput(
    string Method,
    string Host,
    string CanonicalUri,
    IReadOnlyList<KeyValuePair<string, string>> QueryParameters,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body);

/// <summary>The output of signing, with every intermediate stage for tests, diagnostics and dry runs.</summary>
/// <param name="HeadersToSet">Headers the request must carry: x-acs-date, x-acs-signature-nonce, x-acs-content-sha256, x-acs-security-token/x-acs-accesskey-id for STS, host and Authorization.</param>
public sealed record SignatureResult(
    IReadOnlyList<KeyValuePair<string, string>> HeadersToSet,
    string CanonicalQueryString,
    string CanonicalRequest,
    string HashedCanonicalRequest,
    string StringToSign,
    string SignedHeaders,
    string PayloadHash,
    string Signature,
    string Authorization);

/// <summary>Signature V3 (ACS3-HMAC-SHA256), a pure function of its inputs.</summary>
public static partial class AcsV3Signer
{
    public const string Algorithm = "ACS3-HMAC-SHA256";
}
