using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PaiImage.Emulator.Faults;
using PaiImage.Tool.Tests.Infrastructure;

namespace PaiImage.Tool.Tests;

/// <summary><c>add --from FILE</c>: many images from a JSON-lines file, several at a time.</summary>
[TestClass]
public sealed partial class BatchAddTests : ToolTestBase
{
    [TestMethod]
    public async Task Fifty_lines_under_random_faults_each_reported_once_and_nothing_registered_twice()
    {
        var file = new BatchFileBuilder();
        var bad = new Dictionary<int, string>
        {
            [file.Add("""{"Name": "Bad_Name", "ImageUri": "reg.example.com/bad:1"}""")] = "PAI20",
            [file.Add("""{"Name": "no-closing-brace", "ImageUri": "reg.example.com/x:1" """)] = "PAI2124",
            [file.Add("""["an", "array"]""")] = "PAI2124",
            [file.Add("""{"Name": "wrong-type", "ImageUri": "reg.example.com/x:1", "Size": "big"}""")] = "PAI2125",
        };
        file.Comment("# a comment and a blank line do not count");
        var valid = new Dictionary<int, string>();
        for (var i = 0; i < 44; i++)
        {
            valid[file.Add($$"""{"Name": "app-{{i:00}}", "ImageUri": "reg.example.com/team/app-{{i:00}}:1.0", "Labels": [{"Key": "system.chipType", "Value": "GPU"}]}""")] = $"app-{i:00}";
        }

        bad[file.Add("""{"Name": "app-03", "ImageUri": "reg.example.com/team/other:2.0"}""")] = "PAI2126";
        bad[file.Add("""{"Name": "app-07", "ImageUri": "reg.example.com/team/app-07:1.0"}""")] = "PAI2126";
        Assert.AreEqual(50, valid.Count + bad.Count);
        var path = file.Save(HomeDirectory);
        Emulator.Faults.Set(new FaultSettings { FaultRatio = 0.3, Seed = 4242, RetryAfterMs = 2, DelayMs = 1 });

        var run = await RunAsync("add", "--from", path, "--workspace", "123", "--output", "json");

        Emulator.Faults.Reset();
        var lines = JsonLines(run);
        CollectionAssert.AreEquivalent(valid.Keys.Concat(bad.Keys).ToList(), lines.Select(l => l.GetProperty("Line").GetInt32()).ToList(), run.ToString());
        foreach (var line in lines.Where(l => bad.ContainsKey(l.GetProperty("Line").GetInt32())))
        {
            StringAssert.StartsWith(line.GetProperty("Error").GetProperty("Code").GetString(), bad[line.GetProperty("Line").GetInt32()], line.ToString());
            Assert.IsFalse(string.IsNullOrEmpty(line.GetProperty("Error").GetProperty("Fix").GetString()), line.ToString());
        }

        var created = lines.Where(l => l.TryGetProperty("Outcome", out _)).ToList();
        var failedValid = lines.Where(l => valid.ContainsKey(l.GetProperty("Line").GetInt32()) && l.TryGetProperty("Error", out _)).ToList();
        foreach (var line in created)
        {
            Assert.AreEqual("created", line.GetProperty("Outcome").GetString());
            var stored = Emulator.State.Find(line.GetProperty("ImageId").GetString()!)!;
            Assert.AreEqual(valid[line.GetProperty("Line").GetInt32()], stored.Name);
            Assert.AreEqual("123", stored.WorkspaceId);
        }

        // Only the service can fail a valid line, and only after retrying.
        Assert.IsTrue(failedValid.All(l => l.GetProperty("Error").GetProperty("Code").GetString()!.StartsWith("PAI1", StringComparison.Ordinal)), run.ToString());
        Assert.AreEqual(failedValid.Count == 0 ? 2 : 5, run.ExitCode, run.ToString());
        AssertNothingTwice(valid.Values);
        Assert.IsTrue(ToolRequests.Any(r => r.Code is not null), "faults were injected");
        StringAssert.EndsWith(run.StandardError, $"pai-image: 50 images: {created.Count} created, 0 existing, 0 replaced, 0 skipped, {6 + failedValid.Count} failed.\n", run.ToString());

        // Re-running the same file completes it: what was stored is found, the rest is registered.
        var rerun = await RunAsync("add", "--from", path, "--workspace", "123", "--output", "json");

        Assert.AreEqual(2, rerun.ExitCode, rerun.ToString());
        var outcomes = JsonLines(rerun).Where(l => l.TryGetProperty("Outcome", out _)).ToList();
        Assert.HasCount(44, outcomes);
        Assert.AreEqual(created.Count, outcomes.Count(l => l.GetProperty("Outcome").GetString() == "existing"));
        AssertNothingTwice(valid.Values);
        Assert.HasCount(44, Emulator.State.Images);
    }

