using PaiImage.Core.Errors;
using PaiImage.Core.Operations;
using PaiImage.Core.Registration;
using PaiImage.Emulator.Faults;

namespace PaiImage.Emulator.Tests.CoreAgainstEmulator;

/// <summary>
/// A batch lists each workspace's images once (100 a page) and decides every image from that listing, with the
/// same outcomes as one lookup per image; it looks names up one by one only where that is cheaper or needed.
/// </summary>
[TestClass]
public sealed class BatchLookupTests
{
    private const string Workspace = "ws-batch";

    private CoreSession _session = null!;
    private int _requestsBefore;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    /// <summary>The requests the batch sent (seeding excluded).</summary>
    private IReadOnlyList<RecordedRequest> BatchRequests => [.. _session.Emulator.State.Requests.Skip(_requestsBefore)];

    /// <summary>ListImages calls that list a whole workspace.</summary>
    private List<RecordedRequest> Listings => [.. BatchRequests.Where(r => r.Action == "ListImages" && !r.Target.Contains("Name=", StringComparison.Ordinal))];

    /// <summary>ListImages calls that look one name up.</summary>
    private List<RecordedRequest> Lookups => [.. BatchRequests.Where(r => r.Action == "ListImages" && r.Target.Contains("Name=", StringComparison.Ordinal))];

    [TestInitialize]
    public async Task StartAsync() => _session = await CoreSession.StartAsync();

    [TestCleanup]
    public async Task StopAsync() => await _session.DisposeAsync();

    [TestMethod]
    public async Task New_images_cost_one_listing_and_one_AddImage_each()
    {
        var results = await RegisterAsync(NewItems(40), concurrency: 8);

        AssertAllCreated(results);
        Assert.HasCount(1, Listings);
        StringAssert.Contains(Listings[0].Target, "PageSize=100");
        StringAssert.Contains(Listings[0].Target, $"WorkspaceId={Workspace}");
        Assert.IsEmpty(Lookups);
        Assert.AreEqual(40, BatchRequests.Count(r => r.Action == "AddImage"));
        Assert.HasCount(40, _session.Emulator.State.Images);
    }

    [TestMethod]
    public async Task Taken_names_follow_each_items_policy_like_a_lookup_would()
    {
        var same = await SeedAsync("same", Uri("same"));
        var skipped = await SeedAsync("skipped", Uri("old"));
        var replaced = await SeedAsync("replaced", Uri("old"));
        var conflict = await SeedAsync("conflict", Uri("old"));
        await SeedAsync("fresh-app", Uri("old"));
        BatchItem[] items =
        [
            Item(1, "same", IfExistsPolicy.Fail),
            Item(2, "skipped", IfExistsPolicy.Skip),
            Item(3, "replaced", IfExistsPolicy.Replace),
            Item(4, "conflict", IfExistsPolicy.Fail),
            Item(5, "fresh", IfExistsPolicy.Fail),
        ];

        var results = (await RegisterAsync(items, concurrency: 1)).ToDictionary(r => r.Item.Request.Name);

        Assert.HasCount(1, Listings);
        Assert.IsEmpty(Lookups);
        Assert.AreEqual((RegistrationOutcome.Existing, same), (results["same"].Result!.Outcome, results["same"].Result!.ImageId));
        Assert.AreEqual((RegistrationOutcome.Skipped, skipped), (results["skipped"].Result!.Outcome, results["skipped"].Result!.ImageId));
        Assert.AreEqual(RegistrationOutcome.Replaced, results["replaced"].Result!.Outcome);
        Assert.IsNull(_session.Emulator.State.Find(replaced));
        Assert.AreEqual(Uri("replaced"), _session.Emulator.State.Find(results["replaced"].Result!.ImageId)!.ImageUri);
        Assert.AreEqual(RegistrationOutcome.Created, results["fresh"].Result!.Outcome, "fresh-app only matches fuzzily");
        Assert.AreEqual(Uri("old"), _session.Emulator.State.Find(skipped)!.ImageUri);
        Assert.AreEqual(2, BatchRequests.Count(r => r.Action == "AddImage"), "only replaced and fresh are added");
        var error = Assert.IsInstanceOfType<PaiConflictException>(results["conflict"].Error);
        Assert.AreEqual((ClientErrorCodes.NameConflict, conflict, Uri("old")), (error.Code, error.ExistingImageId, error.ExistingImageUri));
        var single = await Assert.ThrowsExactlyAsync<PaiConflictException>(() => _session.Registrar.RegisterAsync(items[3].Request, IfExistsPolicy.Fail, Token));
        Assert.AreEqual((single.Message, single.Fix), (error.Message, error.Fix));
    }

