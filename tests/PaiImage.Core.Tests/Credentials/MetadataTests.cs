using System.Globalization;
using Microsoft.AspNetCore.Http;
using PaiImage.Core.Errors;

namespace PaiImage.Core.Tests.Credentials;

[TestClass]
public sealed class MetadataTests
{
    [TestMethod]
    public async Task Ecs_role_uses_the_imdsv2_token_for_discovery_and_credentials()
    {
        using var home = new TestHome();
        await using var server = await LoopbackServer.StartAsync(FakeMetadata(home, tokenStatus: 200));
        home.MetadataEndpoint = server.BaseAddress;
        using var chain = home.Chain();

        var resolution = await chain.ResolveAsync(CancellationToken.None);

        Assert.AreEqual("ecs-ram-role:builder-role", resolution.Source);
        Assert.AreEqual("STS.ecs", resolution.Credentials.AccessKeyId);
        Assert.AreEqual("ecs-token", resolution.Credentials.SecurityToken);
        var requests = server.Requests.ToArray();
        Assert.AreEqual("PUT /latest/api/token", $"{requests[0].Method} {requests[0].Path}");
        Assert.AreEqual("21600", requests[0].Headers["X-aliyun-ecs-metadata-token-ttl-seconds"]);
        Assert.AreEqual("/latest/meta-data/ram/security-credentials/", requests[1].Path);
        Assert.AreEqual("/latest/meta-data/ram/security-credentials/builder-role", requests[2].Path);
        Assert.IsTrue(requests.Skip(1).All(r => r.Headers.GetValueOrDefault("X-aliyun-ecs-metadata-token") == "imds-token"));
    }

    [TestMethod]
    public async Task Ecs_role_falls_back_to_imdsv1_when_the_token_is_refused()
    {
        using var home = new TestHome();
        home.Env["ALIBABA_CLOUD_ECS_METADATA"] = "named-role";
        await using var server = await LoopbackServer.StartAsync(FakeMetadata(home, tokenStatus: 403));
        home.MetadataEndpoint = server.BaseAddress;
        using var chain = home.Chain();

        var resolution = await chain.ResolveAsync(CancellationToken.None);

        Assert.AreEqual("ecs-ram-role:named-role", resolution.Source);
        var requests = server.Requests.ToArray();
        Assert.AreEqual(2, requests.Length, "the named role needs no discovery");
        Assert.IsFalse(requests[1].Headers.ContainsKey("X-aliyun-ecs-metadata-token"));
        Assert.AreEqual("/latest/meta-data/ram/security-credentials/named-role", requests[1].Path);
    }

    [TestMethod]
    public async Task Imdsv1_disabled_turns_a_refused_token_into_an_error()
    {
        using var home = new TestHome();
        home.Env["ALIBABA_CLOUD_IMDSV1_DISABLED"] = "true";
        await using var server = await LoopbackServer.StartAsync(FakeMetadata(home, tokenStatus: 403));
        home.MetadataEndpoint = server.BaseAddress;
        using var chain = home.Chain();

        var error = await Assert.ThrowsExactlyAsync<PaiConfigurationException>(() => chain.ResolveAsync(CancellationToken.None));

        Assert.AreEqual("PAI3115", error.Code);
        Assert.AreEqual(1, server.Requests.Count);
    }

