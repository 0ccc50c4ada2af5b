using PaiImage.Core.Errors;

namespace PaiImage.Core.Tests.Credentials;

[TestClass]
public sealed class ChainOrderTests
{
    private const string CliAkProfile = """
        {"current":"main","profiles":[
          {"name":"main","mode":"AK","access_key_id":"cli-id","access_key_secret":"cli-secret"},
          {"name":"other","mode":"AK","access_key_id":"other-id","access_key_secret":"other-secret"}]}
        """;

    [TestMethod]
    public async Task Environment_access_key_is_used_first()
    {
        using var home = new TestHome();
        home.Env["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "env-id";
        home.Env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "env-secret";
        home.WriteCliConfig(CliAkProfile);
        using var chain = home.Chain();

        var resolution = await chain.ResolveAsync(CancellationToken.None);

        Assert.AreEqual("environment", resolution.Source);
        Assert.AreEqual("env-id", resolution.Credentials.AccessKeyId);
        Assert.AreEqual("env-secret", resolution.Credentials.AccessKeySecret);
        Assert.IsNull(resolution.Credentials.SecurityToken);
        Assert.AreEqual("environment", resolution.Credentials.Source);
        Assert.AreEqual(0, resolution.SkippedSources.Count);
    }

    [TestMethod]
    public async Task Environment_security_token_makes_sts_credentials()
    {
        using var home = new TestHome();
        home.Env["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "STS.env";
        home.Env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "env-secret";
        home.Env["ALIBABA_CLOUD_SECURITY_TOKEN"] = "env-token";
        using var chain = home.Chain();

        var credentials = await chain.GetCredentialsAsync(CancellationToken.None);

        Assert.AreEqual("env-token", credentials.SecurityToken);
        Assert.IsNull(credentials.Expiration);
    }

    [TestMethod]
    public async Task Cli_profile_comes_before_ini_and_reports_skipped_sources()
    {
        using var home = new TestHome();
        home.Env["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "only-id";
        home.WriteCliConfig(CliAkProfile);
        home.WriteIni("[default]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = ini-secret\n");
        using var chain = home.Chain();

        var resolution = await chain.ResolveAsync(CancellationToken.None);

        Assert.AreEqual("cli-profile:main (mode AK)", resolution.Source);
        Assert.AreEqual("cli-id", resolution.Credentials.AccessKeyId);
        CollectionAssert.AreEqual(new[] { "environment", "oidc-role" }, resolution.SkippedSources.Select(s => s.Source).ToArray());
        StringAssert.Contains(resolution.SkippedSources[0].Reason, "ALIBABA_CLOUD_ACCESS_KEY_ID is set but ALIBABA_CLOUD_ACCESS_KEY_SECRET is not");
        StringAssert.Contains(resolution.SkippedSources[1].Reason, "ALIBABA_CLOUD_OIDC_TOKEN_FILE");
    }

    [TestMethod]
    public async Task Explicit_profile_beats_environment_profile_and_current()
    {
        using var home = new TestHome();
        home.WriteCliConfig(CliAkProfile);
        home.Env["ALIBABA_CLOUD_PROFILE"] = "main";
        home.ProfileName = "other";
        using var chain = home.Chain();

        Assert.AreEqual("other-id", (await chain.GetCredentialsAsync(CancellationToken.None)).AccessKeyId);
    }

    [TestMethod]
    public async Task Environment_profile_beats_current()
    {
        using var home = new TestHome();
        home.WriteCliConfig(CliAkProfile);
        home.Env["ALIBABA_CLOUD_PROFILE"] = "other";
        using var chain = home.Chain();

        Assert.AreEqual("other-id", (await chain.GetCredentialsAsync(CancellationToken.None)).AccessKeyId);
    }

    [TestMethod]
    public async Task Cli_profile_is_skipped_when_disabled()
    {
        using var home = new TestHome();
        home.WriteCliConfig(CliAkProfile);
        home.WriteIni("[default]\naccess_key_id = ini-id\naccess_key_secret = ini-secret\n");
        home.Env["ALIBABA_CLOUD_CLI_PROFILE_DISABLED"] = "true";
        using var chain = home.Chain();

        var resolution = await chain.ResolveAsync(CancellationToken.None);

        Assert.AreEqual("ini-id", resolution.Credentials.AccessKeyId);
        Assert.AreEqual("ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true.", resolution.SkippedSources.Single(s => s.Source == "cli-profile").Reason);
    }

    [TestMethod]
    public async Task First_source_is_remembered()
    {
        using var home = new TestHome();
        home.WriteCliConfig(CliAkProfile);
        using var chain = home.Chain();
        await chain.GetCredentialsAsync(CancellationToken.None);
        File.Delete(home.CliConfigPath);
        home.Env["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "late-id";
        home.Env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "late-secret";

        Assert.AreEqual("cli-id", (await chain.GetCredentialsAsync(CancellationToken.None)).AccessKeyId);
    }

    [TestMethod]
    public async Task Nothing_found_gives_one_error_listing_every_source()
    {
        using var home = new TestHome();
        home.WriteCliConfig("""{"current":"x","profiles":[{"name":"x","mode":"CloudSSO"}]}""");
        using var chain = home.Chain();

        var error = await Assert.ThrowsExactlyAsync<PaiConfigurationException>(() => chain.ResolveAsync(CancellationToken.None));

        Assert.AreEqual("PAI3100", error.Code);
        foreach (var expected in new[]
        {
            "1. environment: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set.",
            "2. oidc-role: needs ALIBABA_CLOUD_ROLE_ARN",
            "3. cli-profile: profile 'x' in " + home.CliConfigPath + " uses mode 'CloudSSO', which is not supported",
            "4. ini-file: neither " + home.IniPath,
            "5. ecs-ram-role: The ECS metadata service at " + home.MetadataEndpoint,
            "6. credentials-uri: ALIBABA_CLOUD_CREDENTIALS_URI is not set.",
        })
        {
            StringAssert.Contains(error.Message, expected);
        }

        StringAssert.Contains(error.Fix, "aliyun configure");
    }
}