    [TestMethod]
    public async Task Names_on_later_pages_are_found_and_the_pages_are_listed_once_each()
    {
        await SeedManyAsync(Enumerable.Range(0, 245).Select(i => $"other-{i}"));
        var late = await SeedAsync("late", Uri("late"));
        var conflicting = await SeedAsync("conflicting", Uri("old"));

        var results = (await RegisterAsync([Item(1, "late"), Item(2, "conflicting", IfExistsPolicy.Skip), Item(3, "new")], concurrency: 4)).ToDictionary(r => r.Item.Request.Name);

        CollectionAssert.AreEquivalent(new[] { "PageNumber=1", "PageNumber=2", "PageNumber=3" }, Listings.Select(r => PageNumber(r.Target)).ToArray());
        Assert.IsEmpty(Lookups);
        Assert.AreEqual((RegistrationOutcome.Existing, late), (results["late"].Result!.Outcome, results["late"].Result!.ImageId));
        Assert.AreEqual((RegistrationOutcome.Skipped, conflicting), (results["conflicting"].Result!.Outcome, results["conflicting"].Result!.ImageId));
        Assert.AreEqual(RegistrationOutcome.Created, results["new"].Result!.Outcome);
        Assert.AreEqual(1, BatchRequests.Count(r => r.Action == "AddImage"));
    }

    [TestMethod]
    public async Task A_workspace_with_more_pages_than_images_in_the_batch_is_looked_up_name_by_name()
    {
        await SeedManyAsync(Enumerable.Range(0, 247).Select(i => $"other-{i}"));
        var taken = await SeedAsync("taken", Uri("taken"));

        var results = await RegisterAsync([Item(1, "taken"), Item(2, "new")], concurrency: 2);

        Assert.HasCount(1, Listings, "the first page tells 3 pages for 2 images");
        Assert.HasCount(2, Lookups);
        Assert.AreEqual(taken, results.Single(r => r.Item.Request.Name == "taken").Result!.ImageId);
        Assert.AreEqual(RegistrationOutcome.Existing, results.Single(r => r.Item.Request.Name == "taken").Result!.Outcome);
        Assert.AreEqual(RegistrationOutcome.Created, results.Single(r => r.Item.Request.Name == "new").Result!.Outcome);
    }

    [TestMethod]
    public async Task A_single_image_is_looked_up_by_name_without_listing()
    {
        var results = await RegisterAsync([Item(1, "alone")], concurrency: 4);

        Assert.AreEqual(RegistrationOutcome.Created, results.Single().Result!.Outcome);
        Assert.IsEmpty(Listings);
        Assert.HasCount(1, Lookups);
    }

    [TestMethod]
    public async Task Each_workspace_is_listed_once()
    {
        var items = Enumerable.Range(0, 6).Select(i => Item(i, $"app-{i}") with { Request = Request($"app-{i}") with { WorkspaceId = i % 2 == 0 ? "ws-even" : "ws-odd" } });

        var results = await RegisterAsync(items, concurrency: 3);

        AssertAllCreated(results);
        CollectionAssert.AreEquivalent(new[] { true, false }, Listings.Select(r => r.Target.Contains("WorkspaceId=ws-even", StringComparison.Ordinal)).ToArray());
        Assert.IsEmpty(Lookups);
    }

