using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;
using Microsoft.Build.Framework;
using PaiImage.Build.Tasks;
using PaiImage.Build.Tests.Infrastructure;

namespace PaiImage.Build.Tests;

/// <summary>The package's .props/.targets evaluated in-process with synthetic SDK outputs; nothing is sent anywhere.</summary>
[TestClass]
public sealed class TargetsTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [TestMethod]
    public void Default_uri_is_registry_repository_and_first_tag()
    {
        var result = Run("PaiResolveImageReference", Pushed(), tags: ["2.0.0", "latest"]);

        Assert.IsTrue(result.Succeeded, result.Log);
        Assert.AreEqual("localhost:5000/team/app:2.0.0", result.Property("PaiImageUri"));
        Assert.AreEqual("team-app-2-0-0", result.Property("PaiImageName"));
        Assert.AreEqual(Digest, result.Property("PaiImageDigest"));
    }

    [TestMethod]
    public void Single_tag_property_is_used_when_no_tag_items_exist()
    {
        var properties = Pushed();
        properties["ContainerImageTag"] = "nightly";

        var result = Run("PaiResolveImageReference", properties);

        Assert.AreEqual("localhost:5000/team/app:nightly", result.Property("PaiImageUri"));
    }

    [TestMethod]
    [DataRow("Odd_Repo.Name/With..Dots", "V1", "odd-repo-name-with-dots-v1")]
    [DataRow("9lives", "1", "image-9lives-1")]
    public void Default_name_is_made_valid(string repository, string tag, string expected)
    {
        var properties = Pushed();
        properties["ContainerRepository"] = repository;

        var result = Run("PaiResolveImageReference", properties, tags: [tag]);

        Assert.AreEqual(expected, result.Property("PaiImageName"));
    }

    [TestMethod]
    public void Long_repository_gives_a_50_character_name()
    {
        var properties = Pushed();
        properties["ContainerRepository"] = "platform-team/" + new string('x', 80);

        var result = Run("PaiResolveImageReference", properties, tags: ["1.0.0"]);

        var name = result.Property("PaiImageName");
        Assert.AreEqual(50, name.Length);
        Assert.MatchesRegex("^platform-team-x+-[0-9a-f]{8}$", name);
    }

    [TestMethod]
    public void Multi_arch_digest_is_the_sha256_of_the_index()
    {
        const string index = """{"schemaVersion":2,"manifests":[{"digest":"sha256:aa"},{"digest":"sha256:bb"}]}""";
        var properties = Pushed();
        properties["GeneratedContainerDigest"] = "";
        properties["GeneratedImageIndex"] = index;
        properties["PaiImageUriKind"] = "Digest";

        var result = Run("PaiResolveImageReference", properties, tags: ["1.0.0"]);

        var expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(index)));
        Assert.AreEqual($"localhost:5000/team/app@{expected}", result.Property("PaiImageUri"));
    }

    [TestMethod]
    public void Hook_does_nothing_when_disabled()
    {
        var properties = Pushed();
        properties["PaiRegisterImage"] = "false";

        var result = Run("_PaiRegisterImageAfterPublishContainer", properties, tags: ["1.0.0"]);

        Assert.IsTrue(result.Succeeded, result.Log);
        Assert.AreEqual("", result.Property("PaiImageUri"));
        Assert.IsFalse(result.TargetsRun.Contains("PaiResolveImageReference"));
    }

    [TestMethod]
    public void Hook_does_nothing_when_publish_produced_nothing()
    {
        var properties = Pushed();
        properties["GeneratedContainerDigest"] = "";

        var result = Run("_PaiRegisterImageAfterPublishContainer", properties, tags: ["1.0.0"]);

        Assert.IsTrue(result.Succeeded, result.Log);
        Assert.IsFalse(result.TargetsRun.Contains("PaiResolveImageReference"));
        Assert.IsEmpty(result.Warnings);
    }

    [TestMethod]
    [DataRow("ContainerArchiveOutputPath", "/tmp/images/")]
    [DataRow("ContainerRegistry", "")]
    public void Hook_warns_and_skips_when_the_image_did_not_reach_a_registry(string property, string value)
    {
        var properties = Pushed();
        properties[property] = value;

        var result = Run("_PaiRegisterImageAfterPublishContainer", properties, tags: ["1.0.0"]);

        Assert.IsTrue(result.Succeeded, result.Log);
        CollectionAssert.AreEqual(new[] { "PAI4008" }, result.Warnings.ToArray());
        Assert.AreNotEqual("true", result.Property("_PaiShouldRegister"));
    }

    [TestMethod]
    public void Tarball_with_an_explicit_name_is_an_error()
    {
        var properties = Pushed();
        properties["ContainerArchiveOutputPath"] = "/tmp/images/";
        properties["PaiImageName"] = "wanted";

        var result = Run("_PaiRegisterImageAfterPublishContainer", properties, tags: ["1.0.0"]);

        Assert.IsFalse(result.Succeeded);
        CollectionAssert.AreEqual(new[] { "PAI4009" }, result.Errors.ToArray());
    }

    [TestMethod]
    public void Secret_property_is_refused_and_never_logged()
    {
        var properties = Pushed();
        var secret = "property-secret-" + Guid.NewGuid().ToString("N");
        properties["PaiAccessKeySecret"] = secret;

        var result = Run("PaiRegisterImage", properties, tags: ["1.0.0"]);

        Assert.IsFalse(result.Succeeded);
        CollectionAssert.AreEqual(new[] { "PAI4001" }, result.Errors.ToArray());
        Assert.DoesNotContain(secret, result.Log);
        Assert.IsFalse(result.TargetsRun.Contains("RegisterPaiImage"));
    }

    [TestMethod]
    public void Description_defaults_to_the_project_description()
    {
        var properties = Pushed();
        properties["Description"] = "My model server";

        var result = Run("PaiResolveImageReference", properties, tags: ["1.0.0"]);

        Assert.AreEqual("My model server", result.Property("PaiImageDescription"));
    }

    private static Dictionary<string, string> Pushed() => new()
    {
        ["ContainerRegistry"] = "localhost:5000",
        ["ContainerRepository"] = "team/app",
        ["GeneratedContainerDigest"] = Digest,
        ["PaiImageBuildTasksAssembly"] = typeof(ResolvePaiImageReference).Assembly.Location,
    };

    private static TargetRun Run(string target, Dictionary<string, string> properties, string[]? tags = null)
    {
        var directory = Directory.CreateTempSubdirectory("pai-targets-");
        try
        {
            var project = Path.Combine(directory.FullName, "test.proj");
            var tagItems = string.Concat((tags ?? []).Select(t => $"<ContainerImageTags Include=\"{t}\" />"));
            File.WriteAllText(project, $"""
                <Project>
                  <Import Project="{Path.Combine(RepositoryPaths.BuildFolder, "PaiImage.Build.props")}" />
                  <ItemGroup>{tagItems}</ItemGroup>
                  <Import Project="{Path.Combine(RepositoryPaths.BuildFolder, "PaiImage.Build.targets")}" />
                </Project>
                """);
            using var collection = new ProjectCollection(properties);
            var logger = new RecordingLogger();
            var instance = collection.LoadProject(project).CreateProjectInstance();
            var succeeded = instance.Build([target], [logger]);
            return new TargetRun(succeeded, instance, logger);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private sealed class TargetRun(bool succeeded, ProjectInstance instance, RecordingLogger logger)
    {
        public bool Succeeded { get; } = succeeded;

        public string Log => logger.Text.ToString();

        public IReadOnlyList<string> Errors => logger.Errors;

        public IReadOnlyList<string> Warnings => logger.Warnings;

        public IReadOnlyCollection<string> TargetsRun => logger.Targets;

        public string Property(string name) => instance.GetPropertyValue(name);
    }

    private sealed class RecordingLogger : Microsoft.Build.Framework.ILogger
    {
        public StringBuilder Text { get; } = new();

        public List<string> Errors { get; } = [];

        public List<string> Warnings { get; } = [];

        public HashSet<string> Targets { get; } = [];

        public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Diagnostic;

        public string? Parameters { get; set; }

        public void Initialize(IEventSource eventSource)
        {
            eventSource.AnyEventRaised += (_, e) => Text.AppendLine(e.Message);
            eventSource.ErrorRaised += (_, e) => Errors.Add(e.Code);
            eventSource.WarningRaised += (_, e) => Warnings.Add(e.Code);
            eventSource.TargetStarted += (_, e) => Targets.Add(e.TargetName);
            eventSource.TaskStarted += (_, e) => Targets.Add(e.TaskName);
        }

        public void Shutdown()
        {
        }
    }
}
