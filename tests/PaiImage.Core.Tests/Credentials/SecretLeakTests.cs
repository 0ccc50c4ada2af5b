using PaiImage.Core.Credentials;

namespace PaiImage.Core.Tests.Credentials;

[TestClass]
public sealed class SecretLeakTests
{
    private const string Secret = "LEAKCHECK-secret-1";
    private const string Token = "LEAKCHECK-token-2";
    private const string OidcToken = "LEAKCHECK-oidc-3";

    [TestMethod]
    public async Task No_failure_path_shows_a_secret()
    {
        var texts = new List<string>();
        var stsFailure = (403, $$"""{"Code":"SignatureDoesNotMatch","Message":"mismatch {{Secret}} string to sign is: {{Token}}","RequestId":"R"}""");

        await Collect(texts, home => home.WriteCliConfig($$"""{"current":"p","profiles":[{"name":"p","mode":"StsToken","access_key_id":"a","access_key_secret":"{{Secret}}"}]}"""));
        await Collect(texts, home => home.WriteCliConfig($$"""{"current":"p","profiles":[{"name":"p","mode":"AK","access_key_secret":"{{Secret}}", broken"""));
        await Collect(texts, home => home.WriteIni($"[default]\naccess_key_secret = {Secret}\n{Token}\n"));
        await Collect(texts, home => home.WriteIni($"[default]\naccess_key_secret = {Secret}\n"));
        await Collect(texts, home =>
        {
            home.Env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = Secret;
            home.Env["ALIBABA_CLOUD_SECURITY_TOKEN"] = Token;
        });
        await Collect(texts, home => home.WriteIni($"[default]\ntype = ram_role_arn\naccess_key_id = a\naccess_key_secret = {Secret}\nrole_arn = r\n"), stsFailure);
        await Collect(texts, home => home.WriteCliConfig($$"""{"current":"p","profiles":[{"name":"p","mode":"ChainableRamRoleArn","source_profile":"s","ram_role_arn":"r"},{"name":"s","mode":"StsToken","access_key_id":"a","access_key_secret":"{{Secret}}","sts_token":"{{Token}}"}]}"""), stsFailure);
        await Collect(texts, home =>
        {
            home.Env["ALIBABA_CLOUD_ROLE_ARN"] = "r";
            home.Env["ALIBABA_CLOUD_OIDC_PROVIDER_ARN"] = "p";
            home.Env["ALIBABA_CLOUD_OIDC_TOKEN_FILE"] = home.WriteFile("token", OidcToken);
        }, (400, $$"""{"Code":"InvalidParameter.OIDCToken","Message":"bad token {{OidcToken}}","RequestId":"R"}"""));
        texts.Add(new PaiCredentials("id", Secret, Token).ToString());

        Assert.IsTrue(texts.Count > 10);
        foreach (var text in texts)
        {
            Assert.IsFalse(text.Contains("LEAKCHECK", StringComparison.Ordinal), text);
        }
    }

    private static async Task Collect(List<string> texts, Action<TestHome> arrange, (int, string)? stsFailure = null)
    {
        using var home = new TestHome();
        var sts = new FakeSts { Failure = stsFailure };
        await using var server = await LoopbackServer.StartAsync(sts.HandleAsync);
        home.StsEndpoint = server.BaseAddress;
        arrange(home);
        using var chain = home.Chain();
        try
        {
            var resolution = await chain.ResolveAsync(CancellationToken.None);
            texts.Add(resolution.ToString());
            texts.Add(resolution.Credentials.ToString());
        }
        catch (Exception ex)
        {
            texts.Add(ex.ToString());
            texts.Add(((Errors.PaiException)ex).ToDiagnosticLine());
        }

        texts.AddRange(home.LogMessages);
    }
}
