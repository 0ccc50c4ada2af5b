using System.Reflection;
using PaiImage.Core.Credentials;
using PaiImage.Core.Endpoints;
using PaiImage.Core.Http;
using PaiImage.Core.Validation;

namespace PaiImage.Core;

/// <summary>Validated options with what they resolve to, shared by every HttpClient of one registration.</summary>
internal sealed class PaiClientSetup
{
    private PaiClientSetup(PaiClientOptions options, Uri endpoint, ICredentialProvider credentials)
    {
        Options = options;
        Endpoint = endpoint;
        Credentials = credentials;
    }

    public PaiClientOptions Options { get; }

    public Uri Endpoint { get; }

    /// <summary>One instance, so temporary credentials are cached and refreshed across handler lifetimes.</summary>
    public ICredentialProvider Credentials { get; }

    public string UserAgent => Options.UserAgent is { Length: > 0 } extra ? $"PaiImage/{Version} {extra}" : $"PaiImage/{Version}";

    /// <exception cref="Errors.PaiConfigurationException">An option or the endpoint is invalid.</exception>
    public static PaiClientSetup Create(PaiClientOptions options)
    {
        PaiClientOptionsValidator.ThrowIfInvalid(options);
        var endpoint = PaiEndpointResolver.Resolve(options.RegionId, options.UseVpcEndpoint, options.Endpoint);
        return new(options, endpoint, options.CredentialProvider ?? new DefaultCredentialChain(options.CredentialChain));
    }

    public void ConfigureHttpClient(HttpClient httpClient)
    {
        httpClient.BaseAddress = Endpoint;
        httpClient.Timeout = Timeout.InfiniteTimeSpan;
        httpClient.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent);
    }

    public HttpMessageHandler CreatePrimaryHandler() =>
        Options.PrimaryHandlerFactory?.Invoke()
        ?? PrimaryHandlerFactory.CreateProxyAware(Options.CredentialChain.GetEnvironmentVariable, Options.AttemptTimeout);

    public RetryHandler CreateRetryHandler() => new(Options);

    public AcsSigningHandler CreateSigningHandler() => new(Credentials, Options.TimeProvider, Options.NonceFactory);

    /// <summary>
    /// The handlers <see cref="PaiServiceCollectionExtensions.AddPaiImageClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{PaiClientOptions})"/>
    /// registers, in the same order, built directly: a host-less caller (an MSBuild task, the CLI) runs one short
    /// operation, and starting a DI container and IHttpClientFactory for it costs more than the operation itself.
    /// </summary>
    public HttpMessageHandler CreateHandlerChain()
    {
        var signing = CreateSigningHandler();
        signing.InnerHandler = new ResponseBufferingHandler { InnerHandler = CreatePrimaryHandler() };
        var retry = CreateRetryHandler();
        retry.InnerHandler = signing;
        return retry;
    }

    private static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var version = typeof(PaiClientSetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var metadata = version.IndexOf('+', StringComparison.Ordinal);
        return metadata < 0 ? version : version[..metadata];
    }
}
