using System.Net;
using System.Net.Sockets;
using PaiImage.Tool.Tests.Infrastructure;

namespace PaiImage.Tool.Tests;

/// <summary>The tool's entry point called in-process: argument mapping in detail, and cancellation.</summary>
[TestClass]
public sealed class InProcessTests
{
    [TestMethod]
    [DataRow("PAI2100", "--output", "json")]
    [DataRow("PAI2101", "frobnicate")]
    [DataRow("PAI2101", "get", "image-1", "image-2")]
    [DataRow("PAI2101", "add", "--name", "a", "--uri", "reg.example.com/x:1", "--label", "a=b", "extra")]
    [DataRow("PAI2102", "add", "--name", "a")]
    [DataRow("PAI2103", "remove")]
    [DataRow("PAI2104", "list", "--label", "=value")]
    [DataRow("PAI2104", "list", "--label")]
    [DataRow("PAI2105", "add", "--name", "a", "--uri", "reg.example.com/x:1", "--if-exists", "maybe")]
    [DataRow("PAI2106", "get", "image-1", "--output", "xml")]
    [DataRow("PAI2107", "add", "--name", "a", "--uri", "reg.example.com/x:1", "--accessibility", "everyone")]
    [DataRow("PAI2108", "add", "--name", "a", "--uri", "reg.example.com/x:1", "--size", "four")]
    [DataRow("PAI2108", "add", "--name", "a", "--uri", "reg.example.com/x:1", "--size", "1e3")]
    [DataRow("PAI2109", "add", "--name", "a", "--uri")]
    public async Task Command_line_error_is_one_coded_line_naming_the_fix(string code, params string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync(arguments);

        Assert.AreEqual(2, exitCode, error);
        Assert.AreEqual("", output);
        var line = error.TrimEnd('\n');
        Assert.DoesNotContain("\n", line, error);
        StringAssert.StartsWith(line, $"error {code}: ", error);
        StringAssert.Contains(line, " Fix: ", error);
    }

    [TestMethod]
    [DataRow("--if-exists", "maybe")]
    [DataRow("--accessibility", "everyone")]
    [DataRow("--size", "four")]
    [DataRow("--label", "novalue")]
    public async Task Bad_option_value_error_names_the_option_and_the_value(string option, string value)
    {
        var (_, _, error) = await RunAsync("add", "--name", "a", "--uri", "reg.example.com/x:1", option, value);

        StringAssert.Contains(error, $"{option} '{value}'");
    }

    [TestMethod]
    public async Task Options_accept_any_case_and_common_options_may_come_before_the_command()
    {
        // --output before the command and JSON in upper case both parse: the failure is the (missing) endpoint, not the syntax.
        var (exitCode, output, error) = await RunAsync("--output", "JSON", "add", "--name", "a", "--uri", "reg.example.com/x:1", "--if-exists", "Replace", "--accessibility", "public");

        Assert.AreEqual(3, exitCode, error);
        Assert.AreEqual("", output);
        StringAssert.StartsWith(error, "error PAI3");
    }

    [TestMethod]
    public async Task Cancellation_stops_a_command_waiting_for_the_service()
    {
        // A loopback port that accepts connections and never answers.
        using var silentServer = new TcpListener(IPAddress.Loopback, 0);
        silentServer.Start();
        var connection = silentServer.AcceptTcpClientAsync();
        using var cancellation = new CancellationTokenSource();
        var environment = new Dictionary<string, string>
        {
            ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = ToolProcess.AccessKeyId,
            ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = ToolProcess.AccessKeySecret,
            ["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true",
            ["PAI_ENDPOINT"] = $"http://127.0.0.1:{((IPEndPoint)silentServer.LocalEndpoint).Port}",
        };

        var run = RunAsync(environment, ["list", "--workspace", "123"], cancellation.Token);
        Assert.AreSame(connection, await Task.WhenAny(connection, run), "The command ended before connecting.");
        await cancellation.CancelAsync();
        var (exitCode, output, error) = await run;
        (await connection).Dispose();

        Assert.AreEqual(130, exitCode, error);
        Assert.AreEqual("", output);
        Assert.AreEqual("pai-image: canceled.\n", error);
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RunAsync(new Dictionary<string, string>(), arguments, CancellationToken.None);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        Dictionary<string, string> environment, string[] arguments, CancellationToken cancellationToken)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var home = Directory.CreateTempSubdirectory("pai-image-inproc-").FullName;
        try
        {
            var host = new CliHost(output, error, name => environment.GetValueOrDefault(name), home);
            var exitCode = await PaiImageCli.RunAsync(arguments, host, cancellationToken);
            ToolProcess.AssertNoSecret(new ToolRun(exitCode, output.ToString(), error.ToString()));
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
