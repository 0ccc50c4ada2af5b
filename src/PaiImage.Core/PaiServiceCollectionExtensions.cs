using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaiImage.Core.Http;
using PaiImage.Core.Operations;
using PaiImage.Core.Registration;

namespace PaiImage.Core;

/// <summary>Registers the PAI image client with IHttpClientFactory: retries outside, signing inside.</summary>
public static class PaiServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient that talks to PAI.</summary>
    public const string HttpClientName = "PaiImage";

    /// <summary>
    /// Registers <see cref="PaiClientOptions"/>, <see cref="PaiImageClient"/> and <see cref="ImageRegistrar"/>. The
    /// HttpClient's handlers, outermost first: retries and timeouts, signing (so every attempt is signed anew), reading
    /// the whole body (so a cut or stalled body is retried like a dropped connection), then the primary handler.
    /// Options are validated when the client is first resolved (PaiConfigurationException).
    /// </summary>
    public static IHttpClientBuilder AddPaiImageClient(this IServiceCollection services, Action<PaiClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PaiClientOptions>().Configure(configure);
        return services.AddPaiImageClient(provider => provider.GetRequiredService<IOptions<PaiClientOptions>>().Value);
    }

    internal static IHttpClientBuilder AddPaiImageClient(this IServiceCollection services, Func<IServiceProvider, PaiClientOptions> getOptions)
    {
        services.TryAddSingleton(provider => PaiClientSetup.Create(getOptions(provider)));
        var builder = services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient((provider, httpClient) => provider.GetRequiredService<PaiClientSetup>().ConfigureHttpClient(httpClient))
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<PaiClientSetup>().CreatePrimaryHandler());

        // Order matters: handlers added first sit outside, so retries wrap signing and each attempt is re-signed.
        builder.AddHttpMessageHandler(provider => provider.GetRequiredService<PaiClientSetup>().CreateRetryHandler());
        builder.AddHttpMessageHandler(provider => provider.GetRequiredService<PaiClientSetup>().CreateSigningHandler());
        builder.AddHttpMessageHandler(() => new ResponseBufferingHandler());

        builder.AddTypedClient((httpClient, provider) =>
            new PaiImageClient(httpClient, provider.GetRequiredService<PaiClientSetup>().Options.TimeProvider));
        services.TryAddTransient(provider =>
            new ImageRegistrar(provider.GetRequiredService<PaiImageClient>(), provider.GetRequiredService<PaiClientSetup>().Options));
        return builder;
    }
}
