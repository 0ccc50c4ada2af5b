using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PaiImage.Core.Http;

namespace PaiImage.Core.Credentials;

/// <summary>What every source needs: environment, home folder, clock, logger and the HTTP clients, built once.</summary>
internal sealed class CredentialContext(CredentialChainOptions options) : IDisposable
{
    private static readonly TimeSpan RemoteTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RemoteConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly Lazy<HttpClient> _http = new(() => new HttpClient(
        options.HttpHandlerFactory?.Invoke() ?? PrimaryHandlerFactory.CreateProxyAware(options.GetEnvironmentVariable, RemoteConnectTimeout))
    {
        Timeout = RemoteTimeout,
    });

    private readonly Lazy<HttpClient> _metadataHttp = new(() => new HttpClient(
        options.MetadataHandlerFactory?.Invoke() ?? PrimaryHandlerFactory.CreateDirect(options.MetadataTimeout))
    {
        Timeout = options.MetadataTimeout,
    });

    public CredentialChainOptions Options => options;

    public TimeProvider Clock => options.TimeProvider;

    public ILogger Logger { get; } = options.Logger ?? NullLogger.Instance;

    public string HomeDirectory => options.HomeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>For STS and the credentials URI: honours the proxy variables.</summary>
    public HttpClient Http => _http.Value;

    /// <summary>For instance metadata: never proxied, short timeout.</summary>
    public HttpClient MetadataHttp => _metadataHttp.Value;

    /// <summary>The trimmed value of a variable, or null when it is unset or blank.</summary>
    public string? Env(string name)
    {
        var value = options.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public bool EnvIsTrue(string name) => string.Equals(Env(name), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The profile named explicitly (option, then ALIBABA_CLOUD_PROFILE), or null.</summary>
    public string? ExplicitProfileName =>
        string.IsNullOrWhiteSpace(options.ProfileName) ? Env(CredentialEnvironment.Profile) : options.ProfileName.Trim();

    /// <summary>The session name for STS: the given one, else ALIBABA_CLOUD_ROLE_SESSION_NAME, else <c>pai-image-&lt;unix ms&gt;</c>.</summary>
    public string SessionName(string? configured) =>
        configured ?? Env(CredentialEnvironment.RoleSessionName) ?? $"pai-image-{Clock.GetUtcNow().ToUnixTimeMilliseconds()}";

    public void Dispose()
    {
        if (_http.IsValueCreated)
        {
            _http.Value.Dispose();
        }

        if (_metadataHttp.IsValueCreated)
        {
            _metadataHttp.Value.Dispose();
        }
    }
}
