using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PaiImage.Core.Credentials;

namespace PaiImage.Core.Signing;

public static partial class AcsV3Signer
{
    private const int DateLength = 20;
    internal const int StackallocLimit = 1024;

    /// <summary>
    /// Signs one request (protocol §2.3–2.4). Headers in <see cref="SigningInput.Headers"/> whose names the signer
    /// sets itself (host, x-acs-date, x-acs-signature-nonce, x-acs-content-sha256, x-acs-security-token,
    /// x-acs-accesskey-id) are ignored; the signer's values win.
    /// </summary>
    public static SignatureResult Sign(SigningInput input, PaiCredentials credentials, DateTimeOffset timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(nonce);

        var stages = Canonicalize(input, credentials.AccessKeyId, credentials.SecurityToken, timestamp, nonce);
        return Complete(input, stages, credentials.AccessKeyId, HmacSha256Hex(credentials.AccessKeySecret, stages.StringToSign));
    }

    /// <summary>Every stage of a signature made earlier, rebuilt from its inputs and its signature (no secret needed).</summary>
    internal static SignatureResult Describe(SigningInput input, string accessKeyId, string? securityToken, DateTimeOffset timestamp, string nonce, string signature) =>
        Complete(input, Canonicalize(input, accessKeyId, securityToken, timestamp, nonce), accessKeyId, signature);

    private static SignatureResult Complete(SigningInput input, Stages stages, string accessKeyId, string signature)
    {
        var authorization = $"{Algorithm} Credential={accessKeyId},SignedHeaders={stages.SignedHeaders},Signature={signature}";
        var headersToSet = new KeyValuePair<string, string>[stages.Added.Length + 2];
        stages.Added.CopyTo(headersToSet, 0);
        headersToSet[^2] = new("host", input.Host);
        headersToSet[^1] = new("Authorization", authorization);

        return new SignatureResult(
            headersToSet,
            stages.CanonicalQuery,
            stages.CanonicalRequest,
            stages.HashedCanonicalRequest,
            stages.StringToSign,
            stages.SignedHeaders,
            stages.PayloadHash,
            signature,
            authorization);
    }

    private static Stages Canonicalize(SigningInput input, string accessKeyId, string? securityToken, DateTimeOffset timestamp, string nonce)
    {
        var payloadHash = Sha256Hex(input.Body.Span);
        var added = SignerHeaders(accessKeyId, securityToken, timestamp, nonce, payloadHash);
        var canonicalHeaders = CanonicalHeaders(input, added);
        var canonicalQuery = CanonicalQuery(input.QueryParameters);

        var builder = AcquireBuilder();
        foreach (var header in canonicalHeaders)
        {
            builder.Append(header.Key).Append(';');
        }

        var signedHeaders = builder.ToString(0, builder.Length - 1);

        builder.Clear();
        foreach (var c in input.Method)
        {
            builder.Append(char.ToUpperInvariant(c));
        }

        builder.Append('\n')
            .Append(input.CanonicalUri.Length == 0 ? "/" : input.CanonicalUri).Append('\n')
            .Append(canonicalQuery).Append('\n');
        foreach (var header in canonicalHeaders)
        {
            builder.Append(header.Key).Append(':').Append(header.Value).Append('\n');
        }

        builder.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        var canonicalRequest = builder.ToString();
        ReleaseBuilder(builder);

        var hashedCanonicalRequest = Sha256Hex(canonicalRequest);
        return new Stages(added, canonicalQuery, canonicalRequest, hashedCanonicalRequest, Algorithm + "\n" + hashedCanonicalRequest, signedHeaders, payloadHash);
    }

    /// <summary>Formats a time the way x-acs-date wants it: UTC, whole seconds, e.g. <c>2023-10-26T10:22:32Z</c>.</summary>
    public static string FormatDate(DateTimeOffset timestamp)
    {
        // The sortable "s" format is this layout without the zone, and formats far faster than a custom pattern.
        Span<char> text = stackalloc char[DateLength];
        timestamp.UtcDateTime.TryFormat(text, out var written, "s", CultureInfo.InvariantCulture);
        text[written] = 'Z';
        return new string(text[..(written + 1)]);
    }

    /// <summary>Whether the signer sets this header itself (so anything a caller or an earlier attempt left must go).</summary>
    public static bool IsSignerHeader(string name) =>
        name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals(Headers.Date, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Headers.Nonce, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Headers.ContentSha256, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Headers.SecurityToken, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Headers.AccessKeyId, StringComparison.OrdinalIgnoreCase);

    private static KeyValuePair<string, string>[] SignerHeaders(string accessKeyId, string? securityToken, DateTimeOffset timestamp, string nonce, string payloadHash)
    {
        var date = FormatDate(timestamp);
        if (securityToken is { } token)
        {
            return
            [
                new(Headers.Date, date),
                new(Headers.Nonce, nonce),
                new(Headers.ContentSha256, payloadHash),
                new(Headers.SecurityToken, token),
                new(Headers.AccessKeyId, accessKeyId),
            ];
        }

        return [new(Headers.Date, date), new(Headers.Nonce, nonce), new(Headers.ContentSha256, payloadHash)];
    }

