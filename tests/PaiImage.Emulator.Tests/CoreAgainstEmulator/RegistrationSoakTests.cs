using System.Collections.Concurrent;
using System.Diagnostics;
using PaiImage.Core.Operations;
using PaiImage.Core.Registration;
using PaiImage.Emulator.Faults;

namespace PaiImage.Emulator.Tests.CoreAgainstEmulator;

/// <summary>
/// Many registrations through the real registrar while the emulator fails about 30% of requests at random (500, 503,
/// throttling, connection dropped after storing, response cut short): every image must end up registered exactly once.
/// </summary>
[TestClass]
public sealed class RegistrationSoakTests
{
    private const int Registrations = 300;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Three_hundred_registrations_under_random_faults_store_each_image_exactly_once()
    {
        await using var session = await CoreSession.StartAsync(configure: options =>
        {
            options.MaxAttempts = 10;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            options.AttemptTimeout = TimeSpan.FromSeconds(15);
            options.TotalTimeout = TimeSpan.FromMinutes(2);
        });
        // The emulator has no random delay kind; a short delay on every request keeps requests overlapping.
        session.Emulator.Faults.Set(new FaultSettings { FaultRatio = 0.3, Seed = 20_240_611, RetryAfterMs = 2, DelayMs = 1 });
        var results = new ConcurrentDictionary<string, RegistrationResult>();
        var stopwatch = Stopwatch.StartNew();

        await Parallel.ForEachAsync(
            Enumerable.Range(0, Registrations),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.CancellationToken },
            async (i, token) =>
            {
                var request = new AddImageRequest { Name = $"soak-{i:000}", ImageUri = $"registry.example/soak/app-{i:000}:1.0" };
                var result = await session.Registrar.RegisterAsync(request, IfExistsPolicy.Fail, token);
                Assert.IsTrue(results.TryAdd(request.Name, result), $"{request.Name} reported twice");
            });

        stopwatch.Stop();
        session.Emulator.Faults.Reset();
        TestContext.WriteLine($"{Registrations} registrations took {stopwatch.Elapsed.TotalSeconds:0.0} s over {session.Emulator.State.Requests.Count} requests.");

        var images = session.Emulator.State.Images;
        Assert.HasCount(Registrations, images);
        Assert.HasCount(Registrations, images.Select(i => i.Name).Distinct());
        Assert.HasCount(Registrations, images.Select(i => i.ImageUri).Distinct());
        Assert.HasCount(Registrations, results);
        foreach (var image in images)
        {
            var result = results[image.Name];
            Assert.AreEqual(image.ImageId, result.ImageId, image.Name);
            Assert.AreEqual(image.ImageUri, result.ImageUri, image.Name);
            Assert.AreEqual(RegistrationOutcome.Created, result.Outcome, $"{image.Name}: no name was registered before");
        }

        var requests = session.Emulator.State.Requests;
        Assert.IsFalse(requests.Any(r => r.Code == ErrorCodes.ImageNameDuplicated), "AddImage was resent without checking that the first one was stored");
        foreach (var code in new[] { ErrorCodes.InternalError, ErrorCodes.ServiceUnavailable, ErrorCodes.ThrottlingUser })
        {
            Assert.IsTrue(requests.Any(r => r.Code == code), $"the run injected {code}");
        }

        Assert.IsTrue(requests.Any(r => r is { Action: "AddImage", Code: null, Aborted: true }), "an AddImage was stored, then its answer lost");
        Assert.IsTrue(requests.Any(r => r is { Action: "ListImages", Aborted: true }), "a lookup's answer was lost");
    }
}
