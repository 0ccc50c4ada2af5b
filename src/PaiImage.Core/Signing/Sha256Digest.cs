using System.Security.Cryptography;

namespace PaiImage.Core.Signing;

/// <summary>SHA-256 of two byte spans taken as one message: through libcrypto where it is faster, else through .NET.</summary>
internal static class Sha256Digest
{
    [ThreadStatic]
    private static IncrementalHash? threadHash;

    public static void Hash(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        if (!OpenSslSha256.TryHash(first, second, destination))
        {
            HashWithDotNet(first, second, destination);
        }
    }

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination) => Hash(data, [], destination);

    internal static void HashWithDotNet(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        var hash = threadHash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(first);
        hash.AppendData(second);
        hash.GetHashAndReset(destination);
    }
}
