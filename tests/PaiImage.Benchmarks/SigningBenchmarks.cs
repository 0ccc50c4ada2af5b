using System.Text;
using BenchmarkDotNet.Attributes;
using PaiImage.Core.Credentials;
using PaiImage.Core.Signing;

namespace PaiImage.Benchmarks;

/// <summary>
/// One signature of a typical AddImage request: the full diagnostic <see cref="AcsV3Signer.Sign"/> (every stage as a
/// string) against <see cref="AcsV3Signer.SignRequest"/>, the path the HTTP handler takes.
/// </summary>
[Config(typeof(SigningConfig))]
public class SigningBenchmarks
{
    private readonly SigningInput _addImage = new(
        "POST",
        "aiworkspace.cn-hangzhou.aliyuncs.com",
        "/api/v1/images",
        [],
        [new("x-acs-action", "AddImage"), new("x-acs-version", "2021-02-04"), new("content-type", "application/json; charset=utf-8")],
        Encoding.UTF8.GetBytes("""{"Accessibility":"PRIVATE","ImageUri":"registry.cn-hangzhou.aliyuncs.com/my-ns/my-app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","Labels":[{"Key":"system.chipType","Value":"GPU"}],"Name":"my-app","WorkspaceId":"12345"}"""));

    private readonly PaiCredentials _credentials = new("LTAI5tExampleAccessKeyId", "ExampleAccessKeySecret0123456789");
    private readonly DateTimeOffset _timestamp = new(2026, 11, 28, 10, 22, 32, TimeSpan.Zero);
    private const string Nonce = "3156853299f313e23d1673dc12e1703d";

    [Benchmark(Baseline = true, Description = "Sign (all stages)")]
    public SignatureResult Full() => AcsV3Signer.Sign(_addImage, _credentials, _timestamp, Nonce);

    [Benchmark(Description = "SignRequest (handler path)")]
    public RequestSignature Lean() => AcsV3Signer.SignRequest(_addImage, _credentials, _timestamp, Nonce);
}
