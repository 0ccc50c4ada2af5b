namespace PaiImage.Emulator.Signing;

/// <summary>
/// The request target exactly as the client sent it, split into the canonical forms the signature covers
/// and the decoded query the operations read (both come from the same parse, so they cannot disagree).
/// </summary>
internal sealed class RawRequestTarget
{
    private RawRequestTarget(string canonicalUri, string canonicalQuery, IReadOnlyDictionary<string, string> query)
    {
        CanonicalUri = canonicalUri;
        CanonicalQueryString = canonicalQuery;
        Query = query;
    }

    public string CanonicalUri { get; }

    public string CanonicalQueryString { get; }

    public IReadOnlyDictionary<string, string> Query { get; }

    public static RawRequestTarget Parse(string rawTarget)
    {
        var questionMark = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = questionMark < 0 ? rawTarget : rawTarget[..questionMark];
        var rawQuery = questionMark < 0 ? "" : rawTarget[(questionMark + 1)..];

        var canonicalUri = rawPath.Length == 0
            ? "/"
            : string.Join('/', rawPath.Split('/').Select(segment => Rfc3986.Encode(Rfc3986.Decode(segment))));

        var parameters = new List<(string Name, string Value)>();
        foreach (var pair in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Rfc3986.Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Rfc3986.Decode(pair[(equals + 1)..]);
            parameters.Add((name, value));
        }

        var canonicalQuery = string.Join('&', parameters
            .Select(p => (Name: Rfc3986.Encode(p.Name), Value: Rfc3986.Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            query[name] = value;
        }

        return new RawRequestTarget(canonicalUri, canonicalQuery, query);
    }
}
