using PaiImage.Emulator.Tests.Infrastructure;

namespace PaiImage.Emulator.Tests;

[TestClass]
public sealed class PersistenceTests
{
    public TestContext TestContext { get; set; } = null!;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pai-emulator-tests", Guid.NewGuid().ToString("N"));

    [TestCleanup]
    public void DeleteDirectory()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string NewDataFile()
    {
        Directory.CreateDirectory(_directory);
        return Path.Combine(_directory, "state.json");
    }

    [TestMethod]
    public async Task Images_survive_a_restart_and_keep_their_rules()
    {
        var data = NewDataFile();
        string id;
        await using (var first = await Harness.StartAsync(new EmulatorOptions { DataFile = data }))
        {
            id = await first.AddImageAsync("persisted", extra: "\"Labels\":[{\"Key\":\"system.chipType\",\"Value\":\"GPU\"}]");
            (await first.CallAsync("PUT", $"/api/v1/images/{id}/publish", "PublishImage")).AssertOk();
        }

        await using var second = await Harness.StartAsync(new EmulatorOptions { DataFile = data });
        var get = (await second.CallAsync("GET", $"/api/v1/images/{id}", "GetImage", null, ("Verbose", "true"))).AssertOk();
        var duplicate = await second.CallAsync("POST", "/api/v1/images", "AddImage", """{"Name":"persisted","ImageUri":"r/x:1","WorkspaceId":"ws-1"}""");
        await second.AddImageAsync("later");

        Assert.AreEqual("PUBLIC", get.Get("Accessibility"));
        Assert.AreEqual("GPU", get.Json.GetProperty("Labels")[0].GetProperty("Value").GetString());
        duplicate.AssertError(400, ErrorCodes.ImageNameDuplicated);
        CollectionAssert.AreEqual(new[] { "persisted", "later" }, await second.ListNamesAsync());
        Assert.IsFalse(File.Exists(data + ".tmp"));
    }

    [TestMethod]
    public async Task A_torn_temp_file_from_a_killed_write_is_ignored()
    {
        var data = NewDataFile();
        await using (var first = await Harness.StartAsync(new EmulatorOptions { DataFile = data }))
        {
            await first.AddImageAsync("survivor");
        }

        var complete = await File.ReadAllTextAsync(data, TestContext.CancellationToken);
        await File.WriteAllTextAsync(data + ".tmp", complete[..(complete.Length / 2)], TestContext.CancellationToken);

        await using var second = await Harness.StartAsync(new EmulatorOptions { DataFile = data });

        Assert.AreEqual("survivor", second.Server.State.Images.Single().Name);
        Assert.IsFalse(File.Exists(data + ".tmp"));
    }

    [TestMethod]
    public async Task A_temp_file_without_a_state_file_starts_empty()
    {
        var data = NewDataFile();
        await File.WriteAllTextAsync(data + ".tmp", "{\"Images\":[{\"ImageId\":", TestContext.CancellationToken);

        await using var emu = await Harness.StartAsync(new EmulatorOptions { DataFile = data });

        Assert.AreEqual(0, emu.Server.State.Images.Count);
        await emu.AddImageAsync("fresh");
        Assert.IsTrue(File.Exists(data));
    }

    [TestMethod]
    public async Task A_corrupt_state_file_stops_the_start_with_a_clear_error()
    {
        var data = NewDataFile();
        await File.WriteAllTextAsync(data, "not json", TestContext.CancellationToken);

        var error = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => EmulatorServer.StartAsync(new EmulatorOptions { DataFile = data }));

        StringAssert.Contains(error.Message, data);
    }

    [TestMethod]
    public async Task A_failed_save_answers_InternalError_and_changes_nothing()
    {
        var data = NewDataFile();
        await using var emu = await Harness.StartAsync(new EmulatorOptions { DataFile = data });
        Directory.CreateDirectory(data + ".tmp");

        var response = await emu.CallAsync("POST", "/api/v1/images", "AddImage", """{"Name":"unsaved","ImageUri":"r/x:1"}""");

        response.AssertError(500, ErrorCodes.InternalError);
        Assert.AreEqual(0, emu.Server.State.Images.Count);
    }
}
