using System.Text;
using PaiImage.Emulator.Tests.Infrastructure;

namespace PaiImage.Emulator.Tests;

/// <summary>The published signing vectors of pai-protocol.md §2.5/§2.6, sent byte for byte.</summary>
[TestClass]
public sealed class SigningVectorTests
{
    private const string Host = "aiworkspace.cn-hangzhou.aliyuncs.com";
    private const string Date = "2023-10-26T10:22:32Z";
    private const string Nonce = "3156853299f313e23d1673dc12e1703d";
    private const string AddImageBody = """{"Accessibility":"PRIVATE","ImageUri":"registry.cn-hangzhou.aliyuncs.com/my-ns/my-app:1.0.0","Labels":[{"Key":"system.chipType","Value":"GPU"}],"Name":"my-app","WorkspaceId":"12345"}""";
    private const string AddImageBodyHash = "1d15a1a8bc331e31b8a45bc029bbc192244d3f9717437f1e3f655ac5650bc261";

    private static readonly EmulatorCredential VectorKey = new("YourAccessKeyId", "YourAccessKeySecret");
    private static readonly EmulatorCredential VectorSts = new("STS.YourAccessKeyId", "YourAccessKeySecret", "YourSecurityToken");

    private static Task<Harness> StartAtVectorTimeAsync() => Harness.StartAsync(new EmulatorOptions
    {
        Credentials = [VectorKey, VectorSts],
        TimeProvider = new FixedTimeProvider(DateTimeOffset.Parse(Date, System.Globalization.CultureInfo.InvariantCulture)),
    });

    private static TestRequest Literal(string method, string path, string query, string action, string version, string host, string? body, string authorization, params (string, string)[] extraHeaders)
    {
        var request = new TestRequest(method, path, action) { Query = query, Body = body is null ? [] : Encoding.UTF8.GetBytes(body) };
        request.Headers["host"] = host;
        request.Headers["x-acs-action"] = action;
        request.Headers["x-acs-version"] = version;
        request.Headers["x-acs-date"] = Date;
        request.Headers["x-acs-signature-nonce"] = Nonce;
        request.Headers["x-acs-content-sha256"] = body is null ? TestSigner.EmptyHash : AddImageBodyHash;
        if (body is not null)
        {
            request.Headers["content-type"] = "application/json; charset=utf-8";
        }

        foreach (var (name, value) in extraHeaders)
        {
            request.Headers[name] = value;
        }

        request.Headers["authorization"] = authorization;
        return request;
    }

    [TestMethod]
    public async Task AddImage_vector_a_is_accepted_and_stores_the_image()
    {
        await using var emu = await StartAtVectorTimeAsync();
        var request = Literal("POST", "/api/v1/images", "", "AddImage", "2021-02-04", Host, AddImageBody,
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=dec349abd7fa89a242f26d79fd6657a4265cc5db595b6ab21bd1f8abb91b0e67");

        var response = (await emu.SendAsync(request)).AssertOk();

        var image = emu.Server.State.Find(response.Get("ImageId"));
        Assert.IsNotNull(image);
        Assert.AreEqual("my-app", image.Name);
        Assert.AreEqual("12345", image.WorkspaceId);
        Assert.AreEqual("GPU", image.Labels.Single(l => l.Key == "system.chipType").Value);
    }

    [TestMethod]
    public async Task ListImages_vector_b_is_accepted()
    {
        await using var emu = await StartAtVectorTimeAsync();
        var request = Literal("GET", "/api/v1/images",
            "Labels=system.chipType%3DGPU%2Csystem.framework%3DPyTorch%202.1&Name=my-app&PageNumber=1&PageSize=50&WorkspaceId=12345",
            "ListImages", "2021-02-04", Host, null,
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=a234183f9ba966161f4e28dad0fd9efa136f27c8cdf0c40613848f1cd60f1b67");

        var response = (await emu.SendAsync(request)).AssertOk();

        Assert.AreEqual("0", response.Get("TotalCount"));
    }

    [TestMethod]
    public async Task Sts_vector_c_is_accepted()
    {
        await using var emu = await StartAtVectorTimeAsync();
        var request = Literal("POST", "/api/v1/images", "", "AddImage", "2021-02-04", Host, AddImageBody,
            "ACS3-HMAC-SHA256 Credential=STS.YourAccessKeyId,SignedHeaders=content-type;host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=356b3c45ddafc600e64769eda3a45b0f177f9fe193af27c0f991f752b1579301",
            ("x-acs-security-token", "YourSecurityToken"), ("x-acs-accesskey-id", "STS.YourAccessKeyId"));

        (await emu.SendAsync(request)).AssertOk();
    }

    [TestMethod]
    public async Task Official_ecs_vector_passes_the_signature_check_and_stops_at_the_version()
    {
        await using var emu = await StartAtVectorTimeAsync();
        var request = Literal("POST", "/", "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai",
            "RunInstances", "2014-05-26", "ecs.cn-shanghai.aliyuncs.com", null,
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");

        (await emu.SendAsync(request)).AssertError(400, ErrorCodes.InvalidVersion);
    }

    [TestMethod]
    public void Test_signer_reproduces_vector_a()
    {
        var request = new TestRequest("POST", "/api/v1/images", "AddImage").WithJson(AddImageBody)
            .Sign(VectorKey, Host, DateTimeOffset.Parse(Date, System.Globalization.CultureInfo.InvariantCulture), Nonce);

        StringAssert.EndsWith(request.Headers["authorization"], "Signature=dec349abd7fa89a242f26d79fd6657a4265cc5db595b6ab21bd1f8abb91b0e67");
        Assert.AreEqual("ACS3-HMAC-SHA256\n340d4a9dcdc0483c90e8f2dfd1fba65f18a27e5e6f92af5098e07af2acb23744", request.StringToSign);
    }
}
