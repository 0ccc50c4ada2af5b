using PaiImage.Core.Errors;

namespace PaiImage.Core.Tests.Credentials;

[TestClass]
public sealed class ProfileFileTests
{
    [TestMethod]
    public async Task Cli_sts_token_profile_keeps_the_token()
    {
        using var home = new TestHome();
        home.WriteCliConfig("""{"current":"s","profiles":[{"name":"s","mode":"ststoken","access_key_id":"STS.a","access_key_secret":"b","sts_token":"c"}]}""");
        using var chain = home.Chain();

        var resolution = await chain.ResolveAsync(CancellationToken.None);

        Assert.AreEqual("cli-profile:s (mode StsToken)", resolution.Source);
        Assert.AreEqual("c", resolution.Credentials.SecurityToken);
    }

    [TestMethod]
    public async Task Missing_cli_profile_falls_through_to_the_ini_section_of_the_same_name()
    {
        using var home = new TestHome();
        home.ProfileName = "ci";
        home.WriteCliConfig("""{"current":"main","profiles":[{"name":"main","mode":"AK","access_key_id":"a","access_key_secret":"b"}]}""");
        home.WriteIni("[default]\naccess_key_id = d\naccess_key_secret = e\n[ci]\naccess_key_id = ci-id\naccess_key_secret = ci-secret\n");
        using var chain = home.Chain();

        var resolution = await chain.ResolveAsync(CancellationToken.None);

        Assert.AreEqual($"ini:{home.IniPath} [ci]", resolution.Source);
        Assert.AreEqual("ci-id", resolution.Credentials.AccessKeyId);
        StringAssert.Contains(resolution.SkippedSources.Single(s => s.Source == "cli-profile").Reason, "has no profile 'ci' (profiles: 'main')");
    }

    [TestMethod]
    [DataRow("{not json", "PAI3102", "is not valid JSON")]
    [DataRow("""{"profiles":{}}""", "PAI3102", "'profiles' is not an array")]
    [DataRow("""{"current":"p","profiles":[{"name":"p","mode":"AK","access_key_id":"a"}]}""", "PAI3103", "Profile 'p' (mode AK)")]
    [DataRow("""{"current":"p","profiles":[{"name":"p","mode":"RamRoleArn","access_key_id":"a","access_key_secret":"b"}]}""", "PAI3103", "has no ram_role_arn")]
    [DataRow("""{"current":"p","profiles":[{"name":"p","mode":"ChainableRamRoleArn","source_profile":"q","ram_role_arn":"r"},{"name":"q","mode":"ChainableRamRoleArn","source_profile":"p","ram_role_arn":"r"}]}""", "PAI3104", "p -> q -> p")]
    [DataRow("""{"current":"p","profiles":[{"name":"p","mode":"ChainableRamRoleArn","source_profile":"gone","ram_role_arn":"r"}]}""", "PAI3103", "'gone', which does not exist")]
    public async Task Broken_cli_config_gives_a_specific_error(string json, string code, string expected)
    {
        using var home = new TestHome();
        home.WriteCliConfig(json);
        using var chain = home.Chain();

        var error = await Assert.ThrowsExactlyAsync<PaiConfigurationException>(() => chain.ResolveAsync(CancellationToken.None));

        Assert.AreEqual(code, error.Code);
        StringAssert.Contains(error.Message, expected);
        StringAssert.Contains(error.Message, home.CliConfigPath);
    }

    [TestMethod]
    public async Task Ini_inline_comments_are_stripped()
    {
        using var home = new TestHome();
        home.WriteIni("""
            # leading comment
            ; another
            [default]
            type = access_key   # the usual kind
            access_key_id = ini-id ; inline
            access_key_secret = ini-secret
            """);
        using var chain = home.Chain();

        var credentials = await chain.GetCredentialsAsync(CancellationToken.None);

        Assert.AreEqual("ini-id", credentials.AccessKeyId);
        Assert.AreEqual("ini-secret", credentials.AccessKeySecret);
    }

    [TestMethod]
    public async Task Ini_falls_back_to_credentials_ini_and_honours_the_file_variable()
    {
        using var home = new TestHome();
        var dotIni = home.WriteFile(Path.Combine(".alibabacloud", "credentials.ini"), "[default]\naccess_key_id = dot-ini\naccess_key_secret = s\n");
        var custom = home.WriteFile("custom.ini", "[default]\naccess_key_id = custom\naccess_key_secret = s\n");
        using (var chain = home.Chain())
        {
            Assert.AreEqual($"ini:{dotIni} [default]", (await chain.ResolveAsync(CancellationToken.None)).Source);
        }

        home.Env["ALIBABA_CLOUD_CREDENTIALS_FILE"] = custom;
        using var customChain = home.Chain();
        Assert.AreEqual("custom", (await customChain.GetCredentialsAsync(CancellationToken.None)).AccessKeyId);
    }

    [TestMethod]
    [DataRow("[default]\naccess_key_id = a\nthis line is wrong\n", "PAI3105", "line 3")]
    [DataRow("access_key_id = a\n[default]\n", "PAI3105", "line 1 sets a key before any [section]")]
    [DataRow("[default]\ntype = ram_role_arn\naccess_key_id = a\naccess_key_secret = b\n", "PAI3106", "has no role_arn")]
    [DataRow("[default]\ntype = oidc_role_arn\nrole_arn = r\noidc_provider_arn = p\n", "PAI3106", "has no oidc_token_file_path")]
    public async Task Broken_ini_gives_a_specific_error(string text, string code, string expected)
    {
        using var home = new TestHome();
        home.WriteIni(text);
        using var chain = home.Chain();

        var error = await Assert.ThrowsExactlyAsync<PaiConfigurationException>(() => chain.ResolveAsync(CancellationToken.None));

        Assert.AreEqual(code, error.Code);
        StringAssert.Contains(error.Message, expected);
        StringAssert.Contains(error.Message, home.IniPath);
    }

    [TestMethod]
    public async Task Missing_credentials_file_variable_target_is_an_error()
    {
        using var home = new TestHome();
        home.Env["ALIBABA_CLOUD_CREDENTIALS_FILE"] = Path.Combine(home.Root, "nope.ini");
        using var chain = home.Chain();

        var error = await Assert.ThrowsExactlyAsync<PaiConfigurationException>(() => chain.ResolveAsync(CancellationToken.None));

        Assert.AreEqual("PAI3107", error.Code);
    }

    [TestMethod]
    public async Task Unsupported_ini_type_is_a_skip_reason()
    {
        using var home = new TestHome();
        home.WriteIni("[default]\ntype = rsa_key_pair\npublic_key_id = x\n");
        using var chain = home.Chain();

        var error = await Assert.ThrowsExactlyAsync<PaiConfigurationException>(() => chain.ResolveAsync(CancellationToken.None));

        StringAssert.Contains(error.Message, "has type 'rsa_key_pair', which is not supported");
    }
}
