
namespace PaiImage.Build.Tests.EndToEnd;

/// <summary>`dotnet msbuild -restore -t:PaiRegisterImage` with the packed package: policies and misconfigurations.</summary>
[TestClass]
public sealed class StandaloneEndToEndTests
{
    private static E2ESession? _session;

    private static E2ESession Session => _session!;

    private static string Secret => Session.Secret;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _ = context;
        _session = await E2ESession.StartAsync("e2e-standalone-secret-");
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task Each_IfExists_policy_behaves_as_documented()
    {
        var project = E2EProject.Create(Session.Environment, Session.Emulator, Secret, "<PaiImageName>$([System.IO.Path]::GetFileNameWithoutExtension('$(MSBuildProjectFile)'))</PaiImageName>");
        var seeded = await Register(project, "seed:1");
        Assert.AreEqual(0, seeded.ExitCode, seeded.Output);

        var failed = await Register(project, "seed:2");
        var skipped = await Register(project, "seed:2", "-p:PaiImageIfExists=Skip");
        var replaced = await Register(project, "seed:2", "-p:PaiImageIfExists=Replace");

        Assert.AreNotEqual(0, failed.ExitCode, failed.Output);
        StringAssert.Matches(failed.Output, new System.Text.RegularExpressions.Regex(@"error PAI10\d\d"));
        Assert.AreEqual("Skipped", E2EProject.ResultOf(skipped).Outcome);
        Assert.AreEqual("Replaced", E2EProject.ResultOf(replaced).Outcome);
        Assert.AreEqual($"localhost:5000/{project.Repository}/seed:2", project.Registered().Single().ImageUri);
    }

    [TestMethod]
    public async Task Misconfigurations_fail_with_codes_before_any_request()
    {
        var project = E2EProject.Create(Session.Environment, Session.Emulator, Secret);
        var requestsBefore = Session.Emulator.State.Requests.Count;
        var propertySecret = "property-secret-" + Guid.NewGuid().ToString("N");

        var badPolicy = await Register(project, "x:1", "-p:PaiImageIfExists=Sometimes");
        var secret = await Register(project, "x:1", $"-p:PaiAccessKeySecret={propertySecret}");
        var badName = await Register(project, "x:1", "-p:PaiImageName=Not_Valid");

        StringAssert.Contains(badPolicy.Output, "error PAI4002");
        StringAssert.Contains(secret.Output, "error PAI4001");
        Assert.DoesNotContain(propertySecret, secret.Output);
        StringAssert.Matches(badName.Output, new System.Text.RegularExpressions.Regex(@"error PAI2\d\d\d: PaiImageName: "));
        Assert.IsTrue(new[] { badPolicy, secret, badName }.All(r => r.ExitCode != 0));
        Assert.AreEqual(requestsBefore, Session.Emulator.State.Requests.Count);
    }

    private static Task<ProcessResult> Register(E2EProject project, string repositorySuffix, params string[] arguments) =>
        project.DotnetAsync(["msbuild", "-restore", "-t:PaiRegisterImage", $"-p:PaiImageUri=localhost:5000/{project.Repository}/{repositorySuffix}", .. arguments]);
}
