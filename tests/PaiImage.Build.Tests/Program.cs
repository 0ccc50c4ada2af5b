using Microsoft.Build.Locator;
using Microsoft.Testing.Platform.Builder;

[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.ClassLevel)]

namespace PaiImage.Build.Tests;

/// <summary>
/// Our own entry point: MSBuild must be located before test discovery loads types that implement MSBuild
/// interfaces, which is earlier than [AssemblyInitialize]. Main itself mentions no Microsoft.Build type.
/// </summary>
[TestClass]
public static class E2ECleanup
{
    [AssemblyCleanup]
    public static Task DeleteE2EFilesAsync() => EndToEnd.E2EEnvironment.DeleteAsync();
}

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        MSBuildLocator.RegisterDefaults();
        var builder = await TestApplication.CreateBuilderAsync(args);
        SelfRegisteredExtensions.AddSelfRegisteredExtensions(builder, args);
        using var app = await builder.BuildAsync();
        return await app.RunAsync();
    }
}
