using System.Text.Json;

namespace PaiImage.Tool.Tests.Infrastructure;

/// <summary>Per test: a fresh fake PAI service, an empty home folder, and helpers to run the tool against them.</summary>
public abstract class ToolTestBase
{
    protected FakePaiServer Server { get; private set; } = null!;

    protected string HomeDirectory { get; private set; } = null!;

    [TestInitialize]
    public async Task StartServer()
    {
        Server = await FakePaiServer.StartAsync();
        HomeDirectory = Directory.CreateTempSubdirectory("pai-image-tool-tests-").FullName;
    }

    [TestCleanup]
    public async Task StopServer()
    {
        await Server.DisposeAsync();
        Directory.Delete(HomeDirectory, recursive: true);
    }

    protected Dictionary<string, string> Environment() => ToolProcess.Environment(Server.Endpoint, HomeDirectory);

    protected Task<ToolRun> RunAsync(params string[] arguments) => ToolProcess.RunAsync(Environment(), arguments);

    /// <summary>Asserts success with only JSON on stdout and nothing on stderr; returns the document.</summary>
    protected static JsonElement SucceededWithJson(ToolRun run)
    {
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual("", run.StandardError, run.ToString());
        using var document = JsonDocument.Parse(run.StandardOutput);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts the exit code, an empty stdout and exactly one coded stderr line with a fix; returns that line.</summary>
    protected static string FailedWith(ToolRun run, int exitCode, string codePrefix)
    {
        Assert.AreEqual(exitCode, run.ExitCode, run.ToString());
        Assert.AreEqual("", run.StandardOutput, run.ToString());
        var lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, run.ToString());
        StringAssert.StartsWith(lines[0], "error " + codePrefix, run.ToString());
        StringAssert.Matches(lines[0], new System.Text.RegularExpressions.Regex(@"^error PAI\d{4}: "), run.ToString());
        return lines[0];
    }
}
