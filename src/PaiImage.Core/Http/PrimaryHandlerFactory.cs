namespace PaiImage.Core.Http;

/// <summary>Creates the innermost HTTP handlers: proxy-aware for PAI and STS, never proxied for instance metadata.</summary>
public static class PrimaryHandlerFactory
{
    /// <summary>
    /// A SocketsHttpHandler honouring HTTPS_PROXY / HTTP_PROXY / NO_PROXY (read through <paramref name="getEnvironmentVariable"/>,
    /// upper-case names first). Loopback targets never use the proxy. Proxy credentials may be given in the URL
    /// (<c>http://user:password@proxy:3128</c>). Throws PaiConfigurationException (PAI3010, PAI3011) for an unusable proxy URL.
    /// </summary>
    public static HttpMessageHandler CreateProxyAware(Func<string, string?> getEnvironmentVariable, TimeSpan connectTimeout) =>
        new SocketsHttpHandler
        {
            UseProxy = true,
            Proxy = new EnvironmentProxy(getEnvironmentVariable),
            ConnectTimeout = connectTimeout,
        };

    /// <summary>A handler that never uses a proxy (for 100.100.100.200).</summary>
    public static HttpMessageHandler CreateDirect(TimeSpan connectTimeout) =>
        new SocketsHttpHandler { UseProxy = false, ConnectTimeout = connectTimeout };
}
