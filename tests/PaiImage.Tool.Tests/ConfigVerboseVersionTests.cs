using System.Text.RegularExpressions;
using PaiImage.Emulator.Faults;
using PaiImage.Tool.Tests.Infrastructure;

namespace PaiImage.Tool.Tests;

[TestClass]
public sealed partial class ConfigVerboseVersionTests : ToolTestBase
{
    [TestMethod]
    [DataRow(ToolBuild.FrameworkDependent)]
    [DataRow(ToolBuild.NativeAot)]
    public async Task Config_shows_sources_and_a_masked_key_id_and_sends_nothing(ToolBuild build)
    {
        var json = SucceededWithJson(await RunAsync(build, "config", "--output", "json"));

        Assert.AreEqual("PAI_ENDPOINT", json.GetProperty("EndpointSource").GetString());
        Assert.AreEqual(Emulator.Endpoint, new Uri(json.GetProperty("Endpoint").GetString()!));
        var credentials = json.GetProperty("Credentials");
        Assert.AreEqual("environment", credentials.GetProperty("Source").GetString());
        Assert.AreEqual(ToolProcess.AccessKeyId[..4] + "***", credentials.GetProperty("AccessKeyId").GetString());
        Assert.IsEmpty(Emulator.State.Requests);
    }

    [TestMethod]
    public async Task Config_in_text_explains_the_region_endpoint_and_skipped_sources()
    {
        var environment = ToolProcess.Environment(endpoint: null, HomeDirectory);
        environment.Remove("ALIBABA_CLOUD_ACCESS_KEY_ID");
        environment.Remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
        Directory.CreateDirectory(Path.Combine(HomeDirectory, ".alibabacloud"));
        await File.WriteAllTextAsync(
            Path.Combine(HomeDirectory, ".alibabacloud", "credentials"),
            $"[default]\ntype = access_key\naccess_key_id = {ToolProcess.AccessKeyId}\naccess_key_secret = {ToolProcess.AccessKeySecret}\n");

        var run = await ToolProcess.RunAsync(environment, "config", "--region", "cn-hangzhou", "--vpc");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StandardOutput, "cn-hangzhou (--region)");
        StringAssert.Contains(run.StandardOutput, "https://aiworkspace-vpc.cn-hangzhou.aliyuncs.com/ (the VPC endpoint of region cn-hangzhou)");
        StringAssert.Matches(run.StandardOutput, SkippedEnvironmentLine());
        StringAssert.Contains(run.StandardOutput, "tool***");
        Assert.DoesNotContain(ToolProcess.AccessKeyId, run.StandardOutput);
    }

    [TestMethod]
    [DataRow(ToolBuild.FrameworkDependent)]
    [DataRow(ToolBuild.NativeAot)]
    public async Task Verbose_logs_each_exchange_to_stderr_and_keeps_stdout_json(ToolBuild build)
    {
        var run = await RunAsync(build, "add", "--name", "my-app", "--uri", "reg.example.com/x:1", "--workspace", "123", "--output", "json", "--verbose");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        using var document = System.Text.Json.JsonDocument.Parse(run.StandardOutput);
        var lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.IsTrue(lines.Any(line => ExchangeLine("POST", "/api/v1/images").IsMatch(line)), run.StandardError);
        Assert.IsTrue(lines.Any(line => ExchangeLine("GET", "/api/v1/images?").IsMatch(line)), run.StandardError);
    }

    [TestMethod]
    public async Task Verbose_shows_each_retry_attempt()
    {
        Emulator.Faults.FailNext(1, FaultKind.ServiceUnavailable);

        var run = await RunAsync("list", "--workspace", "123", "--verbose");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StandardError, "-> 503 ");
        StringAssert.Matches(run.StandardError, new Regex(@"-> 200 RequestId \S+ in \d+ ms \(attempt 2\)"));
    }

    [TestMethod]
    [DataRow(ToolBuild.FrameworkDependent)]
    [DataRow(ToolBuild.NativeAot)]
    public async Task Version_prints_the_informational_version(ToolBuild build)
    {
        var run = await RunAsync(build, "--version");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Matches(run.StandardOutput.Trim(), VersionLine());
    }

    private static Regex ExchangeLine(string method, string path) =>
        new($@"^pai-image: {method} http://127\.0\.0\.1:\d+{Regex.Escape(path)}.* -> 200 RequestId \S+ in \d+ ms \(attempt 1\)$");

    [GeneratedRegex(@"Skipped:\s+environment: ")]
    private static partial Regex SkippedEnvironmentLine();

    [GeneratedRegex(@"^\d+\.\d+\.\d+(\+[0-9a-f]+)?$")]
    private static partial Regex VersionLine();
}
