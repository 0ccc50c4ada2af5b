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
    /// Signs one request like <see cref="Sign"/> and gives the same header values, but keeps no intermediate string:
    /// the path every request takes. A request of the shape this thread signed last only fills in its payload hash,
    /// date and nonce (<see cref="CanonicalRequestTemplate"/>); others build the canonical request in a stack or pooled
    /// buffer. Inputs the fast path does not cover (more than 16 signed headers, a header name given twice, non-ASCII
    /// names or method) go through <see cref="Sign"/>.
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
        if (CanonicalRequestTemplate.Find(input, credentials, nonce) is { } template)
        {
            template.HashCanonicalRequest(payloadHash, date, nonce, hash);
            var signed = Authorization(credentials, template.AuthorizationPrefix, hash);
            return new RequestSignature(input, credentials.AccessKeyId, credentials.SecurityToken, timestamp, date, nonce, payloadHash, template.CanonicalQuery, signed);
        }

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
        var layout = WriteCanonicalRequest(input, sorted, canonicalQuery, payloadHash, canonicalRequest);
        var prefix = AuthorizationPrefix(credentials.AccessKeyId, canonicalRequest[layout.SignedHeaders]);
        if (Ascii.IsValid(canonicalRequest) && CanonicalRequestTemplate.IsPlain(nonce))
        {
            // The new template hashes its fixed part once, for this request and the ones of its shape to come.
            CanonicalRequestTemplate.Remember(input, credentials, canonicalRequest, layout, canonicalQuery, prefix).HashCanonicalRequest(payloadHash, date, nonce, hash);
        }
        else
        {
            HashUtf8(canonicalRequest, hash);
        }

        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        var authorization = Authorization(credentials, prefix, hash);
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

    /// <summary>Writes the canonical request (protocol §2.3) and gives where its per-request values and signed-headers line are.</summary>
    private static CanonicalLayout WriteCanonicalRequest(
        SigningInput input, ReadOnlySpan<CanonicalHeader> headers, string canonicalQuery, string payloadHash, Span<char> destination)
    {
        var at = input.Method.AsSpan().ToUpperInvariant(destination);
        destination[at++] = '\n';
        at = Append(destination, at, input.CanonicalUri.Length == 0 ? "/" : input.CanonicalUri);
        destination[at++] = '\n';
        at = Append(destination, at, canonicalQuery);
        destination[at++] = '\n';
        int payloadHashHeader = 0, date = 0, nonce = 0, nonceLength = 0;
        foreach (var header in headers)
        {
            at = Append(destination, at, header.Name);
            destination[at++] = ':';
            var value = header.Value.AsSpan().Trim();
            switch (header.Name)
            {
                case Headers.ContentSha256: payloadHashHeader = at; break;
                case Headers.Date: date = at; break;
                case Headers.Nonce: (nonce, nonceLength) = (at, value.Length); break;
            }

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
        return new CanonicalLayout(payloadHashHeader, date, nonce, nonceLength, at, signedHeadersStart..signedHeadersEnd);
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

    /// <summary><c>ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=</c>: the Authorization value without the signature.</summary>
    private static string AuthorizationPrefix(string accessKeyId, ReadOnlySpan<char> signedHeaders)
    {
        var length = Algorithm.Length + CredentialPart.Length + accessKeyId.Length + SignedHeadersPart.Length + signedHeaders.Length + SignaturePart.Length;
        char[]? rented = null;
        var chars = length <= StackallocLimit ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        var at = Append(chars, 0, Algorithm);
        at = Append(chars, at, CredentialPart);
        at = Append(chars, at, accessKeyId);
        at = Append(chars, at, SignedHeadersPart);
        signedHeaders.CopyTo(chars[at..]);
        at = Append(chars, at + signedHeaders.Length, SignaturePart);
        var prefix = new string(chars[..at]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return prefix;
    }

    /// <summary>HMAC-SHA256 of the string to sign, written straight after the Authorization prefix.</summary>
    private static string Authorization(PaiCredentials credentials, string prefix, ReadOnlySpan<byte> canonicalHash)
    {
        Span<byte> stringToSign = stackalloc byte[Algorithm.Length + 1 + HashHexLength];
        Encoding.ASCII.GetBytes(Algorithm, stringToSign);
        stringToSign[Algorithm.Length] = (byte)'\n';
        Convert.TryToHexStringLower(canonicalHash, stringToSign[(Algorithm.Length + 1)..], out _);

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HmacSha256Key.For(credentials.AccessKeySecret).Compute(stringToSign, mac);
        Span<char> signature = stackalloc char[HashHexLength];
        Convert.TryToHexStringLower(mac, signature, out _);
        return string.Concat(prefix, signature);
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
