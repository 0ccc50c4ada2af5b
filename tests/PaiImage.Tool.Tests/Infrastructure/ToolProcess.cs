using System.Diagnostics;
using System.Reflection;

namespace PaiImage.Tool.Tests.Infrastructure;

/// <summary>The output of one run of the built pai-image.</summary>
public sealed record ToolRun(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}

/// <summary>
/// Runs the built tool (<c>dotnet pai-image.dll …</c> in the project reference's output folder) with an
/// environment made from scratch: nothing leaks in from the machine (no proxy variables, no real home folder).
/// Every run is checked for the secret.
/// </summary>
public static class ToolProcess
{
    public const string AccessKeyId = "tool-test-access-key-id";

    /// <summary>Distinctive so that any leak, whole or in part, is easy to spot.</summary>
    public const string AccessKeySecret = "ToolTestSecret-9f2c4e1a7b-DoNotPrint";

    private static readonly string ToolPath = typeof(ToolProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PaiImageToolPath").Value!;

    /// <summary>Credentials in the environment, ECS metadata off, the given endpoint, an empty home folder.</summary>
    public static Dictionary<string, string> Environment(Uri? endpoint, string homeDirectory)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = AccessKeyId,
            ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = AccessKeySecret,
            ["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true",
            ["HOME"] = homeDirectory,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        if (endpoint is not null)
        {
            environment["PAI_ENDPOINT"] = endpoint.ToString();
        }

        return environment;
    }

    public static Task<ToolRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunAsync(ToolBuild.FrameworkDependent, environment, arguments);

    /// <summary>Runs the framework-dependent build with the dotnet host, or the Native AOT binary directly.</summary>
    public static Task<ToolRun> RunAsync(ToolBuild build, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunWithInputAsync(build, environment, standardInput: null, arguments);

    public static Task<ToolRun> RunWithInputAsync(IReadOnlyDictionary<string, string> environment, string? standardInput, params string[] arguments) =>
        RunWithInputAsync(ToolBuild.FrameworkDependent, environment, standardInput, arguments);

    /// <param name="standardInput">Written to the tool's stdin, which is then closed; null leaves stdin alone.</param>
    public static async Task<ToolRun> RunWithInputAsync(ToolBuild build, IReadOnlyDictionary<string, string> environment, string? standardInput, params string[] arguments)
    {
        var native = build == ToolBuild.NativeAot;
        var startInfo = new ProcessStartInfo(native ? await NativeAotTool.GetPathAsync() : DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
            WorkingDirectory = environment["HOME"],
        };
        if (!native)
        {
            startInfo.ArgumentList.Add(ToolPath);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pai-image {string.Join(' ', arguments)} did not finish.");
        }

        var run = new ToolRun(process.ExitCode, await standardOutput, await standardError);
        AssertNoSecret(run);
        return run;
    }

    public static void AssertNoSecret(ToolRun run)
    {
        foreach (var text in new[] { run.StandardOutput, run.StandardError })
        {
            Assert.DoesNotContain(AccessKeySecret, text, $"The secret leaked: {run}");
            // Parts of it would be a leak too (e.g. a truncated value in a message).
            Assert.DoesNotContain(AccessKeySecret[..12], text, $"Part of the secret leaked: {run}");
            Assert.DoesNotContain(AccessKeySecret[^12..], text, $"Part of the secret leaked: {run}");
        }
    }

    /// <summary>The dotnet host running these tests (set by the dotnet CLI), else the one on PATH.</summary>
    internal static string DotnetHost() =>
        System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : "dotnet";
}
