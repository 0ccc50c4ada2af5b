using System.Security.Cryptography;
using System.Text;

namespace PaiImage.Core.Signing;

/// <summary>
/// HMAC-SHA256 (RFC 2104) with the key's inner and outer pad blocks prepared once, so each MAC is two plain SHA-256
/// digests. The pads are as secret as the key: they live in one pinned array (never copied by the GC) and are
/// zeroed when the key is replaced.
/// </summary>
internal sealed class HmacSha256Key
{
    private const int BlockSize = 64;
    private const byte InnerPad = 0x36;
    private const byte OuterPad = 0x5c;

    [ThreadStatic]
    private static HmacSha256Key? threadKey;

    private readonly byte[] _pads = GC.AllocateArray<byte>(2 * BlockSize, pinned: true);
    private readonly string _secret;

    private HmacSha256Key(string secret)
    {
        _secret = secret;
        var keyLength = Encoding.UTF8.GetByteCount(secret);
        var key = keyLength <= BlockSize ? _pads.AsSpan(0, keyLength) : GC.AllocateArray<byte>(keyLength, pinned: true);
        Encoding.UTF8.GetBytes(secret, key);
        if (keyLength > BlockSize)
        {
            Sha256Digest.Hash(key, _pads.AsSpan(0, SHA256.HashSizeInBytes));
            CryptographicOperations.ZeroMemory(key);
        }

        _pads.AsSpan(0, BlockSize).CopyTo(_pads.AsSpan(BlockSize));
        for (var i = 0; i < BlockSize; i++)
        {
            _pads[i] ^= InnerPad;
            _pads[BlockSize + i] ^= OuterPad;
        }
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
        Sha256Digest.Hash(_pads.AsSpan(0, BlockSize), message, inner);
        Sha256Digest.Hash(_pads.AsSpan(BlockSize), inner, destination);
    }

    private void Clear() => CryptographicOperations.ZeroMemory(_pads);
}
