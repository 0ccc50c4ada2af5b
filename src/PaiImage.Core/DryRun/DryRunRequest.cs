namespace PaiImage.Core.DryRun;

/// <summary>
/// A request exactly as it would be sent, signed, with every signing stage; the security token is masked and the
/// AccessKey secret never appears.
/// </summary>
/// <param name="Action">The API action, e.g. <c>AddImage</c>.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Url">The absolute URL on the wire.</param>
/// <param name="Headers">Every header sent, content headers included, in the order the request carries them.</param>
/// <param name="Body">The body text (UTF-8), or null when there is none.</param>
/// <param name="CanonicalRequest">The V3 canonical request that was signed.</param>
/// <param name="StringToSign">The V3 string to sign.</param>
/// <param name="Authorization">The Authorization header value (the signature is not secret).</param>
/// <param name="CredentialSource">Where the signing credentials came from, e.g. <c>environment</c>.</param>
public sealed record DryRunRequest(
    string Action,
    string Method,
    Uri Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? Body,
    string CanonicalRequest,
    string StringToSign,
    string Authorization,
    string CredentialSource);
