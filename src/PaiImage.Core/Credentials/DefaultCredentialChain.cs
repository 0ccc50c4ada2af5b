using System.Globalization;
using PaiImage.Core.Credentials.Sources;
using PaiImage.Core.Errors;

namespace PaiImage.Core.Credentials;

/// <summary>
/// Alibaba's default credential chain, in its documented order: environment, OIDC role, aliyun CLI profile
/// (~/.aliyun/config.json), INI file (~/.alibabacloud/credentials[.ini]), ECS RAM role, credentials URI.
/// The first source that applies is remembered; temporary credentials are refreshed before they expire.
/// </summary>
public sealed class DefaultCredentialChain : ICredentialProvider, IDisposable
{
    /// <summary>Temporary credentials with less than this left are refreshed.</summary>
    public static readonly TimeSpan RefreshWindow = TimeSpan.FromMinutes(5);

    private readonly CredentialContext _context;
    private readonly ICredentialSource[] _sources;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile Remembered? _remembered;

    public DefaultCredentialChain(CredentialChainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _context = new CredentialContext(options);
        var recipes = new CredentialRecipes(_context);
        _sources =
        [
            new EnvironmentSource(_context),
            new OidcEnvironmentSource(_context, recipes),
            new CliProfileSource(_context, recipes),
            new IniFileSource(_context, recipes),
            new EcsRamRoleSource(_context, recipes),
            new CredentialsUriSource(_context),
        ];
    }

    public string Name => "default";

    public async ValueTask<PaiCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
        (await ResolveAsync(cancellationToken).ConfigureAwait(false)).Credentials;

    /// <summary>
    /// The current credentials, the source that supplied them and why each earlier source did not apply.
    /// The first call walks the chain; later calls reuse that source and refresh its credentials when fewer
    /// than <see cref="RefreshWindow"/> remain.
    /// </summary>
    /// <exception cref="PaiConfigurationException">PAI3100 when no source applies; another PAI31xx when a configured source is broken.</exception>
    public async Task<CredentialResolution> ResolveAsync(CancellationToken cancellationToken)
    {
        var remembered = _remembered;
        if (remembered is not null && !NeedsRefresh(remembered.Resolution.Credentials))
        {
            return remembered.Resolution;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            remembered = _remembered ?? await WalkChainAsync(cancellationToken).ConfigureAwait(false);
            if (NeedsRefresh(remembered.Resolution.Credentials))
            {
                remembered = await RefreshAsync(remembered, cancellationToken).ConfigureAwait(false);
            }

            _remembered = remembered;
            return remembered.Resolution;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        _context.Dispose();
        _lock.Dispose();
    }

    private bool NeedsRefresh(PaiCredentials credentials) =>
        credentials.Expiration is { } expiration && expiration - _context.Clock.GetUtcNow() < RefreshWindow;

    private async Task<Remembered> WalkChainAsync(CancellationToken cancellationToken)
    {
        var skipped = new List<SkippedCredentialSource>();
        foreach (var source in _sources)
        {
            var attempt = await source.TryResolveAsync(cancellationToken).ConfigureAwait(false);
            if (attempt.SkipReason is { } reason)
            {
                _context.Logger.SourceSkipped(source.Kind, reason);
                skipped.Add(new SkippedCredentialSource(source.Kind, reason));
                continue;
            }

            _context.Logger.SourceSelected(attempt.Description!);
            return new Remembered(new CredentialResolution(attempt.Credentials!, attempt.Description!, skipped), attempt.Refresh!);
        }

        throw new PaiConfigurationException(
            CredentialErrorCodes.NoCredentials,
            "No Alibaba Cloud credentials found. Sources tried: "
                + string.Join(" ", skipped.Select((s, i) => $"{i + 1}. {s.Source}: {s.Reason}")),
            $"Set {CredentialEnvironment.AccessKeyId} and {CredentialEnvironment.AccessKeySecret} (plus {CredentialEnvironment.SecurityToken} for STS), "
                + $"or {CredentialEnvironment.RoleArn} + {CredentialEnvironment.OidcProviderArn} + {CredentialEnvironment.OidcTokenFile}, "
                + "or configure a profile with 'aliyun configure' (~/.aliyun/config.json) or in ~/.alibabacloud/credentials, "
                + $"or run on ECS with a RAM role attached, or set {CredentialEnvironment.CredentialsUri}.");
    }

    private async Task<Remembered> RefreshAsync(Remembered remembered, CancellationToken cancellationToken)
    {
        var current = remembered.Resolution;
        var expiration = current.Credentials.Expiration!.Value;
        _context.Logger.Refreshing(current.Source, expiration);
        try
        {
            var fresh = await remembered.Refresh(cancellationToken).ConfigureAwait(false);
            return remembered with { Resolution = current with { Credentials = fresh } };
        }
        catch (PaiException ex)
        {
            if (_context.Clock.GetUtcNow() < expiration)
            {
                _context.Logger.RefreshFailedKeptCurrent(current.Source, expiration, ex.ToDiagnosticLine());
                return remembered;
            }

            throw new PaiConfigurationException(
                CredentialErrorCodes.ExpiredRefreshFailed,
                $"The temporary credentials from {current.Source} expired at {expiration.ToString("O", CultureInfo.InvariantCulture)} and could not be refreshed: {ex.ToDiagnosticLine()}",
                "Fix the cause above; the credentials are fetched again on the next attempt.",
                ex);
        }
    }

    private sealed record Remembered(CredentialResolution Resolution, CredentialFetcher Refresh);
}
