using System.Net;
using System.Net.Sockets;
using PaiImage.Core.Errors;
using PaiImage.Core.Operations;

namespace PaiImage.Core.Tests.Client;

[TestClass]
public sealed class PaiImageClientTests
{
    private static readonly AddImageRequest Request = new()
    {
        Name = "my-app",
        ImageUri = "registry.cn-hangzhou.aliyuncs.com/my-ns/my-app:1.0.0",
        WorkspaceId = "12345",
        Accessibility = "private",
        Labels = [new ImageLabel("system.chipType", "GPU")],
    };

    private FakePai _pai = null!;
    private PaiImageServices _services = null!;

    public TestContext TestContext { get; set; } = null!;

    private PaiImageClient Client => _services.Client;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestInitialize]
    public async Task StartAsync()
    {
        _pai = await FakePai.StartAsync();
        _services = PaiImageServices.Create(ClientTestOptions.For(_pai.Endpoint));
    }

    [TestCleanup]
    public async Task StopAsync()
    {
        _services.Dispose();
        await _pai.DisposeAsync();
    }

    [TestMethod]
    public async Task AddImage_posts_the_alphabetical_json_body_with_the_acs_headers()
    {
        var response = await Client.AddImageAsync(Request, Token);

        var sent = _pai.Requests.Single();
        Assert.AreEqual("POST", sent.Method);
        Assert.AreEqual("/api/v1/images", sent.Target);
        Assert.AreEqual(
            """{"Accessibility":"PRIVATE","ImageUri":"registry.cn-hangzhou.aliyuncs.com/my-ns/my-app:1.0.0","Labels":[{"Key":"system.chipType","Value":"GPU"}],"Name":"my-app","WorkspaceId":"12345"}""",
            sent.Body);
        Assert.AreEqual("application/json; charset=utf-8", sent.Headers["Content-Type"]);
        Assert.AreEqual("AddImage", sent.Headers["x-acs-action"]);
        Assert.AreEqual("2021-02-04", sent.Headers["x-acs-version"]);
        Assert.AreEqual("application/json", sent.Headers["Accept"]);
        StringAssert.StartsWith(sent.Headers["Authorization"], "ACS3-HMAC-SHA256 Credential=test-access-key-id,");
        StringAssert.StartsWith(sent.Headers["User-Agent"], "PaiImage/");
        Assert.AreEqual(_pai.StoredImages.Single().ImageId, response.ImageId);
        Assert.IsFalse(string.IsNullOrEmpty(response.RequestId));
    }

    [TestMethod]
    public async Task Every_image_operation_round_trips_with_its_documented_method_and_path()
    {
        var id = (await Client.AddImageAsync(Request, Token)).ImageId;

        await Client.AddImageLabelsAsync(id, [new ImageLabel("team", "ml"), new ImageLabel("system.framework", "PyTorch 2.1")], Token);
        var labels = await Client.ListImageLabelsAsync(new ListImageLabelsRequest { ImageId = id, LabelKeys = ["team", "system.framework"] }, Token);
        await Client.RemoveImageLabelsAsync(id, "team", Token);
        var image = await Client.GetImageAsync(id, verbose: true, Token);
        var published = await Client.PublishImageAsync(id, Token);
        var listed = await Client.ListImagesAsync(new ListImagesRequest { WorkspaceId = "12345", Name = "my", Verbose = true }, Token);
        await Client.RemoveImageAsync(id, Token);

        Assert.AreEqual(2, labels.TotalCount);
        CollectionAssert.AreEquivalent(new[] { new ImageLabel("team", "ml"), new ImageLabel("system.framework", "PyTorch 2.1") }, labels.Labels.ToArray());
        Assert.AreEqual(id, image.Image.ImageId);
        Assert.AreEqual("my-app", image.Image.Name);
        CollectionAssert.AreEquivalent(new[] { new ImageLabel("system.chipType", "GPU"), new ImageLabel("system.framework", "PyTorch 2.1") }, image.Image.Labels!.ToArray());
        Assert.IsNotNull(image.RequestId);
        Assert.AreEqual(id, published.ImageId);
        Assert.AreEqual("PUBLIC", listed.Images.Single().Accessibility);
        Assert.AreEqual(1, listed.TotalCount);
        Assert.IsEmpty(_pai.StoredImages);
        CollectionAssert.AreEqual(
            new[]
            {
                "POST /api/v1/images",
                $"POST /api/v1/images/{id}/labels",
                $"GET /api/v1/image/labels?ImageId={id}&LabelKeys=team%2Csystem.framework",
                $"DELETE /api/v1/images/{id}/labels/team",
                $"GET /api/v1/images/{id}?Verbose=true",
                $"PUT /api/v1/images/{id}/publish",
                "GET /api/v1/images?Name=my&Verbose=true&WorkspaceId=12345",
                $"DELETE /api/v1/images/{id}",
            },
            _pai.Requests.Select(request => $"{request.Method} {request.Target}").ToArray());
        Assert.AreEqual("""{"Labels":[{"Key":"team","Value":"ml"},{"Key":"system.framework","Value":"PyTorch 2.1"}]}""", _pai.RequestsOf("AddImageLabels").Single().Body);
        var publish = _pai.RequestsOf("PublishImage").Single();
        Assert.AreEqual(string.Empty, publish.Body);
        Assert.IsFalse(publish.Headers.ContainsKey("Content-Type"));
    }

    [TestMethod]
    public async Task ListImages_sends_labels_comma_separated_and_encodes_the_query_as_signed()
    {
        await Client.ListImagesAsync(
            new ListImagesRequest
            {
                WorkspaceId = "12345",
                Name = "my-app",
                PageSize = 50,
                PageNumber = 1,
                Labels = [new ImageLabel("system.chipType", "GPU"), new ImageLabel("system.framework", "PyTorch 2.1")],
            },
            Token);

        Assert.AreEqual(
            "Labels=system.chipType%3DGPU%2Csystem.framework%3DPyTorch%202.1&Name=my-app&PageNumber=1&PageSize=50&WorkspaceId=12345",
            _pai.Requests.Single().Query);
    }

    [TestMethod]
    public async Task Path_parameters_are_percent_encoded_one_by_one()
    {
        var id = (await Client.AddImageAsync(Request, Token)).ImageId;

        await Client.RemoveImageLabelsAsync(id, "a b/c", Token);

        Assert.AreEqual($"/api/v1/images/{id}/labels/a%20b%2Fc", _pai.RequestsOf("RemoveImageLabels").Single().Target);
    }

    [TestMethod]
    public async Task Invalid_input_sends_nothing()
    {
        await Assert.ThrowsExactlyAsync<PaiValidationException>(() => Client.AddImageAsync(Request with { Name = "Bad Name" }, Token));
        await Assert.ThrowsExactlyAsync<PaiValidationException>(() => Client.GetImageAsync("image-1", verbose: false, Token));
        await Assert.ThrowsExactlyAsync<PaiValidationException>(() => Client.ListImagesAsync(new ListImagesRequest { PageSize = 0 }, Token));
        await Assert.ThrowsExactlyAsync<PaiValidationException>(() => Client.AddImageLabelsAsync("image-0123456789abcdefgh", [], Token));

        Assert.IsEmpty(_pai.Requests);
    }

    [TestMethod]
    public async Task Throttled_AddImage_is_resent_and_each_attempt_is_signed_anew()
    {
        _pai.ThrottleNext(2, retryAfterMilliseconds: 1, action: "AddImage");

        await Client.AddImageAsync(Request, Token);

        var attempts = _pai.RequestsOf("AddImage");
        Assert.HasCount(3, attempts);
        Assert.HasCount(3, attempts.Select(attempt => attempt.Headers["x-acs-signature-nonce"]).Distinct().ToList());
        Assert.HasCount(1, _pai.StoredImages);
    }

    [TestMethod]
    public async Task AddImage_with_a_used_nonce_is_resent()
    {
        _pai.FailNext(1, 400, "SignatureNonceUsed", "Specified signature nonce was used already.", action: "AddImage");

        await Client.AddImageAsync(Request, Token);

        Assert.HasCount(2, _pai.RequestsOf("AddImage"));
    }

    [TestMethod]
    public async Task Server_errors_and_proxy_pages_on_reads_are_retried()
    {
        _pai.FailNext(1, 503, "ServiceUnavailable", action: "ListImages");
        _pai.BadGatewayHtmlNext(1, action: "ListImages");

        var listed = await Client.ListImagesAsync(new ListImagesRequest(), Token);

        Assert.AreEqual(0, listed.TotalCount);
        Assert.HasCount(3, _pai.RequestsOf("ListImages"));
    }

    [TestMethod]
    public async Task A_server_error_on_AddImage_is_not_resent_by_the_http_layer()
    {
        _pai.FailNext(1, 500, action: "AddImage");

        var exception = await Assert.ThrowsExactlyAsync<PaiServiceException>(() => Client.AddImageAsync(Request, Token));

        Assert.AreEqual(500, exception.StatusCode);
        Assert.AreEqual("InternalError", exception.ServiceCode);
        Assert.HasCount(1, _pai.RequestsOf("AddImage"));
    }

    [TestMethod]
    public async Task Server_errors_stop_after_MaxAttempts()
    {
        _pai.FailNext(5, 503, "ServiceUnavailable", action: "ListImages");

        var exception = await Assert.ThrowsExactlyAsync<PaiServiceException>(() => Client.ListImagesAsync(new ListImagesRequest(), Token));

        Assert.IsTrue(exception.IsTransient);
        Assert.AreEqual(PaiErrorKind.ServiceFailure, exception.Kind);
        Assert.HasCount(3, _pai.RequestsOf("ListImages"));
    }

    [TestMethod]
    public async Task Client_errors_are_not_retried_and_carry_the_service_fields()
    {
        _pai.FailNext(1, 400, "InvalidParameter", "Bad workspace.", action: "ListImages");

        var exception = await Assert.ThrowsExactlyAsync<PaiServiceException>(() => Client.ListImagesAsync(new ListImagesRequest(), Token));

        Assert.AreEqual("InvalidParameter", exception.ServiceCode);
        Assert.AreEqual("Bad workspace.", exception.ServiceMessage);
        Assert.IsNotNull(exception.RequestId);
        Assert.HasCount(1, _pai.RequestsOf("ListImages"));
    }

    [TestMethod]
    public async Task A_dropped_connection_on_a_read_is_retried()
    {
        var id = (await Client.AddImageAsync(Request, Token)).ImageId;
        _pai.DropConnectionNext("GetImage");

        var image = await Client.GetImageAsync(id, verbose: false, Token);

        Assert.AreEqual("my-app", image.Image.Name);
        Assert.HasCount(2, _pai.RequestsOf("GetImage"));
    }

    [TestMethod]
    public async Task A_connection_dropped_after_AddImage_reached_the_server_is_not_resent_by_the_http_layer()
    {
        _pai.DropConnectionAfterProcessingNext("AddImage");

        var exception = await Assert.ThrowsExactlyAsync<PaiTransportException>(() => Client.AddImageAsync(Request, Token));

        Assert.AreEqual(ClientErrorCodes.NetworkFailure, exception.Code);
        Assert.HasCount(1, _pai.RequestsOf("AddImage"));
        Assert.HasCount(1, _pai.StoredImages);
    }

    [TestMethod]
    public async Task Attempt_timeouts_retry_reads_but_not_AddImage()
    {
        using var services = PaiImageServices.Create(ClientTestOptions.For(_pai.Endpoint, options => options.AttemptTimeout = TimeSpan.FromMilliseconds(300)));
        _pai.DelayNext(TimeSpan.FromSeconds(20), "ListImages");
        _pai.DelayNext(TimeSpan.FromSeconds(20), "AddImage");

        await services.Client.ListImagesAsync(new ListImagesRequest(), Token);
        var exception = await Assert.ThrowsExactlyAsync<PaiTransportException>(() => services.Client.AddImageAsync(Request, Token));

        Assert.HasCount(2, _pai.RequestsOf("ListImages"));
        Assert.HasCount(1, _pai.RequestsOf("AddImage"));
        Assert.AreEqual(ClientErrorCodes.Timeout, exception.Code);
        StringAssert.Contains(exception.Message, _pai.Endpoint.Authority);
    }

    [TestMethod]
    public async Task An_unreachable_endpoint_fails_with_a_transport_error_naming_it()
    {
        var endpoint = new Uri($"http://127.0.0.1:{UnusedPort()}/");
        using var services = PaiImageServices.Create(ClientTestOptions.For(endpoint));

        var exception = await Assert.ThrowsExactlyAsync<PaiTransportException>(() => services.Client.ListImagesAsync(new ListImagesRequest(), Token));

        Assert.AreEqual(ClientErrorCodes.NetworkFailure, exception.Code);
        Assert.AreEqual(PaiErrorKind.ServiceFailure, exception.Kind);
        StringAssert.Contains(exception.Message, endpoint.Authority);
        Assert.IsNotNull(exception.Fix);
    }

    [TestMethod]
    public async Task A_success_reply_without_the_expected_json_is_reported()
    {
        _pai.RespondNext(200, """{"RequestId":"r-1"}""", "AddImage");

        var exception = await Assert.ThrowsExactlyAsync<PaiServiceException>(() => Client.AddImageAsync(Request, Token));

        Assert.AreEqual(ClientErrorCodes.UnreadableReply, exception.Code);
        Assert.AreEqual("r-1", exception.RequestId);
    }

    [TestMethod]
    public async Task ListAllImages_walks_every_page()
    {
        for (var i = 0; i < 120; i++)
        {
            _pai.Seed($"app-{i:D3}", $"registry.example.com/ns/app:{i}", "12345");
        }

        var names = new List<string>();
        await foreach (var image in Client.ListAllImagesAsync(new ListImagesRequest { WorkspaceId = "12345" }, Token))
        {
            names.Add(image.Name!);
        }

        Assert.HasCount(120, names.Distinct().ToList());
        CollectionAssert.AreEqual(
            new[] { "PageNumber=1&PageSize=50&WorkspaceId=12345", "PageNumber=2&PageSize=50&WorkspaceId=12345", "PageNumber=3&PageSize=50&WorkspaceId=12345" },
            _pai.Requests.Select(request => request.Query).ToArray());
    }

    [TestMethod]
    public async Task ListAllImages_stops_at_an_empty_page_even_if_TotalCount_says_more()
    {
        _pai.RespondNext(200, """{"RequestId":"r","TotalCount":500,"Images":[{"ImageId":"image-000000000000000001","Name":"a"}]}""", "ListImages");

        var images = new List<ImageInfo>();
        await foreach (var image in Client.ListAllImagesAsync(new ListImagesRequest(), Token))
        {
            images.Add(image);
        }

        Assert.HasCount(1, images);
        Assert.HasCount(2, _pai.RequestsOf("ListImages"));
    }

    [TestMethod]
    public async Task Cancellation_stops_a_waiting_request_and_a_cancelled_token_sends_nothing()
    {
        using (var cancelled = new CancellationTokenSource())
        {
            await cancelled.CancelAsync();
            await Assert.ThrowsAsync<OperationCanceledException>(() => Client.ListImagesAsync(new ListImagesRequest(), cancelled.Token));
        }

        Assert.IsEmpty(_pai.Requests);
        _pai.DelayNext(TimeSpan.FromSeconds(20), "ListImages");
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var listing = Client.ListImagesAsync(new ListImagesRequest(), cancellation.Token);
        await WaitForRequestAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => listing);
        Assert.HasCount(1, _pai.Requests);
    }

    private async Task WaitForRequestAsync()
    {
        while (_pai.Requests.Count == 0)
        {
            await Task.Delay(10, Token);
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
