using PaiImage.Tool.Tests.Infrastructure;

namespace PaiImage.Tool.Tests;

/// <summary>The basic commands and exit codes on the Native AOT binary, which trimming could break unnoticed in the JIT build.</summary>
[TestClass]
public sealed class NativeAotCommandTests : ToolTestBase
{
    [TestMethod]
    public async Task Add_list_get_remove_round_trip()
    {
        var added = SucceededWithJson(await RunAsync(
            ToolBuild.NativeAot, "add", "--name", "my-app", "--uri", "reg.example.com/x:1", "--workspace", "123", "--label", "a=b", "--output", "json"));
        var id = added.GetProperty("ImageId").GetString()!;
        Assert.AreEqual("created", added.GetProperty("Outcome").GetString());

        var list = await RunAsync(ToolBuild.NativeAot, "list", "--workspace", "123", "--all");
        Assert.AreEqual(0, list.ExitCode, list.ToString());
        StringAssert.Contains(list.StandardOutput, id);

        var got = SucceededWithJson(await RunAsync(ToolBuild.NativeAot, "get", id, "--output", "json"));
        Assert.AreEqual("a", got.GetProperty("Labels")[0].GetProperty("Key").GetString());

        var removed = await RunAsync(ToolBuild.NativeAot, "remove", id);
        Assert.AreEqual(0, removed.ExitCode, removed.ToString());
        Assert.IsNull(Emulator.State.Find(id));
    }

    [TestMethod]
    public async Task Exit_codes_2_3_and_4()
    {
        await SeedAsync("my-app", "reg.example.com/x:1", "123");

        FailedWith(await RunAsync(ToolBuild.NativeAot, "add", "--uri", "reg.example.com/x:1"), 2, "PAI2102");
        var noCredentials = Environment();
        noCredentials.Remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
        FailedWith(await ToolProcess.RunAsync(ToolBuild.NativeAot, noCredentials, "list", "--workspace", "123"), 3, "PAI31");
        FailedWith(await RunAsync(ToolBuild.NativeAot, "add", "--name", "my-app", "--uri", "reg.example.com/x:2", "--workspace", "123"), 4, "PAI");
    }
}
