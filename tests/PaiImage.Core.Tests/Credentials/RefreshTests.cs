using Microsoft.AspNetCore.Http;
using PaiImage.Core.Errors;

namespace PaiImage.Core.Tests.Credentials;

[TestClass]
public sealed class RefreshTests
{
    [TestMethod]
    public async Task Credentials_are_refreshed_only_when_less_than_five_minutes_remain()
    {
        using var home = new TestHome();
        await using var server = await UriServer(home, () => (200, null));
        using var chain = home.Chain();

        var first = await chain.GetCredentialsAsync(CancellationToken.None);
        home.Clock.Advance(TimeSpan.FromMinutes(4));
        var cached = await chain.GetCredentialsAsync(CancellationToken.None);
        home.Clock.Advance(TimeSpan.FromMinutes(2));
        var refreshed = await chain.GetCredentialsAsync(CancellationToken.None);

        Assert.AreSame(first, cached);
        Assert.AreEqual("STS.uri2", refreshed.AccessKeyId);
        Assert.AreEqual(2, server.Requests.Count);
    }

    [TestMethod]
    public async Task Failed_refresh_keeps_valid_credentials_with_a_warning_then_fails_once_expired()
    {
        using var home = new TestHome();
        var failing = false;
        await using var server = await UriServer(home, () => (failing ? 500 : 200, null));
        using var chain = home.Chain();
        var first = await chain.GetCredentialsAsync(CancellationToken.None);
        failing = true;

        home.Clock.Advance(TimeSpan.FromMinutes(8));
        var kept = await chain.GetCredentialsAsync(CancellationToken.None);
        home.Clock.Advance(TimeSpan.FromMinutes(3));
        var error = await Assert.ThrowsExactlyAsync<PaiConfigurationException>(async () => await chain.GetCredentialsAsync(CancellationToken.None));

        Assert.AreSame(first, kept);
        StringAssert.Contains(home.Warnings.Single(), "Could not refresh the temporary credentials from credentials-uri");
        Assert.AreEqual("PAI3118", error.Code);
        StringAssert.Contains(error.Message, "PAI3116");
    }

    [TestMethod]
    public async Task Concurrent_callers_share_one_refresh()
    {
        using var home = new TestHome();
        await using var server = await UriServer(home, () => (200, TimeSpan.FromMilliseconds(200)));
        using var chain = home.Chain();
        await chain.GetCredentialsAsync(CancellationToken.None);
        home.Clock.Advance(TimeSpan.FromMinutes(6));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => chain.GetCredentialsAsync(CancellationToken.None).AsTask()));

        Assert.AreEqual(2, server.Requests.Count);
        Assert.IsTrue(results.All(r => r.AccessKeyId == "STS.uri2"));
    }

    // Serves credentials valid for 10 minutes from the fake clock's now.
    private static async Task<LoopbackServer> UriServer(TestHome home, Func<(int Status, TimeSpan? Delay)> behaviour)
    {
        var count = 0;
        var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            var (status, delay) = behaviour();
            if (delay is { } d)
            {
                // Keeps the first refresh in flight while the other callers arrive.
                await Task.Delay(d);
            }

            context.Response.StatusCode = status;
            var n = Interlocked.Increment(ref count);
            await context.Response.WriteAsync(MetadataTests.CredentialsJson("Success", $"STS.uri{n}", home.Clock.GetUtcNow().AddMinutes(10)));
        });
        home.Env["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true";
        home.Env["ALIBABA_CLOUD_CREDENTIALS_URI"] = new Uri(server.BaseAddress, "creds").ToString();
        return server;
    }
}
