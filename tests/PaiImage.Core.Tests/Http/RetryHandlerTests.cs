using Microsoft.AspNetCore.Http;
using PaiImage.Core.Http;

namespace PaiImage.Core.Tests.Http;

[TestClass]
public sealed class RetryHandlerTests
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(60);

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public void Backoff_doubles_from_the_base_delay_with_jitter_and_stops_at_30_seconds()
    {
        for (var sample = 0; sample < 100; sample++)
        {
            var first = Backoff.Delay(1, TimeSpan.FromSeconds(1));
            var third = Backoff.Delay(3, TimeSpan.FromSeconds(1));
            Assert.IsTrue(first >= TimeSpan.FromSeconds(0.5) && first < TimeSpan.FromSeconds(1.5), $"first retry waits {first}");
            Assert.IsTrue(third >= TimeSpan.FromSeconds(2) && third < TimeSpan.FromSeconds(6), $"third retry waits {third}");
            Assert.AreEqual(TimeSpan.FromSeconds(30), Backoff.Delay(10, TimeSpan.FromSeconds(1)));
        }
    }

    [TestMethod]
    public async Task The_servers_retry_after_is_waited_instead_of_the_backoff()
    {
        var replies = 0;
        await using var server = await RecordingServer.StartAsync(context =>
        {
            if (Interlocked.Increment(ref replies) == 1)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers[RetryAfter.AcsHeader] = "7000";
            }

            return Task.CompletedTask;
        });
        var clock = new DelayRecordingTimeProvider(AttemptTimeout, TotalTimeout);
        using var client = Client(Options(clock, retryBaseDelay: TimeSpan.FromMilliseconds(1)));

        using var response = await client.GetAsync(server.BaseAddress, Token);

        Assert.IsTrue(response.IsSuccessStatusCode);
        Assert.HasCount(2, server.Requests);
        CollectionAssert.AreEqual(new[] { TimeSpan.FromSeconds(7) }, clock.Delays.ToArray());
    }

    [TestMethod]
    public async Task Server_errors_wait_the_capped_backoff_and_the_last_reply_is_returned()
    {
        await using var server = await RecordingServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        var clock = new DelayRecordingTimeProvider(AttemptTimeout, TotalTimeout);
        using var client = Client(Options(clock, retryBaseDelay: TimeSpan.FromSeconds(20), maxAttempts: 4));

        using var response = await client.GetAsync(server.BaseAddress, Token);

        Assert.AreEqual(503, (int)response.StatusCode);
        Assert.HasCount(4, server.Requests);
        var delays = clock.Delays;
        Assert.HasCount(3, delays);
        Assert.IsTrue(delays[0] >= TimeSpan.FromSeconds(10) && delays[0] < TimeSpan.FromSeconds(30), $"first retry waits {delays[0]}");
        Assert.AreEqual(Backoff.MaxDelay, delays[2], "the third retry's 40 to 120 s is capped");
    }

    [TestMethod]
    public async Task A_retried_response_is_disposed()
    {
        var replies = 0;
        await using var server = await RecordingServer.StartAsync(context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref replies) == 1 ? StatusCodes.Status502BadGateway : StatusCodes.Status200OK;
            return context.Response.WriteAsync("reply", Token);
        });
        var seen = new ResponseRecordingHandler { InnerHandler = new SocketsHttpHandler { UseProxy = false } };
        using var client = new HttpClient(new RetryHandler(Options(TimeProvider.System, TimeSpan.FromMilliseconds(1))) { InnerHandler = seen });

        using var response = await client.GetAsync(server.BaseAddress, Token);

        Assert.HasCount(2, seen.Responses);
        await Assert.ThrowsExactlyAsync<ObjectDisposedException>(() => seen.Responses[0].Content.ReadAsStringAsync(Token));
        Assert.AreEqual("reply", await response.Content.ReadAsStringAsync(Token));
    }

    [TestMethod]
    public async Task The_last_attempts_timeout_is_reported_when_attempts_run_out()
    {
        await using var server = await SilentServerAsync();
        using var client = Client(Options(TimeProvider.System, TimeSpan.FromMilliseconds(1), maxAttempts: 2, attemptTimeout: TimeSpan.FromMilliseconds(300)));

        var exception = await Assert.ThrowsExactlyAsync<RequestTimeoutException>(() => client.GetAsync(server.BaseAddress, Token));

        Assert.AreEqual(TimeSpan.FromMilliseconds(300), exception.Timeout);
        Assert.HasCount(2, server.Requests);
    }

    [TestMethod]
    public async Task The_total_timeout_is_reported_when_it_runs_out_before_the_attempts()
    {
        await using var server = await SilentServerAsync();
        var options = Options(TimeProvider.System, TimeSpan.FromMilliseconds(1), maxAttempts: 10, attemptTimeout: TimeSpan.FromMilliseconds(300));
        options.TotalTimeout = TimeSpan.FromSeconds(1);
        using var client = Client(options);

        var exception = await Assert.ThrowsExactlyAsync<RequestTimeoutException>(() => client.GetAsync(server.BaseAddress, Token));

        Assert.AreEqual(TimeSpan.FromSeconds(1), exception.Timeout);
    }

    [TestMethod]
    public async Task Cancelling_during_the_wait_before_a_retry_is_cancellation_not_a_timeout()
    {
        await using var server = await RecordingServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        using var client = Client(Options(TimeProvider.System, retryBaseDelay: TimeSpan.FromSeconds(20)));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var sending = client.GetAsync(server.BaseAddress, cancellation.Token);
        while (server.Requests.Count == 0)
        {
            await Task.Delay(10, Token);
        }

        await cancellation.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => sending);
        Assert.HasCount(1, server.Requests);
    }

    private static Task<RecordingServer> SilentServerAsync() =>
        RecordingServer.StartAsync(context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));

    private static PaiClientOptions Options(TimeProvider clock, TimeSpan retryBaseDelay, int maxAttempts = 3, TimeSpan? attemptTimeout = null) => new()
    {
        TimeProvider = clock,
        RetryBaseDelay = retryBaseDelay,
        MaxAttempts = maxAttempts,
        AttemptTimeout = attemptTimeout ?? AttemptTimeout,
        TotalTimeout = TotalTimeout,
    };

    private static HttpClient Client(PaiClientOptions options) =>
        new(new RetryHandler(options) { InnerHandler = new ResponseBufferingHandler { InnerHandler = new SocketsHttpHandler { UseProxy = false } } });

    private sealed class ResponseRecordingHandler : DelegatingHandler
    {
        public List<HttpResponseMessage> Responses { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            Responses.Add(response);
            return response;
        }
    }
}
