using PaiImage.Core.Signing;

namespace PaiImage.Core.Http;

/// <summary>
/// The canonical form of a request URI (protocol §2.3, §2.7): each path segment and each query name and value
/// decoded and re-encoded with <see cref="PercentEncoding"/>. <see cref="WireUri"/> then gives a URI whose path and
/// query are exactly the signed encodings, so what goes on the wire is what was signed.
/// </summary>
internal sealed record CanonicalTarget(string Authority, string Host, string Path, IReadOnlyList<KeyValuePair<string, string>> Query)
{
    public static CanonicalTarget From(Uri uri) =>
        new(uri.GetLeftPart(UriPartial.Authority), HostHeader(uri), CanonicalPath(uri.AbsolutePath), ParseQuery(uri.Query));

    /// <summary>The URI to send: this path and the signed canonical query string, unchanged.</summary>
    public Uri WireUri(string canonicalQueryString)
    {
        var query = canonicalQueryString.Length == 0 ? string.Empty : "?" + canonicalQueryString;
        // Uri keeps this form as is: it holds only unreserved characters and upper-case %XX escapes, and Uri
        // already removed "." and ".." segments when the original was parsed.
        return new Uri(Authority + Path + query);
    }

    private static string CanonicalPath(string escapedPath)
    {
        if (escapedPath.Length == 0 || escapedPath == "/")
        {
            return "/";
        }

        var segments = escapedPath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = PercentEncoding.Encode(PercentEncoding.Decode(segments[i]));
        }

        return string.Join('/', segments);
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string escapedQuery)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in escapedQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            pairs.Add(equals < 0
                ? new(PercentEncoding.Decode(part), string.Empty)
                : new(PercentEncoding.Decode(part[..equals]), PercentEncoding.Decode(part[(equals + 1)..])));
        }

        return pairs;
    }

    private static string HostHeader(Uri uri)
    {
        var host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost}]" : uri.IdnHost;
        return uri.IsDefaultPort ? host : $"{host}:{uri.Port}";
    }
}
