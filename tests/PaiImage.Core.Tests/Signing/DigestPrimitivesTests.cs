using System.Security.Cryptography;
using System.Text;
using PaiImage.Core.Signing;

namespace PaiImage.Core.Tests.Signing;

/// <summary>The signer's own SHA-256 and HMAC paths must agree with .NET's for every length and split.</summary>
[TestClass]
public sealed class DigestPrimitivesTests
{
    [TestMethod]
    public void Libcrypto_path_is_used_on_linux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.IsFalse(OpenSslSha256.IsAvailable);
            return;
        }

        Assert.IsTrue(OpenSslSha256.IsAvailable, "libcrypto.so.3 should load on this Linux machine; signing would fall back to the slower path");
        Span<byte> hash = stackalloc byte[32];
        Assert.IsTrue(OpenSslSha256.TryHash("ab"u8, "c"u8, hash));
        Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(hash));
    }

    [TestMethod]
    public void Two_part_hash_equals_dotnet_sha256_of_the_whole_message_for_every_length_and_split()
    {
        var message = RandomNumberGenerator.GetBytes(300);
        Span<byte> expected = stackalloc byte[32];
        Span<byte> actual = stackalloc byte[32];
        foreach (var length in new[] { 0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 299, 300 })
        {
            SHA256.HashData(message.AsSpan(0, length), expected);
            foreach (var split in new[] { 0, length / 3, length })
            {
                Sha256Digest.Hash(message.AsSpan(0, split), message.AsSpan(split, length - split), actual);
                CollectionAssert.AreEqual(expected.ToArray(), actual.ToArray(), $"length {length}, split {split}");
            }
        }
    }

    [TestMethod]
    public void Libcrypto_results_are_per_call_even_when_threads_hash_at_once()
    {
        var failures = 0;
        Parallel.For(0, 2000, i =>
        {
            var data = Encoding.UTF8.GetBytes($"request {i}");
            Span<byte> actual = stackalloc byte[32];
            Sha256Digest.Hash(data, actual);
            if (!actual.SequenceEqual(SHA256.HashData(data)))
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.AreEqual(0, failures);
    }

    [TestMethod]
    [DataRow(0, true)]
    [DataRow(1, true)]
    [DataRow(30, true)]
    [DataRow(64, true)]
    [DataRow(65, true)]
    [DataRow(200, true)]
    [DataRow(0, false)]
    [DataRow(30, false)]
    [DataRow(64, false)]
    [DataRow(200, false)]
    public void Hmac_equals_dotnet_hmac_for_keys_shorter_equal_and_longer_than_a_block(int keyLength, bool useLibcrypto)
    {
        var secret = new string('k', keyLength);
        var message = Encoding.UTF8.GetBytes("ACS3-HMAC-SHA256\n" + new string('a', 64));
        Span<byte> actual = stackalloc byte[32];
        var key = new HmacSha256Key(secret, useLibcrypto);

        key.Compute(message, actual);
        key.Compute(message, actual);

        CollectionAssert.AreEqual(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message), actual.ToArray());
    }

    [TestMethod]
    public void Hmac_key_changes_when_the_secret_changes_on_the_same_thread()
    {
        var message = "string to sign"u8.ToArray();
        Span<byte> first = stackalloc byte[32];
        Span<byte> second = stackalloc byte[32];

        HmacSha256Key.For("first-secret").Compute(message, first);
        HmacSha256Key.For("second-secret-é").Compute(message, second);

        CollectionAssert.AreEqual(HMACSHA256.HashData("first-secret"u8, message), first.ToArray());
        CollectionAssert.AreEqual(HMACSHA256.HashData(Encoding.UTF8.GetBytes("second-secret-é"), message), second.ToArray());
    }
}
