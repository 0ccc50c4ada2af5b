using Microsoft.Build.Framework;
using TaskItem = Microsoft.Build.Utilities.TaskItem;
using PaiImage.Build.Tasks;
using PaiImage.Build.Tests.Infrastructure;
using PaiImage.Emulator;

namespace PaiImage.Build.Tests;

[TestClass]
public sealed class RegisterPaiImageTests
{
    private const string KeyId = "unit-key-id";
    private static readonly string Secret = "unit-secret-" + Guid.NewGuid().ToString("N");

    [TestMethod]
    public async Task Registers_the_image_and_returns_its_id()
    {
        await using var emulator = await StartEmulatorAsync();
        var (task, engine) = NewTask(emulator);
        task.Labels = [new TaskItem("system.chipType", new Dictionary<string, string> { ["Value"] = "CPU" })];
        task.GetEnvironmentVariable = Environment(emulator, Secret, workspaceId: "ws-from-environment");

        Assert.IsTrue(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));

        var stored = emulator.State.Images.Single();
        Assert.AreEqual(stored.ImageId, task.RegisteredImageId);
        Assert.AreEqual("e2e-app-1", stored.Name);
        Assert.AreEqual("localhost:5000/app:1", stored.ImageUri);
        Assert.AreEqual("ws-from-environment", stored.WorkspaceId);
        Assert.AreEqual("CPU", stored.Labels.Single(l => l.Key == "system.chipType").Value);
        var item = task.RegisteredImage!;
        Assert.AreEqual("Created", item.GetMetadata("Outcome"));
        Assert.AreEqual("sha256:abcd", item.GetMetadata("Digest"));
        Assert.AreEqual(stored.WorkspaceId, item.GetMetadata("WorkspaceId"));
        var line = engine.Messages.Single(m => m.Importance == MessageImportance.High).Message;
        Assert.AreEqual($"registered e2e-app-1 (localhost:5000/app:1) as {stored.ImageId} in workspace {stored.WorkspaceId}", line);
        Assert.DoesNotContain(Secret, engine.AllText);
    }

    [TestMethod]
    public async Task Running_again_reports_the_existing_registration()
    {
        await using var emulator = await StartEmulatorAsync();
        var (first, _) = NewTask(emulator);
        Assert.IsTrue(first.Execute());

        var (second, engine) = NewTask(emulator);
        Assert.IsTrue(second.Execute());

        Assert.AreEqual(first.RegisteredImageId, second.RegisteredImageId);
        Assert.AreEqual("Existing", second.RegisteredImage!.GetMetadata("Outcome"));
        Assert.HasCount(1, emulator.State.Images);
        StringAssert.Contains(engine.Messages.Single(m => m.Importance == MessageImportance.High).Message, "(outcome: Existing)");
    }

    [TestMethod]
    [DataRow("Skip", "Skipped", "localhost:5000/app:0")]
    [DataRow("Replace", "Replaced", "localhost:5000/app:1")]
    public async Task IfExists_policy_decides_about_a_name_with_another_uri(string policy, string outcome, string storedUri)
    {
        await using var emulator = await StartEmulatorAsync();
        var (existing, _) = NewTask(emulator);
        existing.ImageUri = "localhost:5000/app:0";
        Assert.IsTrue(existing.Execute());

        var (task, _) = NewTask(emulator);
        task.IfExists = policy;
        Assert.IsTrue(task.Execute());

        Assert.AreEqual(outcome, task.RegisteredImage!.GetMetadata("Outcome"));
        Assert.AreEqual(storedUri, emulator.State.Images.Single().ImageUri);
    }

    [TestMethod]
    public async Task Fail_policy_stops_with_a_coded_error()
    {
        await using var emulator = await StartEmulatorAsync();
        var (existing, _) = NewTask(emulator);
        existing.ImageUri = "localhost:5000/app:0";
        Assert.IsTrue(existing.Execute());

        var (task, engine) = NewTask(emulator);
        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.StartsWith("PAI10", error.Code);
        Assert.AreEqual("", task.RegisteredImageId);
    }

    [TestMethod]
    [DataRow("IfExists", "Sometimes", "PAI4002")]
    [DataRow("UseVpcEndpoint", "yes", "PAI4004")]
    [DataRow("ImageSize", "big", "PAI4005")]
    public async Task Invalid_settings_fail_before_any_request(string parameter, string value, string code)
    {
        await using var emulator = await StartEmulatorAsync();
        var (task, engine) = NewTask(emulator);
        typeof(RegisterPaiImage).GetProperty(parameter)!.SetValue(task, value);

        Assert.IsFalse(task.Execute());

        CollectionAssert.AreEqual(new[] { code }, engine.ErrorCodes.ToArray());
        Assert.IsEmpty(emulator.State.Requests);
    }

    [TestMethod]
    public async Task Validation_errors_name_the_msbuild_properties()
    {
        await using var emulator = await StartEmulatorAsync();
        var (task, engine) = NewTask(emulator);
        task.ImageName = "Not A Valid Name";
        task.Accessibility = "everyone";

        Assert.IsFalse(task.Execute());

        Assert.HasCount(2, engine.Errors);
        Assert.IsTrue(engine.Errors.All(e => e.Code.StartsWith("PAI2", StringComparison.Ordinal)));
        Assert.IsTrue(engine.Errors.Any(e => e.Message!.StartsWith("PaiImageName: ", StringComparison.Ordinal)));
        Assert.IsTrue(engine.Errors.Any(e => e.Message!.StartsWith("PaiImageAccessibility: ", StringComparison.Ordinal)));
        Assert.IsEmpty(emulator.State.Requests);
    }

    [TestMethod]
    public async Task Rejected_credentials_are_a_coded_error_without_the_secret()
    {
        await using var emulator = await StartEmulatorAsync();
        var (task, engine) = NewTask(emulator);
        var wrongSecret = "wrong-" + Guid.NewGuid().ToString("N");
        task.GetEnvironmentVariable = Environment(emulator, wrongSecret);

        Assert.IsFalse(task.Execute());

        Assert.StartsWith("PAI1", engine.Errors.Single().Code);
        Assert.DoesNotContain(wrongSecret, engine.AllText);
    }

    [TestMethod]
    public async Task Missing_credentials_are_a_configuration_error()
    {
        await using var emulator = await StartEmulatorAsync();
        var (task, engine) = NewTask(emulator);
        var endpoint = emulator.Endpoint.ToString();
        task.GetEnvironmentVariable = name => name switch
        {
            "PAI_ENDPOINT" => endpoint,
            "ALIBABA_CLOUD_ECS_METADATA_DISABLED" => "true",
            _ => null,
        };

        Assert.IsFalse(task.Execute());

        Assert.StartsWith("PAI3", engine.Errors.Single().Code);
        Assert.IsEmpty(emulator.State.Requests);
    }

    [TestMethod]
    public async Task Cancel_before_the_request_ends_with_a_warning()
    {
        await using var emulator = await StartEmulatorAsync();
        var (task, engine) = NewTask(emulator);

        task.Cancel();
        task.Execute();

        CollectionAssert.AreEqual(new[] { "PAI4011" }, engine.Warnings.Select(w => w.Code).ToArray());
        Assert.IsEmpty(emulator.State.Images);
    }

    private static Task<EmulatorServer> StartEmulatorAsync() =>
        EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Credentials = [new EmulatorCredential(KeyId, Secret)] });

    private static (RegisterPaiImage Task, FakeBuildEngine Engine) NewTask(EmulatorServer emulator)
    {
        var engine = new FakeBuildEngine();
        var task = new RegisterPaiImage
        {
            BuildEngine = engine,
            ImageUri = "localhost:5000/app:1",
            ImageName = "e2e-app-1",
            Digest = "sha256:abcd",
            GetEnvironmentVariable = Environment(emulator, Secret),
            HomeDirectory = Path.Combine(Path.GetTempPath(), "pai-build-tests-empty-home"),
        };
        return (task, engine);
    }

    // Endpoint and credentials come from the (injected) environment, as they do for a real build.
    private static Func<string, string?> Environment(EmulatorServer emulator, string secret, string? workspaceId = null)
    {
        var variables = new Dictionary<string, string>
        {
            ["PAI_ENDPOINT"] = emulator.Endpoint.ToString(),
            ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = KeyId,
            ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = secret,
            ["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true",
        };
        if (workspaceId is not null)
        {
            variables["PAI_WORKSPACE_ID"] = workspaceId;
        }

        return name => variables.GetValueOrDefault(name);
    }
}
