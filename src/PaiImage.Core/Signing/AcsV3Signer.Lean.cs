using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using PaiImage.Core.Credentials;

namespace PaiImage.Core.Signing;

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
        sorted.Sort(static (a, b) => CompareLowerAscii(a.Name, b.Name));
        for (var i = 1; i < sorted.Length; i++)
        {
            if (CompareLowerAscii(sorted[i - 1].Name, sorted[i].Name) == 0)
            {
                return FromFullSignature(input, credentials, timestamp, nonce);
            }
        }

        var canonicalQuery = CanonicalQuery(input.QueryParameters);
        var signedHeadersLength = sorted.Length - 1;
        foreach (var header in sorted)
        {
            signedHeadersLength += header.Name.Length;
        }

        HashCanonicalRequest(input, sorted, canonicalQuery, signedHeadersLength, payloadHash, hash);
        var authorization = Authorization(credentials, sorted, signedHeadersLength, hash);
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
        foreach (var header in input.Headers)
        {
            if (!IsSigned(header.Key) || IsSignerHeader(header.Key))
            {
                continue;
            }

            if (count == MaxLeanHeaders || !IsAscii(header.Key))
            {
                return false;
            }

            headers[count++] = new(header.Key, header.Value);
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

    /// <summary>Writes the canonical request (protocol §2.3) as UTF-8 and leaves its SHA-256 in <paramref name="hash"/>.</summary>
    private static void HashCanonicalRequest(
        SigningInput input, ReadOnlySpan<CanonicalHeader> headers, string canonicalQuery, int signedHeadersLength, string payloadHash, Span<byte> hash)
    {
        var path = input.CanonicalUri.Length == 0 ? "/" : input.CanonicalUri;
        var length = input.Method.Length + 1 + Encoding.UTF8.GetByteCount(path) + 1 + Encoding.UTF8.GetByteCount(canonicalQuery) + 1
            + 1 + signedHeadersLength + 1 + payloadHash.Length;
        foreach (var header in headers)
        {
            length += header.Name.Length + 1 + Encoding.UTF8.GetByteCount(header.Value.AsSpan().Trim()) + 1;
        }

        byte[]? rented = null;
        var buffer = length <= StackallocLimit ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        var at = 0;
        foreach (var c in input.Method)
        {
            buffer[at++] = (byte)char.ToUpperInvariant(c);
        }

        buffer[at++] = (byte)'\n';
        at += Encoding.UTF8.GetBytes(path, buffer[at..]);
        buffer[at++] = (byte)'\n';
        at += Encoding.UTF8.GetBytes(canonicalQuery, buffer[at..]);
        buffer[at++] = (byte)'\n';
        foreach (var header in headers)
        {
            at += WriteLowerAscii(header.Name, buffer[at..]);
            buffer[at++] = (byte)':';
            at += Encoding.UTF8.GetBytes(header.Value.AsSpan().Trim(), buffer[at..]);
            buffer[at++] = (byte)'\n';
        }

        buffer[at++] = (byte)'\n';
        for (var i = 0; i < headers.Length; i++)
        {
            if (i > 0)
            {
                buffer[at++] = (byte)';';
            }

            at += WriteLowerAscii(headers[i].Name, buffer[at..]);
        }

        buffer[at++] = (byte)'\n';
        at += Encoding.UTF8.GetBytes(payloadHash, buffer[at..]);
        Sha256Digest.Hash(buffer[..at], hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>HMAC-SHA256 of the string to sign, written straight into the Authorization value.</summary>
    private static string Authorization(PaiCredentials credentials, ReadOnlySpan<CanonicalHeader> headers, int signedHeadersLength, ReadOnlySpan<byte> canonicalHash)
    {
        Span<byte> stringToSign = stackalloc byte[Algorithm.Length + 1 + HashHexLength];
        Encoding.ASCII.GetBytes(Algorithm, stringToSign);
        stringToSign[Algorithm.Length] = (byte)'\n';
        Convert.TryToHexStringLower(canonicalHash, stringToSign[(Algorithm.Length + 1)..], out _);

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HmacSha256Key.For(credentials.AccessKeySecret).Compute(stringToSign, mac);

        var length = Algorithm.Length + CredentialPart.Length + credentials.AccessKeyId.Length + SignedHeadersPart.Length + signedHeadersLength
            + SignaturePart.Length + HashHexLength;
        char[]? rented = null;
        var chars = length <= StackallocLimit ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        var at = Append(chars, 0, Algorithm);
        at = Append(chars, at, CredentialPart);
        at = Append(chars, at, credentials.AccessKeyId);
        at = Append(chars, at, SignedHeadersPart);
        for (var i = 0; i < headers.Length; i++)
        {
            if (i > 0)
            {
                chars[at++] = ';';
            }

            foreach (var c in headers[i].Name)
            {
                chars[at++] = char.ToLowerInvariant(c);
            }
        }

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

    private static int WriteLowerAscii(string value, Span<byte> destination)
    {
        for (var i = 0; i < value.Length; i++)
        {
            destination[i] = (byte)char.ToLowerInvariant(value[i]);
        }

        return value.Length;
    }

    private static int CompareLowerAscii(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            var difference = char.ToLowerInvariant(a[i]) - char.ToLowerInvariant(b[i]);
            if (difference != 0)
            {
                return difference;
            }
        }

        return a.Length - b.Length;
    }

    private static bool IsAscii(string value) => Ascii.IsValid(value);

    private readonly record struct CanonicalHeader(string Name, string Value);

    [InlineArray(MaxLeanHeaders)]
    private struct HeaderBuffer
    {
        private CanonicalHeader _first;
    }
}
