using System.Text.RegularExpressions;
using PaiImage.Tool.Tests.Infrastructure;

namespace PaiImage.Tool.Tests;

[TestClass]
public sealed partial class AddCommandTests : ToolTestBase
{
    [TestMethod]
    public async Task New_image_in_json_mode_prints_the_registration_and_sends_every_field()
    {
        var run = await RunAsync(
            "add", "--name", "my-app", "--uri", "reg.example.com/team/app:1", "--workspace", "123",
            "--label", "system.chipType=GPU", "--label", "system.framework=PyTorch=2.1", "--accessibility", "private",
            "--size", "4", "--description", "built by CI", "--source-type", "ci", "--source-id", "run-7", "--output", "json");

        var json = SucceededWithJson(run);
        var imageId = json.GetProperty("ImageId").GetString()!;
        StringAssert.StartsWith(imageId, "image-");
        Assert.IsFalse(string.IsNullOrEmpty(json.GetProperty("RequestId").GetString()));
        Assert.AreEqual("my-app", json.GetProperty("Name").GetString());
        Assert.AreEqual("reg.example.com/team/app:1", json.GetProperty("ImageUri").GetString());
        Assert.AreEqual("123", json.GetProperty("WorkspaceId").GetString());
        Assert.AreEqual("created", json.GetProperty("Outcome").GetString());

        var stored = Emulator.State.Find(imageId)!;
        Assert.AreEqual("PRIVATE", stored.Accessibility);
        Assert.AreEqual(4, stored.Size);
        Assert.AreEqual("built by CI", stored.Description);
        Assert.AreEqual("ci", stored.SourceType);
        Assert.AreEqual("run-7", stored.SourceId);
        var labels = stored.Labels.Select(l => $"{l.Key}={l.Value}").ToList();
        CollectionAssert.AreEquivalent(new[] { "system.chipType=GPU", "system.framework=PyTorch=2.1" }, labels);
    }

    [TestMethod]
    public async Task New_image_in_text_mode_prints_one_readable_line()
    {
        var run = await RunAsync("add", "--name", "my-app", "--uri", "reg.example.com/x:1", "--workspace", "123");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual("", run.StandardError);
        Assert.IsTrue(
            RegisteredLine().IsMatch(run.StandardOutput),
            run.StandardOutput);
    }

    [TestMethod]
    public async Task Workspace_defaults_to_PAI_WORKSPACE_ID()
    {
        var environment = Environment();
        environment["PAI_WORKSPACE_ID"] = "456";

        var json = SucceededWithJson(await ToolProcess.RunAsync(environment, "add", "--name", "my-app", "--uri", "reg.example.com/x:1", "--output", "json"));

        Assert.AreEqual("456", json.GetProperty("WorkspaceId").GetString());
        Assert.AreEqual("456", Emulator.State.Find(json.GetProperty("ImageId").GetString()!)!.WorkspaceId);
    }

    [TestMethod]
    public async Task Same_name_and_uri_again_reports_existing_and_adds_nothing()
    {
        var existingId = await SeedAsync("my-app", "reg.example.com/x:1", "123");

        var json = SucceededWithJson(await RunAsync("add", "--name", "my-app", "--uri", "reg.example.com/x:1", "--workspace", "123", "--output", "json"));

        Assert.AreEqual("existing", json.GetProperty("Outcome").GetString());
        Assert.AreEqual(existingId, json.GetProperty("ImageId").GetString());
        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, json.GetProperty("RequestId").ValueKind, "nothing was sent, so there is no RequestId, but the field is there");
        Assert.IsFalse(ToolRequests.Any(r => r.Method == "POST"), string.Join('\n', ToolRequests));
    }

    [TestMethod]
    [DataRow(new string[0], DisplayName = "default policy")]
    [DataRow(new[] { "--if-exists", "fail" }, DisplayName = "--if-exists fail")]
    [DataRow(new[] { "--if-exists", "FAIL" }, DisplayName = "--if-exists FAIL")]
    public async Task Name_taken_by_another_uri_under_policy_fail_is_refused_with_exit_4(string[] policy)
    {
        var existingId = await SeedAsync("my-app", "reg.example.com/x:1", "123");

        var run = await RunAsync(["add", "--name", "my-app", "--uri", "reg.example.com/x:2", "--workspace", "123", "--output", "json", .. policy]);

        var line = FailedWith(run, 4, "PAI");
        StringAssert.Contains(line, "Fix:");
        Assert.AreEqual("reg.example.com/x:1", Emulator.State.Find(existingId)!.ImageUri);
        Assert.HasCount(1, Emulator.State.Images);
    }

    [TestMethod]
    public async Task Name_taken_by_another_uri_under_policy_skip_leaves_it_alone()
    {
        var existingId = await SeedAsync("my-app", "reg.example.com/x:1", "123");

        var json = SucceededWithJson(await RunAsync("add", "--name", "my-app", "--uri", "reg.example.com/x:2", "--workspace", "123", "--if-exists", "skip", "--output", "json"));

        Assert.AreEqual("skipped", json.GetProperty("Outcome").GetString());
        Assert.AreEqual(existingId, json.GetProperty("ImageId").GetString());
        Assert.AreEqual("reg.example.com/x:1", Emulator.State.Find(existingId)!.ImageUri);
        Assert.HasCount(1, Emulator.State.Images);
    }

    [TestMethod]
    public async Task Skip_in_text_mode_says_the_name_is_taken()
    {
        var existingId = await SeedAsync("my-app", "reg.example.com/x:1", "123");

        var run = await RunAsync("add", "--name", "my-app", "--uri", "reg.example.com/x:2", "--workspace", "123", "--if-exists", "skip");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual(
            $"skipped my-app (reg.example.com/x:2): the name is already registered as {existingId} with another image URI in workspace 123 [skipped]\n",
            run.StandardOutput);
    }

    [TestMethod]
    public async Task Name_taken_by_another_uri_under_policy_replace_registers_the_new_uri()
    {
        var existingId = await SeedAsync("my-app", "reg.example.com/x:1", "123");

        var json = SucceededWithJson(await RunAsync("add", "--name", "my-app", "--uri", "reg.example.com/x:2", "--workspace", "123", "--if-exists", "replace", "--output", "json"));

        Assert.AreEqual("replaced", json.GetProperty("Outcome").GetString());
        var newId = json.GetProperty("ImageId").GetString()!;
        Assert.AreNotEqual(existingId, newId);
        Assert.IsNull(Emulator.State.Find(existingId));
        Assert.AreEqual("reg.example.com/x:2", Emulator.State.Find(newId)!.ImageUri);
    }

    [TestMethod]
    public async Task Invalid_name_exits_2_and_sends_nothing()
    {
        var run = await RunAsync("add", "--name", "My_App", "--uri", "reg.example.com/x:1", "--workspace", "123", "--output", "json");

        var line = FailedWith(run, 2, "PAI20");
        StringAssert.Contains(line, "Name");
        Assert.IsEmpty(ToolRequests);
    }

    [GeneratedRegex(@"^registered my-app \(reg\.example\.com/x:1\) as image-\w+ in workspace 123 \[created\]\n$")]
    private static partial Regex RegisteredLine();
}
