using System.Text.RegularExpressions;

namespace PaiImage.Core.Validation;

/// <summary>
/// Checks an image reference <c>host[:port]/path[:tag][@sha256:&lt;64 hex&gt;]</c> by the OCI distribution
/// grammar. The registry host is required because PAI pulls the image from wherever the URI points.
/// </summary>
internal static partial class ImageReferenceRules
{
    /// <summary>Host and repository path together, as the distribution reference grammar limits them.</summary>
    public const int MaxNameLength = 255;

    private const string Field = "ImageUri";
    private const string Example = "registry.cn-hangzhou.aliyuncs.com/my-ns/my-app:1.0.0";

    public static void Check(string uri, ValidationErrorList errors)
    {
        if (uri.Any(char.IsWhiteSpace) || uri.Any(char.IsControl))
        {
            errors.Add(ValidationCodes.ImageUriMalformed, Field, uri, "must not contain spaces or control characters", $"Use a reference like {Example}.");
            return;
        }

        var (name, tag, digest) = Split(uri);
        if (digest is not null && !DigestPattern().IsMatch(digest))
        {
            errors.Add(ValidationCodes.ImageUriDigest, Field, uri, "has an invalid digest; it must be sha256: followed by 64 lowercase hex digits", "Copy the digest exactly as the registry or the build printed it.");
        }

        if (tag is not null && !TagPattern().IsMatch(tag))
        {
            errors.Add(ValidationCodes.ImageUriTag, Field, uri, "has an invalid tag; a tag is 1–128 letters, digits, '_', '.' or '-' and does not start with '.' or '-'", "Fix the part after the last ':'.");
        }

        if (name.Length > MaxNameLength)
        {
            errors.Add(ValidationCodes.ImageUriTooLong, Field, uri, $"has a host and repository longer than {MaxNameLength} characters", "Use a shorter repository path.");
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? name : name[..slash];
        if (slash < 0 || !LooksLikeHost(host))
        {
            errors.Add(ValidationCodes.ImageUriRegistry, Field, uri, "must start with a registry host (a name with a dot or a port, or localhost) followed by '/'", $"Write the full reference, e.g. {Example}.");
            return;
        }

        if (!HostPattern().IsMatch(host))
        {
            errors.Add(ValidationCodes.ImageUriRegistry, Field, uri, "has an invalid registry host", $"Write the host as a DNS name or IP address with an optional :port, e.g. {Example}.");
        }

        var path = name[(slash + 1)..];
        if (path.Split('/').Any(component => !PathComponentPattern().IsMatch(component)))
        {
            errors.Add(ValidationCodes.ImageUriRepository, Field, uri, "has an invalid repository path; each '/'-separated part must be lowercase letters and digits, joined by '.', '_', '__' or dashes", "Use lowercase letters in the repository path, e.g. my-ns/my-app.");
        }
    }

    /// <summary>Splits off the digest after '@' and the tag after the last ':' that follows the last '/'.</summary>
    private static (string Name, string? Tag, string? Digest) Split(string uri)
    {
        string? digest = null;
        var at = uri.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = uri[(at + 1)..];
            uri = uri[..at];
        }

        var lastSlash = uri.LastIndexOf('/');
        var colon = uri.IndexOf(':', lastSlash + 1);
        return colon < 0 || lastSlash < 0 ? (uri, null, digest) : (uri[..colon], uri[(colon + 1)..], digest);
    }

    private static bool LooksLikeHost(string host) =>
        host.Contains('.', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal) || host == "localhost";

    [GeneratedRegex(@"^sha256:[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[A-Fa-f0-9:]+\])(?::[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathComponentPattern();
}
