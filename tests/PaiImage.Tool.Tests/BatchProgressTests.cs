using PaiImage.Tool.Tests.Infrastructure;

namespace PaiImage.Tool.Tests;

/// <summary><c>add --from</c> with stderr on a terminal, run in-process because a test cannot give a child process a terminal.</summary>
[TestClass]
public sealed class BatchProgressTests : ToolTestBase
{
    private const string ClearLine = "\r\u001b[2K";

    [TestMethod]
    public async Task On_a_terminal_a_progress_bar_is_redrawn_on_stderr_with_failures_above_it()
    {
        var path = Path.Combine(HomeDirectory, "images.jsonl");
        await File.WriteAllTextAsync(path, """
            {"Name": "one", "ImageUri": "reg.example.com/x/one:1"}
            not json
            {"Name": "two", "ImageUri": "reg.example.com/x/two:1"}
            """);
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var environment = Environment();
        var host = new CliHost(output, error, name => environment.GetValueOrDefault(name), HomeDirectory) { ErrorIsTerminal = true };

        var exitCode = await PaiImageCli.RunAsync(["add", "--from", path, "--workspace", "123", "--concurrency", "1"], host);

        ToolProcess.AssertNoSecret(new ToolRun(exitCode, output.ToString(), error.ToString()));
        Assert.AreEqual(2, exitCode, error.ToString());
        Assert.AreEqual("", output.ToString(), "on a terminal only the bar and the failures are shown");
        var redraws = error.ToString().Split(ClearLine);
        Assert.HasCount(6, redraws, error.ToString());
        Assert.AreEqual("", redraws[0]);
        StringAssert.StartsWith(redraws[1], "error PAI2124: The line is not valid JSON: ");
        StringAssert.EndsWith(redraws[1], "start comments with #. (line 2)\n");
        CollectionAssert.AreEqual(
            new[]
            {
                "[##########....................] 1/3, 1 failed",
                "[####################..........] 2/3, 1 failed",
                "[##############################] 3/3, 1 failed",
                "pai-image: 3 images: 2 created, 0 existing, 0 replaced, 0 skipped, 1 failed.\n",
            },
            redraws[2..],
            error.ToString());
        Assert.HasCount(2, Emulator.State.Images);
    }
}
