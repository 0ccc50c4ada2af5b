using System.Text.Json;
using PaiImage.Tool.Tests.Infrastructure;

namespace PaiImage.Tool.Tests;

/// <summary>
/// <c>add --project PATH</c> against a throw-away project that imports PaiImage.Build's props and targets from
/// the source tree and is evaluated by the real <c>dotnet msbuild</c>.
/// </summary>
[TestClass]
public sealed class ProjectAddTests : ToolTestBase
{
    private const string Targets = "src/PaiImage.Build/build/PaiImage.Build.targets";

    [TestMethod]
    public async Task Registers_the_name_uri_labels_and_settings_the_project_describes()
    {
        var project = WriteProject();

        var json = SucceededWithJson(await RunWithProjectEnvironmentAsync("add", "--project", project, "--output", "json"));

        Assert.AreEqual("team-web-api-1-2-3", json.GetProperty("Name").GetString(), "derived from repository and first tag, as the package does");
        Assert.AreEqual("registry.example.com/team/web-api:1.2.3", json.GetProperty("ImageUri").GetString());
        var stored = Emulator.State.Find(json.GetProperty("ImageId").GetString()!)!;
        Assert.AreEqual("ws-project", stored.WorkspaceId);
        Assert.AreEqual("PRIVATE", stored.Accessibility);
        Assert.AreEqual("Description of the project", stored.Description);
        Assert.AreEqual(3, stored.Size);
        CollectionAssert.AreEquivalent(new[] { "system.chipType=GPU", "team=web" }, stored.Labels.Select(l => $"{l.Key}={l.Value}").ToList());
    }

    [TestMethod]
    public async Task Command_line_options_and_properties_override_the_project()
    {
        var project = WriteProject();

        var json = SucceededWithJson(await RunWithProjectEnvironmentAsync(
            "add", "--project", project, "--name", "chosen-name", "--label", "team=api", "--property", "ContainerImageTags=2.0", "--workspace", "ws-option", "--output", "json"));

        Assert.AreEqual("chosen-name", json.GetProperty("Name").GetString());
        Assert.AreEqual("registry.example.com/team/web-api:2.0", json.GetProperty("ImageUri").GetString());
        var stored = Emulator.State.Find(json.GetProperty("ImageId").GetString()!)!;
        Assert.AreEqual("ws-option", stored.WorkspaceId);
        CollectionAssert.AreEquivalent(new[] { "system.chipType=GPU", "team=api" }, stored.Labels.Select(l => $"{l.Key}={l.Value}").ToList());
    }

    [TestMethod]
    public async Task Explicit_PaiImageUri_names_the_image_and_IfExists_comes_from_the_project()
    {
        var existing = await SeedAsync("team-app-7", "reg.example.com/old/app:7", "ws-project");
        var project = WriteProject("<PaiImageUri>reg.example.com/team/app:7</PaiImageUri><PaiImageIfExists>Skip</PaiImageIfExists>");

        var json = SucceededWithJson(await RunWithProjectEnvironmentAsync("add", "--project", project, "--output", "json"));

        Assert.AreEqual("team-app-7", json.GetProperty("Name").GetString());
        Assert.AreEqual("skipped", json.GetProperty("Outcome").GetString());
        Assert.AreEqual(existing, json.GetProperty("ImageId").GetString());
    }

    [TestMethod]
    public async Task Missing_project_exits_3_naming_the_path()
    {
        var path = Path.Combine(HomeDirectory, "nowhere", "app.csproj");

        var line = FailedWith(await RunWithProjectEnvironmentAsync("add", "--project", path), 3, "PAI3201:");

        StringAssert.Contains(line, path);
        Assert.IsEmpty(ToolRequests);
    }

    [TestMethod]
    public async Task Broken_project_exits_3_with_msbuilds_error()
    {
        var path = Path.Combine(HomeDirectory, "broken.csproj");
        await File.WriteAllTextAsync(path, "<Project><PropertyGroup></Project>");

        var line = FailedWith(await RunWithProjectEnvironmentAsync("add", "--project", path), 3, "PAI3203:");

        StringAssert.Contains(line, path);
        StringAssert.Contains(line, "MSB");
        Assert.IsEmpty(ToolRequests);
    }

    [TestMethod]
    public async Task Invalid_project_value_exits_3_naming_the_property()
    {
        var project = WriteProject("<PaiUseVpcEndpoint>maybe</PaiUseVpcEndpoint>");

        var line = FailedWith(await RunWithProjectEnvironmentAsync("add", "--project", project), 3, "PAI3205:");

        StringAssert.Contains(line, "PaiUseVpcEndpoint");
        Assert.IsEmpty(ToolRequests);
    }

    /// <summary>Tool runs without PAI_ENDPOINT (the project names the emulator) and with the dotnet host to evaluate it.</summary>
    private Task<ToolRun> RunWithProjectEnvironmentAsync(params string[] arguments)
    {
        var environment = ToolProcess.Environment(endpoint: null, HomeDirectory);
        environment["DOTNET_HOST_PATH"] = DotnetHost();
        return ToolProcess.RunAsync(environment, arguments);
    }

    /// <summary>
    /// A project with the container settings of a web API, the PAI settings a pipeline would set, and a
    /// credential-like property holding the test secret, which must never be read.
    /// </summary>
    private string WriteProject(string extraProperties = "")
    {
        var root = RepositoryRoot();
        var path = Path.Combine(HomeDirectory, "web-api", "web-api.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"""
            <Project>
              <Import Project="{Path.Combine(root, "src/PaiImage.Build/build/PaiImage.Build.props")}" />
              <PropertyGroup>
                <ContainerRegistry>registry.example.com</ContainerRegistry>
                <ContainerRepository>team/web-api</ContainerRepository>
                <ContainerImageTags>1.2.3;latest</ContainerImageTags>
                <Description>Description of the project</Description>
                <PaiEndpoint>{Emulator.Endpoint}</PaiEndpoint>
                <PaiWorkspaceId>ws-project</PaiWorkspaceId>
                <PaiImageAccessibility>PRIVATE</PaiImageAccessibility>
                <PaiImageSize>3</PaiImageSize>
                <PaiAccessKeySecret>{ToolProcess.AccessKeySecret}</PaiAccessKeySecret>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PaiImageLabel Include="system.chipType" Value="GPU" />
                <PaiImageLabel Include="team" Value="web" />
              </ItemGroup>
              <Import Project="{Path.Combine(root, Targets)}" />
            </Project>
            """);
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, Targets)))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No {Targets} above {AppContext.BaseDirectory}.");
    }

    private static string DotnetHost()
    {
        if (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        return (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"))
            .First(File.Exists);
    }
}
