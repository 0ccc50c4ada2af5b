using System.Diagnostics;
using PaiImage.Emulator.Cli;
using PaiImage.Emulator.Faults;

namespace PaiImage.Emulator.Tests;

[TestClass]
public sealed class CommandLineTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Every_option_is_parsed()
    {
        var settings = CommandLine.Parse([
            "--port", "8123", "--host", "localhost", "--data", "state.json", "--workspace-default", "ws-9",
            "--access-key", "id1:secret1", "--sts", "STS.id2:secret2:token2", "--endpoint-file", "ep.txt",
            "--fail-next", "3", "--fail-status", "throttling", "--retry-after-ms", "20", "--delay-ms", "5",
            "--drop-after-store", "1", "--drop-scope", "any", "--cut-response", "2", "--clock-shift", "-90.5",
            "--rate-limit", "10", "--fault-ratio", "0.25", "--seed", "-4", "--quiet"]);

        var o = settings.Options;
        Assert.AreEqual((8123, "localhost", "state.json", "ws-9"), (o.Port, o.Host, o.DataFile, o.DefaultWorkspaceId));
        CollectionAssert.AreEqual(new[] { new EmulatorCredential("id1", "secret1"), new EmulatorCredential("STS.id2", "secret2", "token2") }, o.Credentials.ToArray());
        Assert.AreEqual(new FaultSettings
        {
            FailNext = 3, FailKind = FaultKind.Throttling, RetryAfterMs = 20, DelayMs = 5, DropAfterStore = 1, DropScope = DropScope.Any,
            CutResponse = 2, ClockShiftSeconds = -90.5, RateLimitPerSecond = 10, FaultRatio = 0.25, Seed = -4,
        }, o.Faults);
        Assert.AreEqual(("ep.txt", true, false), (settings.EndpointFile, settings.Quiet, settings.Help));
    }

    [TestMethod]
    public void Defaults_accept_the_built_in_credentials()
    {
        var settings = CommandLine.Parse([]);

        CollectionAssert.AreEqual(EmulatorCredential.Defaults.ToArray(), settings.Options.Credentials.ToArray());
        Assert.AreEqual(0, settings.Options.Port);
    }

    [TestMethod]
    [DataRow("--port", "70000")]
    [DataRow("--fault-ratio", "1.5")]
    [DataRow("--fail-status", "418")]
    [DataRow("--drop-scope", "some")]
    [DataRow("--bogus", "1")]
    [DataRow("--delay-ms", "-1")]
    public void Invalid_options_are_refused(string option, string value) =>
        Assert.ThrowsExactly<ArgumentException>(() => CommandLine.Parse([option, value]));

    [TestMethod]
    public void A_malformed_credential_is_refused_without_echoing_the_secret()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => CommandLine.Parse(["--access-key", "only-the-secret-value"]));

        Assert.DoesNotContain("only-the-secret-value", error.Message);
    }

    [TestMethod]
    public void Credentials_never_print_their_secret()
    {
        var credential = new EmulatorCredential("id", "super-secret", "super-token");

        Assert.DoesNotContain("super", credential.ToString());
    }

    [TestMethod]
    public async Task The_executable_writes_its_endpoint_serves_and_stops_on_SIGTERM()
    {
        var endpointFile = Path.Combine(Path.GetTempPath(), $"pai-emulator-{Guid.NewGuid():N}.txt");
        var dll = Path.Combine(AppContext.BaseDirectory, "PaiImage.Emulator.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { dll, "--endpoint-file", endpointFile, "--quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            while (!File.Exists(endpointFile) && !process.HasExited)
            {
                await Task.Delay(50, TestContext.CancellationToken);
            }

            var endpoint = (await File.ReadAllTextAsync(endpointFile, TestContext.CancellationToken)).Trim();
            using var client = new HttpClient();
            var state = await client.GetStringAsync(new Uri(endpoint + "/_emulator/state"), TestContext.CancellationToken);
            StringAssert.StartsWith(state, "{\"Images\":[]");

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(TestContext.CancellationToken);
            }

            await process.WaitForExitAsync(TestContext.CancellationToken);
            Assert.AreEqual(0, process.ExitCode, await process.StandardError.ReadToEndAsync(TestContext.CancellationToken));
            Assert.IsFalse(File.Exists(endpointFile));
            StringAssert.StartsWith(await process.StandardOutput.ReadToEndAsync(TestContext.CancellationToken), "PAI image emulator listening on " + endpoint);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}
