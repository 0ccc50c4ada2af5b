using System.Globalization;
using PaiImage.Emulator.Faults;
using PaiImage.Emulator.Tests.Infrastructure;

namespace PaiImage.Emulator.Tests;

[TestClass]
public sealed class FaultTests
{
    private static TestRequest List() => new("GET", "/api/v1/images", "ListImages");

    [TestMethod]
    [DataRow(FaultKind.InternalError, 500, ErrorCodes.InternalError)]
    [DataRow(FaultKind.ServiceUnavailable, 503, ErrorCodes.ServiceUnavailable)]
    [DataRow(FaultKind.Throttling, 400, ErrorCodes.ThrottlingUser)]
    public async Task FailNext_fails_that_many_requests_then_recovers(FaultKind kind, int status, string code)
    {
        await using var emu = await Harness.StartAsync(new EmulatorOptions { Faults = new FaultSettings { FailNext = 2, FailKind = kind, RetryAfterMs = 250 } });

        var first = (await emu.SendAsync(emu.Signed(List()))).AssertError(status, code);
        (await emu.SendAsync(emu.Signed(List()))).AssertError(status, code);
        (await emu.SendAsync(emu.Signed(List()))).AssertOk();

        Assert.AreEqual(kind == FaultKind.Throttling, first.Headers.TryGetValue("x-acs-retry-after", out var retryAfter));
        Assert.AreEqual(kind == FaultKind.Throttling ? "250" : null, retryAfter);
        Assert.IsTrue(Guid.TryParse(first.Get("RequestId"), out _));
        Assert.AreEqual(0, emu.Server.Faults.Current.FailNext);
    }

    [TestMethod]
    public async Task Delay_holds_the_answer_back()
    {
        await using var emu = await Harness.StartAsync(new EmulatorOptions { Faults = new FaultSettings { DelayMs = 10_000 } });
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        using var message = emu.Signed(List()).ToMessage(emu.Server.Endpoint);

        await Assert.ThrowsExactlyAsync<TaskCanceledException>(() => impatient.SendAsync(message));
    }

    [TestMethod]
    public async Task DropAfterStore_stores_the_image_then_aborts_AddImage_only()
    {
        await using var emu = await Harness.StartAsync();
        emu.Server.Faults.Update(f => f with { DropAfterStore = 1 });

        (await emu.SendAsync(emu.Signed(List()))).AssertOk();
        var add = emu.Signed(new TestRequest("POST", "/api/v1/images", "AddImage").WithJson("""{"Name":"dropped","ImageUri":"r/x:1"}"""));
        await Assert.ThrowsExactlyAsync<HttpRequestException>(() => emu.SendAsync(add));

        Assert.AreEqual("dropped", emu.Server.State.Images.Single().Name);
        CollectionAssert.AreEqual(new[] { "dropped" }, await emu.ListNamesAsync());
        Assert.IsTrue(emu.Server.State.Requests.Single(r => r.Action == "AddImage").Aborted);
    }

    [TestMethod]
    public async Task DropAfterStore_with_scope_Any_aborts_other_operations_after_they_apply()
    {
        await using var emu = await Harness.StartAsync();
        var id = await emu.AddImageAsync("to-publish");
        emu.Server.Faults.Update(f => f with { DropAfterStore = 1, DropScope = DropScope.Any });

        var publish = emu.Signed(new TestRequest("PUT", $"/api/v1/images/{id}/publish", "PublishImage"));
        await Assert.ThrowsExactlyAsync<HttpRequestException>(() => emu.SendAsync(publish));

        Assert.AreEqual("PUBLIC", emu.Server.State.Find(id)!.Accessibility);
    }

    [TestMethod]
    public async Task CutResponse_declares_more_bytes_than_it_sends()
    {
        await using var emu = await Harness.StartAsync(new EmulatorOptions { Faults = new FaultSettings { CutResponse = 1 } });
        using var message = emu.Signed(List()).ToMessage(emu.Server.Endpoint);
        using var response = await emu.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);