    [TestMethod]
    public async Task Ecs_metadata_disabled_sends_nothing()
    {
        using var home = new TestHome();
        home.Env["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true";
        await using var server = await LoopbackServer.StartAsync(FakeMetadata(home, tokenStatus: 200));
        home.MetadataEndpoint = server.BaseAddress;
        using var chain = home.Chain();

        var error = await Assert.ThrowsExactlyAsync<PaiConfigurationException>(() => chain.ResolveAsync(CancellationToken.None));

        StringAssert.Contains(error.Message, "ecs-ram-role: ALIBABA_CLOUD_ECS_METADATA_DISABLED=true.");
        Assert.AreEqual(0, server.Requests.Count);
    }

    [TestMethod]
    public async Task Instance_without_role_is_skipped_with_a_reason()
    {
        using var home = new TestHome();
        await using var server = await LoopbackServer.StartAsync(async (request, context) =>
        {
            context.Response.StatusCode = request.Method == "PUT" ? 200 : 404;
            await context.Response.WriteAsync(request.Method == "PUT" ? "imds-token" : "");
        });
        home.MetadataEndpoint = server.BaseAddress;
        using var chain = home.Chain();

        var error = await Assert.ThrowsExactlyAsync<PaiConfigurationException>(() => chain.ResolveAsync(CancellationToken.None));

        Assert.AreEqual("PAI3100", error.Code);
        StringAssert.Contains(error.Message, "no RAM role attached");
    }

    [TestMethod]
    public async Task Credentials_without_success_code_are_rejected()
    {
        using var home = new TestHome();
        home.Env["ALIBABA_CLOUD_ECS_METADATA"] = "r";
        await using var server = await LoopbackServer.StartAsync(async (request, context) =>
            await context.Response.WriteAsync(request.Method == "PUT" ? "imds-token" : """{"Code":"Failed","AccessKeyId":"x"}"""));
        home.MetadataEndpoint = server.BaseAddress;
        using var chain = home.Chain();

        var error = await Assert.ThrowsExactlyAsync<PaiConfigurationException>(() => chain.ResolveAsync(CancellationToken.None));

        Assert.AreEqual("PAI3112", error.Code);
        StringAssert.Contains(error.Message, "Code 'Failed'");
    }

    [TestMethod]
    public async Task Credentials_uri_supplies_temporary_credentials()
    {
        using var home = new TestHome();
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
            await context.Response.WriteAsync(CredentialsJson("Success", "STS.uri", home.Clock.GetUtcNow().AddHours(1))));
        home.Env["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true";
        home.Env["ALIBABA_CLOUD_CREDENTIALS_URI"] = new Uri(server.BaseAddress, "creds?auth=abc").ToString();
        using var chain = home.Chain();

        var resolution = await chain.ResolveAsync(CancellationToken.None);

        Assert.AreEqual("credentials-uri", resolution.Source);
        Assert.AreEqual("STS.uri", resolution.Credentials.AccessKeyId);
        Assert.AreEqual("GET /creds", $"{server.Requests.Single().Method} {server.Requests.Single().Path}");
        Assert.AreEqual(5, resolution.SkippedSources.Count);
    }

    [TestMethod]
    [DataRow("""{"Code":"Failed"}""", "Code 'Failed'")]
    [DataRow("""{"Code":"Success","AccessKeyId":"a","AccessKeySecret":"b"}""", "without SecurityToken, Expiration")]
    [DataRow("<html/>", "not JSON")]
    public async Task Credentials_uri_rejects_incomplete_answers(string body, string expected)
    {
        using var home = new TestHome();
        await using var server = await LoopbackServer.StartAsync(async (_, context) => await context.Response.WriteAsync(body));
        home.Env["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true";
        home.Env["ALIBABA_CLOUD_CREDENTIALS_URI"] = new Uri(server.BaseAddress, "creds?auth=hidden-query").ToString();
        using var chain = home.Chain();

        var error = await Assert.ThrowsExactlyAsync<PaiConfigurationException>(() => chain.ResolveAsync(CancellationToken.None));

        Assert.AreEqual("PAI3116", error.Code);
        StringAssert.Contains(error.Message, expected);
        Assert.IsFalse(error.Message.Contains("hidden-query", StringComparison.Ordinal));
    }

    internal static string CredentialsJson(string code, string id, DateTimeOffset expiration) =>
        $$"""{"Code":"{{code}}","AccessKeyId":"{{id}}","AccessKeySecret":"{{id}}-secret","SecurityToken":"ecs-token","Expiration":"{{expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}}","LastUpdated":"x"}""";

    private static Func<RecordedRequest, HttpContext, Task> FakeMetadata(TestHome home, int tokenStatus) => async (request, context) =>
    {
        if (request.Method == "PUT")
        {
            context.Response.StatusCode = tokenStatus;
            await context.Response.WriteAsync(tokenStatus == 200 ? "imds-token" : "forbidden");
        }
        else if (request.Path.EndsWith('/'))
        {
            await context.Response.WriteAsync("builder-role\n");
        }
        else
        {
            await context.Response.WriteAsync(CredentialsJson("Success", "STS.ecs", home.Clock.GetUtcNow().AddHours(6)));
        }
    };
}
