using System.Security.Cryptography;
using System.Text;

namespace PaiImage.Build;

/// <summary>Builds and takes apart image references of the form <c>registry/repository:tag</c> or <c>registry/repository@sha256:…</c>.</summary>
internal static class ImageReference
{
    public static string WithTag(string registry, string repository, string tag) => $"{registry}/{repository}:{tag}";

    public static string WithDigest(string registry, string repository, string digest) => $"{registry}/{repository}@{digest}";

    /// <summary>The registry's digest of a manifest or index: sha256 of its exact bytes, which the SDK hands over as a UTF-8 string.</summary>
    public static string DigestOf(string json) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    /// <summary>The repository and tag of a full reference; the tag is null for digest references or when absent.</summary>
    public static (string Repository, string? Tag) Split(string reference)
    {
        var path = reference;
        string? tag = null;
        var at = path.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            path = path[..at];
        }
        else
        {
            var colon = path.LastIndexOf(':');
            if (colon > path.LastIndexOf('/'))
            {
                tag = path[(colon + 1)..];
                path = path[..colon];
            }
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && LooksLikeRegistryHost(path[..slash]))
        {
            path = path[(slash + 1)..];
        }

        return (path, tag);
    }

    // Same rule as Docker's reference parser: the first segment is a host when it has a dot or a port, or is localhost.
    private static bool LooksLikeRegistryHost(string segment) =>
        segment.Contains('.', StringComparison.Ordinal) || segment.Contains(':', StringComparison.Ordinal) || segment == "localhost";
}
