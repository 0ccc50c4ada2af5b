using PaiImage.Emulator;

namespace PaiImage.Build.Tests.EndToEnd;

/// <summary>What one end-to-end test class shares: the run's environment and its own emulator accepting a per-class secret.</summary>
internal sealed class E2ESession : IAsyncDisposable
{
    private E2ESession(E2EEnvironment environment, EmulatorServer emulator, string secret)
    {
        Environment = environment;
        Emulator = emulator;
        Secret = secret;
    }

    public E2EEnvironment Environment { get; }

    public EmulatorServer Emulator { get; }

    /// <summary>The AccessKey secret the child builds get; tests assert it never shows up in their output.</summary>
    public string Secret { get; }

    public static async Task<E2ESession> StartAsync(string secretPrefix)
    {
        var secret = secretPrefix + Guid.NewGuid().ToString("N");
        var environment = await E2EEnvironment.GetAsync();
        var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Credentials = [new EmulatorCredential(E2EProject.KeyId, secret)] });
        return new E2ESession(environment, emulator, secret);
    }

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