        Assert.IsGreaterThan(0L, response.Content.Headers.ContentLength!.Value);
        await Assert.ThrowsAsync<Exception>(() => response.Content.ReadAsByteArrayAsync());
        (await emu.SendAsync(emu.Signed(List()))).AssertOk();
    }

    [TestMethod]
    public async Task Clock_shift_moves_the_date_window_and_the_Date_header()
    {
        await using var emu = await Harness.StartAsync(new EmulatorOptions { TimeProvider = new FixedTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero)) });

        await emu.AdminAsync(HttpMethod.Post, "/_emulator/faults", """{"ClockShiftSeconds":-3600}""");
        var stale = await emu.SendAsync(emu.Signed(List()));
        var shifted = (await emu.SendAsync(new TestRequest("GET", "/api/v1/images", "ListImages")
            .Sign(emu.Credential, emu.Server.HostAndPort, new DateTimeOffset(2030, 1, 1, 11, 0, 0, TimeSpan.Zero)))).AssertOk();

        stale.AssertError(400, ErrorCodes.InvalidTimeStampExpired);
        Assert.AreEqual("Tue, 01 Jan 2030 11:00:00 GMT", shifted.Headers["date"]);
    }

    [TestMethod]
    public async Task Rate_limit_throttles_beyond_the_limit_within_one_second()
    {
        var now = new DateTimeOffset(2030, 1, 1, 12, 0, 0, 250, TimeSpan.Zero);
        await using var emu = await Harness.StartAsync(new EmulatorOptions { TimeProvider = new FixedTimeProvider(now), Faults = new FaultSettings { RateLimitPerSecond = 2 } });

        (await emu.SendAsync(emu.Signed(List()))).AssertOk();
        (await emu.SendAsync(emu.Signed(List()))).AssertOk();
        var throttled = (await emu.SendAsync(emu.Signed(List()))).AssertError(400, ErrorCodes.ThrottlingUser);

        Assert.AreEqual("750", throttled.Headers["x-acs-retry-after"]);
    }

    [TestMethod]
    public async Task Fault_ratio_one_faults_every_request_and_zero_none()
    {
        await using var emu = await Harness.StartAsync(new EmulatorOptions { Faults = new FaultSettings { FaultRatio = 1, Seed = 7 } });

        var outcomes = await OutcomesAsync(emu, 12);
        emu.Server.Faults.Update(f => f with { FaultRatio = 0 });
        var clean = await OutcomesAsync(emu, 3);

        Assert.IsTrue(outcomes.All(o => o != "200"), string.Join(",", outcomes));
        Assert.IsGreaterThan(2, outcomes.Distinct().Count(), string.Join(",", outcomes));
        CollectionAssert.AreEqual(new[] { "200", "200", "200" }, clean);
    }

    [TestMethod]
    public async Task Fault_ratio_with_the_same_seed_repeats_the_same_faults()
    {
        await using var first = await Harness.StartAsync(new EmulatorOptions { Faults = new FaultSettings { FaultRatio = 0.5, Seed = 42 } });
        await using var second = await Harness.StartAsync(new EmulatorOptions { Faults = new FaultSettings { FaultRatio = 0.5, Seed = 42 } });

        var a = await OutcomesAsync(first, 16);
        var b = await OutcomesAsync(second, 16);

        CollectionAssert.AreEqual(a, b);
        CollectionAssert.Contains(a, "200");
        Assert.IsTrue(a.Any(o => o != "200"));
    }

    [TestMethod]
    public async Task Admin_endpoints_merge_faults_report_state_and_reset()
    {
        await using var emu = await Harness.StartAsync();
        await emu.AddImageAsync("kept");

        var merged = await emu.AdminAsync(HttpMethod.Post, "/_emulator/faults", """{"FailNext":1,"FailKind":"ServiceUnavailable"}""");
        await emu.AdminAsync(HttpMethod.Post, "/_emulator/faults", """{"DelayMs":0,"RetryAfterMs":5}""");
        var state = await emu.AdminAsync(HttpMethod.Get, "/_emulator/state");
        using var bad = await emu.Client.PostAsync(new Uri(emu.Server.Endpoint, "/_emulator/faults"), new StringContent("""{"FaultRatio":2}"""));
        using var unknown = await emu.Client.PostAsync(new Uri(emu.Server.Endpoint, "/_emulator/faults"), new StringContent("""{"FailNxt":1}"""));

        Assert.AreEqual("ServiceUnavailable", merged.GetProperty("FailKind").GetString());
        Assert.AreEqual(1, emu.Server.Faults.Current.FailNext);
        Assert.AreEqual(5, emu.Server.Faults.Current.RetryAfterMs);
        Assert.AreEqual("kept", state.GetProperty("Images")[0].GetProperty("Name").GetString());
        Assert.AreEqual(1, state.GetProperty("Requests").GetArrayLength());
        Assert.AreEqual(400, (int)bad.StatusCode);
        Assert.AreEqual(400, (int)unknown.StatusCode);

        await emu.AdminAsync(HttpMethod.Delete, "/_emulator/faults");
        Assert.AreEqual(new FaultSettings(), emu.Server.Faults.Current);
        await emu.AdminAsync(HttpMethod.Post, "/_emulator/reset");
        Assert.AreEqual(0, emu.Server.State.Images.Count);
        Assert.AreEqual(0, emu.Server.State.Requests.Count);
    }

    [TestMethod]
    public async Task Only_loopback_hosts_are_allowed()
    {
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => EmulatorServer.StartAsync(new EmulatorOptions { Host = "0.0.0.0" }));
    }

    private static async Task<List<string>> OutcomesAsync(Harness emu, int count)
    {
        var outcomes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            try
            {
                var response = await emu.SendAsync(emu.Signed(List()));
                outcomes.Add(response.Code ?? ((int)response.Status).ToString(CultureInfo.InvariantCulture));
            }
            catch (HttpRequestException)
            {
                outcomes.Add("aborted");
            }
        }

        return outcomes;
    }
}