    [TestMethod]
    public async Task Answers_lost_after_storing_are_resolved_without_registering_twice()
    {
        var file = new BatchFileBuilder();
        for (var i = 0; i < 6; i++)
        {
            file.Add($$"""{"Name": "app-{{i}}", "ImageUri": "reg.example.com/x/app-{{i}}:1"}""");
        }

        Emulator.Faults.Set(new FaultSettings { DropAfterStore = 4, FailNext = 2, FailKind = FaultKind.ServiceUnavailable });

        var run = await RunAsync("add", "--from", file.Save(HomeDirectory), "--workspace", "123", "--concurrency", "3", "--output", "json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var lines = JsonLines(run);
        CollectionAssert.AreEquivalent(Enumerable.Range(1, 6).ToList(), lines.Select(l => l.GetProperty("Line").GetInt32()).ToList());
        Assert.IsTrue(lines.All(l => l.GetProperty("Outcome").GetString() == "created"), run.ToString());
        Assert.HasCount(4, ToolRequests.Where(r => r is { Action: "AddImage", Aborted: true }).ToList());
        Assert.HasCount(6, Emulator.State.Images);
        AssertNothingTwice(Enumerable.Range(0, 6).Select(i => $"app-{i}"));
    }

    [TestMethod]
    public async Task Stdin_with_concurrency_1_reports_plain_lines_in_file_order_after_the_rejected_ones()
    {
        var file = new BatchFileBuilder();
        file.Comment("# images of team x");
        for (var i = 0; i < 3; i++)
        {
            file.Add($$"""{"Name": "app-{{i}}", "ImageUri": "reg.example.com/x/app-{{i}}:1"}""");
        }

        file.Add("""{"Name": "app-9", "ImageUri": "reg.example.com/x/app-9:1", "Colour": "red"}""");
        file.Add("""{"Name": "app-3", "ImageUri": "reg.example.com/x/app-3:1"}""");

        var run = await ToolProcess.RunWithInputAsync(Environment(), file.Text, "add", "--from", "-", "--workspace", "123", "--concurrency", "1");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(5, lines, run.ToString());
        Assert.AreEqual("[1/5] error PAI2125: The field Colour is not a field of an image. Fix: Use only Name, ImageUri, WorkspaceId, Accessibility, Description, Labels, Size, ImageId, SourceType, SourceId and IfExists (names are case-sensitive). (line 6)", lines[0]);
        string[] expected = ["app-0", "app-1", "app-2", "app-3"];
        for (var i = 0; i < expected.Length; i++)
        {
            var match = CreatedLine().Match(lines[i + 1]);
            Assert.IsTrue(match.Success, lines[i + 1]);
            Assert.AreEqual($"{i + 2}", match.Groups["done"].Value);
            Assert.AreEqual(expected[i], match.Groups["name"].Value);
            Assert.AreEqual(expected[i], Emulator.State.Find(match.Groups["id"].Value)!.Name);
        }

        Assert.AreEqual("pai-image: 5 images: 4 created, 0 existing, 0 replaced, 0 skipped, 1 failed.\n", run.StandardError);
    }

    [TestMethod]
    public async Task Workspace_and_if_exists_defaults_apply_only_to_lines_that_leave_them_out()
    {
        var takenForSkip = await SeedAsync("skipped-app", "reg.example.com/old:1", "123");
        var takenForReplace = await SeedAsync("replaced-app", "reg.example.com/old:2", "123");
        var file = new BatchFileBuilder();
        file.Add("""{"Name": "skipped-app", "ImageUri": "reg.example.com/new:1"}""");
        file.Add("""{"Name": "replaced-app", "ImageUri": "reg.example.com/new:2", "IfExists": "replace"}""");
        file.Add("""{"Name": "elsewhere", "ImageUri": "reg.example.com/new:3", "WorkspaceId": "456"}""");
        file.Add("""{"Name": "plain", "ImageUri": "reg.example.com/new:4", "Accessibility": "PUBLIC", "Size": 2, "Description": "d"}""");

        var run = await RunAsync("add", "--from", file.Save(HomeDirectory), "--workspace", "123", "--if-exists", "skip", "--output", "json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var byName = JsonLines(run).ToDictionary(l => l.GetProperty("Name").GetString()!);
        Assert.AreEqual("skipped", byName["skipped-app"].GetProperty("Outcome").GetString());
        Assert.AreEqual("reg.example.com/old:1", Emulator.State.Find(takenForSkip)!.ImageUri);
        Assert.AreEqual("replaced", byName["replaced-app"].GetProperty("Outcome").GetString());
        Assert.IsNull(Emulator.State.Find(takenForReplace));
        Assert.AreEqual("456", Emulator.State.Find(byName["elsewhere"].GetProperty("ImageId").GetString()!)!.WorkspaceId);
        var plain = Emulator.State.Find(byName["plain"].GetProperty("ImageId").GetString()!)!;
        Assert.AreEqual(("123", "PUBLIC", 2L, "d"), (plain.WorkspaceId, plain.Accessibility, plain.Size, plain.Description));
        StringAssert.EndsWith(run.StandardError, "pai-image: 4 images: 2 created, 0 existing, 1 replaced, 1 skipped, 0 failed.\n");
    }

    [TestMethod]
    public async Task A_refused_line_outranks_invalid_lines_and_exits_4()
    {
        await SeedAsync("taken", "reg.example.com/old:1", "123");
        var file = new BatchFileBuilder();
        file.Add("""{"Name": "taken", "ImageUri": "reg.example.com/new:1"}""");
        file.Add("""{"Name": "", "ImageUri": "reg.example.com/new:2"}""");
        file.Add("""{"Name": "fine", "ImageUri": "reg.example.com/new:3"}""");

        var run = await RunAsync("add", "--from", file.Save(HomeDirectory), "--workspace", "123");

        Assert.AreEqual(4, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StandardOutput, "error PAI1030:");
        StringAssert.Contains(run.StandardOutput, "(line 1)");
        StringAssert.Contains(run.StandardOutput, "(line 2)");
        Assert.IsNotNull(Emulator.State.Images.SingleOrDefault(i => i.Name == "fine"));
    }

    [TestMethod]
    [DataRow("PAI2120", "--name", "a")]
    [DataRow("PAI2120", "--label", "a=b")]
    [DataRow("PAI2120", "--project", "x.csproj")]
    [DataRow("PAI2121", "--concurrency", "0")]
    [DataRow("PAI2121", "--concurrency", "65")]
    public async Task Misused_batch_options_exit_2_and_send_nothing(string code, params string[] extra)
    {
        var path = new BatchFileBuilder().Save(HomeDirectory);

        var run = await RunAsync(["add", "--from", path, .. extra]);

        FailedWith(run, 2, code + ":");
        Assert.IsEmpty(ToolRequests);
    }

    [TestMethod]
    public async Task Options_without_their_source_and_a_missing_file_are_coded_errors()
    {
        FailedWith(await RunAsync("add", "--name", "a", "--uri", "reg.example.com/x:1", "--concurrency", "2"), 2, "PAI2122:");
        FailedWith(await RunAsync("add", "--name", "a", "--uri", "reg.example.com/x:1", "--property", "A=b"), 2, "PAI2122:");
        var line = FailedWith(await RunAsync("add", "--from", Path.Combine(HomeDirectory, "missing.jsonl")), 2, "PAI2123:");
        StringAssert.Contains(line, "missing.jsonl");
        Assert.IsEmpty(ToolRequests);
    }

    private static List<JsonElement> JsonLines(ToolRun run) =>
        [.. run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    private void AssertNothingTwice(IEnumerable<string> names)
    {
        var stored = Emulator.State.Images.Select(i => i.Name).ToList();
        Assert.HasCount(stored.Count, stored.Distinct(), string.Join(", ", stored));
        CollectionAssert.IsSubsetOf(stored, names.ToList());
    }

    [GeneratedRegex(@"^\[(?<done>\d+)/5\] created (?<name>[a-z0-9-]+) \(reg\.example\.com/x/\k<name>:1\) (?<id>image-\w+)$")]
    private static partial Regex CreatedLine();

    /// <summary>Builds a batch file and remembers each image line's number.</summary>
    private sealed class BatchFileBuilder
    {
        private readonly StringBuilder _text = new();
        private int _lines;

        public string Text => _text.ToString();

        public int Add(string json)
        {
            _text.Append(json).Append('\n');
            return ++_lines;
        }

        public void Comment(string comment)
        {
            _text.Append(comment).Append("\n\n");
            _lines += 2;
        }

        public string Save(string folder)
        {
            var path = Path.Combine(folder, $"images-{Guid.NewGuid():N}.jsonl");
            File.WriteAllText(path, Text);
            return path;
        }
    }
}
