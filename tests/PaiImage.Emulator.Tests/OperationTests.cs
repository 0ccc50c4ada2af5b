using System.Text.Json;
using System.Text.RegularExpressions;
using PaiImage.Emulator.Tests.Infrastructure;

namespace PaiImage.Emulator.Tests;

[TestClass]
public sealed partial class OperationTests
{
    [TestMethod]
    public async Task AddImage_generates_an_id_defaults_to_private_and_GetImage_returns_the_documented_shape()
    {
        await using var emu = await Harness.StartAsync();
        var add = (await emu.CallAsync("POST", "/api/v1/images", "AddImage",
            """{"Name":"nlp-1","ImageUri":"registry.example/ns/nlp:1","Description":"d","Size":3,"SourceId":"s","SourceType":"t","Labels":[{"Key":"system.official","Value":"true"},{"Key":"team","Value":"ml"}]}""")).AssertOk();
        var imageId = add.Get("ImageId");

        var get = (await emu.CallAsync("GET", $"/api/v1/images/{imageId}", "GetImage", null, ("Verbose", "true"))).AssertOk();

        Assert.IsTrue(ImageIdPattern().IsMatch(imageId), imageId);
        Assert.IsTrue(Guid.TryParse(add.Get("RequestId"), out _));
        Assert.IsTrue(add.Headers.ContainsKey("date"));
        Assert.IsFalse(get.Json.TryGetProperty("ImageId", out _));
        Assert.AreEqual("PRIVATE", get.Get("Accessibility"));
        Assert.AreEqual("emulator-workspace", get.Get("WorkspaceId"));
        Assert.AreEqual("3", get.Get("Size"));
        Assert.AreEqual("t", get.Get("SourceType"));
        Assert.AreEqual(2, get.Json.GetProperty("Labels").GetArrayLength());
        Assert.IsTrue(TimePattern().IsMatch(get.Get("GmtCreateTime")), get.Get("GmtCreateTime"));
        Assert.IsTrue(Guid.TryParse(get.Get("RequestId"), out _));
    }

    [TestMethod]
    [DataRow("""{"ImageUri":"r/x:1"}""", ErrorCodes.MissingParameter)]
    [DataRow("""{"Name":"ok"}""", ErrorCodes.MissingParameter)]
    [DataRow("""{"Name":"Upper","ImageUri":"r/x:1"}""", ErrorCodes.InvalidParameter)]
    [DataRow("""{"Name":"1abc","ImageUri":"r/x:1"}""", ErrorCodes.InvalidParameter)]
    [DataRow("""{"Name":"a_b","ImageUri":"r/x:1"}""", ErrorCodes.InvalidParameter)]
    [DataRow("""{"Name":"a23456789012345678901234567890123456789012345678901","ImageUri":"r/x:1"}""", ErrorCodes.InvalidParameter)]
    [DataRow("""{"Name":"ok","ImageUri":"r/x:1","Accessibility":"public"}""", ErrorCodes.InvalidParameter)]
    [DataRow("""{"Name":"ok","ImageUri":"r/x:1","ImageId":"image-short"}""", ErrorCodes.InvalidParameter)]
    [DataRow("""{"Name":"ok","ImageUri":"r/x:1","Labels":[{"Key":"","Value":"v"}]}""", ErrorCodes.InvalidParameter)]
    [DataRow("""{"Name":"ok","ImageUri":"r/x:1","Labels":[{"Key":"a","Value":"1"},{"Key":"a","Value":"2"}]}""", ErrorCodes.InvalidParameter)]
    [DataRow("""{"Name":"ok","ImageUri":"r/x:1","Labels":[{"Key":"system.unknown","Value":"1"}]}""", ErrorCodes.InvalidParameter)]
    [DataRow("""{"Name":"ok","ImageUri":"r/x:1","Size":"big"}""", ErrorCodes.InvalidParameter)]
    [DataRow("""not json""", ErrorCodes.InvalidParameter)]
    public async Task AddImage_refuses_invalid_input(string body, string code)
    {
        await using var emu = await Harness.StartAsync();

        (await emu.CallAsync("POST", "/api/v1/images", "AddImage", body)).AssertError(400, code);
        Assert.AreEqual(0, emu.Server.State.Images.Count);
    }

