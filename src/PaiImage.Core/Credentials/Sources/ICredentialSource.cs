namespace PaiImage.Core.Credentials.Sources;

/// <summary>Fetches (again) the credentials of a source that applied; called for the first fetch and every refresh.</summary>
internal delegate Task<PaiCredentials> CredentialFetcher(CancellationToken cancellationToken);

/// <summary>One link of the default chain.</summary>
internal interface ICredentialSource
{
    /// <summary>The source kind shown when it is skipped, e.g. <c>cli-profile</c>.</summary>
    string Kind { get; }

    /// <summary>Either the reason the source does not apply, or its first credentials and how to refresh them.</summary>
    /// <exception cref="Errors.PaiConfigurationException">The source is configured but broken (malformed file, STS refused…).</exception>
    Task<SourceAttempt> TryResolveAsync(CancellationToken cancellationToken);
}

/// <summary>The answer of one source: applied (with its description and fetcher) or skipped (with a reason).</summary>
internal sealed record SourceAttempt(string? SkipReason, string? Description, PaiCredentials? Credentials, CredentialFetcher? Refresh)
{
    public static SourceAttempt Skip(string reason) => new(reason, null, null, null);

    public static async Task<SourceAttempt> ApplyAsync(string description, CredentialFetcher fetcher, CancellationToken cancellationToken)
    {
        CredentialFetcher stamped = async ct => (await fetcher(ct).ConfigureAwait(false)) with { Source = description };
        return new(null, description, await stamped(cancellationToken).ConfigureAwait(false), stamped);
    }
}
