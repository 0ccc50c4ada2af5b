using PaiImage.Tool.Tests.Infrastructure;

namespace PaiImage.Tool.Tests;

[TestClass]
public sealed class LabelsAndPublishTests : ToolTestBase
{
    [TestMethod]
    [DataRow(ToolBuild.FrameworkDependent)]
    [DataRow(ToolBuild.NativeAot)]
    public async Task Labels_add_list_and_remove_change_the_stored_image(ToolBuild build)
    {
        var id = await SeedAsync("my-app", "reg.example.com/x:1", "123", ("system.chipType", "GPU"));

        var added = SucceededWithJson(await RunAsync(build, "labels", "add", id, "--label", "team=ml", "--label", "stage=dev", "--output", "json"));
        Assert.AreEqual(id, added.GetProperty("ImageId").GetString());
        var listed = SucceededWithJson(await RunAsync(build, "labels", "list", "--image-id", id, "--output", "json"));
        var keys = listed.GetProperty("Labels").EnumerateArray().Select(l => $"{l.GetProperty("Key").GetString()}={l.GetProperty("Value").GetString()}").ToList();
        CollectionAssert.IsSubsetOf(new[] { "team=ml", "stage=dev" }, keys, string.Join(", ", keys));

        var removed = await RunAsync(build, "labels", "remove", id, "team");

        Assert.AreEqual(0, removed.ExitCode, removed.ToString());
        StringAssert.Contains(removed.StandardOutput, $"removed label team from {id}");
        var stored = Emulator.State.Find(id)!.Labels.Select(l => l.Key).ToList();
        CollectionAssert.DoesNotContain(stored, "team");
        CollectionAssert.Contains(stored, "stage");
    }

    [TestMethod]
    public async Task Labels_list_by_key_prints_a_table()
    {
        var id = await SeedAsync("my-app", "reg.example.com/x:1", "123", ("system.chipType", "GPU"), ("team", "ml"));

        var run = await RunAsync("labels", "list", "--image-id", id, "--label-key", "team");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        StringAssert.StartsWith(lines[0], "Key");
        Assert.IsTrue(lines.Skip(1).All(line => line.StartsWith("team ", StringComparison.Ordinal)), run.ToString());
        Assert.AreEqual("ListImageLabels", ToolRequests.Single().Action);
    }

    [TestMethod]
    public async Task Labels_add_without_a_label_is_refused_with_exit_2()
    {
        var id = await SeedAsync("my-app", "reg.example.com/x:1", "123");

        FailedWith(await RunAsync("labels", "add", id), 2, "PAI2102");
        Assert.IsEmpty(ToolRequests);
    }

    [TestMethod]
    [DataRow(ToolBuild.FrameworkDependent)]
    [DataRow(ToolBuild.NativeAot)]
    public async Task Publish_makes_a_private_image_public(ToolBuild build)
    {
        var id = await SeedAsync("my-app", "reg.example.com/x:1", "123");

        var run = await RunAsync(build, "publish", id);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StandardOutput, $"published {id}");
        Assert.AreEqual("PUBLIC", Emulator.State.Find(id)!.Accessibility);
    }

    [TestMethod]
    public async Task Publish_of_an_unknown_image_exits_4()
    {
        FailedWith(await RunAsync("publish", "image-0123456789abcdefgh"), 4, "PAI1");
    }
}