    /// <summary>Lower-case names, trimmed values, sorted by name; several values of one name joined by <c>,</c> in sorted order.</summary>
    private static ArraySegment<KeyValuePair<string, string>> CanonicalHeaders(SigningInput input, KeyValuePair<string, string>[] added)
    {
        var entries = new KeyValuePair<string, string>[input.Headers.Count + added.Length + 1];
        var count = 0;
        foreach (var header in input.Headers)
        {
            if (IsSigned(header.Key) && !IsSignerHeader(header.Key))
            {
                entries[count++] = new(header.Key.ToLowerInvariant(), header.Value.Trim());
            }
        }

        foreach (var header in added)
        {
            entries[count++] = new(header.Key, header.Value.Trim());
        }

        entries[count++] = new("host", input.Host.Trim());
        entries.AsSpan(0, count).Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Key, b.Key);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });

        // Merge in place: entries of one name are adjacent (and already in value order) after the sort.
        var merged = 0;
        for (var i = 0; i < count; i++)
        {
            if (merged > 0 && entries[merged - 1].Key == entries[i].Key)
            {
                entries[merged - 1] = new(entries[i].Key, entries[merged - 1].Value + "," + entries[i].Value);
            }
            else
            {
                entries[merged++] = entries[i];
            }
        }

        return new ArraySegment<KeyValuePair<string, string>>(entries, 0, merged);
    }

    private static bool IsSigned(string name) =>
        name.StartsWith("x-acs-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// RFC 3986-encoded <c>name=value</c> pairs joined by <c>&amp;</c>, sorted by encoded name then encoded value:
    /// the encoded form is what the server sees, so its byte order is the one both sides agree on.
    /// </summary>
    private static string CanonicalQuery(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        if (parameters.Count == 0)
        {
            return string.Empty;
        }

        var encoded = new KeyValuePair<string, string>[parameters.Count];
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i] = new(PercentEncoding.Encode(parameters[i].Key), PercentEncoding.Encode(parameters[i].Value ?? string.Empty));
        }

        encoded.AsSpan().Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Key, b.Key);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });

        var builder = AcquireBuilder();
        foreach (var pair in encoded)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(pair.Key).Append('=').Append(pair.Value);
        }

        var result = builder.ToString();
        ReleaseBuilder(builder);
        return result;
    }

    private static string Sha256Hex(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Sha256Digest.Hash(data, hash);
        return Convert.ToHexStringLower(hash);
    }

    private static string Sha256Hex(string text) => WithUtf8(text, static bytes => Sha256Hex(bytes));

    private static string HmacSha256Hex(string secret, string message) => WithUtf8(message, bytes =>
    {
        Span<byte> mac = stackalloc byte[SHA256.HashSizeInBytes];
        HmacSha256Key.For(secret).Compute(bytes, mac);
        return Convert.ToHexStringLower(mac);
    });

    private static string WithUtf8(string text, Utf8Func<string> use)
    {
        var byteCount = Encoding.UTF8.GetByteCount(text);
        byte[]? rented = null;
        var bytes = byteCount <= StackallocLimit ? stackalloc byte[byteCount] : (rented = ArrayPool<byte>.Shared.Rent(byteCount)).AsSpan(0, byteCount);
        Encoding.UTF8.GetBytes(text, bytes);
        var result = use(bytes);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return result;
    }

    private delegate T Utf8Func<T>(ReadOnlySpan<byte> bytes);

    // One StringBuilder per thread, reused, so building the canonical request does not allocate a fresh buffer each time.
    [ThreadStatic]
    private static StringBuilder? cachedBuilder;

    private static StringBuilder AcquireBuilder()
    {
        var builder = cachedBuilder ?? new StringBuilder(512);
        cachedBuilder = null;
        return builder.Clear();
    }

    private static void ReleaseBuilder(StringBuilder builder)
    {
        if (builder.Capacity <= 4096)
        {
            cachedBuilder = builder;
        }
    }

    private readonly record struct Stages(
        KeyValuePair<string, string>[] Added,
        string CanonicalQuery,
        string CanonicalRequest,
        string HashedCanonicalRequest,
        string StringToSign,
        string SignedHeaders,
        string PayloadHash);

    /// <summary>Names of the headers the V3 signature adds.</summary>
    public static class Headers
    {
        public const string Action = "x-acs-action";
        public const string Version = "x-acs-version";
        public const string Date = "x-acs-date";
        public const string Nonce = "x-acs-signature-nonce";
        public const string ContentSha256 = "x-acs-content-sha256";
        public const string SecurityToken = "x-acs-security-token";
        public const string AccessKeyId = "x-acs-accesskey-id";
    }
}
