using System.Security.Cryptography;
using System.Text;
using PaiImage.Core.Credentials;
using PaiImage.Core.Signing;

namespace PaiImage.Core.Tests.Signing;

/// <summary>One protocol test vector: inputs and the expected result of every signing stage.</summary>
internal sealed record SigningVector(
    SigningInput Input,
    PaiCredentials Credentials,
    string CanonicalRequest,
    string HashedCanonicalRequest,
    string SignedHeaders,
    string Signature)
{
    public string StringToSign => "ACS3-HMAC-SHA256\n" + HashedCanonicalRequest;

    public string Authorization => $"ACS3-HMAC-SHA256 Credential={Credentials.AccessKeyId},SignedHeaders={SignedHeaders},Signature={Signature}";
}

/// <summary>The vectors of protocol §2.5 and §2.6, written out from the document.</summary>
internal static class SigningVectors
{
    public const string Nonce = "3156853299f313e23d1673dc12e1703d";
    public const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public const string AddImageBody = """{"Accessibility":"PRIVATE","ImageUri":"registry.cn-hangzhou.aliyuncs.com/my-ns/my-app:1.0.0","Labels":[{"Key":"system.chipType","Value":"GPU"}],"Name":"my-app","WorkspaceId":"12345"}""";
    public const string AddImageBodyHash = "1d15a1a8bc331e31b8a45bc029bbc192244d3f9717437f1e3f655ac5650bc261";
    public const string PaiHost = "aiworkspace.cn-hangzhou.aliyuncs.com";

    public static readonly DateTimeOffset Timestamp = new(2023, 10, 26, 10, 22, 32, TimeSpan.Zero);
    public static readonly PaiCredentials LongTerm = new("YourAccessKeyId", "YourAccessKeySecret");
    public static readonly PaiCredentials Sts = new("STS.YourAccessKeyId", "YourAccessKeySecret", "YourSecurityToken");

    public static SigningVector Get(string name) => name switch
    {
        "2.5" => Official,
        "2.6a" => AddImage,
        "2.6b" => ListImages,
        "2.6c" => AddImageSts,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown vector"),
    };

    public static SigningInput OfficialInput(string method) => new(
        method,
        "ecs.cn-shanghai.aliyuncs.com",
        "/",
        [new("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"), new("RegionId", "cn-shanghai")],
        [new("x-acs-action", "RunInstances"), new("x-acs-version", "2014-05-26")],
        ReadOnlyMemory<byte>.Empty);

    private static SigningVector Official => new(
        OfficialInput("POST"),
        LongTerm,
        "POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
        + "host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\n"
        + $"x-acs-content-sha256:{EmptyHash}\nx-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:{Nonce}\nx-acs-version:2014-05-26\n\n"
        + $"host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n{EmptyHash}",
        "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
        "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version",
        "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");

    private static SigningVector AddImage => new(
        AddImageInput(),
        LongTerm,
        "POST\n/api/v1/images\n\ncontent-type:application/json; charset=utf-8\n"
        + $"host:{PaiHost}\nx-acs-action:AddImage\nx-acs-content-sha256:{AddImageBodyHash}\n"
        + $"x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:{Nonce}\nx-acs-version:2021-02-04\n\n"
        + $"content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n{AddImageBodyHash}",
        "340d4a9dcdc0483c90e8f2dfd1fba65f18a27e5e6f92af5098e07af2acb23744",
        "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version",
        "dec349abd7fa89a242f26d79fd6657a4265cc5db595b6ab21bd1f8abb91b0e67");

    private static SigningVector ListImages => new(
        new SigningInput(
            "GET",
            PaiHost,
            "/api/v1/images",
            [new("WorkspaceId", "12345"), new("Name", "my-app"), new("PageSize", "50"), new("PageNumber", "1"), new("Labels", "system.chipType=GPU,system.framework=PyTorch 2.1")],
            [new("x-acs-action", "ListImages"), new("x-acs-version", "2021-02-04")],
            ReadOnlyMemory<byte>.Empty),
        LongTerm,
        "GET\n/api/v1/images\nLabels=system.chipType%3DGPU%2Csystem.framework%3DPyTorch%202.1&Name=my-app&PageNumber=1&PageSize=50&WorkspaceId=12345\n"
        + $"host:{PaiHost}\nx-acs-action:ListImages\nx-acs-content-sha256:{EmptyHash}\n"
        + $"x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:{Nonce}\nx-acs-version:2021-02-04\n\n"
        + $"host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n{EmptyHash}",
        "d3540e8234cb3e8180057755c5e3406363397bf1f216aeef2af08466e740ceb9",
        "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version",
        "a234183f9ba966161f4e28dad0fd9efa136f27c8cdf0c40613848f1cd60f1b67");

    private const string StsCanonicalRequest =
        "POST\n/api/v1/images\n\ncontent-type:application/json; charset=utf-8\n"
        + $"host:{PaiHost}\nx-acs-accesskey-id:STS.YourAccessKeyId\nx-acs-action:AddImage\nx-acs-content-sha256:{AddImageBodyHash}\n"
        + $"x-acs-date:2023-10-26T10:22:32Z\nx-acs-security-token:YourSecurityToken\nx-acs-signature-nonce:{Nonce}\nx-acs-version:2021-02-04\n\n"
        + "content-type;host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version\n"
        + AddImageBodyHash;

    // The document gives no hashed canonical request for (c): it is the hash of the canonical request written out
    // above from §2.3, and the signature the document does give proves both.
    private static SigningVector AddImageSts => new(
        AddImageInput(),
        Sts,
        StsCanonicalRequest,
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StsCanonicalRequest))),
        "content-type;host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version",
        "356b3c45ddafc600e64769eda3a45b0f177f9fe193af27c0f991f752b1579301");

    private static SigningInput AddImageInput() => new(
        "POST",
        PaiHost,
        "/api/v1/images",
        [],
        [new("x-acs-action", "AddImage"), new("x-acs-version", "2021-02-04"), new("Content-Type", "application/json; charset=utf-8")],
        Encoding.UTF8.GetBytes(AddImageBody));
}
