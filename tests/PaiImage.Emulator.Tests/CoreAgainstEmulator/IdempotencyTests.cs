using PaiImage.Core.Errors;
using PaiImage.Core.Operations;
using PaiImage.Core.Registration;

namespace PaiImage.Emulator.Tests.CoreAgainstEmulator;

/// <summary>Re-running a registration through the real registrar changes nothing; a taken name follows the policy.</summary>
[TestClass]
public sealed class IdempotencyTests
{
    private const string FirstUri = "registry.example/ns/app:1.0";
    private const string OtherUri = "registry.example/ns/app:2.0";

    public TestContext TestContext { get; set; } = null!;

    private static AddImageRequest App(string uri) => new() { Name = "app", ImageUri = uri, Labels = [new("stage", "first")] };

    [TestMethod]
    public async Task Registering_the_same_name_and_uri_twice_reports_Existing_and_keeps_one_image()
    {
        await using var session = await CoreSession.StartAsync();
        var token = TestContext.CancellationToken;

        var first = await session.Registrar.RegisterAsync(App(FirstUri), IfExistsPolicy.Fail, token);
        var second = await session.Registrar.RegisterAsync(App(FirstUri), IfExistsPolicy.Fail, token);

        Assert.AreEqual(RegistrationOutcome.Created, first.Outcome);
        Assert.AreEqual(RegistrationOutcome.Existing, second.Outcome);
        Assert.AreEqual(first.ImageId, second.ImageId);
        Assert.AreEqual(first.ImageId, session.Emulator.State.Images.Single().ImageId);
        Assert.AreEqual(1, session.CountRequests("AddImage"));
    }

    [TestMethod]
    public async Task Same_name_other_uri_with_Fail_raises_PAI1030_and_changes_nothing()
    {
        await using var session = await CoreSession.StartAsync();
        var token = TestContext.CancellationToken;
        var first = await session.Registrar.RegisterAsync(App(FirstUri), IfExistsPolicy.Fail, token);

        var conflict = await Assert.ThrowsExactlyAsync<PaiConflictException>(
            () => session.Registrar.RegisterAsync(App(OtherUri), IfExistsPolicy.Fail, token));

        Assert.AreEqual("PAI1030", conflict.Code);
        Assert.AreEqual(first.ImageId, conflict.ExistingImageId);
        Assert.AreEqual(FirstUri, conflict.ExistingImageUri);
        Assert.AreEqual(FirstUri, session.Emulator.State.Images.Single().ImageUri);
        Assert.AreEqual(1, session.CountRequests("AddImage"));
    }

    [TestMethod]
    public async Task Same_name_other_uri_with_Skip_reports_the_existing_image_and_changes_nothing()
    {
        await using var session = await CoreSession.StartAsync();
        var token = TestContext.CancellationToken;
        var first = await session.Registrar.RegisterAsync(App(FirstUri), IfExistsPolicy.Fail, token);

        var skipped = await session.Registrar.RegisterAsync(App(OtherUri), IfExistsPolicy.Skip, token);

        Assert.AreEqual(RegistrationOutcome.Skipped, skipped.Outcome);
        Assert.AreEqual(first.ImageId, skipped.ImageId);
        var stored = session.Emulator.State.Images.Single();
        Assert.AreEqual(first.ImageId, stored.ImageId);
        Assert.AreEqual(FirstUri, stored.ImageUri);
        Assert.AreEqual(0, session.CountRequests("RemoveImage"));
    }

    [TestMethod]
    public async Task Same_name_other_uri_with_Replace_removes_the_old_image_and_registers_the_new_one()
    {
        await using var session = await CoreSession.StartAsync();
        var token = TestContext.CancellationToken;
        var first = await session.Registrar.RegisterAsync(App(FirstUri), IfExistsPolicy.Fail, token);

        var replaced = await session.Registrar.RegisterAsync(App(OtherUri), IfExistsPolicy.Replace, token);

        Assert.AreEqual(RegistrationOutcome.Replaced, replaced.Outcome);
        Assert.AreNotEqual(first.ImageId, replaced.ImageId);
        var stored = session.Emulator.State.Images.Single();
        Assert.AreEqual(replaced.ImageId, stored.ImageId);
        Assert.AreEqual(OtherUri, stored.ImageUri);
        Assert.IsNull(session.Emulator.State.Find(first.ImageId));

        var again = await session.Registrar.RegisterAsync(App(OtherUri), IfExistsPolicy.Replace, token);
        Assert.AreEqual(RegistrationOutcome.Existing, again.Outcome, "replacing with the same URI is a no-op");
        Assert.AreEqual(replaced.ImageId, session.Emulator.State.Images.Single().ImageId);
    }
}
