using PaiImage.Emulator;

namespace PaiImage.Build.Tests.EndToEnd;

/// <summary>`dotnet msbuild -restore -t:PaiRegisterImage` with the packed package: policies and misconfigurations.</summary>
[TestClass]
public sealed class StandaloneEndToEndTests
{
    private static readonly string Secret = "e2e-standalone-secret-" + Guid.NewGuid().ToString("N");
    private static EmulatorServer? _emulator;
    private static E2EEnvironment? _environment;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _ = context;
        _environment = await E2EEnvironment.GetAsync();
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Credentials = [new EmulatorCredential(E2EProject.KeyId, Secret)] });
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task Each_IfExists_policy_behaves_as_documented()
    {
        var project = E2EProject.Create(_environment!, _emulator!, Secret, "<PaiImageName>$([System.IO.Path]::GetFileNameWithoutExtension('$(MSBuildProjectFile)'))</PaiImageName>");
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
        var project = E2EProject.Create(_environment!, _emulator!, Secret);
        var requestsBefore = _emulator!.State.Requests.Count;
        var propertySecret = "property-secret-" + Guid.NewGuid().ToString("N");

        var badPolicy = await Register(project, "x:1", "-p:PaiImageIfExists=Sometimes");
        var secret = await Register(project, "x:1", $"-p:PaiAccessKeySecret={propertySecret}");
        var badName = await Register(project, "x:1", "-p:PaiImageName=Not_Valid");

        StringAssert.Contains(badPolicy.Output, "error PAI4002");
        StringAssert.Contains(secret.Output, "error PAI4001");
        Assert.DoesNotContain(propertySecret, secret.Output);
        StringAssert.Matches(badName.Output, new System.Text.RegularExpressions.Regex(@"error PAI2\d\d\d: PaiImageName: "));
        Assert.IsTrue(new[] { badPolicy, secret, badName }.All(r => r.ExitCode != 0));
        Assert.AreEqual(requestsBefore, _emulator.State.Requests.Count);
    }

    private static Task<ProcessResult> Register(E2EProject project, string repositorySuffix, params string[] arguments) =>
        project.DotnetAsync(["msbuild", "-restore", "-t:PaiRegisterImage", $"-p:PaiImageUri=localhost:5000/{project.Repository}/{repositorySuffix}", .. arguments]);
}
