using PaiImage.Core.Errors;

namespace PaiImage.Core.Tests.Credentials;

[TestClass]
public sealed class StsTests
{
    [TestMethod]
    public async Task Ram_role_arn_profile_assumes_the_role_with_a_valid_signature()
    {
        using var home = new TestHome();
        var sts = new FakeSts { Clock = home.Clock };
        sts.Secrets["source-id"] = "source-secret";
        await using var server = await LoopbackServer.StartAsync(sts.HandleAsync);
        home.Env["ALIBABA_CLOUD_STS_ENDPOINT"] = server.HostAndPort;
        home.WriteCliConfig("""
            {"current":"role","profiles":[{"name":"role","mode":"RamRoleArn","access_key_id":"source-id","access_key_secret":"source-secret",
              "ram_role_arn":"acs:ram::123:role/builder","external_id":"ext-1"}]}
            """);
        using var chain = home.Chain();

        var resolution = await chain.ResolveAsync(CancellationToken.None);

        Assert.AreEqual(0, sts.SignatureFailures.Count);
        Assert.AreEqual("cli-profile:role (mode RamRoleArn)", resolution.Source);
        Assert.AreEqual("STS.issued1", resolution.Credentials.AccessKeyId);
        Assert.AreEqual("issued-token-1", resolution.Credentials.SecurityToken);
        Assert.AreEqual(home.Clock.GetUtcNow().AddHours(1), resolution.Credentials.Expiration);
        var request = server.Requests.Single();
        Assert.AreEqual("POST", request.Method);
        Assert.AreEqual("AssumeRole", request.Query["Action"]);
        Assert.AreEqual("2015-04-01", request.Query["Version"]);
        Assert.AreEqual("2026-03-01T12:00:00Z", request.Query["Timestamp"]);
        Assert.AreEqual("acs:ram::123:role/builder", request.Form["RoleArn"]);
        Assert.AreEqual("3600", request.Form["DurationSeconds"]);
        Assert.AreEqual("ext-1", request.Form["ExternalId"]);
        Assert.AreEqual($"pai-image-{home.Clock.GetUtcNow().ToUnixTimeMilliseconds()}", request.Form["RoleSessionName"]);
    }

    [TestMethod]
    public async Task Chainable_profile_signs_the_second_call_with_the_first_sts_credentials()
    {
        using var home = new TestHome();
        var sts = new FakeSts { Clock = home.Clock };
        sts.Secrets["base-id"] = "base-secret";
        await using var server = await LoopbackServer.StartAsync(sts.HandleAsync);
        home.StsEndpoint = server.BaseAddress;
        home.Env["ALIBABA_CLOUD_ROLE_SESSION_NAME"] = "ci-session";
        home.WriteCliConfig("""
            {"current":"top","profiles":[
              {"name":"base","mode":"RamRoleArn","access_key_id":"base-id","access_key_secret":"base-secret","ram_role_arn":"acs:ram::1:role/first","expired_seconds":900},
              {"name":"top","mode":"ChainableRamRoleArn","source_profile":"base","ram_role_arn":"acs:ram::1:role/second","ram_session_name":"top-session"}]}
            """);
        using var chain = home.Chain();

        var credentials = await chain.GetCredentialsAsync(CancellationToken.None);

        Assert.AreEqual(0, sts.SignatureFailures.Count);
        Assert.AreEqual("STS.issued2", credentials.AccessKeyId);
        var requests = server.Requests.ToArray();
        Assert.AreEqual("900", requests[0].Form["DurationSeconds"]);
        Assert.AreEqual("ci-session", requests[0].Form["RoleSessionName"]);
        Assert.AreEqual("STS.issued1", requests[1].Query["AccessKeyId"]);
        Assert.AreEqual("issued-token-1", requests[1].Query["SecurityToken"]);
        Assert.AreEqual("acs:ram::1:role/second", requests[1].Form["RoleArn"]);
        Assert.AreEqual("top-session", requests[1].Form["RoleSessionName"]);
    }

