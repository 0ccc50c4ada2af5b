using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using PaiImage.Core.Credentials;

namespace PaiImage.Core.Signing;

[SkipLocalsInit]
public static partial class AcsV3Signer
{
    private const int MaxLeanHeaders = 16;
    private const int HashHexLength = SHA256.HashSizeInBytes * 2;
    private const string CredentialPart = " Credential=";
    private const string SignedHeadersPart = ",SignedHeaders=";
    private const string SignaturePart = ",Signature=";

    /// <summary>
    /// Signs one request like <see cref="Sign"/> and gives the same header values, but builds the canonical request as
    /// UTF-8 in a stack or pooled buffer and keeps no intermediate string: the path every request takes. Inputs the
    /// fast path does not cover (more than 16 signed headers, a header name given twice, non-ASCII names or method)
    /// go through <see cref="Sign"/>.
    /// </summary>
    public static RequestSignature SignRequest(SigningInput input, PaiCredentials credentials, DateTimeOffset timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(nonce);

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Sha256Digest.Hash(input.Body.Span, hash);
        var payloadHash = Convert.ToHexStringLower(hash);
        var date = FormatDate(timestamp);

        var headers = new HeaderBuffer();
        if (!TryCollectHeaders(input, credentials, date, nonce, payloadHash, ref headers, out var count) || !IsAscii(input.Method))
        {
            return FromFullSignature(input, credentials, timestamp, nonce);
        }

        Span<CanonicalHeader> sorted = headers;
        sorted = sorted[..count];
        if (!TrySortByName(sorted))
        {
            return FromFullSignature(input, credentials, timestamp, nonce);
        }

        var canonicalQuery = CanonicalQuery(input.QueryParameters);
        var length = CanonicalRequestLength(input, sorted, canonicalQuery);
        char[]? rented = null;
        var canonicalRequest = length <= StackallocLimit ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        var signedHeaders = WriteCanonicalRequest(input, sorted, canonicalQuery, payloadHash, canonicalRequest);
        HashUtf8(canonicalRequest, hash);
        var authorization = Authorization(credentials, canonicalRequest[signedHeaders], hash);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return new RequestSignature(input, credentials.AccessKeyId, credentials.SecurityToken, timestamp, date, nonce, payloadHash, canonicalQuery, authorization);
    }

    private static RequestSignature FromFullSignature(SigningInput input, PaiCredentials credentials, DateTimeOffset timestamp, string nonce)
    {
        var full = Sign(input, credentials, timestamp, nonce);
        return new RequestSignature(
            input, credentials.AccessKeyId, credentials.SecurityToken, timestamp, FormatDate(timestamp), nonce, full.PayloadHash, full.CanonicalQueryString, full.Authorization);
    }

    private static bool TryCollectHeaders(
        SigningInput input, PaiCredentials credentials, string date, string nonce, string payloadHash, ref HeaderBuffer headers, out int count)
    {
        count = 0;
        for (var i = 0; i < input.Headers.Count; i++)
        {
            var header = input.Headers[i];
            if (!IsAscii(header.Key))
            {
                return false;
            }

            var name = LowerAscii(header.Key);
            if (!(name.StartsWith("x-acs-", StringComparison.Ordinal) || name == "content-type") || IsSignerHeaderName(name))
            {
                continue;
            }

            if (count == MaxLeanHeaders)
            {
                return false;
            }

            headers[count++] = new(name, header.Value);
        }

        var signerHeaders = credentials.SecurityToken is null ? 4 : 6;
        if (count + signerHeaders > MaxLeanHeaders)
        {
            return false;
        }

        headers[count++] = new("host", input.Host);
        headers[count++] = new(Headers.Date, date);
        headers[count++] = new(Headers.Nonce, nonce);
        headers[count++] = new(Headers.ContentSha256, payloadHash);
        if (credentials.SecurityToken is { } token)
        {
            headers[count++] = new(Headers.SecurityToken, token);
            headers[count++] = new(Headers.AccessKeyId, credentials.AccessKeyId);
        }

        return true;
    }

    private static int CanonicalRequestLength(SigningInput input, ReadOnlySpan<CanonicalHeader> headers, string canonicalQuery)
    {
        var length = input.Method.Length + 1 + Math.Max(input.CanonicalUri.Length, 1) + 1 + canonicalQuery.Length + 1 + 1 + 1 + HashHexLength;
        foreach (var header in headers)
        {
            length += header.Name.Length + 1 + header.Value.AsSpan().Trim().Length + 1 + header.Name.Length + 1;
        }

        return length - 1;
    }