    [TestMethod]
    public async Task A_name_given_twice_sees_what_its_first_item_registered()
    {
        var results = await RegisterAsync([Item(1, "twice"), Item(2, "twice"), Item(3, "a"), Item(4, "b")], concurrency: 1);

        CollectionAssert.AreEqual(
            new[] { RegistrationOutcome.Created, RegistrationOutcome.Existing, RegistrationOutcome.Created, RegistrationOutcome.Created },
            results.Select(r => r.Result!.Outcome).ToArray());
        Assert.HasCount(1, Listings);
        Assert.HasCount(2, Lookups, "the two items named twice look themselves up");
        Assert.HasCount(3, _session.Emulator.State.Images);
    }

    [TestMethod]
    public async Task A_listing_that_keeps_failing_leaves_each_image_to_look_itself_up()
    {
        _session.Emulator.Faults.Set(new FaultSettings { FailNext = 4 });

        var results = await RegisterAsync(NewItems(5), concurrency: 2);

        AssertAllCreated(results);
        Assert.HasCount(4, Listings.Where(r => r.Code == ErrorCodes.InternalError).ToList());
        Assert.HasCount(5, Lookups);
        Assert.HasCount(5, _session.Emulator.State.Images);
    }

    [TestMethod]
    public async Task Answers_lost_after_storing_are_looked_up_per_image_and_nothing_is_registered_twice()
    {
        _session.Emulator.Faults.Set(new FaultSettings { DropAfterStore = 3 });

        var results = await RegisterAsync(NewItems(8), concurrency: 4);

        AssertAllCreated(results);
        Assert.HasCount(1, Listings);
        Assert.HasCount(3, Lookups, "one check per lost answer, before anything is sent again");
        Assert.AreEqual(3, BatchRequests.Count(r => r is { Action: "AddImage", Aborted: true }));
        Assert.AreEqual(8, BatchRequests.Count(r => r.Action == "AddImage"), "no AddImage was sent again");
        var images = _session.Emulator.State.Images;
        Assert.HasCount(8, images);
        CollectionAssert.AreEquivalent(results.Select(r => r.Result!.ImageId).ToArray(), images.Select(i => i.ImageId).ToArray());
    }

    private static string Uri(string name) => $"registry.example/batch/{name}:1.0";

    private static AddImageRequest Request(string name) => new() { Name = name, ImageUri = Uri(name), WorkspaceId = Workspace };

    private static BatchItem Item(int line, string name, IfExistsPolicy policy = IfExistsPolicy.Fail) => new(line, Request(name), policy);

    private static IEnumerable<BatchItem> NewItems(int count) => Enumerable.Range(0, count).Select(i => Item(i, $"app-{i}"));

    private static void AssertAllCreated(List<BatchItemResult> results) =>
        Assert.IsTrue(results.All(r => r.Result?.Outcome == RegistrationOutcome.Created), string.Join('\n', results));

    private static string PageNumber(string target) => target.Split('?', '&').Single(part => part.StartsWith("PageNumber=", StringComparison.Ordinal));

    private async Task<List<BatchItemResult>> RegisterAsync(IEnumerable<BatchItem> items, int concurrency)
    {
        _requestsBefore = _session.Emulator.State.Requests.Count;
        var results = new List<BatchItemResult>();
        await foreach (var result in new BatchRegistrar(_session.Registrar).RegisterAllAsync(items, concurrency, Token))
        {
            results.Add(result);
        }

        return results;
    }

    private async Task<string> SeedAsync(string name, string imageUri) =>
        (await _session.Client.AddImageAsync(Request(name) with { ImageUri = imageUri }, Token)).ImageId;

    private Task SeedManyAsync(IEnumerable<string> names) =>
        Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Token }, async (name, token) =>
            await _session.Client.AddImageAsync(Request(name), token));
}
