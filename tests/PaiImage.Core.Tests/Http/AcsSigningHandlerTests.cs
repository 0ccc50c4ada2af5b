using System.Text;
using PaiImage.Core.Credentials;
using PaiImage.Core.Http;
using PaiImage.Core.Signing;

namespace PaiImage.Core.Tests.Http;

[TestClass]
public sealed class AcsSigningHandlerTests
{
    private const string Secret = "test-secret-value";
    private static readonly PaiCredentials LongTerm = new("test-id", Secret);
    private static readonly PaiCredentials Sts = new("STS.test-id", Secret, "test-security-token");

    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero));
    private int nonceCounter;

    [TestMethod]
    public async Task Post_with_json_body_verifies_on_the_server_and_sends_exactly_the_hashed_bytes()
    {
        await using var server = await RecordingServer.StartAsync();
        using var client = Client(LongTerm);
        var body = """{"Name":"my-app","Labels":[{"Key":"k","Value":"é"}]}""";
        using var request = Request(HttpMethod.Post, new Uri(server.BaseAddress, "/api/v1/images"), "AddImage");
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await client.SendAsync(request);

        var received = server.Requests.Single();
        Assert.IsNull(ServerSideVerifier.Verify(received, Secret));
        CollectionAssert.AreEqual(Encoding.UTF8.GetBytes(body), received.Body);
        Assert.AreEqual("/api/v1/images", received.RawTarget);
        Assert.AreEqual("application/json; charset=utf-8", received.Header("Content-Type"));
        Assert.AreEqual("2024-05-06T07:08:09Z", received.Header("x-acs-date"));
        Assert.AreEqual("nonce-1", received.Header("x-acs-signature-nonce"));
        Assert.AreEqual($"127.0.0.1:{server.BaseAddress.Port}", received.Header("Host"));
        StringAssert.Contains(received.Header("Authorization"), "content-type;host;x-acs-action");
    }

    [TestMethod]
    public async Task Path_and_query_on_the_wire_are_exactly_the_canonical_encodings()
    {
        await using var server = await RecordingServer.StartAsync();
        using var client = Client(LongTerm);
        var uri = new Uri(server.BaseAddress, "/api/v1/images/a%20b%2A~%2F%3D%2C+%C3%A9/labels?Labels=system.chipType%3DGPU%2Csystem.framework%3DPyTorch%202.1&Name=my*app&Empty&Plus=a+b&Tilde=%7E");
        using var request = Request(HttpMethod.Get, uri, "ListImages");

        using var response = await client.SendAsync(request);

        var received = server.Requests.Single();
        Assert.AreEqual(
            "/api/v1/images/a%20b%2A~%2F%3D%2C%2B%C3%A9/labels?Empty=&Labels=system.chipType%3DGPU%2Csystem.framework%3DPyTorch%202.1&Name=my%2Aapp&Plus=a%2Bb&Tilde=~",
            received.RawTarget);
        Assert.IsNull(ServerSideVerifier.Verify(received, Secret));
        var signature = request.Options.TryGetValue(AcsSigningHandler.SignatureOption, out var stored) ? stored : null;
        Assert.IsNotNull(signature);
        Assert.AreEqual(received.RawTarget.Split('?')[1], signature.CanonicalQueryString);
    }

    [TestMethod]
    public async Task Unescaped_characters_in_the_uri_are_encoded_and_still_verify()
    {
        await using var server = await RecordingServer.StartAsync();
        using var client = Client(LongTerm);
        using var request = Request(HttpMethod.Delete, new Uri(server.BaseAddress, "/api/v1/images/my image/labels/é?x=a b"), "RemoveImageLabels");

        using var response = await client.SendAsync(request);

        var received = server.Requests.Single();
        Assert.AreEqual("/api/v1/images/my%20image/labels/%C3%A9?x=a%20b", received.RawTarget);
        Assert.IsNull(ServerSideVerifier.Verify(received, Secret));
    }

    [TestMethod]
    public async Task Sts_credentials_send_the_token_and_access_key_id_signed()
    {
        await using var server = await RecordingServer.StartAsync();
        using var client = Client(Sts);
        using var request = Request(HttpMethod.Get, new Uri(server.BaseAddress, "/api/v1/images"), "ListImages");

        using var response = await client.SendAsync(request);

        var received = server.Requests.Single();
        Assert.AreEqual("test-security-token", received.Header("x-acs-security-token"));
        Assert.AreEqual("STS.test-id", received.Header("x-acs-accesskey-id"));
        StringAssert.Contains(received.Header("Authorization"), "Credential=STS.test-id,");
        StringAssert.Contains(received.Header("Authorization"), "x-acs-security-token");
        Assert.IsNull(ServerSideVerifier.Verify(received, Secret));
    }

    [TestMethod]
    public async Task Retrying_the_same_request_resigns_with_fresh_date_and_nonce_and_no_duplicate_headers()
    {
        await using var server = await RecordingServer.StartAsync();
        using var client = Client(Sts, retry: true);
        using var request = Request(HttpMethod.Post, new Uri(server.BaseAddress, "/api/v1/images"), "AddImage");
        // A non-seekable stream can be read only once: the retry must reuse the bytes read the first time.
        request.Content = new StreamContent(new OneShotStream(Encoding.UTF8.GetBytes("""{"Name":"x"}""")));
        request.Content.Headers.ContentType = new("application/json");

        using var response = await client.SendAsync(request);

        Assert.HasCount(2, server.Requests);
        var (first, second) = (server.Requests[0], server.Requests[1]);
        Assert.AreNotEqual(first.Header("x-acs-signature-nonce"), second.Header("x-acs-signature-nonce"));
        Assert.AreNotEqual(first.Header("x-acs-date"), second.Header("x-acs-date"));
        foreach (var name in new[] { "Authorization", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256", "x-acs-security-token", "x-acs-accesskey-id", "x-acs-action", "Host", "Content-Type" })
        {
            Assert.HasCount(1, second.Headers[name], name);
        }

        CollectionAssert.AreEqual(first.Body, second.Body);
        Assert.AreEqual("""{"Name":"x"}""", Encoding.UTF8.GetString(second.Body));
        Assert.IsNull(ServerSideVerifier.Verify(first, Secret));
        Assert.IsNull(ServerSideVerifier.Verify(second, Secret));
    }

    [TestMethod]
    public async Task Several_values_of_one_x_acs_header_are_sent_as_the_one_value_that_was_signed()
    {
        await using var server = await RecordingServer.StartAsync();
        using var client = Client(LongTerm);
        using var request = Request(HttpMethod.Get, new Uri(server.BaseAddress, "/"), "ListImages");
        request.Headers.TryAddWithoutValidation("x-acs-extra", ["b ", " a"]);

        using var response = await client.SendAsync(request);

        var received = server.Requests.Single();
        Assert.AreEqual("a,b", received.Header("x-acs-extra"));
        Assert.IsNull(ServerSideVerifier.Verify(received, Secret));
    }

    [TestMethod]
    public async Task A_request_without_action_or_version_is_a_programming_error()
    {
        using var client = Client(LongTerm);
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:1/");
        request.Headers.Add("x-acs-action", "ListImages");

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => client.SendAsync(request));
    }

    [TestMethod]
    public void Synchronous_send_is_not_supported()
    {
        using var client = Client(LongTerm);
        using var request = Request(HttpMethod.Get, new Uri("http://127.0.0.1:1/"), "ListImages");

        Assert.ThrowsExactly<NotSupportedException>(() => client.Send(request));
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri uri, string action)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Add(AcsV3Signer.Headers.Action, action);
        request.Headers.Add(AcsV3Signer.Headers.Version, "2021-02-04");
        return request;
    }

    private HttpClient Client(PaiCredentials credentials, bool retry = false)
    {
        var signing = new AcsSigningHandler(new StaticCredentialProvider(credentials), clock, () => $"nonce-{++nonceCounter}")
        {
            InnerHandler = new SocketsHttpHandler { UseProxy = false },
        };
        HttpMessageHandler outer = retry ? new SendTwiceHandler(clock) { InnerHandler = signing } : signing;
        return new HttpClient(outer);
    }

    /// <summary>Sends the same request message twice, a second later, as a retry policy does.</summary>
    private sealed class SendTwiceHandler(ManualTimeProvider clock) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            (await base.SendAsync(request, cancellationToken)).Dispose();
            clock.Now += TimeSpan.FromSeconds(1);
            return await base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>A stream that cannot seek, so its content can be read only once.</summary>
    private sealed class OneShotStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
