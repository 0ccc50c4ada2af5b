using System.Text.RegularExpressions;
using PaiImage.Emulator;

namespace PaiImage.Build.Tests.EndToEnd;

/// <summary>A throw-away project that references the packed PaiImage.Build from the local feed only.</summary>
internal sealed partial class E2EProject
{
    public const string KeyId = "e2e-key-id";

    private readonly E2EEnvironment _environment;
    private readonly EmulatorServer _emulator;
    private readonly string _secret;

    private E2EProject(E2EEnvironment environment, EmulatorServer emulator, string secret, string directory, string repository)
    {
        _environment = environment;
        _emulator = emulator;
        _secret = secret;
        Directory = directory;
        Repository = repository;
    }

    public string Directory { get; }

    /// <summary>The unique repository this project pushes to, e.g. <c>pai-e2e/app-1a2b3c4d</c>.</summary>
    public string Repository { get; }

    /// <param name="runtimePacks">
    /// Multi-RID restores need the runtime packs; they come from the NuGet registry (a fresh machine has none cached),
    /// while restored packages still go to the isolated folder.
    /// </param>
    public static E2EProject Create(E2EEnvironment environment, EmulatorServer emulator, string secret, string properties = "", bool web = false, bool runtimePacks = false)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var directory = Path.Combine(environment.Root, "projects", id);
        System.IO.Directory.CreateDirectory(directory);
        var repository = $"pai-e2e/app-{id}";
        File.WriteAllText(Path.Combine(directory, "NuGet.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{environment.Feed}" />
                {(runtimePacks ? "<add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />" : "")}
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), "System.Console.WriteLine(\"hello\");\n");
        File.WriteAllText(Path.Combine(directory, $"app{id}.csproj"), $"""
            <Project Sdk="{(web ? "Microsoft.NET.Sdk.Web" : "Microsoft.NET.Sdk")}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <UseAppHost>false</UseAppHost>
                <ContainerRegistry>localhost:5000</ContainerRegistry>
                <ContainerRepository>{repository}</ContainerRepository>
                <ContainerBaseImage>localhost:5000/base:latest</ContainerBaseImage>
                <PaiEndpoint>{emulator.Endpoint}</PaiEndpoint>
                <PaiWorkspaceId>e2e-workspace</PaiWorkspaceId>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PaiImage.Build" Version="{environment.Version}" />
              </ItemGroup>
              <Target Name="E2EReport" AfterTargets="PaiRegisterImage" Condition="'$(PaiImageId)' != ''">
                <Message Importance="high" Text="E2E-RESULT id=$(PaiImageId) outcome=@(PaiRegisteredImage->'%(Outcome)') uri=@(PaiRegisteredImage->'%(ImageUri)')" />
              </Target>
            </Project>
            """);
        return new E2EProject(environment, emulator, secret, directory, repository);
    }

    public Task<ProcessResult> PublishContainerAsync(params string[] arguments) =>
        DotnetAsync(["publish", "-t:PublishContainer", .. arguments]);

    public Task<ProcessResult> DotnetAsync(string[] arguments) =>
        DotnetRunner.RunAsync("dotnet", arguments, Directory, _environment.ChildEnvironment(_secret));

    /// <summary>The ImageId, outcome and URI the project's report target printed.</summary>
    public static (string ImageId, string Outcome, string ImageUri) ResultOf(ProcessResult result)
    {
        var match = ResultLine().Match(result.Output);
        Assert.IsTrue(match.Success, result.Output);
        return (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
    }

    public IReadOnlyList<Emulator.Images.StoredImage> Registered() =>
        [.. _emulator.State.Images.Where(i => i.ImageUri.Contains(Repository, StringComparison.Ordinal))];

    [GeneratedRegex(@"E2E-RESULT id=(\S+) outcome=(\S+) uri=(\S+)")]
    private static partial Regex ResultLine();
}
