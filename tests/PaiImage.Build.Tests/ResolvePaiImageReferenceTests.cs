using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PaiImage.Build.Tasks;
using PaiImage.Build.Tests.Infrastructure;

namespace PaiImage.Build.Tests;

[TestClass]
public sealed class ResolvePaiImageReferenceTests
{
    private const string Manifest = """{"schemaVersion":2,"config":{"size":1000},"layers":[{"size":1073741824},{"size":5}]}""";
    private const string SmallManifest = """{"schemaVersion":2,"config":{"size":10},"layers":[{"size":20}]}""";

    [TestMethod]
    public void Pushed_single_arch_image_resolves_to_first_tag()
    {
        var (task, engine) = Published();

        Assert.IsTrue(task.Execute());
        Assert.IsTrue(task.ShouldRegister);
        Assert.AreEqual("localhost:5000/team/app:1.0.0", task.ResolvedImageUri);
        Assert.AreEqual("team-app-1-0-0", task.ResolvedImageName);
        Assert.AreEqual("2", task.ResolvedImageSize, "1 GiB + 1005 bytes rounds up to 2 GB");
        Assert.AreEqual("sha256:1111", task.Digest);
        Assert.IsEmpty(engine.Errors);
    }

    [TestMethod]
    public void Digest_kind_pins_the_manifest_digest()
    {
        var (task, _) = Published();
        task.ImageUriKind = "digest";

        Assert.IsTrue(task.Execute());
        Assert.AreEqual("localhost:5000/team/app@sha256:1111", task.ResolvedImageUri);
        Assert.AreEqual("team-app-1-0-0", task.ResolvedImageName);
    }

    [TestMethod]
    public void Multi_arch_publish_registers_the_index_digest_and_largest_manifest()
    {
        var index = """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1\u002Bjson","manifests":[]}""";
        var (task, _) = Published();
        task.GeneratedContainerDigest = "";
        task.GeneratedContainerManifest = "";
        task.GeneratedImageIndex = index;
        task.ImageUriKind = "Digest";
        task.GeneratedContainers = [Arch("sha256:aa", SmallManifest), Arch("sha256:bb", Manifest), Arch("sha256:aa", SmallManifest), Arch("sha256:bb", Manifest)];

        Assert.IsTrue(task.Execute());
        var expected = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(index)));
        Assert.AreEqual(expected, task.Digest);
        Assert.AreEqual($"localhost:5000/team/app@{expected}", task.ResolvedImageUri);
        Assert.AreEqual("2", task.ResolvedImageSize);
    }

    [TestMethod]
    public void Explicit_uri_and_name_win()
    {
        var (task, _) = Published();
        task.ImageUri = "registry.example.com/ml/infer:7";
        task.ImageName = "my-name";
        task.ImageSize = "9";

        Assert.IsTrue(task.Execute());
        Assert.AreEqual("registry.example.com/ml/infer:7", task.ResolvedImageUri);
        Assert.AreEqual("my-name", task.ResolvedImageName);
        Assert.AreEqual("9", task.ResolvedImageSize);
    }

    [TestMethod]
    public void Standalone_uri_derives_the_name_from_it()
    {
        var engine = new FakeBuildEngine();
        var task = new ResolvePaiImageReference { BuildEngine = engine, ImageUri = "localhost:5000/Team/Infer:2.1" };

        Assert.IsTrue(task.Execute());
        Assert.AreEqual("team-infer-2-1", task.ResolvedImageName);
        Assert.AreEqual("", task.ResolvedImageSize);
    }

    [TestMethod]
    [DataRow("/tmp/out/", "", "PAI4008", false)]
    [DataRow("", "", "PAI4008", false)]
    [DataRow("/tmp/out/", "wanted", "PAI4009", true)]
    public void Archive_or_daemon_publish_is_not_registered(string archive, string name, string code, bool isError)
    {
        var (task, engine) = Published();
        task.ContainerArchiveOutputPath = archive;
        task.ContainerRegistry = archive.Length > 0 ? "localhost:5000" : "";
        task.ImageName = name;

        Assert.AreEqual(!isError, task.Execute());
        Assert.IsFalse(task.ShouldRegister);
        var codes = isError ? engine.ErrorCodes : engine.Warnings.Select(w => w.Code);
        CollectionAssert.AreEqual(new[] { code }, codes.ToArray());
    }

    [TestMethod]
    [DataRow("ImageUriKind", "Latest", "PAI4003")]
    [DataRow("ImageSize", "1.5", "PAI4005")]
    [DataRow("ImageSize", "0", "PAI4005")]
    public void Invalid_values_are_coded_errors(string parameter, string value, string code)
    {
        var (task, engine) = Published();
        typeof(ResolvePaiImageReference).GetProperty(parameter)!.SetValue(task, value);

        Assert.IsFalse(task.Execute());
        CollectionAssert.AreEqual(new[] { code }, engine.ErrorCodes.ToArray());
        StringAssert.Contains(engine.Errors[0].Message, "Pai" + parameter);
    }

    [TestMethod]
    public void Nothing_to_register_without_registry_or_uri()
    {
        var engine = new FakeBuildEngine();
        var task = new ResolvePaiImageReference { BuildEngine = engine, ContainerRepository = "app" };

        Assert.IsFalse(task.Execute());
        CollectionAssert.AreEqual(new[] { "PAI4007" }, engine.ErrorCodes.ToArray());
    }

    [TestMethod]
    public void Digest_kind_without_a_publish_is_an_error()
    {
        var engine = new FakeBuildEngine();
        var task = new ResolvePaiImageReference { BuildEngine = engine, ContainerRegistry = "localhost:5000", ContainerRepository = "app", ImageUriKind = "Digest" };

        Assert.IsFalse(task.Execute());
        CollectionAssert.AreEqual(new[] { "PAI4006" }, engine.ErrorCodes.ToArray());
    }

    [TestMethod]
    public void Secret_like_properties_are_refused_by_name_only()
    {
        var (task, engine) = Published();
        task.SecretLikeProperties = [new TaskItem("PaiAccessKeySecret")];
        engine.GlobalProperties["PaiOidcTokenValue"] = "do-not-echo-1";
        engine.GlobalProperties["PaiRegion"] = "cn-hangzhou";

        Assert.IsFalse(task.Execute());
        CollectionAssert.AreEquivalent(new[] { "PAI4001", "PAI4001" }, engine.ErrorCodes.ToArray());
        StringAssert.Contains(engine.AllText, "'PaiAccessKeySecret'");
        StringAssert.Contains(engine.AllText, "'PaiOidcTokenValue'");
        Assert.DoesNotContain("do-not-echo-1", engine.AllText);
        Assert.AreEqual("", task.ResolvedImageUri);
    }

    private static (ResolvePaiImageReference Task, FakeBuildEngine Engine) Published()
    {
        var engine = new FakeBuildEngine();
        var task = new ResolvePaiImageReference
        {
            BuildEngine = engine,
            ContainerRegistry = "localhost:5000",
            ContainerRepository = "team/app",
            ContainerImageTags = [new TaskItem("1.0.0"), new TaskItem("latest")],
            GeneratedContainerDigest = "sha256:1111",
            GeneratedContainerManifest = Manifest,
        };
        return (task, engine);
    }

    private static TaskItem Arch(string digest, string manifest) =>
        new("GeneratedContainer", new Dictionary<string, string> { ["ManifestDigest"] = digest, ["Manifest"] = manifest });
}
