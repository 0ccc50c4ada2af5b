using System.Diagnostics;
using System.Reflection;

namespace PaiImage.Tool.Tests.Infrastructure;

/// <summary>Which build of pai-image a test runs.</summary>
public enum ToolBuild
{
    FrameworkDependent,
    NativeAot,
}

/// <summary>
/// The Native AOT pai-image, published once per test run into a temporary folder (linux-x64, as shipped in the
/// RID-specific package) and deleted when the run ends.
/// </summary>
public static class NativeAotTool
{
    private static readonly string ProjectPath = typeof(NativeAotTool).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PaiImageToolProject").Value!;

    private static readonly Lazy<Task<string>> Binary = new(PublishAsync);

    private static string? _folder;

    public static Task<string> GetPathAsync() => Binary.Value;

    public static void DeleteFolder()
    {
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task<string> PublishAsync()
    {
        _folder = Directory.CreateTempSubdirectory("pai-image-aot-").FullName;
        var startInfo = new ProcessStartInfo(ToolProcess.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", ProjectPath, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", _folder })
        {
            startInfo.ArgumentList.Add(argument);
        }

        // No MSBuild node or build server outlives the publish.
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet publish did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var binary = Path.Combine(_folder, "pai-image");
        if (process.ExitCode != 0 || !File.Exists(binary))
        {
            throw new InvalidOperationException($"The Native AOT publish failed (exit {process.ExitCode}):\n{await output}\n{await error}");
        }

        Assert.IsFalse(File.Exists(binary + ".dbg"), "The native symbol file must stay out of the publish folder (and so out of the package).");
        return binary;
    }
}

[TestClass]
public static class NativeAotToolLifetime
{
    /// <summary>Starts the publish at once, so it overlaps the framework-dependent tests instead of stalling the first AOT one.</summary>
    [AssemblyInitialize]
    public static void StartPublishing(TestContext context) => _ = NativeAotTool.GetPathAsync();

    [AssemblyCleanup]
    public static void DeletePublishedBinary() => NativeAotTool.DeleteFolder();
}
