using System.Net.Http.Headers;

namespace PaiImage.Build.Tests.EndToEnd;

/// <summary>Real `dotnet publish` runs against the local registry and the in-process emulator, using the packed package.</summary>
[TestClass]
public sealed class PublishEndToEndTests
{
    private static E2ESession? _session;

    private static E2ESession Session => _session!;

    private static string Secret => Session.Secret;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _ = context;
        _session = await E2ESession.StartAsync("e2e-publish-secret-");
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task Single_arch_publish_registers_once_and_a_rerun_reports_existing()
    {
        var project = E2EProject.Create(Session.Environment, Session.Emulator, Secret, """
            <ContainerRuntimeIdentifier>linux-x64</ContainerRuntimeIdentifier>
            <ContainerImageTags>1.0.0;latest</ContainerImageTags>
            </PropertyGroup>
            <ItemGroup>
              <PaiImageLabel Include="system.chipType" Value="CPU" />
            </ItemGroup>
            <PropertyGroup>
            """);

        var first = await project.PublishContainerAsync("-bl:publish.binlog");

        Assert.AreEqual(0, first.ExitCode, first.Output);
        var (imageId, outcome, uri) = E2EProject.ResultOf(first);
        Assert.AreEqual("Created", outcome);
        Assert.AreEqual($"localhost:5000/{project.Repository}:1.0.0", uri);
        var stored = project.Registered().Single();
        Assert.AreEqual(imageId, stored.ImageId);
        Assert.AreEqual("CPU", stored.Labels.Single(l => l.Key == "system.chipType").Value);
        StringAssert.Contains(first.Output, $"registered {stored.Name} ({uri}) as {imageId} in workspace e2e-workspace");
        Assert.DoesNotContain(Secret, first.Output);
        var binlog = await File.ReadAllBytesAsync(Path.Combine(project.Directory, "publish.binlog"));
        Assert.IsFalse(ContainsText(binlog, Secret), "the secret is in the binlog");

        var second = await project.PublishContainerAsync();

        Assert.AreEqual(0, second.ExitCode, second.Output);
        Assert.AreEqual((imageId, "Existing", uri), E2EProject.ResultOf(second));
        Assert.HasCount(1, project.Registered());
    }

    [TestMethod]
    public async Task Multi_arch_publish_registers_the_index_digest_once()
    {
        var project = E2EProject.Create(Session.Environment, Session.Emulator, Secret, """
            <RuntimeIdentifiers>linux-x64;linux-arm64</RuntimeIdentifiers>
            <ContainerBaseImage>localhost:5000/base:multi</ContainerBaseImage>
            <ContainerImageTag>2.0.0</ContainerImageTag>
            <PaiImageUriKind>Digest</PaiImageUriKind>
            """, runtimePacks: true);

        var result = await project.PublishContainerAsync();

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var (_, outcome, uri) = E2EProject.ResultOf(result);
        Assert.AreEqual("Created", outcome);
        Assert.AreEqual($"localhost:5000/{project.Repository}@{await RegistryDigestAsync(project.Repository, "2.0.0")}", uri);
        Assert.AreEqual(uri, project.Registered().Single().ImageUri);
    }

    [TestMethod]
    public async Task Tarball_publish_warns_or_fails_when_registration_was_asked_for()
    {
        var archive = "<ContainerRuntimeIdentifier>linux-x64</ContainerRuntimeIdentifier><ContainerArchiveOutputPath>$(MSBuildProjectDirectory)/image/</ContainerArchiveOutputPath>";
        var quiet = E2EProject.Create(Session.Environment, Session.Emulator, Secret, archive);
        var asked = E2EProject.Create(Session.Environment, Session.Emulator, Secret, archive + "<PaiImageName>wanted</PaiImageName>");

        var warned = await quiet.PublishContainerAsync();
        var failed = await asked.PublishContainerAsync();

        Assert.AreEqual(0, warned.ExitCode, warned.Output);
        StringAssert.Contains(warned.Output, "warning PAI4008");
        Assert.AreNotEqual(0, failed.ExitCode, failed.Output);
        StringAssert.Contains(failed.Output, "error PAI4009");
        Assert.IsEmpty(quiet.Registered());
        Assert.IsEmpty(asked.Registered());
    }

    [TestMethod]
    public async Task Disabled_registration_sends_nothing()
    {
        var project = E2EProject.Create(Session.Environment, Session.Emulator, Secret, "<ContainerRuntimeIdentifier>linux-x64</ContainerRuntimeIdentifier><PaiRegisterImage>false</PaiRegisterImage>");

        var result = await project.PublishContainerAsync();

        Assert.AreEqual(0, result.ExitCode, result.Output);
        Assert.DoesNotContain("E2E-RESULT", result.Output);
        Assert.IsEmpty(project.Registered());
    }

    [TestMethod]
    public async Task Web_project_with_DefaultContainer_profile_registers()
    {
        var project = E2EProject.Create(Session.Environment, Session.Emulator, Secret, "<ContainerRuntimeIdentifier>linux-x64</ContainerRuntimeIdentifier>", web: true);

        var result = await project.DotnetAsync(["publish", "-p:PublishProfile=DefaultContainer"]);

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var (_, outcome, uri) = E2EProject.ResultOf(result);
        Assert.AreEqual("Created", outcome);
        Assert.AreEqual($"localhost:5000/{project.Repository}:latest", uri);
    }

    private static bool ContainsText(byte[] bytes, string text) =>
        bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0
        || bytes.AsSpan().IndexOf(System.Text.Encoding.Unicode.GetBytes(text)) >= 0;

    private static async Task<string> RegistryDigestAsync(string repository, string tag)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, $"http://127.0.0.1:5000/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.index.v1+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.list.v2+json"));
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }
}