    [TestMethod]
    public async Task AddImage_accepts_the_longest_name_and_a_chosen_id()
    {
        await using var emu = await Harness.StartAsync();

        var id = await emu.AddImageAsync("a2345678901234567890123456789012345678901234567890", extra: "\"ImageId\":\"image-ABCdef123456789012\",\"Accessibility\":\"PUBLIC\"");

        Assert.AreEqual("image-ABCdef123456789012", id);
        Assert.AreEqual("PUBLIC", emu.Server.State.Find(id)!.Accessibility);
    }

    [TestMethod]
    public async Task Names_are_unique_per_workspace_and_ids_are_unique()
    {
        await using var emu = await Harness.StartAsync();
        await emu.AddImageAsync("app", "ws-1", "\"ImageId\":\"image-000000000000000001\"");

        await emu.AddImageAsync("app", "ws-2");
        var duplicateName = await emu.CallAsync("POST", "/api/v1/images", "AddImage", """{"Name":"app","ImageUri":"r/other:1","WorkspaceId":"ws-1"}""");
        var duplicateId = await emu.CallAsync("POST", "/api/v1/images", "AddImage", """{"Name":"other","ImageUri":"r/x:1","ImageId":"image-000000000000000001"}""");

        duplicateName.AssertError(400, ErrorCodes.ImageNameDuplicated);
        duplicateId.AssertError(400, ErrorCodes.ImageIdDuplicated);
        Assert.AreEqual(2, emu.Server.State.Images.Count);
    }

    [TestMethod]
    public async Task ListImages_filters()
    {
        await using var emu = await Harness.StartAsync();
        await emu.AddImageAsync("alpha-gpu", "ws-1", "\"Labels\":[{\"Key\":\"system.chipType\",\"Value\":\"GPU\"},{\"Key\":\"system.framework\",\"Value\":\"PyTorch 2.1\"}]");
        await emu.AddImageAsync("beta-cpu", "ws-1", "\"Labels\":[{\"Key\":\"system.chipType\",\"Value\":\"CPU\"}],\"Description\":\"Needs GPU later\",\"Accessibility\":\"PUBLIC\"");
        await emu.AddImageAsync("gamma-gpu", "ws-2", "\"Labels\":[{\"Key\":\"system.chipType\",\"Value\":\"GPU\"}]");

        CollectionAssert.AreEqual(new[] { "alpha-gpu", "beta-cpu" }, await emu.ListNamesAsync(("WorkspaceId", "ws-1")));
        CollectionAssert.AreEqual(new[] { "alpha-gpu", "gamma-gpu" }, await emu.ListNamesAsync(("Name", "GPU")));
        CollectionAssert.AreEqual(new[] { "alpha-gpu", "beta-cpu", "gamma-gpu" }, await emu.ListNamesAsync(("Query", "gpu")));
        CollectionAssert.AreEqual(new[] { "beta-cpu" }, await emu.ListNamesAsync(("Query", "later")));
        CollectionAssert.AreEqual(new[] { "gamma-gpu" }, await emu.ListNamesAsync(("ImageUri", "registry.example/ns/gamma-gpu:1.0")));
        CollectionAssert.AreEqual(Array.Empty<string>(), await emu.ListNamesAsync(("ImageUri", "registry.example/ns/gamma-gpu")));
        CollectionAssert.AreEqual(new[] { "alpha-gpu", "gamma-gpu" }, await emu.ListNamesAsync(("Labels", "system.chipType=GPU")));
        CollectionAssert.AreEqual(new[] { "alpha-gpu" }, await emu.ListNamesAsync(("Labels", "system.chipType=GPU,system.framework=PyTorch 2.1")));
        CollectionAssert.AreEqual(new[] { "beta-cpu" }, await emu.ListNamesAsync(("Accessibility", "PUBLIC")));
        CollectionAssert.AreEqual(new[] { "alpha-gpu" }, await emu.ListNamesAsync(("WorkspaceId", "ws-1"), ("Accessibility", "PRIVATE")));
    }