    /// <summary>Writes the canonical request (protocol §2.3) and gives where its signed-headers line is.</summary>
    private static Range WriteCanonicalRequest(
        SigningInput input, ReadOnlySpan<CanonicalHeader> headers, string canonicalQuery, string payloadHash, Span<char> destination)
    {
        var at = input.Method.AsSpan().ToUpperInvariant(destination);
        destination[at++] = '\n';
        at = Append(destination, at, input.CanonicalUri.Length == 0 ? "/" : input.CanonicalUri);
        destination[at++] = '\n';
        at = Append(destination, at, canonicalQuery);
        destination[at++] = '\n';
        foreach (var header in headers)
        {
            at = Append(destination, at, header.Name);
            destination[at++] = ':';
            var value = header.Value.AsSpan().Trim();
            value.CopyTo(destination[at..]);
            at += value.Length;
            destination[at++] = '\n';
        }

        destination[at++] = '\n';
        var signedHeadersStart = at;
        for (var i = 0; i < headers.Length; i++)
        {
            if (i > 0)
            {
                destination[at++] = ';';
            }

            at = Append(destination, at, headers[i].Name);
        }

        var signedHeadersEnd = at;
        destination[at++] = '\n';
        Append(destination, at, payloadHash);
        return signedHeadersStart..signedHeadersEnd;
    }

    /// <summary>SHA-256 of the text's UTF-8 bytes; canonical requests are ASCII, so that case is one narrowing copy.</summary>
    private static void HashUtf8(ReadOnlySpan<char> text, Span<byte> hash)
    {
        byte[]? rented = null;
        var length = Ascii.IsValid(text) ? text.Length : Encoding.UTF8.GetByteCount(text);
        var bytes = length <= StackallocLimit ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        Encoding.UTF8.GetBytes(text, bytes);
        Sha256Digest.Hash(bytes, hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>HMAC-SHA256 of the string to sign, written straight into the Authorization value.</summary>
    private static string Authorization(PaiCredentials credentials, ReadOnlySpan<char> signedHeaders, ReadOnlySpan<byte> canonicalHash)
    {
        Span<byte> stringToSign = stackalloc byte[Algorithm.Length + 1 + HashHexLength];
        Encoding.ASCII.GetBytes(Algorithm, stringToSign);
        stringToSign[Algorithm.Length] = (byte)'\n';
        Convert.TryToHexStringLower(canonicalHash, stringToSign[(Algorithm.Length + 1)..], out _);

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HmacSha256Key.For(credentials.AccessKeySecret).Compute(stringToSign, mac);

        var length = Algorithm.Length + CredentialPart.Length + credentials.AccessKeyId.Length + SignedHeadersPart.Length + signedHeaders.Length
            + SignaturePart.Length + HashHexLength;
        char[]? rented = null;
        var chars = length <= StackallocLimit ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        var at = Append(chars, 0, Algorithm);
        at = Append(chars, at, CredentialPart);
        at = Append(chars, at, credentials.AccessKeyId);
        at = Append(chars, at, SignedHeadersPart);
        signedHeaders.CopyTo(chars[at..]);
        at += signedHeaders.Length;
        at = Append(chars, at, SignaturePart);
        Convert.TryToHexStringLower(mac, chars[at..], out var written);
        var authorization = new string(chars[..(at + written)]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return authorization;
    }

    private static int Append(Span<char> destination, int at, string value)
    {
        value.CopyTo(destination[at..]);
        return at + value.Length;
    }

    /// <summary>The name in lower case; the same string when it has no upper-case letter, as signed names usually do not.</summary>
    private static string LowerAscii(string name) =>
        name.AsSpan().ContainsAnyInRange('A', 'Z') ? name.ToLowerInvariant() : name;

    private static bool IsSignerHeaderName(string lowerName) =>
        lowerName is "host" or Headers.Date or Headers.Nonce or Headers.ContentSha256 or Headers.SecurityToken or Headers.AccessKeyId;

    /// <summary>Insertion sort by ordinal name (at most 16 entries); false when a name occurs twice.</summary>
    private static bool TrySortByName(Span<CanonicalHeader> headers)
    {
        for (var i = 1; i < headers.Length; i++)
        {
            var current = headers[i];
            var j = i - 1;
            int order;
            while (j >= 0 && (order = string.CompareOrdinal(headers[j].Name, current.Name)) >= 0)
            {
                if (order == 0)
                {
                    return false;
                }

                headers[j + 1] = headers[j];
                j--;
            }

            headers[j + 1] = current;
        }

        return true;
    }

    private static bool IsAscii(string value) => Ascii.IsValid(value);

    private readonly record struct CanonicalHeader(string Name, string Value);

    [InlineArray(MaxLeanHeaders)]
    private struct HeaderBuffer
    {
        private CanonicalHeader _first;
    }
}
