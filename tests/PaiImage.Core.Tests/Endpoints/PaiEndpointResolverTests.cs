using PaiImage.Core.Endpoints;
using PaiImage.Core.Errors;

namespace PaiImage.Core.Tests.Endpoints;

[TestClass]
public sealed class PaiEndpointResolverTests
{
    [TestMethod]
    [DataRow("cn-hangzhou", false, "https://aiworkspace.cn-hangzhou.aliyuncs.com/")]
    [DataRow("  ap-southeast-1\t", false, "https://aiworkspace.ap-southeast-1.aliyuncs.com/")]
    [DataRow("CN-Beijing", false, "https://aiworkspace.cn-beijing.aliyuncs.com/")]
    [DataRow("cn-wulanchabu", true, "https://aiworkspace-vpc.cn-wulanchabu.aliyuncs.com/")]
    public void Region_gives_the_public_or_vpc_host(string region, bool useVpc, string expected) =>
        Assert.AreEqual(new Uri(expected), PaiEndpointResolver.Resolve(region, useVpc, null));

    [TestMethod]
    [DataRow(" https://pai.example.com ", "https://pai.example.com/")]
    [DataRow("https://pai.example.com:8443/", "https://pai.example.com:8443/")]
    [DataRow("pai.example.com", "https://pai.example.com/")]
    [DataRow("http://localhost:5000", "http://localhost:5000/")]
    [DataRow("http://127.0.0.1:5000/", "http://127.0.0.1:5000/")]
    [DataRow("http://127.1.2.3:80", "http://127.1.2.3/")]
    [DataRow("http://[::1]:5000", "http://[::1]:5000/")]
    public void Explicit_endpoint_wins_over_the_region(string endpoint, string expected) =>
        Assert.AreEqual(new Uri(expected), PaiEndpointResolver.Resolve("cn-hangzhou", false, endpoint));

    [TestMethod]
    [DataRow(null, null)]
    [DataRow("", "  ")]
    [DataRow(" ", null)]
    public void Nothing_configured_is_PAI3001_naming_every_setting(string? region, string? endpoint)
    {
        var error = Resolve(region, false, endpoint, "PAI3001");
        StringAssert.Contains(error.Fix, "--region");
        StringAssert.Contains(error.Fix, "ALIBABA_CLOUD_REGION_ID");
        StringAssert.Contains(error.Fix, "PaiRegion");
        StringAssert.Contains(error.Fix, "--endpoint");
    }

    [TestMethod]
    [DataRow("cn_hangzhou")]
    [DataRow("cn-hangzhou.evil.com/")]
    [DataRow("-cn")]
    [DataRow("cn hangzhou")]
    public void Malformed_region_is_PAI3002(string region)
    {
        var error = Resolve(region, false, null, "PAI3002");
        StringAssert.Contains(error.Fix, "--region");
    }

    [TestMethod]
    public void Vpc_with_an_explicit_endpoint_is_PAI3007() =>
        StringAssert.Contains(Resolve("cn-hangzhou", true, "https://pai.example.com", "PAI3007").Fix, "--vpc");

    [TestMethod]
    [DataRow("https://", "PAI3003")]
    [DataRow("https://exa mple.com", "PAI3003")]
    [DataRow("ftp://pai.example.com", "PAI3004")]
    [DataRow("http://pai.example.com", "PAI3005")]
    [DataRow("http://10.0.0.1:8080", "PAI3005")]
    [DataRow("http://localhost.evil.com", "PAI3005")]
    [DataRow("https://pai.example.com/?x=1", "PAI3006")]
    [DataRow("https://pai.example.com/#top", "PAI3006")]
    [DataRow("https://pai.example.com/api/v1", "PAI3009")]
    public void Invalid_explicit_endpoints_are_refused_with_a_fix(string endpoint, string code)
    {
        var error = Resolve(null, false, endpoint, code);
        StringAssert.Contains(error.Fix, "--endpoint");
    }

    [TestMethod]
    public void Credentials_in_the_endpoint_are_refused_and_never_echoed()
    {
        var error = Resolve(null, false, "https://user:hunter2@pai.example.com", "PAI3008");
        Assert.DoesNotContain("hunter2", error.ToDiagnosticLine());

        var unparsable = Resolve(null, false, "https://user:hunter2@exa mple.com", "PAI3003");
        Assert.DoesNotContain("hunter2", unparsable.ToDiagnosticLine());
        StringAssert.Contains(unparsable.Message, "https://***@exa mple.com");
    }

    private static PaiConfigurationException Resolve(string? region, bool useVpc, string? endpoint, string expectedCode)
    {
        var error = Assert.ThrowsExactly<PaiConfigurationException>(() => PaiEndpointResolver.Resolve(region, useVpc, endpoint));
        Assert.AreEqual(expectedCode, error.Code, error.Message);
        Assert.IsNotNull(error.Fix);
        return error;
    }
}