    [TestMethod]
    public async Task ListImages_sorts_pages_and_shows_labels_only_when_verbose()
    {
        await using var emu = await Harness.StartAsync();
        foreach (var name in new[] { "c", "a", "b" })
        {
            await emu.AddImageAsync(name, extra: "\"Labels\":[{\"Key\":\"k\",\"Value\":\"v\"}]");
        }

        CollectionAssert.AreEqual(new[] { "c", "a", "b" }, await emu.ListNamesAsync());
        CollectionAssert.AreEqual(new[] { "b", "a", "c" }, await emu.ListNamesAsync(("Order", "DESC")));
        CollectionAssert.AreEqual(new[] { "a", "b", "c" }, await emu.ListNamesAsync(("SortBy", "Name")));
        CollectionAssert.AreEqual(new[] { "b" }, await emu.ListNamesAsync(("PageSize", "2"), ("PageNumber", "2")));
        var page = (await emu.CallAsync("GET", "/api/v1/images", "ListImages", null, ("PageSize", "1"))).AssertOk();
        var verbose = (await emu.CallAsync("GET", "/api/v1/images", "ListImages", null, ("Verbose", "true"))).AssertOk();

        Assert.AreEqual(3, page.Json.GetProperty("TotalCount").GetInt32());
        Assert.AreEqual(1, page.Json.GetProperty("Images").GetArrayLength());
        var first = page.Json.GetProperty("Images")[0];
        Assert.IsFalse(first.TryGetProperty("Labels", out _));
        Assert.IsTrue(first.TryGetProperty("ImageId", out _));
        Assert.AreEqual("k", verbose.Json.GetProperty("Images")[0].GetProperty("Labels")[0].GetProperty("Key").GetString());
    }

    [TestMethod]
    public async Task ListImages_pages_20_by_default()
    {
        await using var emu = await Harness.StartAsync();
        for (var i = 0; i < 21; i++)
        {
            await emu.AddImageAsync($"img-{i:D2}");
        }

        Assert.AreEqual(20, (await emu.ListNamesAsync()).Count);
        CollectionAssert.AreEqual(new[] { "img-20" }, await emu.ListNamesAsync(("PageNumber", "2")));
    }

    [TestMethod]
    [DataRow("PageSize", "101")]
    [DataRow("PageSize", "0")]
    [DataRow("PageNumber", "x")]
    [DataRow("Order", "UP")]
    [DataRow("SortBy", "Size")]
    [DataRow("Verbose", "yes")]
    [DataRow("Accessibility", "SHARED")]
    [DataRow("Labels", "novalue")]
    public async Task ListImages_refuses_invalid_parameters(string name, string value)
    {
        await using var emu = await Harness.StartAsync();

        (await emu.CallAsync("GET", "/api/v1/images", "ListImages", null, (name, value))).AssertError(400, ErrorCodes.InvalidParameter);
    }

    [TestMethod]
    public async Task Unknown_image_is_404_for_every_image_operation()
    {
        await using var emu = await Harness.StartAsync();
        const string id = "image-000000000000000404";

        (await emu.CallAsync("GET", $"/api/v1/images/{id}", "GetImage")).AssertError(404, ErrorCodes.ImageNotFound);
        (await emu.CallAsync("DELETE", $"/api/v1/images/{id}", "RemoveImage")).AssertError(404, ErrorCodes.ImageNotFound);
        (await emu.CallAsync("PUT", $"/api/v1/images/{id}/publish", "PublishImage")).AssertError(404, ErrorCodes.ImageNotFound);
        (await emu.CallAsync("POST", $"/api/v1/images/{id}/labels", "AddImageLabels", """{"Labels":[{"Key":"a","Value":"b"}]}""")).AssertError(404, ErrorCodes.ImageNotFound);
        (await emu.CallAsync("DELETE", $"/api/v1/images/{id}/labels/a", "RemoveImageLabels")).AssertError(404, ErrorCodes.ImageNotFound);
        (await emu.CallAsync("GET", "/api/v1/image/labels", "ListImageLabels", null, ("ImageId", id))).AssertError(404, ErrorCodes.ImageNotFound);
    }

