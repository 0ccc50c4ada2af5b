namespace PaiImage.Core.Http;

/// <summary>Creates the innermost HTTP handlers: proxy-aware for PAI and STS, never proxied for instance metadata.</summary>
public static class PrimaryHandlerFactory
{
    /// <summary>A SocketsHttpHandler honouring HTTPS_PROXY / HTTP_PROXY / NO_PROXY (read through <paramref name="getEnvironmentVariable"/>).</summary>
    // CONTRACT STUB — implemented by the signing work.
    public static HttpMessageHandler CreateProxyAware(Func<string, string?> getEnvironmentVariable, TimeSpan connectTimeout) =>
        throw new NotImplementedException($"{getEnvironmentVariable} {connectTimeout}");

    /// <summary>A handler that never uses a proxy (for 100.100.100.200).</summary>
    public static HttpMessageHandler CreateDirect(TimeSpan connectTimeout) =>
        throw new NotImplementedException($"{connectTimeout}");
}
