using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace PaiImage.Core.Signing;

/// <summary>SHA-256 straight from libcrypto 3's digest routines, with the hash state on the caller's stack.</summary>
/// <remarks>
/// Why: on OpenSSL 3 every .NET hash call goes through the provider layer and sets a digest context up again, which
/// costs two to three times more than hashing a whole AddImage request; a signature needs four digests, so that fixed
/// cost was most of its time. libcrypto's SHA256_Init/Update/Final (deprecated in 3.0, still exported by every 3.x)
/// run the same hardware-accelerated code without it. Not used, so .NET's hashing is, where libcrypto 3 is not
/// there (Windows, macOS, OpenSSL 1.1), where OpenSSL runs in FIPS mode (only its FIPS provider may hash then), or
/// when the self-test fails.
/// </remarks>
internal static unsafe class OpenSslSha256
{
    /// <summary>Room for a SHA256_CTX (112 bytes on every platform; the margin costs nothing).</summary>
    public const int StateSize = 256;

    private static readonly delegate* unmanaged<byte*, int> Init;
    private static readonly delegate* unmanaged<byte*, byte*, nuint, int> Update;
    private static readonly delegate* unmanaged<byte*, byte*, int> Final;

    static OpenSslSha256()
    {
        if (!OperatingSystem.IsLinux()
            || !NativeLibrary.TryLoad("libcrypto.so.3", out var library)
            || !NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
            || !NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
            || !NativeLibrary.TryGetExport(library, "SHA256_Final", out var final)
            || !NativeLibrary.TryGetExport(library, "EVP_default_properties_is_fips_enabled", out var isFips)
            || ((delegate* unmanaged<nint, int>)isFips)(0) != 0)
        {
            return;
        }

        Init = (delegate* unmanaged<byte*, int>)init;
        Update = (delegate* unmanaged<byte*, byte*, nuint, int>)update;
        Final = (delegate* unmanaged<byte*, byte*, int>)final;
        IsAvailable = PassesSelfTest();
    }

    /// <summary>Whether <see cref="TryHash"/> can be used in this process.</summary>
    public static bool IsAvailable { get; }

    /// <summary>SHA-256 of <paramref name="first"/> followed by <paramref name="second"/>; false if libcrypto is not used.</summary>
    public static bool TryHash(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination) =>
        IsAvailable && Hash(first, second, destination);

    /// <summary>Absorbs <paramref name="prefix"/> into a fresh hash state, to be continued by <see cref="TryContinue"/>.</summary>
    public static bool TryStart(ReadOnlySpan<byte> prefix, Span<byte> state)
    {
        if (!IsAvailable || state.Length < StateSize)
        {
            return false;
        }

        fixed (byte* s = state, p = prefix)
        {
            return Init(s) == 1 && Update(s, p, (nuint)prefix.Length) == 1;
        }
    }

    /// <summary>SHA-256 of the prefix a <see cref="TryStart"/> state holds followed by <paramref name="rest"/>; the state is left as it was.</summary>
    public static bool TryContinue(ReadOnlySpan<byte> state, ReadOnlySpan<byte> rest, Span<byte> destination)
    {
        if (!IsAvailable || state.Length < StateSize || destination.Length < SHA256.HashSizeInBytes)
        {
            return false;
        }

        var copy = stackalloc byte[StateSize];
        state[..StateSize].CopyTo(new Span<byte>(copy, StateSize));
        fixed (byte* r = rest, output = destination)
        {
            // SHA256_Final wipes the copy, which holds key-derived bytes when it continues an HMAC pad.
            return Update(copy, r, (nuint)rest.Length) == 1 && Final(output, copy) == 1;
        }
    }

    private static bool Hash(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        if (destination.Length < SHA256.HashSizeInBytes)
        {
            return false;
        }

        var state = stackalloc byte[StateSize];
        fixed (byte* a = first, b = second, output = destination)
        {
            // SHA256_Final wipes the state, which may hold key-derived bytes (HMAC pads).
            return Init(state) == 1
                && Update(state, a, (nuint)first.Length) == 1
                && Update(state, b, (nuint)second.Length) == 1
                && Final(output, state) == 1;
        }
    }

    private static bool PassesSelfTest()
    {
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        var message = "PaiImage.Build self-test: one message hashed in two parts"u8;
        SHA256.HashData(message, expected);
        return Hash(message[..8], message[8..], actual) && actual.SequenceEqual(expected);
    }
}
