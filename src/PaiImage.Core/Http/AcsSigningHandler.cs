using PaiImage.Core.Credentials;
using PaiImage.Core.Signing;

namespace PaiImage.Core.Http;

/// <summary>
/// Signs every attempt of a request with signature V3: removes headers an earlier attempt left, adds a fresh
/// x-acs-date and nonce, hashes the exact body bytes it then sends. The request must carry x-acs-action and
/// x-acs-version already.
/// </summary>
public sealed partial class AcsSigningHandler(ICredentialProvider credentials, TimeProvider timeProvider, Func<string>? nonceFactory = null)
    : DelegatingHandler
{
    /// <summary>The signature of the last attempt, stored on the request for error diagnostics (never holds the secret).</summary>
    public static readonly HttpRequestOptionsKey<SignatureResult> SignatureOption = new("PaiImage.Signature");

    // CONTRACT STUB — implemented by the signing work.
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotImplementedException($"{credentials.Name} {timeProvider} {nonceFactory}");
}