    [TestMethod]
    public async Task RemoveImage_deletes()
    {
        await using var emu = await Harness.StartAsync();
        var id = await emu.AddImageAsync("gone");

        var removed = (await emu.CallAsync("DELETE", $"/api/v1/images/{id}", "RemoveImage")).AssertOk();

        Assert.IsTrue(Guid.TryParse(removed.Get("RequestId"), out _));
        (await emu.CallAsync("GET", $"/api/v1/images/{id}", "GetImage")).AssertError(404, ErrorCodes.ImageNotFound);
    }

    [TestMethod]
    public async Task Label_operations_add_replace_remove_and_list()
    {
        await using var emu = await Harness.StartAsync();
        var id = await emu.AddImageAsync("labelled", "ws-1", "\"Labels\":[{\"Key\":\"system.chipType\",\"Value\":\"CPU\"}]");
        await emu.AddImageAsync("other", "ws-1", "\"Labels\":[{\"Key\":\"team\",\"Value\":\"x\"}]");

        (await emu.CallAsync("POST", $"/api/v1/images/{id}/labels", "AddImageLabels", """{"Labels":[{"Key":"system.chipType","Value":"GPU"},{"Key":"stage","Value":"dev"}]}""")).AssertOk();
        (await emu.CallAsync("POST", $"/api/v1/images/{id}/labels", "AddImageLabels", """{"Labels":[]}""")).AssertError(400, ErrorCodes.MissingParameter);
        (await emu.CallAsync("POST", $"/api/v1/images/{id}/labels", "AddImageLabels", """{"Labels":[{"Key":"system.bogus","Value":"1"}]}""")).AssertError(400, ErrorCodes.InvalidParameter);
        (await emu.CallAsync("DELETE", $"/api/v1/images/{id}/labels/stage", "RemoveImageLabels")).AssertOk();

        CollectionAssert.AreEqual(new[] { "system.chipType=GPU" }, await LabelsAsync(emu, ("ImageId", id)));
        CollectionAssert.AreEqual(new[] { "system.chipType=GPU", "team=x" }, await LabelsAsync(emu, ("WorkspaceId", "ws-1")));
        CollectionAssert.AreEqual(new[] { "team=x" }, await LabelsAsync(emu, ("LabelKeys", "team,missing")));
        CollectionAssert.AreEqual(new[] { "system.chipType=GPU" }, await LabelsAsync(emu, ("LabelFilter", "system.chipType=GPU,team=y")));
    }

    [TestMethod]
    public async Task PublishImage_makes_a_private_image_public()
    {
        await using var emu = await Harness.StartAsync();
        var id = await emu.AddImageAsync("secret");

        var published = (await emu.CallAsync("PUT", $"/api/v1/images/{id}/publish", "PublishImage")).AssertOk();

        Assert.AreEqual(id, published.Get("ImageId"));
        Assert.AreEqual("PUBLIC", emu.Server.State.Find(id)!.Accessibility);
    }

    [TestMethod]
    public async Task Unknown_route_or_method_is_InvalidAction_NotFound()
    {
        await using var emu = await Harness.StartAsync();

        (await emu.CallAsync("GET", "/api/v1/workspaces", "ListWorkspaces")).AssertError(404, ErrorCodes.InvalidActionNotFound);
        (await emu.CallAsync("PATCH", "/api/v1/images", "AddImage", """{"Name":"x","ImageUri":"r/x:1"}""")).AssertError(404, ErrorCodes.InvalidActionNotFound);
    }

    private static async Task<List<string>> LabelsAsync(Harness emu, params (string, string)[] query)
    {
        var response = (await emu.CallAsync("GET", "/api/v1/image/labels", "ListImageLabels", null, query)).AssertOk();
        var labels = response.Json.GetProperty("Labels").EnumerateArray().Select(l => $"{l.GetProperty("Key").GetString()}={l.GetProperty("Value").GetString()}").ToList();
        Assert.AreEqual(labels.Count, response.Json.GetProperty("TotalCount").GetInt32());
        return labels;
    }

    [GeneratedRegex("^image-[a-z0-9]{18}$")]
    private static partial Regex ImageIdPattern();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex TimePattern();
}
