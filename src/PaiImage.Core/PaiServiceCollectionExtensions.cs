using Microsoft.Extensions.DependencyInjection;

namespace PaiImage.Core;

/// <summary>Registers the PAI image client with IHttpClientFactory: retries outside, signing inside.</summary>
public static class PaiServiceCollectionExtensions
{
    // CONTRACT STUB — implemented by the client work.
    public static IHttpClientBuilder AddPaiImageClient(this IServiceCollection services, Action<PaiClientOptions> configure) =>
        throw new NotImplementedException($"{services} {configure}");
}
