using PaiImage.Core.Operations;
using PaiImage.Core.Registration;

namespace PaiImage.Core;

/// <summary>
/// The client and registrar wired up without a host: for the MSBuild task and the CLI, which have no
/// dependency-injection container of their own. The same handlers and retries as
/// <see cref="PaiServiceCollectionExtensions.AddPaiImageClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{PaiClientOptions})"/>,
/// without a container. Dispose it to release connections.
/// </summary>
public sealed class PaiImageServices : IDisposable
{
    private PaiImageServices(PaiImageClient client, ImageRegistrar registrar, Uri endpoint, HttpClient httpClient, IDisposable? ownedCredentials)
    {
        Client = client;
        Registrar = registrar;
        Endpoint = endpoint;
        _httpClient = httpClient;
        _ownedCredentials = ownedCredentials;
    }

    private readonly HttpClient _httpClient;

    // The default chain this instance created (it holds its own HTTP client for STS and metadata); a provider the
    // caller passed in stays the caller's.
    private readonly IDisposable? _ownedCredentials;

    public PaiImageClient Client { get; }

    public ImageRegistrar Registrar { get; }

    /// <summary>The resolved endpoint base address.</summary>
    public Uri Endpoint { get; }

    /// <summary>Validates the options (endpoint, timeouts) and wires everything; throws PaiConfigurationException on bad settings.</summary>
    public static PaiImageServices Create(PaiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var setup = PaiClientSetup.Create(options);
        var httpClient = new HttpClient(setup.CreateHandlerChain(), disposeHandler: true);
        setup.ConfigureHttpClient(httpClient);
        var client = new PaiImageClient(httpClient, options.TimeProvider);
        var ownedCredentials = options.CredentialProvider is null ? setup.Credentials as IDisposable : null;
        return new(client, new ImageRegistrar(client, options), setup.Endpoint, httpClient, ownedCredentials);
    }

    public void Dispose()
    {
        _httpClient.Dispose();
        _ownedCredentials?.Dispose();
    }
}
