using System.Security.Cryptography;
using System.Text;

namespace PaiImage.Core.Signing;

/// <summary>
/// HMAC-SHA256 (RFC 2104) with the key prepared once per thread: with libcrypto, as hash states that have already
/// absorbed the inner and outer pad blocks (each MAC then hashes only the message and the inner hash); otherwise as
/// the pad blocks themselves. Either is as secret as the key: it lives in pinned arrays (never copied by the GC)
/// that are zeroed when the key is replaced.
/// </summary>
internal sealed class HmacSha256Key
{
    private const int BlockSize = 64;
    private const byte InnerPad = 0x36;
    private const byte OuterPad = 0x5c;

    [ThreadStatic]
    private static HmacSha256Key? threadKey;

    private readonly string _secret;
    private readonly byte[] _inner;
    private readonly byte[] _outer;
    private readonly bool _prepared;

    /// <param name="useLibcrypto">False only in tests, to check the .NET path where libcrypto is there.</param>
    internal HmacSha256Key(string secret, bool useLibcrypto = true)
    {
        _secret = secret;
        var pads = GC.AllocateArray<byte>(2 * BlockSize, pinned: true);
        var keyLength = Encoding.UTF8.GetByteCount(secret);
        var key = keyLength <= BlockSize ? pads.AsSpan(0, keyLength) : GC.AllocateArray<byte>(keyLength, pinned: true);
        Encoding.UTF8.GetBytes(secret, key);
        if (keyLength > BlockSize)
        {
            Sha256Digest.Hash(key, pads.AsSpan(0, SHA256.HashSizeInBytes));
            CryptographicOperations.ZeroMemory(key);
        }

        pads.AsSpan(0, BlockSize).CopyTo(pads.AsSpan(BlockSize));
        for (var i = 0; i < BlockSize; i++)
        {
            pads[i] ^= InnerPad;
            pads[BlockSize + i] ^= OuterPad;
        }

        _inner = GC.AllocateArray<byte>(OpenSslSha256.StateSize, pinned: true);
        _outer = GC.AllocateArray<byte>(OpenSslSha256.StateSize, pinned: true);
        _prepared = useLibcrypto && OpenSslSha256.TryStart(pads.AsSpan(0, BlockSize), _inner) && OpenSslSha256.TryStart(pads.AsSpan(BlockSize), _outer);
        if (!_prepared)
        {
            pads.AsSpan(0, BlockSize).CopyTo(_inner);
            pads.AsSpan(BlockSize).CopyTo(_outer);
        }

        CryptographicOperations.ZeroMemory(pads);
    }

    /// <summary>The key for this secret, kept per thread while the secret stays the same.</summary>
    public static HmacSha256Key For(string secret)
    {
        var key = threadKey;
        if (key is not null && string.Equals(key._secret, secret, StringComparison.Ordinal))
        {
            return key;
        }

        key?.Clear();
        return threadKey = new HmacSha256Key(secret);
    }

    public void Compute(ReadOnlySpan<byte> message, Span<byte> destination)
    {
        Span<byte> inner = stackalloc byte[SHA256.HashSizeInBytes];
        if (_prepared)
        {
            if (!OpenSslSha256.TryContinue(_inner, message, inner) || !OpenSslSha256.TryContinue(_outer, inner, destination))
            {
                throw new CryptographicException("libcrypto failed to compute the request signature's HMAC-SHA256.");
            }

            return;
        }

        Sha256Digest.HashWithDotNet(_inner.AsSpan(0, BlockSize), message, inner);
        Sha256Digest.HashWithDotNet(_outer.AsSpan(0, BlockSize), inner, destination);
    }

    private void Clear()
    {
        CryptographicOperations.ZeroMemory(_inner);
        CryptographicOperations.ZeroMemory(_outer);
    }
}
