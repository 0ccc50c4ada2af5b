using System.Text.Json;
using PaiImage.Tool.Tests.Infrastructure;

namespace PaiImage.Tool.Tests;

[TestClass]
public sealed class DryRunTests : ToolTestBase
{
    // pai-protocol.md §2.6(a): AddImage signed with YourAccessKeyId/YourAccessKeySecret at a fixed time and nonce.
    private const string VectorCanonicalRequest =
        "POST\n/api/v1/images\n\ncontent-type:application/json; charset=utf-8\nhost:aiworkspace.cn-hangzhou.aliyuncs.com\n" +
        "x-acs-action:AddImage\nx-acs-content-sha256:1d15a1a8bc331e31b8a45bc029bbc192244d3f9717437f1e3f655ac5650bc261\n" +
        "x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2021-02-04\n\n" +
        "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n" +
        "1d15a1a8bc331e31b8a45bc029bbc192244d3f9717437f1e3f655ac5650bc261";

    private const string VectorStringToSign = "ACS3-HMAC-SHA256\n340d4a9dcdc0483c90e8f2dfd1fba65f18a27e5e6f92af5098e07af2acb23744";

    private const string VectorAuthorization =
        "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=dec349abd7fa89a242f26d79fd6657a4265cc5db595b6ab21bd1f8abb91b0e67";

    private const string VectorBody =
        """{"Accessibility":"PRIVATE","ImageUri":"registry.cn-hangzhou.aliyuncs.com/my-ns/my-app:1.0.0","Labels":[{"Key":"system.chipType","Value":"GPU"}],"Name":"my-app","WorkspaceId":"12345"}""";

    private static readonly string[] VectorAdd =
    [
        "add", "--region", "cn-hangzhou", "--name", "my-app", "--uri", "registry.cn-hangzhou.aliyuncs.com/my-ns/my-app:1.0.0",
        "--workspace", "12345", "--label", "system.chipType=GPU", "--accessibility", "PRIVATE", "--dry-run",
    ];

    [TestMethod]
    [DataRow(ToolBuild.FrameworkDependent)]
    [DataRow(ToolBuild.NativeAot)]
    public async Task Add_dry_run_in_json_matches_the_signature_vector(ToolBuild build)
    {
        var json = SucceededWithJson(await ToolProcess.RunAsync(build, VectorEnvironment(), [.. VectorAdd, "--output", "json"]));

        Assert.IsTrue(json.GetProperty("DryRun").GetBoolean());
        Assert.AreEqual("AddImage", json.GetProperty("Action").GetString());
        Assert.AreEqual("POST", json.GetProperty("Method").GetString());
        Assert.AreEqual("https://aiworkspace.cn-hangzhou.aliyuncs.com/api/v1/images", json.GetProperty("Url").GetString());
        Assert.AreEqual(VectorBody, json.GetProperty("Body").GetString());
        Assert.AreEqual(VectorCanonicalRequest, json.GetProperty("CanonicalRequest").GetString());
        Assert.AreEqual(VectorStringToSign, json.GetProperty("StringToSign").GetString());
        Assert.AreEqual(VectorAuthorization, json.GetProperty("Authorization").GetString());
        Assert.AreEqual(VectorAuthorization, json.GetProperty("Headers").GetProperty("Authorization").GetString());
        Assert.AreEqual("environment", json.GetProperty("CredentialSource").GetString());
    }

    [TestMethod]
    public async Task Add_dry_run_in_text_prints_request_canonical_request_and_string_to_sign()
    {
        var run = await ToolProcess.RunAsync(VectorEnvironment(), VectorAdd);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual("", run.StandardError);
        var output = run.StandardOutput.ReplaceLineEndings("\n");
        StringAssert.Contains(output, "POST https://aiworkspace.cn-hangzhou.aliyuncs.com/api/v1/images\n");
        StringAssert.Contains(output, $"Authorization: {VectorAuthorization}\n");
        StringAssert.Contains(output, VectorBody + "\n");
        StringAssert.Contains(output, $"canonical request:\n{VectorCanonicalRequest}\n");
        StringAssert.Contains(output, $"string to sign:\n{VectorStringToSign}\n");
        Assert.DoesNotContain("YourAccessKeySecret", output);
    }

