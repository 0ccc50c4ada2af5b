namespace PaiImage.Core.Signing;

/// <summary>
/// What a signed request must carry, and nothing more: the values of the headers the signer sets and the canonical
/// query string to send. The intermediate stages are rebuilt only when asked for, by <see cref="Describe"/>.
/// Holds no secret.
/// </summary>
public sealed class RequestSignature
{
    private const int SignatureHexLength = 64;

    private readonly SigningInput _input;
    private readonly DateTimeOffset _timestamp;

    internal RequestSignature(
        SigningInput input,
        string accessKeyId,
        string? securityToken,
        DateTimeOffset timestamp,
        string date,
        string nonce,
        string payloadHash,
        string canonicalQueryString,
        string authorization)
    {
        _input = input;
        _timestamp = timestamp;
        AccessKeyId = accessKeyId;
        SecurityToken = securityToken;
        Date = date;
        Nonce = nonce;
        PayloadHash = payloadHash;
        CanonicalQueryString = canonicalQueryString;
        Authorization = authorization;
    }

    /// <summary>The AccessKey id; sent as x-acs-accesskey-id only with STS credentials.</summary>
    public string AccessKeyId { get; }

    /// <summary>x-acs-security-token for STS credentials, otherwise null (and then no x-acs-accesskey-id is sent).</summary>
    public string? SecurityToken { get; }

    /// <summary>x-acs-date.</summary>
    public string Date { get; }

    /// <summary>x-acs-signature-nonce.</summary>
    public string Nonce { get; }

    /// <summary>x-acs-content-sha256.</summary>
    public string PayloadHash { get; }

    /// <summary>The host header.</summary>
    public string Host => _input.Host;

    public string Authorization { get; }

    /// <summary>The query string exactly as signed (without '?'); send this one.</summary>
    public string CanonicalQueryString { get; }

    /// <summary>Every stage of this signature (canonical request, string to sign…), computed now, for diagnostics and tests.</summary>
    public SignatureResult Describe() =>
        AcsV3Signer.Describe(_input, AccessKeyId, SecurityToken, _timestamp, Nonce, Authorization[^SignatureHexLength..]);
}
