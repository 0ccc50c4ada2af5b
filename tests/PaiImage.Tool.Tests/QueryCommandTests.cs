using System.Text.RegularExpressions;
using PaiImage.Tool.Tests.Infrastructure;

namespace PaiImage.Tool.Tests;

[TestClass]
public sealed partial class QueryCommandTests : ToolTestBase
{
    [TestMethod]
    public async Task List_with_labels_prints_only_matching_images_as_json()
    {
        await SeedAsync("gpu-a", "reg.example.com/a:1", "123", ("system.chipType", "GPU"));
        await SeedAsync("gpu-b", "reg.example.com/b:1", "123", ("system.chipType", "GPU"), ("system.framework", "PyTorch"));
        await SeedAsync("cpu-c", "reg.example.com/c:1", "123", ("system.chipType", "CPU"));
        await SeedAsync("gpu-other-workspace", "reg.example.com/d:1", "999", ("system.chipType", "GPU"));

        var json = SucceededWithJson(await RunAsync("list", "--workspace", "123", "--label", "system.chipType=GPU", "--output", "json"));

        Assert.AreEqual(2, json.GetProperty("TotalCount").GetInt64());
        var names = json.GetProperty("Images").EnumerateArray().Select(i => i.GetProperty("Name").GetString()).ToList();
        CollectionAssert.AreEquivalent(new[] { "gpu-a", "gpu-b" }, names);
        var first = json.GetProperty("Images")[0];
        StringAssert.StartsWith(first.GetProperty("ImageId").GetString(), "image-");
        Assert.AreEqual("system.chipType", first.GetProperty("Labels")[0].GetProperty("Key").GetString());
    }

    [TestMethod]
    public async Task List_with_two_labels_requires_both()
    {
        await SeedAsync("gpu-a", "reg.example.com/a:1", "123", ("system.chipType", "GPU"));
        await SeedAsync("gpu-b", "reg.example.com/b:1", "123", ("system.chipType", "GPU"), ("system.framework", "PyTorch"));

        var json = SucceededWithJson(await RunAsync(
            "list", "--workspace", "123", "--label", "system.chipType=GPU", "--label", "system.framework=PyTorch", "--output", "json"));

        Assert.AreEqual("gpu-b", json.GetProperty("Images").EnumerateArray().Single().GetProperty("Name").GetString());
    }

    [TestMethod]
    public async Task List_in_text_mode_prints_an_aligned_table()
    {
        var shortId = await SeedAsync("a", "reg.example.com/a:1", "123");
        await SeedAsync("a-much-longer-name", "registry.example.com/team/a-much-longer-name:1.2.3", "123");

        var run = await RunAsync("list", "--workspace", "123");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(3, lines, run.StandardOutput);
        StringAssert.StartsWith(lines[0], "ImageId");
        var header = lines[0];
        var row = lines.Single(l => l.StartsWith(shortId, StringComparison.Ordinal));
        Assert.AreEqual(header.IndexOf("Name", StringComparison.Ordinal), row.IndexOf(" a ", StringComparison.Ordinal) + 1, run.StandardOutput);
        Assert.AreEqual(header.IndexOf("ImageUri", StringComparison.Ordinal), row.IndexOf("reg.example.com/a:1", StringComparison.Ordinal), run.StandardOutput);
        Assert.AreEqual(header.IndexOf("Created", StringComparison.Ordinal), CreatedTime().Match(row).Index, run.StandardOutput);
        StringAssert.Contains(row, "PRIVATE");
    }

    [TestMethod]
    public async Task List_all_walks_every_page()
    {
        await SeedAsync([.. Enumerable.Range(0, 120).Select(i => Image($"app-{i}", $"reg.example.com/app:{i}", "123"))]);

        var json = SucceededWithJson(await RunAsync("list", "--workspace", "123", "--all", "--output", "json"));

        Assert.AreEqual(120, json.GetProperty("TotalCount").GetInt64());
        Assert.AreEqual(120, json.GetProperty("Images").EnumerateArray().Select(i => i.GetProperty("ImageId").GetString()).Distinct().Count());
        Assert.IsGreaterThan(1, ToolRequests.Count);
    }

    [TestMethod]
    public async Task List_without_all_shows_one_page_and_says_so()
    {
        await SeedAsync([.. Enumerable.Range(0, 25).Select(i => Image($"app-{i}", $"reg.example.com/app:{i}", "123"))]);

        var run = await RunAsync("list", "--workspace", "123");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual("20 of 25 images shown; add --all to list every page.", lines[^1]);
        Assert.HasCount(1 + 20 + 1, lines);
    }

    [TestMethod]
    public async Task Get_prints_the_image_as_json()
    {
        var imageId = await SeedAsync("my-app", "reg.example.com/x:1", "123", ("system.chipType", "GPU"));

        var json = SucceededWithJson(await RunAsync("get", imageId, "--output", "json"));

        Assert.AreEqual(imageId, json.GetProperty("ImageId").GetString());
        Assert.AreEqual("my-app", json.GetProperty("Name").GetString());
        Assert.AreEqual("reg.example.com/x:1", json.GetProperty("ImageUri").GetString());
        Assert.AreEqual("123", json.GetProperty("WorkspaceId").GetString());
        Assert.AreEqual("GPU", json.GetProperty("Labels")[0].GetProperty("Value").GetString());
    }

    [TestMethod]
    public async Task Get_in_text_mode_prints_one_field_per_line()
    {
        var imageId = await SeedAsync("my-app", "reg.example.com/x:1", "123", ("system.chipType", "GPU"));

        var run = await RunAsync("get", imageId);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StandardOutput, $"ImageId:       {imageId}\n");
        StringAssert.Contains(run.StandardOutput, "Name:          my-app\n");
        StringAssert.Contains(run.StandardOutput, "Labels:        system.chipType=GPU\n");
    }

    [TestMethod]
    public async Task Get_of_an_unknown_image_is_refused_with_exit_4()
    {
        var run = await RunAsync("get", "image-000000000000000099", "--output", "json");

        FailedWith(run, 4, "PAI1");
    }

    [TestMethod]
    public async Task Remove_deletes_the_registration_and_prints_its_id()
    {
        var imageId = await SeedAsync("my-app", "reg.example.com/x:1", "123");

        var json = SucceededWithJson(await RunAsync("remove", imageId, "--output", "json"));

        Assert.AreEqual(imageId, json.GetProperty("ImageId").GetString());
        Assert.IsFalse(string.IsNullOrEmpty(json.GetProperty("RequestId").GetString()));
        Assert.IsNull(Emulator.State.Find(imageId));
    }

    [TestMethod]
    public async Task Remove_in_text_mode_says_what_was_removed()
    {
        var imageId = await SeedAsync("my-app", "reg.example.com/x:1", "123");

        var run = await RunAsync("remove", imageId);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual($"removed {imageId}\n", run.StandardOutput);
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z")]
    private static partial Regex CreatedTime();
}
