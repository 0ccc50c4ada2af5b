using System.Text.Json;
using System.Text.RegularExpressions;
using PaiImage.Core;
using PaiImage.Core.Credentials;
using PaiImage.Core.Operations;
using PaiImage.Emulator;

namespace PaiImage.Tool.Tests.Infrastructure;

/// <summary>
/// Per test: a fresh PAI emulator on 127.0.0.1 that accepts only the test credentials and verifies every
/// signature, an empty home folder, and helpers to seed images and run the tool against them.
/// </summary>
public abstract partial class ToolTestBase
{
    private int _seedRequests;

    protected EmulatorServer Emulator { get; private set; } = null!;

    protected string HomeDirectory { get; private set; } = null!;

    /// <summary>The API requests the emulator answered apart from the seeding ones.</summary>
    protected IReadOnlyList<RecordedRequest> ToolRequests => [.. Emulator.State.Requests.Skip(_seedRequests)];

    [TestInitialize]
    public async Task StartEmulator()
    {
        Emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Credentials = [new EmulatorCredential(ToolProcess.AccessKeyId, ToolProcess.AccessKeySecret)],
        });
        HomeDirectory = Directory.CreateTempSubdirectory("pai-image-tool-tests-").FullName;
    }

    [TestCleanup]
    public async Task StopEmulator()
    {
        await Emulator.DisposeAsync();
        Directory.Delete(HomeDirectory, recursive: true);
    }

    protected Dictionary<string, string> Environment() => ToolProcess.Environment(Emulator.Endpoint, HomeDirectory);

    protected Task<ToolRun> RunAsync(params string[] arguments) => ToolProcess.RunAsync(Environment(), arguments);

    protected Task<ToolRun> RunAsync(ToolBuild build, params string[] arguments) => ToolProcess.RunAsync(build, Environment(), arguments);

    /// <summary>Registers images through the core client (not the tool under test); returns their ids in order.</summary>
    protected async Task<IReadOnlyList<string>> SeedAsync(params AddImageRequest[] images)
    {
        using var services = PaiImageServices.Create(new PaiClientOptions
        {
            Endpoint = Emulator.Endpoint.ToString(),
            CredentialProvider = new StaticCredentialProvider(new PaiCredentials(ToolProcess.AccessKeyId, ToolProcess.AccessKeySecret)),
        });
        var ids = new List<string>();
        foreach (var image in images)
        {
            ids.Add((await services.Client.AddImageAsync(image, CancellationToken.None)).ImageId);
        }

        _seedRequests = Emulator.State.Requests.Count;
        return ids;
    }

    protected async Task<string> SeedAsync(string name, string imageUri, string workspaceId, params (string Key, string Value)[] labels) =>
        (await SeedAsync(Image(name, imageUri, workspaceId, labels)))[0];

    protected static AddImageRequest Image(string name, string imageUri, string workspaceId, params (string Key, string Value)[] labels) => new()
    {
        Name = name,
        ImageUri = imageUri,
        WorkspaceId = workspaceId,
        Accessibility = "PRIVATE",
        Labels = [.. labels.Select(l => new ImageLabel(l.Key, l.Value))],
    };

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
        StringAssert.Matches(lines[0], CodedLine(), run.ToString());
        return lines[0];
    }

    [GeneratedRegex(@"^error PAI\d{4}: .+ Fix: .+$")]
    private static partial Regex CodedLine();
}