    [TestMethod]
    public async Task Sts_error_is_reported_with_code_and_request_id_without_secrets()
    {
        using var home = new TestHome();
        var sts = new FakeSts
        {
            Failure = (403, """{"Code":"NoPermission","Message":"You are not authorized, server string to sign is: POST&%2F&SecurityToken%3Dsrc-token","RequestId":"R-403"}"""),
        };
        await using var server = await LoopbackServer.StartAsync(sts.HandleAsync);
        home.StsEndpoint = server.BaseAddress;
        home.WriteIni("""
            [default]
            type = ram_role_arn
            access_key_id = src-id
            access_key_secret = src-secret
            role_arn = acs:ram::9:role/denied
            """);
        using var chain = home.Chain();

        var error = await Assert.ThrowsExactlyAsync<PaiConfigurationException>(() => chain.ResolveAsync(CancellationToken.None));

        Assert.AreEqual("PAI3110", error.Code);
        StringAssert.Contains(error.Message, "NoPermission");
        StringAssert.Contains(error.Message, "R-403");
        StringAssert.Contains(error.Message, "acs:ram::9:role/denied");
        Assert.IsFalse(error.Message.Contains("src-token", StringComparison.Ordinal));
        Assert.IsFalse(error.Message.Contains("src-secret", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Oidc_role_is_anonymous_and_rereads_the_token_file_at_each_refresh()
    {
        using var home = new TestHome();
        var sts = new FakeSts { Clock = home.Clock, Lifetime = TimeSpan.FromMinutes(15) };
        await using var server = await LoopbackServer.StartAsync(sts.HandleAsync);
        var tokenFile = home.WriteFile("token", "jwt-one\n");
        home.StsEndpoint = server.BaseAddress;
        home.Env["ALIBABA_CLOUD_ROLE_ARN"] = "acs:ram::5:role/ci";
        home.Env["ALIBABA_CLOUD_OIDC_PROVIDER_ARN"] = "acs:ram::5:oidc-provider/gh";
        home.Env["ALIBABA_CLOUD_OIDC_TOKEN_FILE"] = tokenFile;
        using var chain = home.Chain();

        var first = await chain.ResolveAsync(CancellationToken.None);
        File.WriteAllText(tokenFile, "jwt-two");
        home.Clock.Advance(TimeSpan.FromMinutes(11));
        var second = await chain.ResolveAsync(CancellationToken.None);

        Assert.AreEqual("oidc-role", first.Source);
        Assert.AreEqual("STS.issued1", first.Credentials.AccessKeyId);
        Assert.AreEqual("STS.issued2", second.Credentials.AccessKeyId);
        var requests = server.Requests.ToArray();
        Assert.AreEqual(2, requests.Length);
        Assert.AreEqual("AssumeRoleWithOIDC", requests[0].Query["Action"]);
        Assert.IsFalse(requests[0].Query.ContainsKey("Signature"));
        Assert.IsFalse(requests[0].Query.ContainsKey("AccessKeyId"));
        Assert.AreEqual("acs:ram::5:oidc-provider/gh", requests[0].Form["OIDCProviderArn"]);
        Assert.AreEqual("jwt-one", requests[0].Form["OIDCToken"]);
        Assert.AreEqual("jwt-two", requests[1].Form["OIDCToken"]);
    }

    [TestMethod]
    public async Task Oidc_token_file_missing_names_the_file()
    {
        using var home = new TestHome();
        home.StsEndpoint = new Uri("http://127.0.0.1:9/");
        home.Env["ALIBABA_CLOUD_ROLE_ARN"] = "acs:ram::5:role/ci";
        home.Env["ALIBABA_CLOUD_OIDC_PROVIDER_ARN"] = "acs:ram::5:oidc-provider/gh";
        home.Env["ALIBABA_CLOUD_OIDC_TOKEN_FILE"] = Path.Combine(home.Root, "absent");
        using var chain = home.Chain();

        var error = await Assert.ThrowsExactlyAsync<PaiConfigurationException>(() => chain.ResolveAsync(CancellationToken.None));

        Assert.AreEqual("PAI3101", error.Code);
        StringAssert.Contains(error.Message, Path.Combine(home.Root, "absent"));
    }

    [TestMethod]
    [DataRow(null, null, null, "https://sts.aliyuncs.com/")]
    [DataRow("cn-shanghai", null, null, "https://sts.cn-shanghai.aliyuncs.com/")]
    [DataRow("cn-shanghai", "true", null, "https://sts-vpc.cn-shanghai.aliyuncs.com/")]
    [DataRow("cn-shanghai", null, "sts.example.internal", "https://sts.example.internal/")]
    [DataRow(null, null, "https://sts.example.internal:8443", "https://sts.example.internal:8443/")]
    public async Task Sts_endpoint_follows_the_environment(string? region, string? vpc, string? endpoint, string expected)
    {
        using var home = new TestHome();
        var seen = new List<Uri>();
        home.HttpHandlerFactory = () => new CapturingHandler(seen);
        SetIfNotNull(home, "ALIBABA_CLOUD_STS_REGION", region);
        SetIfNotNull(home, "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED", vpc);
        SetIfNotNull(home, "ALIBABA_CLOUD_STS_ENDPOINT", endpoint);
        home.WriteIni("[default]\ntype = ram_role_arn\naccess_key_id = a\naccess_key_secret = b\nrole_arn = acs:ram::1:role/r\n");
        using var chain = home.Chain();

        await Assert.ThrowsExactlyAsync<PaiConfigurationException>(() => chain.ResolveAsync(CancellationToken.None));

        Assert.AreEqual(expected, seen.Single().GetLeftPart(UriPartial.Path));
    }

    [TestMethod]
    public async Task Plain_http_sts_endpoint_is_refused_unless_loopback()
    {
        using var home = new TestHome();
        home.Env["ALIBABA_CLOUD_STS_ENDPOINT"] = "http://sts.example.com";
        home.WriteIni("[default]\ntype = ram_role_arn\naccess_key_id = a\naccess_key_secret = b\nrole_arn = acs:ram::1:role/r\n");
        using var chain = home.Chain();

        var error = await Assert.ThrowsExactlyAsync<PaiConfigurationException>(() => chain.ResolveAsync(CancellationToken.None));

        Assert.AreEqual("PAI3117", error.Code);
    }

    private static void SetIfNotNull(TestHome home, string name, string? value)
    {
        if (value is not null)
        {
            home.Env[name] = value;
        }
    }

    /// <summary>Records where a request would go and answers 503 without touching the network.</summary>
    private sealed class CapturingHandler(List<Uri> seen) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { Content = new StringContent("down") });
        }
    }
}
