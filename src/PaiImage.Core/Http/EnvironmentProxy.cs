using System.Net;
using PaiImage.Core.Endpoints;
using PaiImage.Core.Errors;

namespace PaiImage.Core.Http;

/// <summary>
/// The proxy configured by HTTPS_PROXY / HTTP_PROXY (upper case first, then lower case) and NO_PROXY, read once.
/// Written here rather than relying on the runtime's default proxy so the variables come from an injected source
/// (testable, and the same for the tool and the MSBuild task) and loopback targets never go through a proxy.
/// </summary>
internal sealed class EnvironmentProxy : IWebProxy
{
    private static readonly string[] SupportedSchemes = ["http", "https", "socks4", "socks4a", "socks5"];

    private readonly Uri? httpsProxy;
    private readonly Uri? httpProxy;
    private readonly NoProxyList noProxy;
    private readonly ProxyCredentials credentials = new();

    public EnvironmentProxy(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        httpsProxy = ReadProxy(getEnvironmentVariable, "HTTPS_PROXY", "https_proxy");
        httpProxy = ReadProxy(getEnvironmentVariable, "HTTP_PROXY", "http_proxy");
        noProxy = NoProxyList.Parse(getEnvironmentVariable("NO_PROXY") ?? getEnvironmentVariable("no_proxy"));
    }

    /// <summary>Proxy user names and passwords from the URLs, handed to the handler when the proxy asks (407).</summary>
    public ICredentials? Credentials
    {
        get => credentials;
        set => throw new NotSupportedException("Proxy credentials come from the proxy URL.");
    }

    public Uri? GetProxy(Uri destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return IsBypassed(destination) ? null : ProxyFor(destination);
    }

    public bool IsBypassed(Uri host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return ProxyFor(host) is null || LoopbackHost.Is(host.Host) || noProxy.Matches(host.IdnHost, host.Port);
    }

    private Uri? ProxyFor(Uri destination) => destination.Scheme == Uri.UriSchemeHttps ? httpsProxy : httpProxy;

    private Uri? ReadProxy(Func<string, string?> getEnvironmentVariable, string upperName, string lowerName)
    {
        var (name, value) = getEnvironmentVariable(upperName) is { } upper && !string.IsNullOrWhiteSpace(upper)
            ? (upperName, upper)
            : (lowerName, getEnvironmentVariable(lowerName));
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        text = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new PaiConfigurationException(
                "PAI3010",
                $"The environment variable {name} holds '{PaiEndpointResolver.RedactUserInfo(value.Trim())}', which is not a proxy URL.",
                $"Set {name} to a URL such as http://proxy.example.com:3128, or unset it.");
        }

        if (!SupportedSchemes.Contains(uri.Scheme))
        {
            throw new PaiConfigurationException(
                "PAI3011",
                $"The environment variable {name} names a '{uri.Scheme}' proxy, which is not supported.",
                $"Use an http, https, socks4 or socks5 proxy URL in {name}.");
        }

        var proxy = new Uri(uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) + "/");
        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = separator < 0 ? uri.UserInfo : uri.UserInfo[..separator];
            var password = separator < 0 ? string.Empty : uri.UserInfo[(separator + 1)..];
            credentials.Add(proxy, new NetworkCredential(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password)));
        }

        return proxy;
    }

    /// <summary>Credentials per proxy (the https and http proxies may differ); nothing for any other URI.</summary>
    private sealed class ProxyCredentials : ICredentials
    {
        private readonly Dictionary<Uri, NetworkCredential> byProxy = [];

        public void Add(Uri proxy, NetworkCredential credential) => byProxy[proxy] = credential;

        public NetworkCredential? GetCredential(Uri uri, string authType) =>
            byProxy.TryGetValue(new Uri(uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) + "/"), out var credential) ? credential : null;
    }
}
