using System.Text.RegularExpressions;

namespace PaiImage.Build;

/// <summary>Recognises property names that would carry a credential, so the task can refuse them without reading their values.</summary>
internal static partial class SecretLikeProperties
{
    /// <summary>Pai*Secret*, Pai*Token*, and the AccessKey id, which is half of a key pair.</summary>
    public static bool Matches(string propertyName) => Pattern().IsMatch(propertyName);

    [GeneratedRegex("^Pai(.*(Secret|Token).*|AccessKeyId)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
