using PaiImage.Core.Credentials;
using PaiImage.Core.Errors;
using PaiImage.Core.Operations;

namespace PaiImage.Emulator.Tests.CoreAgainstEmulator;

/// <summary>
/// Every operation of the real client against the emulator, whose independent signature check would reject any
/// request the client encoded differently from what it signed. Values carry the characters encoders disagree on.
/// </summary>
[TestClass]
public sealed class OperationRoundTripTests
{
    /// <summary>Space, *, ~, /, =, comma, plus, %, non-ASCII and a character outside the BMP: allowed in stored label values.</summary>
    private const string TrickyValue = "a b*c~d/e=f,g+h%20 ü€😀";

    /// <summary>The same without ',' and '=', which a filter cannot carry.</summary>
    private const string TrickyFilterValue = "a b*c~d/e+h%20 ü€";

    private const string TrickyQuery = "x y*~/=,+é";

    private const string TrickyKey = "team name/ü*~+";

    public TestContext TestContext { get; set; } = null!;

    private static PaiCredentials Credentials(string kind) => kind == "Sts" ? CoreSession.Sts : CoreSession.AccessKey;

    [TestMethod]
    [DataRow("AccessKey")]
    [DataRow("Sts")]
    public async Task AddImage_GetImage_and_every_ListImages_filter_round_trip(string kind)
    {
        await using var session = await CoreSession.StartAsync(Credentials(kind));
        var token = TestContext.CancellationToken;
        var alpha = await session.Client.AddImageAsync(
            new AddImageRequest
            {
                Name = "rt-alpha",
                ImageUri = "registry.example:5000/ns/alpha:1.0",
                Accessibility = "public",
                Description = $"built by {TrickyQuery} ü",
                Labels = [new("tricky", TrickyValue), new("filterable", TrickyFilterValue), new("system.chipType", "GPU")],
                Size = 3,
            },
            token);
        var beta = await session.Client.AddImageAsync(
            new AddImageRequest { Name = "rt-beta", ImageUri = "registry.example:5000/ns/beta@sha256:" + new string('a', 64), Labels = [new("filterable", "other")] },
            token);

        var stored = session.Emulator.State.Find(alpha.ImageId)!;
        Assert.AreEqual("PUBLIC", stored.Accessibility);
        Assert.AreEqual(TrickyValue, stored.Labels.Single(l => l.Key == "tricky").Value);

        var got = (await session.Client.GetImageAsync(alpha.ImageId, verbose: true, token)).Image;
        Assert.AreEqual(alpha.ImageId, got.ImageId);
        Assert.AreEqual("rt-alpha", got.Name);
        Assert.AreEqual("registry.example:5000/ns/alpha:1.0", got.ImageUri);
        Assert.AreEqual("PUBLIC", got.Accessibility);
        Assert.AreEqual($"built by {TrickyQuery} ü", got.Description);
        Assert.AreEqual(3L, got.Size);
        CollectionAssert.AreEquivalent(
            new[] { new ImageLabel("tricky", TrickyValue), new ImageLabel("filterable", TrickyFilterValue), new ImageLabel("system.chipType", "GPU") },
            got.Labels!.ToArray());

        async Task<string[]> IdsAsync(ListImagesRequest request) =>
            [.. (await session.Client.ListImagesAsync(request, token)).Images.Select(i => i.ImageId!)];

        CollectionAssert.AreEqual(new[] { alpha.ImageId }, await IdsAsync(new() { Name = "ALPHA" }));
        CollectionAssert.AreEqual(new[] { beta.ImageId }, await IdsAsync(new() { ImageUri = "registry.example:5000/ns/beta@sha256:" + new string('a', 64) }));
        CollectionAssert.AreEqual(new[] { alpha.ImageId }, await IdsAsync(new() { Labels = [new("filterable", TrickyFilterValue)] }));
        CollectionAssert.AreEqual(new[] { beta.ImageId }, await IdsAsync(new() { Accessibility = "private" }));
        CollectionAssert.AreEqual(new[] { alpha.ImageId }, await IdsAsync(new() { Query = TrickyQuery }));
        CollectionAssert.AreEqual(Array.Empty<string>(), await IdsAsync(new() { Query = TrickyQuery + "!" }));

        var secondPage = await session.Client.ListImagesAsync(new() { SortBy = "Name", Order = "desc", PageSize = 1, PageNumber = 2, Verbose = true }, token);
        Assert.AreEqual(2L, secondPage.TotalCount);
        Assert.AreEqual(alpha.ImageId, secondPage.Images.Single().ImageId);
        Assert.AreEqual(TrickyValue, secondPage.Images.Single().Labels!.Single(l => l.Key == "tricky").Value);
        Assert.IsTrue(session.Emulator.State.Requests.All(r => r.Code is null), "every request was accepted, its signature included");
    }