    [TestMethod]
    [DataRow("PUT", "/publish", "publish", "{id}", DisplayName = "publish")]
    [DataRow("DELETE", "", "remove", "{id}", DisplayName = "remove")]
    [DataRow("POST", "/labels", "labels", "add", "{id}", "--label", "team=ml", DisplayName = "labels add")]
    [DataRow("DELETE", "/labels/team", "labels", "remove", "{id}", "team", DisplayName = "labels remove")]
    [DataRow("POST", "", "add", "--name", "new-app", "--uri", "reg.example.com/new:1", "--workspace", "123", DisplayName = "add")]
    public async Task Every_changing_command_dry_run_signs_and_sends_nothing(string method, string pathAfterId, params string[] command)
    {
        var id = await SeedAsync("my-app", "reg.example.com/x:1", "123", ("team", "ml"));
        var environment = Environment();
        environment["ALIBABA_CLOUD_SECURITY_TOKEN"] = SecurityToken;

        var run = await ToolProcess.RunAsync(environment, [.. command.Select(a => a.Replace("{id}", id, StringComparison.Ordinal)), "--dry-run", "--output", "json"]);

        var json = SucceededWithJson(run);
        Assert.IsEmpty(ToolRequests, "A dry run must send nothing.");
        Assert.AreEqual(method, json.GetProperty("Method").GetString());
        var expectedPath = command[0] == "add" ? "/api/v1/images" : $"/api/v1/images/{id}{pathAfterId}";
        Assert.AreEqual(new Uri(Emulator.Endpoint, expectedPath), new Uri(json.GetProperty("Url").GetString()!));
        StringAssert.StartsWith(json.GetProperty("Authorization").GetString(), $"ACS3-HMAC-SHA256 Credential={ToolProcess.AccessKeyId},");
        Assert.AreEqual("***", json.GetProperty("Headers").GetProperty("x-acs-security-token").GetString());
        StringAssert.Contains(json.GetProperty("CanonicalRequest").GetString(), "x-acs-security-token:***\n");
        Assert.DoesNotContain(SecurityToken, run.StandardOutput);
        Assert.AreEqual(1, Emulator.State.Images.Count, "The seeded image is unchanged.");
        Assert.AreEqual("PRIVATE", Emulator.State.Find(id)!.Accessibility);
    }

    [TestMethod]
    public async Task Dry_run_with_invalid_input_exits_2()
    {
        FailedWith(await RunAsync("publish", "image-bad", "--dry-run"), 2, "PAI20");
        Assert.IsEmpty(ToolRequests);
    }

    [TestMethod]
    public async Task Dry_run_without_credentials_exits_3()
    {
        var environment = Environment();
        environment.Remove("ALIBABA_CLOUD_ACCESS_KEY_ID");
        environment.Remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET");

        var run = await ToolProcess.RunAsync(environment, "publish", "image-0123456789abcdefgh", "--dry-run");

        FailedWith(run, 3, "PAI31");
        Assert.IsEmpty(Emulator.State.Requests);
    }

    private const string SecurityToken = "ToolTestSecurityToken-0b7d5e";

    /// <summary>The vector's credentials, clock and nonce; no endpoint but the region's, and a dead loopback proxy so nothing could leave the machine.</summary>
    private Dictionary<string, string> VectorEnvironment()
    {
        var environment = ToolProcess.Environment(endpoint: null, HomeDirectory);
        environment["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "YourAccessKeyId";
        environment["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "YourAccessKeySecret";
        environment["PAI_IMAGE_DRY_RUN_NOW"] = "2023-10-26T10:22:32Z";
        environment["PAI_IMAGE_DRY_RUN_NONCE"] = "3156853299f313e23d1673dc12e1703d";
        environment["HTTPS_PROXY"] = "http://127.0.0.1:9";
        return environment;
    }
}
