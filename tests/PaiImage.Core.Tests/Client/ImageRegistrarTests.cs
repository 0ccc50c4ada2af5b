using PaiImage.Core.Errors;
using PaiImage.Core.Operations;
using PaiImage.Core.Registration;

namespace PaiImage.Core.Tests.Client;

[TestClass]
public sealed class ImageRegistrarTests
{
    private const string Uri = "registry.cn-hangzhou.aliyuncs.com/my-ns/my-app:1.0.0";
    private const string OtherUri = "registry.cn-hangzhou.aliyuncs.com/my-ns/my-app:0.9.0";

    private static readonly AddImageRequest Request = new() { Name = "my-app", ImageUri = Uri, WorkspaceId = "12345" };

    private FakePai _pai = null!;
    private PaiImageServices _services = null!;

    public TestContext TestContext { get; set; } = null!;

    private ImageRegistrar Registrar => _services.Registrar;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestInitialize]
    public async Task StartAsync()
    {
        _pai = await FakePai.StartAsync();
        _services = PaiImageServices.Create(ClientTestOptions.For(_pai.Endpoint, options => options.AttemptTimeout = TimeSpan.FromSeconds(1)));
    }

    [TestCleanup]
    public async Task StopAsync()
    {
        _services.Dispose();
        await _pai.DisposeAsync();
    }

    [TestMethod]
    public async Task An_absent_name_is_created()
    {
        var result = await Registrar.RegisterAsync(Request, IfExistsPolicy.Fail, Token);

        var stored = _pai.StoredImages.Single();
        Assert.AreEqual(new RegistrationResult(stored.ImageId, result.RequestId, "my-app", Uri, "12345", RegistrationOutcome.Created), result);
        Assert.IsNotNull(result.RequestId);
        Assert.AreEqual("Name=my-app&PageNumber=1&PageSize=50&WorkspaceId=12345", _pai.RequestsOf("ListImages").Single().Query);
    }

    [TestMethod]
    public async Task Names_that_only_match_fuzzily_do_not_count()
    {
        _pai.Seed("my-app-old", OtherUri, "12345");
        _pai.Seed("my-app2", OtherUri, "12345");

        var result = await Registrar.RegisterAsync(Request, IfExistsPolicy.Fail, Token);

        Assert.AreEqual(RegistrationOutcome.Created, result.Outcome);
        Assert.HasCount(3, _pai.StoredImages);
    }

    [TestMethod]
    [DataRow(IfExistsPolicy.Fail)]
    [DataRow(IfExistsPolicy.Skip)]
    [DataRow(IfExistsPolicy.Replace)]
    public async Task The_same_name_and_uri_is_reported_as_existing_under_every_policy(IfExistsPolicy policy)
    {
        var existing = _pai.Seed("my-app", Uri, "12345");

        var result = await Registrar.RegisterAsync(Request, policy, Token);

        Assert.AreEqual(RegistrationOutcome.Existing, result.Outcome);
        Assert.AreEqual(existing.ImageId, result.ImageId);
        Assert.IsEmpty(_pai.RequestsOf("AddImage"));
        Assert.IsEmpty(_pai.RequestsOf("RemoveImage"));
    }

    [TestMethod]
    public async Task The_name_found_on_a_later_page_is_found()
    {
        for (var i = 0; i < 60; i++)
        {
            _pai.Seed($"my-app-{i:D2}", OtherUri, "12345");
        }

        var existing = _pai.Seed("my-app", Uri, "12345");

        var result = await Registrar.RegisterAsync(Request, IfExistsPolicy.Fail, Token);

        Assert.AreEqual(existing.ImageId, result.ImageId);
        Assert.AreEqual(RegistrationOutcome.Existing, result.Outcome);
        Assert.HasCount(2, _pai.RequestsOf("ListImages"));
    }

    [TestMethod]
    public async Task Another_uri_under_Fail_is_a_conflict_that_says_how_to_choose()
    {
        var existing = _pai.Seed("my-app", OtherUri, "12345");

        var exception = await Assert.ThrowsExactlyAsync<PaiConflictException>(() => Registrar.RegisterAsync(Request, IfExistsPolicy.Fail, Token));

        Assert.AreEqual(ClientErrorCodes.NameConflict, exception.Code);
        Assert.AreEqual(existing.ImageId, exception.ExistingImageId);
        Assert.AreEqual(OtherUri, exception.ExistingImageUri);
        StringAssert.Contains(exception.Message, OtherUri);
        StringAssert.Contains(exception.Fix, "--if-exists skip|replace");
        StringAssert.Contains(exception.Fix, "PaiImageIfExists");
        Assert.IsEmpty(_pai.RequestsOf("AddImage"));
    }

    [TestMethod]
    public async Task Another_uri_under_Skip_is_left_alone()
    {
        var existing = _pai.Seed("my-app", OtherUri, "12345");

        var result = await Registrar.RegisterAsync(Request, IfExistsPolicy.Skip, Token);

        Assert.AreEqual(RegistrationOutcome.Skipped, result.Outcome);
        Assert.AreEqual(existing.ImageId, result.ImageId);
        Assert.AreEqual(OtherUri, _pai.StoredImages.Single().ImageUri);
        Assert.IsEmpty(_pai.RequestsOf("AddImage"));
    }

    [TestMethod]
    public async Task Another_uri_under_Replace_is_removed_then_the_new_one_added()
    {
        var existing = _pai.Seed("my-app", OtherUri, "12345");

        var result = await Registrar.RegisterAsync(Request, IfExistsPolicy.Replace, Token);

        var stored = _pai.StoredImages.Single();
        Assert.AreEqual(RegistrationOutcome.Replaced, result.Outcome);
        Assert.AreEqual(Uri, stored.ImageUri);
        Assert.AreEqual(stored.ImageId, result.ImageId);
        Assert.AreNotEqual(existing.ImageId, result.ImageId);
        CollectionAssert.AreEqual(new[] { "ListImages", "RemoveImage", "AddImage" }, _pai.Requests.Select(request => request.Action).ToArray());
    }

    [TestMethod]
    public async Task A_connection_dropped_after_the_image_was_stored_ends_as_created_with_one_image()
    {
        _pai.DropConnectionAfterProcessingNext("AddImage");

        var result = await Registrar.RegisterAsync(Request, IfExistsPolicy.Fail, Token);

        var stored = _pai.StoredImages.Single();
        Assert.AreEqual(RegistrationOutcome.Created, result.Outcome);
        Assert.AreEqual(stored.ImageId, result.ImageId);
        Assert.HasCount(1, _pai.RequestsOf("AddImage"));
    }

    [TestMethod]
    public async Task A_server_error_on_AddImage_is_checked_then_sent_again()
    {
        _pai.FailNext(1, 500, action: "AddImage");

        var result = await Registrar.RegisterAsync(Request, IfExistsPolicy.Fail, Token);

        Assert.AreEqual(RegistrationOutcome.Created, result.Outcome);
        Assert.AreEqual(_pai.StoredImages.Single().ImageId, result.ImageId);
        CollectionAssert.AreEqual(new[] { "ListImages", "AddImage", "ListImages", "AddImage" }, _pai.Requests.Select(request => request.Action).ToArray());
    }

    [TestMethod]
    public async Task An_AddImage_timeout_is_checked_then_sent_again()
    {
        _pai.DelayNext(TimeSpan.FromSeconds(20), "AddImage");

        var result = await Registrar.RegisterAsync(Request, IfExistsPolicy.Fail, Token);

        Assert.AreEqual(RegistrationOutcome.Created, result.Outcome);
        Assert.HasCount(1, _pai.StoredImages);
        Assert.HasCount(2, _pai.RequestsOf("AddImage"));
    }

    [TestMethod]
    public async Task Ambiguous_failures_are_resent_a_bounded_number_of_times()
    {
        _pai.FailNext(10, 500, action: "AddImage");

        var exception = await Assert.ThrowsExactlyAsync<PaiServiceException>(() => Registrar.RegisterAsync(Request, IfExistsPolicy.Fail, Token));

        Assert.AreEqual(500, exception.StatusCode);
        Assert.HasCount(3, _pai.RequestsOf("AddImage"));
        Assert.IsEmpty(_pai.StoredImages);
    }

    [TestMethod]
    public async Task Invalid_input_sends_nothing()
    {
        await Assert.ThrowsExactlyAsync<PaiValidationException>(() => Registrar.RegisterAsync(Request with { ImageUri = "my-app:latest" }, IfExistsPolicy.Fail, Token));

        Assert.IsEmpty(_pai.Requests);
    }
}
