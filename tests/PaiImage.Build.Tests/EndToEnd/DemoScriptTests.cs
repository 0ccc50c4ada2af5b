using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using PaiImage.Build.Tests.Infrastructure;

namespace PaiImage.Build.Tests.EndToEnd;

/// <summary>The README's first command, build/demo.sh, run as a process: so the demo itself runs in CI.</summary>
[TestClass]
public sealed partial class DemoScriptTests
{
    // A clean demo packs three projects in Release (the tool possibly with Native AOT) and publishes the sample,
    // while other test classes build on the same two cores: about 4 minutes here, so the limit only stops a hang.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(12);

    [TestMethod]
    public async Task Demo_registers_the_sample_through_the_package_and_lists_it_without_stopping_a_registry_it_did_not_start()
    {
        // Shared with the other end-to-end classes: the registry is up before the demo starts, so the demo must leave
        // it running for them.
        var environment = await E2EEnvironment.GetAsync();
        var state = Path.Combine(environment.Root, "demo-state");
        var variables = environment.ChildEnvironment(secret: null);
        variables["PAI_DEMO_STATE"] = state;

        var (exitCode, output) = await RunAsync("bash", ["build/demo.sh"], variables);

        Assert.AreEqual(0, exitCode, output);
        var registered = RegisteredLine().Match(output);
        Assert.IsTrue(registered.Success, output);
        var imageId = registered.Groups[1].Value;
        var listed = output.Split('\n').SkipWhile(l => !l.Contains("pai-image list", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.IsTrue(listed.Any(l => l.StartsWith(imageId, StringComparison.Ordinal) && l.Contains("pai-sample-console", StringComparison.Ordinal)), output);
        StringAssert.Contains(output, $"Demo succeeded: ImageId {imageId} is listed by pai-image list.");
        StringAssert.Contains(output, "demo: stopped the PAI emulator (PID ");
        Assert.DoesNotContain("registry: stopped", output);
        var registry = await RunAsync("bash", ["build/registry.sh", "status"], variables);
        Assert.AreEqual(0, registry.ExitCode, registry.Output);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] arguments, Dictionary<string, string?> variables)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in variables)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        // One buffer for both streams, in arrival order, so a failure reads like the terminal would show it.
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{fileName} {string.Join(' ', arguments)} did not finish within {Timeout}:\n{Text(output)}");
        }

        await process.WaitForExitAsync();
        return (process.ExitCode, Text(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    [GeneratedRegex(@"registered pai-sample-console \(\S+\) as (image-[a-z0-9]+) in workspace demo-workspace")]
    private static partial Regex RegisteredLine();
}
