using Microsoft.Extensions.DependencyInjection;
using PaiImage.Core.Credentials;
using PaiImage.Core.Errors;
using PaiImage.Core.Operations;
using PaiImage.Core.Registration;

namespace PaiImage.Core.Tests.Client;

[TestClass]
public sealed class PaiServiceWiringTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task AddPaiImageClient_registers_a_working_client_and_registrar()
    {
        await using var pai = await FakePai.StartAsync();
        var services = new ServiceCollection();
        services.AddPaiImageClient(options =>
        {
            var test = ClientTestOptions.For(pai.Endpoint);
            options.Endpoint = test.Endpoint;
            options.CredentialProvider = test.CredentialProvider;
            options.CredentialChain = test.CredentialChain;
            options.UserAgent = "PaiImage.Build/9.9.9";
        });
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<ImageRegistrar>().RegisterAsync(
            new AddImageRequest { Name = "my-app", ImageUri = "registry.example.com/ns/app:1" }, IfExistsPolicy.Fail, TestContext.CancellationToken);
        var listed = await provider.GetRequiredService<PaiImageClient>().ListImagesAsync(new ListImagesRequest(), TestContext.CancellationToken);

        Assert.AreEqual(RegistrationOutcome.Created, result.Outcome);
        Assert.AreEqual(1, listed.TotalCount);
        StringAssert.Matches(pai.Requests[0].Headers["User-Agent"], new System.Text.RegularExpressions.Regex(@"^PaiImage/\d+\.\d+\.\d+\S* PaiImage\.Build/9\.9\.9$"));
    }

    [TestMethod]
    public async Task Without_a_credential_provider_the_default_chain_signs_the_requests()
    {
        await using var pai = await FakePai.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "chain-key-id",
            ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "chain-key-secret",
        };
        var options = ClientTestOptions.For(pai.Endpoint, options =>
        {
            options.CredentialProvider = null;
            options.CredentialChain.GetEnvironmentVariable = name => environment.GetValueOrDefault(name);
        });
        using var services = PaiImageServices.Create(options);

        await services.Client.ListImagesAsync(new ListImagesRequest(), TestContext.CancellationToken);

        StringAssert.StartsWith(pai.Requests.Single().Headers["Authorization"], "ACS3-HMAC-SHA256 Credential=chain-key-id,");
    }

    [TestMethod]
    public async Task Disposing_the_services_leaves_a_caller_supplied_credential_provider_alone()
    {
        await using var pai = await FakePai.StartAsync();
        var provider = new DisposableProvider();
        var options = ClientTestOptions.For(pai.Endpoint, options => options.CredentialProvider = provider);

        using (var services = PaiImageServices.Create(options))
        {
            await services.Client.ListImagesAsync(new ListImagesRequest(), TestContext.CancellationToken);
        }

        Assert.AreEqual(0, provider.DisposeCount);
        Assert.AreEqual(1, provider.Calls);
    }

    private sealed class DisposableProvider : ICredentialProvider, IDisposable
    {
        public string Name => "test";

        public int Calls { get; private set; }

        public int DisposeCount { get; private set; }

        public ValueTask<PaiCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return ValueTask.FromResult(new PaiCredentials("caller-key-id", "caller-key-secret"));
        }

        public void Dispose() => DisposeCount++;
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public async Task With_or_without_a_container_a_failed_read_is_retried_and_each_attempt_signed_anew(bool withContainer)
    {
        await using var pai = await FakePai.StartAsync();
        pai.FailNext(1, 503, "ServiceUnavailable", action: "ListImages");
        var (client, owner) = withContainer ? ThroughContainer(ClientTestOptions.For(pai.Endpoint)) : ThroughCreate(ClientTestOptions.For(pai.Endpoint));
        using (owner)
        {
            await client.ListImagesAsync(new ListImagesRequest(), TestContext.CancellationToken);
        }

        var attempts = pai.RequestsOf("ListImages");
        Assert.HasCount(2, attempts);
        Assert.HasCount(2, attempts.Select(attempt => attempt.Headers["x-acs-signature-nonce"]).Distinct().ToList());
    }

    private static (PaiImageClient Client, IDisposable Owner) ThroughContainer(PaiClientOptions test)
    {
        var provider = new ServiceCollection().AddPaiImageClient(options =>
        {
            options.Endpoint = test.Endpoint;
            options.CredentialProvider = test.CredentialProvider;
            options.CredentialChain = test.CredentialChain;
            options.MaxAttempts = test.MaxAttempts;
            options.RetryBaseDelay = test.RetryBaseDelay;
        }).Services.BuildServiceProvider();
        return (provider.GetRequiredService<PaiImageClient>(), provider);
    }

    private static (PaiImageClient Client, IDisposable Owner) ThroughCreate(PaiClientOptions test)
    {
        var services = PaiImageServices.Create(test);
        return (services.Client, services);
    }

    [TestMethod]
    public void Create_exposes_the_resolved_endpoint()
    {
        using var services = PaiImageServices.Create(ClientTestOptions.For(new Uri("http://127.0.0.1:1/")));

        Assert.AreEqual(new Uri("http://127.0.0.1:1/"), services.Endpoint);
    }

    [TestMethod]
    [DataRow("MaxAttempts", 0, "PAI3020")]
    [DataRow("MaxAttempts", 11, "PAI3020")]
    [DataRow("AttemptTimeout", 0, "PAI3021")]
    [DataRow("TotalTimeout", 5, "PAI3022")]
    [DataRow("TotalTimeout", 1000, "PAI3023")]
    [DataRow("RetryBaseDelay", -1, "PAI3024")]
    public void Out_of_range_options_are_configuration_errors(string option, int value, string code)
    {
        var options = ClientTestOptions.For(new Uri("http://127.0.0.1:1/"), options =>
        {
            switch (option)
            {
                case "MaxAttempts": options.MaxAttempts = value; break;
                case "AttemptTimeout": options.AttemptTimeout = TimeSpan.FromMilliseconds(value); break;
                case "TotalTimeout": options.TotalTimeout = TimeSpan.FromMilliseconds(value); break;
                case "RetryBaseDelay": options.RetryBaseDelay = TimeSpan.FromMilliseconds(value); break;
            }
        });

        var exception = Assert.ThrowsExactly<PaiConfigurationException>(() => PaiImageServices.Create(options));

        Assert.AreEqual(code, exception.Code);
        Assert.IsNotNull(exception.Fix);
    }

    [TestMethod]
    public void A_user_agent_with_a_line_break_is_refused() =>
        Assert.AreEqual("PAI3025", Assert.ThrowsExactly<PaiConfigurationException>(() =>
            PaiImageServices.Create(ClientTestOptions.For(new Uri("http://127.0.0.1:1/"), options => options.UserAgent = "x\r\nInjected: 1"))).Code);

    [TestMethod]
    public void A_bad_endpoint_fails_when_the_services_are_created() =>
        Assert.StartsWith("PAI30", Assert.ThrowsExactly<PaiConfigurationException>(() =>
            PaiImageServices.Create(ClientTestOptions.For(new Uri("http://pai.example.com/")))).Code);
}
