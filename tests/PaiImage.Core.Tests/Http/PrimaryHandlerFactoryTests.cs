using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using PaiImage.Core.Errors;
using PaiImage.Core.Http;

namespace PaiImage.Core.Tests.Http;

[TestClass]
public sealed class PrimaryHandlerFactoryTests
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    [TestMethod]
    public async Task Http_requests_go_through_HTTP_PROXY_in_absolute_form()
    {
        await using var proxy = await RecordingServer.StartAsync();
        using var client = new HttpClient(PrimaryHandlerFactory.CreateProxyAware(Env(("HTTP_PROXY", proxy.BaseAddress.ToString())), ConnectTimeout));

        using var response = await client.GetAsync(new Uri("http://aiworkspace.cn-hangzhou.example/api/v1/images?Name=a%20b"));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var received = proxy.Requests.Single();
        Assert.AreEqual("http://aiworkspace.cn-hangzhou.example/api/v1/images?Name=a%20b", received.RawTarget);
        Assert.AreEqual("aiworkspace.cn-hangzhou.example", received.Header("Host"));
    }

    [TestMethod]
    public async Task Credentials_in_the_proxy_url_answer_the_proxy_challenge()
    {
        await using var proxy = await RecordingServer.StartAsync(async context =>
        {
            if (context.Request.Headers.ProxyAuthorization.Count == 0)
            {
                context.Response.StatusCode = StatusCodes.Status407ProxyAuthenticationRequired;
                context.Response.Headers.ProxyAuthenticate = "Basic realm=\"test\"";
                return;
            }

            await context.Response.WriteAsync("ok");
        });
        var proxyUrl = $"http://user%40corp:p%40ss%20word@127.0.0.1:{proxy.BaseAddress.Port}";
        using var client = new HttpClient(PrimaryHandlerFactory.CreateProxyAware(Env(("http_proxy", proxyUrl)), ConnectTimeout));

        using var response = await client.GetAsync(new Uri("http://pai.example/api/v1/images"));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user@corp:p@ss word"));
        Assert.AreEqual(expected, proxy.Requests[^1].Header("Proxy-Authorization"));
    }

    [TestMethod]
    public async Task Loopback_targets_bypass_the_proxy()
    {
        await using var proxy = await RecordingServer.StartAsync();
        await using var target = await RecordingServer.StartAsync();
        var env = Env(("HTTP_PROXY", proxy.BaseAddress.ToString()), ("HTTPS_PROXY", proxy.BaseAddress.ToString()));
        using var client = new HttpClient(PrimaryHandlerFactory.CreateProxyAware(env, ConnectTimeout));

        using var response = await client.GetAsync(new Uri(target.BaseAddress, "/api/v1/images"));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("/api/v1/images", target.Requests.Single().RawTarget);
        Assert.IsEmpty(proxy.Requests);
    }

    [TestMethod]
    [DataRow("https://pai.example/", "http://https-proxy:3128/")]
    [DataRow("http://pai.example/", "http://http-proxy:8080/")]
    public void The_proxy_follows_the_target_scheme(string destination, string expectedProxy)
    {
        var proxy = Proxy(Env(("HTTPS_PROXY", "https-proxy:3128"), ("HTTP_PROXY", "http://http-proxy:8080")));
        Assert.AreEqual(new Uri(expectedProxy), proxy.GetProxy(new Uri(destination)));
    }

    [TestMethod]
    public void Upper_case_variables_win_and_lower_case_ones_are_a_fallback()
    {
        var both = Proxy(Env(("HTTPS_PROXY", "http://upper:1"), ("https_proxy", "http://lower:2")));
        var lowerOnly = Proxy(Env(("https_proxy", "http://lower:2")));

        Assert.AreEqual(new Uri("http://upper:1/"), both.GetProxy(new Uri("https://pai.example/")));
        Assert.AreEqual(new Uri("http://lower:2/"), lowerOnly.GetProxy(new Uri("https://pai.example/")));
    }

    [TestMethod]
    public void Without_proxy_variables_everything_is_direct()
    {
        var proxy = Proxy(Env());
        Assert.IsTrue(proxy.IsBypassed(new Uri("https://pai.example/")));
        Assert.IsNull(proxy.GetProxy(new Uri("http://pai.example/")));
    }

    [TestMethod]
    [DataRow("*", "https://aiworkspace.cn-hangzhou.aliyuncs.com/", true)]
    [DataRow("aliyuncs.com", "https://aiworkspace.cn-hangzhou.aliyuncs.com/", true)]
    [DataRow(".aliyuncs.com", "https://aiworkspace.cn-hangzhou.aliyuncs.com/", true)]
    [DataRow(".aliyuncs.com", "https://aliyuncs.com/", true)]
    [DataRow("aliyuncs.com", "https://notaliyuncs.com/", false)]
    [DataRow("other.com, ALIYUNCS.COM ", "https://pai.aliyuncs.com/", true)]
    [DataRow("10.1.2.3", "https://10.1.2.3/", true)]
    [DataRow("10.1.2.3", "https://10.1.2.4/", false)]
    [DataRow("pai.example:8443", "https://pai.example:8443/", true)]
    [DataRow("pai.example:8443", "https://pai.example/", false)]
    [DataRow("[2001:db8::1]:443", "https://[2001:db8::1]/", true)]
    [DataRow("2001:db8::1", "https://[2001:db8::1]:9000/", true)]
    [DataRow("", "https://pai.example/", false)]
    [DataRow("other.example", "http://localhost/", true)]
    [DataRow("other.example", "http://127.5.6.7:81/", true)]
    [DataRow("other.example", "http://[::1]/", true)]
    public void No_proxy_and_loopback_decide_the_bypass(string noProxy, string destination, bool bypassed)
    {
        var proxy = Proxy(Env(("HTTPS_PROXY", "http://proxy:3128"), ("HTTP_PROXY", "http://proxy:3128"), ("NO_PROXY", noProxy)));

        Assert.AreEqual(bypassed, proxy.IsBypassed(new Uri(destination)));
        Assert.AreEqual(bypassed, proxy.GetProxy(new Uri(destination)) is null);
    }

    [TestMethod]
    public void Lower_case_no_proxy_is_read_too() =>
        Assert.IsTrue(Proxy(Env(("HTTPS_PROXY", "http://proxy:3128"), ("no_proxy", "pai.example"))).IsBypassed(new Uri("https://pai.example/")));

    [TestMethod]
    public void An_invalid_proxy_url_is_PAI3010_naming_the_variable_without_the_password()
    {
        var error = Assert.ThrowsExactly<PaiConfigurationException>(
            () => PrimaryHandlerFactory.CreateProxyAware(Env(("HTTPS_PROXY", "http://user:hunter2@bad host:80")), ConnectTimeout));

        Assert.AreEqual("PAI3010", error.Code);
        StringAssert.Contains(error.Message, "HTTPS_PROXY");
        StringAssert.Contains(error.Fix, "HTTPS_PROXY");
        Assert.DoesNotContain("hunter2", error.ToDiagnosticLine());
    }

    [TestMethod]
    public void An_unsupported_proxy_scheme_is_PAI3011()
    {
        var error = Assert.ThrowsExactly<PaiConfigurationException>(
            () => PrimaryHandlerFactory.CreateProxyAware(Env(("http_proxy", "ftp://proxy:21")), ConnectTimeout));

        Assert.AreEqual("PAI3011", error.Code);
        StringAssert.Contains(error.Message, "http_proxy");
    }

    [TestMethod]
    public void Proxy_credentials_are_offered_only_to_their_proxy()
    {
        var proxy = Proxy(Env(("HTTPS_PROXY", "http://alice:s3cret@proxy:3128")));

        Assert.AreEqual("alice", proxy.Credentials?.GetCredential(new Uri("http://proxy:3128/"), "Basic")?.UserName);
        Assert.IsNull(proxy.Credentials?.GetCredential(new Uri("http://other:3128/"), "Basic"));
        Assert.AreEqual(new Uri("http://proxy:3128/"), proxy.GetProxy(new Uri("https://pai.example/")));
    }

    [TestMethod]
    public void Direct_handler_never_uses_a_proxy()
    {
        using var handler = (SocketsHttpHandler)PrimaryHandlerFactory.CreateDirect(TimeSpan.FromSeconds(1));

        Assert.IsFalse(handler.UseProxy);
        Assert.AreEqual(TimeSpan.FromSeconds(1), handler.ConnectTimeout);
    }

    private static IWebProxy Proxy(Func<string, string?> env)
    {
        using var handler = (SocketsHttpHandler)PrimaryHandlerFactory.CreateProxyAware(env, ConnectTimeout);
        Assert.AreEqual(ConnectTimeout, handler.ConnectTimeout);
        return handler.Proxy!;
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }
}
