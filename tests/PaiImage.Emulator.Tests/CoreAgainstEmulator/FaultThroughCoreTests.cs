using System.Text.RegularExpressions;
using PaiImage.Core.Errors;
using PaiImage.Core.Operations;
using PaiImage.Core.Registration;
using PaiImage.Emulator.Faults;

namespace PaiImage.Emulator.Tests.CoreAgainstEmulator;

/// <summary>Each fault the emulator injects, seen through the real client's retries and the registrar.</summary>
[TestClass]
public sealed partial class FaultThroughCoreTests
{
    public TestContext TestContext { get; set; } = null!;

    private static AddImageRequest Image(string name) => new() { Name = name, ImageUri = $"registry.example/ns/{name}:1.0" };

    [TestMethod]
    public async Task Throttling_waits_the_retry_after_then_succeeds_even_for_AddImage()
    {
        await using var session = await CoreSession.StartAsync();
        var token = TestContext.CancellationToken;
        session.Emulator.Faults.Update(f => f with { FailNext = 2, FailKind = FaultKind.Throttling, RetryAfterMs = 300 });

        var listed = await session.Client.ListImagesAsync(new ListImagesRequest(), token);

        Assert.AreEqual(0L, listed.TotalCount);
        var lists = session.Emulator.State.Requests.Where(r => r.Action == "ListImages").ToList();
        CollectionAssert.AreEqual(new[] { ErrorCodes.ThrottlingUser, ErrorCodes.ThrottlingUser, null }, lists.Select(r => r.Code).ToArray());
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250), lists[1].Time - lists[0].Time, "the server's x-acs-retry-after, not the 1 ms backoff");

        // Throttling means "not processed", so even the non-idempotent AddImage is sent again.
        session.Emulator.Faults.Update(f => f with { FailNext = 2, FailKind = FaultKind.Throttling, RetryAfterMs = 1 });
        var added = await session.Client.AddImageAsync(Image("throttled"), token);

        Assert.AreEqual(added.ImageId, session.Emulator.State.Images.Single().ImageId);
        Assert.AreEqual(3, session.CountRequests("AddImage"));
    }

    [TestMethod]
    [DataRow(FaultKind.InternalError, ErrorCodes.InternalError)]
    [DataRow(FaultKind.ServiceUnavailable, ErrorCodes.ServiceUnavailable)]
    public async Task Server_errors_on_reads_are_retried(FaultKind kind, string code)
    {
        await using var session = await CoreSession.StartAsync();
        var token = TestContext.CancellationToken;
        var id = (await session.Client.AddImageAsync(Image("read-me"), token)).ImageId;
        session.Emulator.Faults.FailNext(3, kind);

        var got = await session.Client.GetImageAsync(id, verbose: false, token);

        Assert.AreEqual("read-me", got.Image.Name);
        CollectionAssert.AreEqual(
            new[] { code, code, code, null },
            session.Emulator.State.Requests.Where(r => r.Action == "GetImage").Select(r => r.Code).ToArray());
    }

    [TestMethod]
    [DataRow(FaultKind.InternalError, 500)]
    [DataRow(FaultKind.ServiceUnavailable, 503)]
    public async Task Server_error_on_AddImage_is_not_resent_by_the_client_but_the_registrar_settles_it(FaultKind kind, int status)
    {
        await using var session = await CoreSession.StartAsync();
        var token = TestContext.CancellationToken;
        session.Emulator.Faults.FailNext(1, kind);

        var failure = await Assert.ThrowsExactlyAsync<PaiServiceException>(() => session.Client.AddImageAsync(Image("five-hundred"), token));
        Assert.AreEqual("PAI1001", failure.Code);
        Assert.AreEqual(status, failure.StatusCode);
        Assert.AreEqual(1, session.CountRequests("AddImage"), "AddImage may have been applied: the client must not resend it blindly");

        var lookupsBefore = session.CountRequests("ListImages");
        var result = await RegisterAfterFailingAddImageOnceAsync(session, kind, Image("five-hundred-registrar"), token);

        Assert.AreEqual(RegistrationOutcome.Created, result.Outcome);
        Assert.AreEqual(result.ImageId, session.Emulator.State.Images.Single(i => i.Name == "five-hundred-registrar").ImageId);
        Assert.IsGreaterThanOrEqualTo(2, session.CountRequests("ListImages") - lookupsBefore, "looked up before and after the ambiguous failure");
    }

    [TestMethod]
    public async Task Dropped_connection_after_store_on_AddImage_leaves_one_image_that_the_registrar_reports_as_created()
    {
        await using var session = await CoreSession.StartAsync();
        var token = TestContext.CancellationToken;
        session.Emulator.Faults.Update(f => f with { DropAfterStore = 1 });

        var result = await session.Registrar.RegisterAsync(Image("dropped"), IfExistsPolicy.Fail, token);

        Assert.AreEqual(RegistrationOutcome.Created, result.Outcome);
        var stored = session.Emulator.State.Images.Single();
        Assert.AreEqual(stored.ImageId, result.ImageId);
        var adds = session.Emulator.State.Requests.Where(r => r.Action == "AddImage").ToList();
        Assert.HasCount(1, adds, "found by lookup, not sent again");
        Assert.IsTrue(adds[0].Aborted);

        // The bare client cannot know the image was stored: it reports a network failure and does not resend.
        session.Emulator.Faults.Update(f => f with { DropAfterStore = 1 });
        var failure = await Assert.ThrowsExactlyAsync<PaiTransportException>(() => session.Client.AddImageAsync(Image("dropped-bare"), token));
        Assert.AreEqual("PAI1020", failure.Code);
        Assert.AreEqual(2, session.CountRequests("AddImage"));
        Assert.AreEqual(2, session.Emulator.State.Images.Count);
    }

    [TestMethod]
    public async Task Cut_response_on_a_read_is_retried()
    {
        await using var session = await CoreSession.StartAsync();
        var token = TestContext.CancellationToken;
        var id = (await session.Client.AddImageAsync(Image("cut-read"), token)).ImageId;
        session.Emulator.Faults.Update(f => f with { CutResponse = 2 });

        var listed = await session.Client.ListImagesAsync(new ListImagesRequest { Name = "cut" }, token);

        Assert.AreEqual(id, listed.Images.Single().ImageId);
        CollectionAssert.AreEqual(
            new[] { true, true, false },
            session.Emulator.State.Requests.Where(r => r.Action == "ListImages").Select(r => r.Aborted).ToArray());
    }

    [TestMethod]
    public async Task Cut_response_on_AddImage_through_the_registrar_leaves_one_image()
    {
        await using var session = await CoreSession.StartAsync();
        var token = TestContext.CancellationToken;
        ArmAfterFirstLookup(session, f => f with { CutResponse = 1 });

        var result = await session.Registrar.RegisterAsync(Image("cut-add"), IfExistsPolicy.Fail, token);

        Assert.AreEqual(RegistrationOutcome.Created, result.Outcome);
        Assert.AreEqual(result.ImageId, session.Emulator.State.Images.Single().ImageId);
        var add = session.Emulator.State.Requests.Single(r => r.Action == "AddImage");
        Assert.IsTrue(add.Aborted, "the stored image's answer was cut; the lookup found it");
    }

    [TestMethod]
    public async Task Delay_beyond_the_attempt_timeout_on_AddImage_is_settled_by_lookup()
    {
        var delayedOnce = 0;
        EmulatorServer? emulator = null;
        await using var session = await CoreSession.StartAsync(configure: options =>
        {
            options.AttemptTimeout = TimeSpan.FromSeconds(2);
            options.PrimaryHandlerFactory = () => new OnFailureHandler(CoreSession.RealPrimaryHandler(options), request =>
            {
                // The client gave up on the delayed AddImage: stop delaying so the lookup and resend get through.
                if (request.Headers.GetValues("x-acs-action").Single() == "AddImage" && Interlocked.Exchange(ref delayedOnce, 1) == 0)
                {
                    emulator!.Faults.Update(f => f with { DelayMs = 0 });
                }
            });
        });
        emulator = session.Emulator;
        var token = TestContext.CancellationToken;
        ArmAfterFirstLookup(session, f => f with { DelayMs = 30_000 });

        var result = await session.Registrar.RegisterAsync(Image("slow-add"), IfExistsPolicy.Fail, token);

        Assert.AreEqual(1, delayedOnce, "the first AddImage timed out");
        Assert.AreEqual(RegistrationOutcome.Created, result.Outcome);
        Assert.AreEqual(result.ImageId, session.Emulator.State.Images.Single().ImageId);
        var actions = session.Emulator.State.Requests.Where(r => r.Code is null).Select(r => r.Action).ToArray();
        CollectionAssert.AreEqual(new[] { "ListImages", "ListImages", "AddImage" }, actions, "looked up again before resending");
    }

    [TestMethod]
    public async Task Clock_shift_of_20_minutes_surfaces_as_PAI1004_with_the_skew()
    {
        await using var session = await CoreSession.StartAsync();
        session.Emulator.Faults.Update(f => f with { ClockShiftSeconds = 1200 });

        var failure = await Assert.ThrowsExactlyAsync<PaiServiceException>(
            () => session.Client.ListImagesAsync(new ListImagesRequest(), TestContext.CancellationToken));

        Assert.AreEqual("PAI1004", failure.Code);
        Assert.AreEqual("InvalidTimeStamp.Expired", failure.ServiceCode);
        Assert.MatchesRegex(SkewOfTwentyMinutes(), failure.Message);
        Assert.AreEqual(1, session.CountRequests("ListImages"), "a rejected timestamp is not retried");
    }

    [TestMethod]
    [DataRow("AccessKey")]
    [DataRow("Sts")]
    public async Task Wrong_secret_surfaces_as_PAI1003_with_our_string_to_sign_and_without_the_secret(string kind)
    {
        const string wrongSecret = "not-the-emulator-secret-4711";
        var right = kind == "Sts" ? CoreSession.Sts : CoreSession.AccessKey;
        await using var session = await CoreSession.StartAsync(right with { AccessKeySecret = wrongSecret });

        var failure = await Assert.ThrowsExactlyAsync<PaiServiceException>(
            () => session.Client.ListImagesAsync(new ListImagesRequest { Query = "a b*~/=,+ü" }, TestContext.CancellationToken));

        Assert.AreEqual("PAI1003", failure.Code);
        Assert.AreEqual("SignatureDoesNotMatch", failure.ServiceCode);
        var ours = OurStringToSign().Match(failure.Message);
        Assert.IsTrue(ours.Success, failure.Message);
        StringAssert.EndsWith(failure.ServiceMessage, "server string to sign is:ACS3-HMAC-SHA256\n" + ours.Groups["hash"].Value,
            "same canonical request on both sides: only the secret differs");
        foreach (var text in new[] { failure.Message, failure.ToDiagnosticLine(), failure.ToString() })
        {
            Assert.DoesNotContain(wrongSecret, text);
            Assert.DoesNotContain(right.AccessKeySecret, text);
            if (right.SecurityToken is { } securityToken)
            {
                Assert.DoesNotContain(securityToken, text);
            }
        }
    }

    /// <summary>Registers while the first AddImage fails with <paramref name="kind"/>: armed once the registrar's first lookup is answered.</summary>
    private static async Task<RegistrationResult> RegisterAfterFailingAddImageOnceAsync(
        CoreSession session, FaultKind kind, AddImageRequest request, CancellationToken token)
    {
        ArmAfterFirstLookup(session, f => f with { FailNext = 1, FailKind = kind });
        return await session.Registrar.RegisterAsync(request, IfExistsPolicy.Fail, token);
    }

    /// <summary>
    /// Applies <paramref name="change"/> as the next successful ListImages is answered, so the fault hits the AddImage
    /// the registrar sends after its first lookup rather than the lookup itself.
    /// </summary>
    private static void ArmAfterFirstLookup(CoreSession session, Func<FaultSettings, FaultSettings> change)
    {
        var armed = 0;
        session.OnRequest = request =>
        {
            if (request is { Action: "ListImages", Code: null, Aborted: false } && Interlocked.Exchange(ref armed, 1) == 0)
            {
                session.Emulator.Faults.Update(change);
            }
        };
    }

    [GeneratedRegex(@"The local clock is (19 min 5\d s|20 min [01] s) behind the server\.")]
    private static partial Regex SkewOfTwentyMinutes();

    [GeneratedRegex(@"Our string to sign was 'ACS3-HMAC-SHA256\\n(?<hash>[0-9a-f]{64})'")]
    private static partial Regex OurStringToSign();

    /// <summary>Wraps the real primary handler and reports attempts that failed without an answer (e.g. timed out).</summary>
    private sealed class OnFailureHandler(HttpMessageHandler inner, Action<HttpRequestMessage> onFailure) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch
            {
                onFailure(request);
                throw;
            }
        }
    }
}
