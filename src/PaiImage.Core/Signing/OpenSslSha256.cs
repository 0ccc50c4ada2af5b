using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace PaiImage.Core.Signing;

/// <summary>
/// SHA-256 through libcrypto 3 with the digest fetched once and one digest context kept per thread.
/// </summary>
/// <remarks>
/// Why: on OpenSSL 3, every .NET hash call sets a digest context up again, which costs two to three times more than
/// hashing a whole AddImage request; a signature needs three digests, so that fixed cost was most of its time. Where
/// libcrypto 3 cannot be loaded (Windows, macOS, OpenSSL 1.1) or fails its self-test, <see cref="IsAvailable"/> is
/// false and callers use .NET's own hashing.
/// </remarks>
internal static unsafe class OpenSslSha256
{
    private static readonly delegate* unmanaged<nint, byte*, nint, nint> FetchDigest;
    private static readonly delegate* unmanaged<nint> NewContext;
    private static readonly delegate* unmanaged<nint, void> FreeContext;
    private static readonly delegate* unmanaged<nint, nint, nint, int> DigestInit;
    private static readonly delegate* unmanaged<nint, byte*, nuint, int> DigestUpdate;
    private static readonly delegate* unmanaged<nint, byte*, uint*, int> DigestFinal;
    private static readonly nint FetchedSha256;

    [ThreadStatic]
    private static DigestContext? threadContext;

    static OpenSslSha256()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libcrypto.so.3", out var library))
        {
            return;
        }

        if (!TryExport(library, "EVP_MD_fetch", out var fetch)
            || !TryExport(library, "EVP_MD_CTX_new", out var newContext)
            || !TryExport(library, "EVP_MD_CTX_free", out var freeContext)
            || !TryExport(library, "EVP_DigestInit_ex2", out var init)
            || !TryExport(library, "EVP_DigestUpdate", out var update)
            || !TryExport(library, "EVP_DigestFinal_ex", out var final))
        {
            return;
        }

        FetchDigest = (delegate* unmanaged<nint, byte*, nint, nint>)fetch;
        NewContext = (delegate* unmanaged<nint>)newContext;
        FreeContext = (delegate* unmanaged<nint, void>)freeContext;
        DigestInit = (delegate* unmanaged<nint, nint, nint, int>)init;
        DigestUpdate = (delegate* unmanaged<nint, byte*, nuint, int>)update;
        DigestFinal = (delegate* unmanaged<nint, byte*, uint*, int>)final;

        fixed (byte* name = "SHA256"u8)
        {
            FetchedSha256 = FetchDigest(0, name, 0);
        }

        IsAvailable = FetchedSha256 != 0 && PassesSelfTest();
    }

    /// <summary>Whether <see cref="TryHash"/> can be used in this process.</summary>
    public static bool IsAvailable { get; }

    /// <summary>SHA-256 of <paramref name="first"/> followed by <paramref name="second"/>; false if libcrypto refused.</summary>
    public static bool TryHash(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        if (!IsAvailable)
        {
            return false;
        }

        var context = threadContext;
        if (context is null)
        {
            var handle = NewContext();
            if (handle == 0)
            {
                return false;
            }

            threadContext = context = new DigestContext(handle);
        }

        return Digest(context.Handle, first, second, destination);
    }

    private static bool Digest(nint context, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        if (destination.Length < SHA256.HashSizeInBytes)
        {
            return false;
        }

        uint written;
        fixed (byte* a = first, b = second, output = destination)
        {
            return DigestInit(context, FetchedSha256, 0) == 1
                && DigestUpdate(context, a, (nuint)first.Length) == 1
                && DigestUpdate(context, b, (nuint)second.Length) == 1
                && DigestFinal(context, output, &written) == 1
                && written == SHA256.HashSizeInBytes;
        }
    }

    private static bool TryExport(nint library, string name, out nint address) =>
        NativeLibrary.TryGetExport(library, name, out address);

    private static bool PassesSelfTest()
    {
        var context = NewContext();
        if (context == 0)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        var message = "PaiImage.Build self-test"u8;
        SHA256.HashData(message, expected);
        var passed = Digest(context, message[..8], message[8..], actual) && actual.SequenceEqual(expected);
        FreeContext(context);
        return passed;
    }

    /// <summary>A thread's digest context, freed when the thread (and so this object) is gone.</summary>
    private sealed class DigestContext(nint handle)
    {
        public nint Handle { get; } = handle;

        ~DigestContext()
        {
            if (Handle != 0)
            {
                FreeContext(Handle);
            }
        }
    }
}
