using System.Buffers;
using System.Text;
using PaiImage.Core.Credentials;

namespace PaiImage.Core.Signing;

/// <summary>
/// The canonical request of the last request shape a thread signed, with the places of the values that change
/// from one request to the next (payload hash, date, nonce) — for the next request of the same shape.
/// </summary>
/// <remarks>
/// Why: requests of one operation differ only in those values (every AddImage has the same method, host, path
/// and headers), and sorting, lower-casing and writing the rest again was about a third of a signature's time.
/// The template holds no secret; a shape that differs in anything else is signed the long way.
/// </remarks>
internal sealed class CanonicalRequestTemplate
{
    [ThreadStatic]
    private static CanonicalRequestTemplate? threadTemplate;

    private readonly string _method;
    private readonly string _host;
    private readonly string _canonicalUri;
    private readonly KeyValuePair<string, string>[] _query;
    private readonly KeyValuePair<string, string>[] _headers;
    private readonly string _accessKeyId;
    private readonly string? _securityToken;
    private readonly byte[] _canonicalRequest;
    private readonly CanonicalLayout _layout;

    // The hash state after the part before the first per-request value, when libcrypto can keep one.
    private readonly byte[] _prefixState = new byte[OpenSslSha256.StateSize];
    private readonly bool _hasPrefixState;

    private CanonicalRequestTemplate(SigningInput input, PaiCredentials credentials, byte[] canonicalRequest, CanonicalLayout layout, string canonicalQuery, string authorizationPrefix)
    {
        _method = input.Method;
        _host = input.Host;
        _canonicalUri = input.CanonicalUri;
        _query = [.. input.QueryParameters];
        _headers = [.. input.Headers];
        _accessKeyId = credentials.AccessKeyId;
        _securityToken = credentials.SecurityToken;
        _canonicalRequest = canonicalRequest;
        _layout = layout;
        _hasPrefixState = OpenSslSha256.TryStart(canonicalRequest.AsSpan(0, layout.PayloadHashHeader), _prefixState);
        CanonicalQuery = canonicalQuery;
        AuthorizationPrefix = authorizationPrefix;
    }

    /// <summary>The canonical query string the template was made with.</summary>
    public string CanonicalQuery { get; }

    /// <summary>The Authorization value up to and including <c>Signature=</c>.</summary>
    public string AuthorizationPrefix { get; }

    /// <summary>This thread's template, if the request has its shape (everything but body, date and nonce alike).</summary>
    public static CanonicalRequestTemplate? Find(SigningInput input, PaiCredentials credentials, string nonce)
    {
        var template = threadTemplate;
        return template is not null && template.Fits(input, credentials, nonce) ? template : null;
    }

    /// <summary>Keeps an ASCII canonical request, just written for <paramref name="input"/>, as this thread's template.</summary>
    public static CanonicalRequestTemplate Remember(
        SigningInput input, PaiCredentials credentials, ReadOnlySpan<char> canonicalRequest, CanonicalLayout layout, string canonicalQuery, string authorizationPrefix) =>
        threadTemplate = new(input, credentials, ToAscii(canonicalRequest), layout, canonicalQuery, authorizationPrefix);

    /// <summary>Whether a nonce can fill a template's place: ASCII, nothing to trim (its canonical form is itself).</summary>
    public static bool IsPlain(string nonce) => Ascii.IsValid(nonce) && nonce.AsSpan().Trim().Length == nonce.Length;

    private static byte[] ToAscii(ReadOnlySpan<char> text)
    {
        var bytes = new byte[text.Length];
        Encoding.ASCII.GetBytes(text, bytes);
        return bytes;
    }

    /// <summary>SHA-256 of the canonical request with this request's payload hash, date and nonce in their places.</summary>
    public void HashCanonicalRequest(string payloadHash, string date, string nonce, Span<byte> hash)
    {
        // Everything before the payload hash header's value is the same for every request of this shape.
        var start = _layout.PayloadHashHeader;
        byte[]? rented = null;
        var length = _canonicalRequest.Length - start;
        var tail = length <= AcsV3Signer.StackallocLimit ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        _canonicalRequest.AsSpan(start).CopyTo(tail);
        Encoding.ASCII.GetBytes(payloadHash, tail);
        Encoding.ASCII.GetBytes(date, tail[(_layout.Date - start)..]);
        Encoding.ASCII.GetBytes(nonce, tail[(_layout.Nonce - start)..]);
        Encoding.ASCII.GetBytes(payloadHash, tail[(_layout.PayloadHashLine - start)..]);
        if (!_hasPrefixState || !OpenSslSha256.TryContinue(_prefixState, tail, hash))
        {
            Sha256Digest.Hash(_canonicalRequest.AsSpan(0, start), tail, hash);
        }

        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private bool Fits(SigningInput input, PaiCredentials credentials, string nonce) =>
        nonce.Length == _layout.NonceLength
        && IsPlain(nonce)
        && string.Equals(input.Method, _method, StringComparison.Ordinal)
        && string.Equals(input.Host, _host, StringComparison.Ordinal)
        && string.Equals(input.CanonicalUri, _canonicalUri, StringComparison.Ordinal)
        && string.Equals(credentials.AccessKeyId, _accessKeyId, StringComparison.Ordinal)
        && string.Equals(credentials.SecurityToken, _securityToken, StringComparison.Ordinal)
        && Same(input.QueryParameters, _query)
        && Same(input.Headers, _headers);

    private static bool Same(IReadOnlyList<KeyValuePair<string, string>> pairs, KeyValuePair<string, string>[] kept)
    {
        if (pairs.Count != kept.Length)
        {
            return false;
        }

        for (var i = 0; i < kept.Length; i++)
        {
            var pair = pairs[i];
            if (!string.Equals(pair.Key, kept[i].Key, StringComparison.Ordinal) || !string.Equals(pair.Value, kept[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Where the values that change between requests sit in a canonical request, and its signed-headers line.</summary>
internal readonly record struct CanonicalLayout(int PayloadHashHeader, int Date, int Nonce, int NonceLength, int PayloadHashLine, Range SignedHeaders);
