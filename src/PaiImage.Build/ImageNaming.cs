using System.Security.Cryptography;
using System.Text;

namespace PaiImage.Build;

/// <summary>Turns a repository and tag into a name PAI accepts: lower-case letters, digits and '-', starting with a letter, at most 50 characters.</summary>
internal static class ImageNaming
{
    public const int MaxLength = 50;

    private const int HashLength = 8;

    public static string Derive(string repository, string? tag)
    {
        var source = string.IsNullOrEmpty(tag) ? repository : $"{repository}-{tag}";
        var name = Normalize(source);
        if (name.Length == 0 || !char.IsAsciiLetterLower(name[0]))
        {
            name = name.Length == 0 ? "image" : $"image-{name}";
        }

        return name.Length <= MaxLength ? name : Shorten(name);
    }

    private static string Normalize(string source)
    {
        var builder = new StringBuilder(source.Length);
        foreach (var c in source.ToLowerInvariant())
        {
            var kept = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-';
            if (kept == '-' && (builder.Length == 0 || builder[^1] == '-'))
            {
                continue;
            }

            builder.Append(kept);
        }

        return builder.ToString().TrimEnd('-');
    }

    // A hash of the full name keeps two long names that share a prefix apart, and stays the same on every run.
    private static string Shorten(string name)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..HashLength];
        var prefix = name[..(MaxLength - HashLength - 1)].TrimEnd('-');
        return $"{prefix}-{hash}";
    }
}