    [TestMethod]
    [DataRow("AccessKey")]
    [DataRow("Sts")]
    public async Task Label_operations_round_trip_with_tricky_keys_and_values(string kind)
    {
        await using var session = await CoreSession.StartAsync(Credentials(kind));
        var token = TestContext.CancellationToken;
        var id = (await session.Client.AddImageAsync(new AddImageRequest { Name = "rt-labels", ImageUri = "registry.example/ns/labels:1" }, token)).ImageId;

        await session.Client.AddImageLabelsAsync(id, [new(TrickyKey, TrickyValue), new("plain", TrickyFilterValue)], token);
        CollectionAssert.AreEquivalent(
            new[] { (TrickyKey, TrickyValue), ("plain", TrickyFilterValue) },
            session.Emulator.State.Find(id)!.Labels.Select(l => (l.Key, l.Value)).ToArray());

        var byKey = await session.Client.ListImageLabelsAsync(new() { ImageId = id, LabelKeys = [TrickyKey] }, token);
        Assert.AreEqual(new ImageLabel(TrickyKey, TrickyValue), byKey.Labels.Single());
        var byFilter = await session.Client.ListImageLabelsAsync(new() { LabelFilter = [new("plain", TrickyFilterValue)] }, token);
        Assert.AreEqual(new ImageLabel("plain", TrickyFilterValue), byFilter.Labels.Single());

        await session.Client.RemoveImageLabelsAsync(id, TrickyKey, token);
        var left = await session.Client.ListImageLabelsAsync(new() { ImageId = id }, token);
        Assert.AreEqual(new ImageLabel("plain", TrickyFilterValue), left.Labels.Single());
        Assert.AreEqual("plain", session.Emulator.State.Find(id)!.Labels.Single().Key);
    }

    [TestMethod]
    [DataRow("AccessKey")]
    [DataRow("Sts")]
    public async Task PublishImage_and_RemoveImage_round_trip(string kind)
    {
        await using var session = await CoreSession.StartAsync(Credentials(kind));
        var token = TestContext.CancellationToken;
        var id = (await session.Client.AddImageAsync(new AddImageRequest { Name = "rt-publish", ImageUri = "registry.example/ns/publish:1" }, token)).ImageId;
        Assert.AreEqual("PRIVATE", session.Emulator.State.Find(id)!.Accessibility);

        var published = await session.Client.PublishImageAsync(id, token);
        Assert.AreEqual(id, published.ImageId);
        Assert.AreEqual("PUBLIC", session.Emulator.State.Find(id)!.Accessibility);

        await session.Client.RemoveImageAsync(id, token);
        Assert.IsEmpty(session.Emulator.State.Images);
        var missing = await Assert.ThrowsExactlyAsync<PaiServiceException>(() => session.Client.GetImageAsync(id, verbose: false, token));
        Assert.AreEqual("PAI1008", missing.Code);
        Assert.AreEqual(404, missing.StatusCode);
    }

    [TestMethod]
    [DataRow("AccessKey")]
    [DataRow("Sts")]
    public async Task ListAllImagesAsync_walks_every_page_of_more_than_100_images(string kind)
    {
        await using var session = await CoreSession.StartAsync(Credentials(kind));
        var token = TestContext.CancellationToken;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, 130),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = token },
            async (i, ct) => await session.Client.AddImageAsync(new AddImageRequest { Name = $"bulk-{i:000}", ImageUri = $"registry.example/ns/bulk:{i}" }, ct));
        var expected = session.Emulator.State.Images.Select(i => i.ImageId).ToHashSet();

        var listsBefore = session.CountRequests("ListImages");
        var walked = new List<string>();
        await foreach (var image in session.Client.ListAllImagesAsync(new ListImagesRequest { Name = "bulk-" }, token))
        {
            walked.Add(image.ImageId!);
        }

        Assert.HasCount(130, walked);
        Assert.IsTrue(expected.SetEquals(walked), "every stored image once");
        Assert.AreEqual(3, session.CountRequests("ListImages") - listsBefore, "130 images in pages of 50");

        var hundreds = new List<string>();
        await foreach (var image in session.Client.ListAllImagesAsync(new ListImagesRequest { PageSize = 100, SortBy = "Name" }, token))
        {
            hundreds.Add(image.Name!);
        }

        CollectionAssert.AreEqual(Enumerable.Range(0, 130).Select(i => $"bulk-{i:000}").ToArray(), hundreds.ToArray());
    }
}
