using System.Diagnostics;
using System.Globalization;
using PaiImage.Build.Tests.Infrastructure;

namespace PaiImage.Build.Tests.EndToEnd;

/// <summary>
/// Shared by the end-to-end classes, created once per test run: the local registry (build/registry.sh), the real
/// package packed with a run-unique version into a local feed, and an isolated NuGet packages folder.
/// </summary>
internal sealed class E2EEnvironment
{
    private static readonly Lazy<Task<E2EEnvironment>> Shared = new(CreateAsync);

    private E2EEnvironment(string root, string version)
    {
        Root = root;
        Version = version;
    }

    public string Root { get; }

    public string Feed => Path.Combine(Root, "feed");

    public string Packages => Path.Combine(Root, "packages");

    public string Home => Path.Combine(Root, "home");

    public string Version { get; }

    public static Task<E2EEnvironment> GetAsync() => Shared.Value;

    /// <summary>Deletes the feed, packages and projects of this run, if any were created.</summary>
    public static async Task DeleteAsync()
    {
        if (Shared.IsValueCreated && Shared.Value.IsCompletedSuccessfully)
        {
            Directory.Delete((await Shared.Value).Root, recursive: true);
        }
    }

    private static async Task<E2EEnvironment> CreateAsync()
    {
        var root = Directory.CreateTempSubdirectory("pai-e2e-").FullName;
        var version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var environment = new E2EEnvironment(root, version);
        Directory.CreateDirectory(environment.Home);

        var registry = await DotnetRunner.RunAsync("bash", ["build/registry.sh", "start"], RepositoryPaths.Root, new Dictionary<string, string?>());
        Assert.AreEqual(0, registry.ExitCode, registry.Output);

        var pack = await DotnetRunner.RunAsync(
            "dotnet",
            ["pack", "src/PaiImage.Build/PaiImage.Build.csproj", "-c", "Release", "-o", environment.Feed, $"-p:Version={version}"],
            RepositoryPaths.Root,
            environment.ChildEnvironment(secret: null));
        Assert.AreEqual(0, pack.ExitCode, pack.Output);
        return environment;
    }

    /// <summary>The variables of a child dotnet: nothing from this machine's Alibaba or PAI settings, an empty home, isolated packages.</summary>
    public Dictionary<string, string?> ChildEnvironment(string? secret, string keyId = E2EProject.KeyId)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["HOME"] = Home,
            ["NUGET_PACKAGES"] = Packages,
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true",
        };
        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("ALIBABA", StringComparison.OrdinalIgnoreCase) || name.StartsWith("ALICLOUD", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("PAI_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("DOTNET_CONTAINER", StringComparison.OrdinalIgnoreCase))
            {
                variables.TryAdd(name, null);
            }
        }

        if (secret is not null)
        {
            variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = keyId;
            variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = secret;
        }

        return variables;
    }
}

internal sealed record ProcessResult(int ExitCode, string Output);

internal static class DotnetRunner
{
    /// <summary>Runs a process to completion; a null value removes an inherited variable.</summary>
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
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

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProcessResult(process.ExitCode, await output + await error);
    }
}
