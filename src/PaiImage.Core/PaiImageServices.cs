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
    private PaiImageServices(PaiImageClient client, ImageRegistrar registrar, Uri endpoint, IDisposable owner)
    {
        Client = client;
        Registrar = registrar;
        Endpoint = endpoint;
        _owner = owner;
    }

    private readonly IDisposable _owner;

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
        return new(client, new ImageRegistrar(client, options), setup.Endpoint, httpClient);
    }

    public void Dispose() => _owner.Dispose();
}
