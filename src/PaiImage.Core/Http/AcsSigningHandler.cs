using System.Net.Http.Headers;
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
    /// <summary>
    /// The signature of the last attempt, stored on the request for error diagnostics (never holds the secret);
    /// <see cref="RequestSignature.Describe"/> gives its canonical request and string to sign.
    /// </summary>
    public static readonly HttpRequestOptionsKey<RequestSignature> SignatureOption = new("PaiImage.Signature");

    private readonly Func<string> newNonce = nonceFactory ?? (static () => Guid.NewGuid().ToString("N"));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException("A PAI request needs an absolute RequestUri before it can be signed.");
        }

        if (!request.Headers.Contains(AcsV3Signer.Headers.Action) || !request.Headers.Contains(AcsV3Signer.Headers.Version))
        {
            throw new InvalidOperationException($"A PAI request must carry {AcsV3Signer.Headers.Action} and {AcsV3Signer.Headers.Version} headers before it is signed.");
        }

        var current = await credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        RemoveEarlierSignature(request);
        var body = await FreezeBodyAsync(request, cancellationToken).ConfigureAwait(false);

        var target = CanonicalTarget.From(uri);
        var input = new SigningInput(request.Method.Method, target.Host, target.Path, target.Query, SignableHeaders(request), body);
        var signature = AcsV3Signer.SignRequest(input, current, timeProvider.GetUtcNow(), newNonce());
        request.RequestUri = target.WireUri(signature.CanonicalQueryString);

        var headers = request.Headers;
        headers.TryAddWithoutValidation(AcsV3Signer.Headers.Date, signature.Date);
        headers.TryAddWithoutValidation(AcsV3Signer.Headers.Nonce, signature.Nonce);
        headers.TryAddWithoutValidation(AcsV3Signer.Headers.ContentSha256, signature.PayloadHash);
        if (signature.SecurityToken is { } token)
        {
            headers.TryAddWithoutValidation(AcsV3Signer.Headers.SecurityToken, token);
            headers.TryAddWithoutValidation(AcsV3Signer.Headers.AccessKeyId, signature.AccessKeyId);
        }

        headers.Host = signature.Host;
        headers.TryAddWithoutValidation("Authorization", signature.Authorization);

        request.Options.Set(SignatureOption, signature);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Not supported: credentials come from an asynchronous provider (which may call STS or instance metadata),
    /// and blocking on it here could starve the thread pool. Use <see cref="HttpClient.SendAsync(HttpRequestMessage)"/>.
    /// </summary>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PAI requests are signed asynchronously; use HttpClient.SendAsync.");

    private static void RemoveEarlierSignature(HttpRequestMessage request)
    {
        request.Headers.Authorization = null;
        request.Headers.Host = null;
        request.Headers.Remove(AcsV3Signer.Headers.Date);
        request.Headers.Remove(AcsV3Signer.Headers.Nonce);
        request.Headers.Remove(AcsV3Signer.Headers.ContentSha256);
        request.Headers.Remove(AcsV3Signer.Headers.SecurityToken);
        request.Headers.Remove(AcsV3Signer.Headers.AccessKeyId);
    }

    /// <summary>
    /// Reads the body once and replaces it by a <see cref="SignedContent"/> holding exactly those bytes, so what is
    /// hashed is what is sent, and a retry of the same request reuses the bytes instead of reading a stream twice.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>> FreezeBodyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        switch (request.Content)
        {
            case null:
                return ReadOnlyMemory<byte>.Empty;
            case SignedContent signed:
                return signed.Bytes;
        }

        var original = request.Content;
        var bytes = await original.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var frozen = new SignedContent(bytes);
        foreach (var header in original.Headers.NonValidated)
        {
            if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                frozen.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        request.Content = frozen;
        original.Dispose();
        return bytes;
    }

    /// <summary>
    /// Every x-acs-* header and content-type, one value each. A header given several values is collapsed here into
    /// the single comma-joined value the canonical form uses, so the wire and the signature cannot disagree.
    /// </summary>
    private static List<KeyValuePair<string, string>> SignableHeaders(HttpRequestMessage request)
    {
        var headers = new List<KeyValuePair<string, string>>();
        List<KeyValuePair<string, string>>? collapsed = null;
        foreach (var header in request.Headers.NonValidated)
        {
            if (!header.Key.StartsWith("x-acs-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = header.Value.Count == 1 ? header.Value.ToString() : JoinSorted(header.Value);
            if (header.Value.Count != 1)
            {
                (collapsed ??= []).Add(new(header.Key, value));
            }

            headers.Add(new(header.Key, value));
        }

        foreach (var header in collapsed ?? [])
        {
            request.Headers.Remove(header.Key);
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (request.Content is { } content && content.Headers.NonValidated.TryGetValues("Content-Type", out var contentType))
        {
            headers.Add(new("content-type", contentType.ToString()));
        }

        return headers;
    }

    private static string JoinSorted(HeaderStringValues values)
    {
        var trimmed = new List<string>(values.Count);
        foreach (var value in values)
        {
            trimmed.Add(value.Trim());
        }

        trimmed.Sort(StringComparer.Ordinal);
        return string.Join(',', trimmed);
    }

    /// <summary>A body whose bytes were read once and hashed; sent as is on every attempt.</summary>
    private sealed class SignedContent(byte[] bytes) : ByteArrayContent(bytes)
    {
        public ReadOnlyMemory<byte> Bytes { get; } = bytes;
    }
}
