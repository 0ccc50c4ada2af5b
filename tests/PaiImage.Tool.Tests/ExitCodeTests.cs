using System.Net;
using System.Net.Sockets;
using PaiImage.Emulator.Faults;
using PaiImage.Tool.Tests.Infrastructure;

namespace PaiImage.Tool.Tests;

/// <summary>Each exit code provoked for real against a loopback server.</summary>
[TestClass]
public sealed class ExitCodeTests : ToolTestBase
{
    [TestMethod]
    public async Task No_credentials_anywhere_exits_3_and_sends_nothing()
    {
        var environment = Environment();
        environment.Remove("ALIBABA_CLOUD_ACCESS_KEY_ID");
        environment.Remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET");

        var run = await ToolProcess.RunAsync(environment, "list", "--workspace", "123", "--output", "json");

        FailedWith(run, 3, "PAI3");
        Assert.IsEmpty(ToolRequests);
    }

    [TestMethod]
    [DataRow("http://example.com", DisplayName = "plain http to a remote host")]
    [DataRow("not a url", DisplayName = "not a URL")]
    public async Task Unusable_endpoint_exits_3(string endpoint)
    {
        var run = await RunAsync("list", "--workspace", "123", "--endpoint", endpoint);

        FailedWith(run, 3, "PAI3");
        Assert.IsEmpty(ToolRequests);
    }

    [TestMethod]
    public async Task No_endpoint_and_no_region_exits_3()
    {
        var environment = Environment();
        environment.Remove("PAI_ENDPOINT");

        var run = await ToolProcess.RunAsync(environment, "list", "--workspace", "123");

        FailedWith(run, 3, "PAI3");
    }

    [TestMethod]
    public async Task Unreachable_server_exits_5()
    {
        var run = await RunAsync("list", "--workspace", "123", "--endpoint", $"http://127.0.0.1:{ClosedPort()}", "--output", "json");

        FailedWith(run, 5, "PAI1");
    }

    [TestMethod]
    public async Task Service_unavailable_forever_exits_5_after_retrying()
    {
        Emulator.Faults.FailNext(int.MaxValue, FaultKind.ServiceUnavailable);

        var run = await RunAsync("list", "--workspace", "123", "--output", "json");

        FailedWith(run, 5, "PAI1");
        Assert.IsGreaterThan(1, ToolRequests.Count);
    }

    [TestMethod]
    [DataRow("PAI2100")]
    [DataRow("PAI2101", "list", "--bogus")]
    [DataRow("PAI2102", "add", "--uri", "reg.example.com/x:1")]
    [DataRow("PAI2104", "add", "--name", "a", "--uri", "reg.example.com/x:1", "--label", "no-equals-sign")]
    [DataRow("PAI2105", "add", "--name", "a", "--uri", "reg.example.com/x:1", "--if-exists", "overwrite")]
    [DataRow("PAI2106", "list", "--output", "yaml")]
    [DataRow("PAI2108", "add", "--name", "a", "--uri", "reg.example.com/x:1", "--size", "1.5")]
    public async Task Command_line_errors_exit_2_with_a_coded_line_and_send_nothing(string code, params string[] arguments)
    {
        var run = await RunAsync(arguments);

        FailedWith(run, 2, code + ":");
        Assert.IsEmpty(ToolRequests);
    }

    [TestMethod]
    public async Task Help_exits_0()
    {
        var run = await RunAsync("add", "--help");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StandardOutput, "--if-exists <fail|skip|replace>");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
