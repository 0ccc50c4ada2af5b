using PaiImage.Core;
using PaiImage.Core.Credentials;
using PaiImage.Core.Http;
using PaiImage.Core.Operations;
using PaiImage.Core.Registration;

namespace PaiImage.Emulator.Tests.CoreAgainstEmulator;

/// <summary>
/// The real core client (signing, retries, registrar) wired by <see cref="PaiImageServices.Create"/> against an
/// in-process emulator. Nothing is read from the machine: environment variables are injected as empty.
/// </summary>
internal sealed class CoreSession : IAsyncDisposable
{
    public static readonly PaiCredentials AccessKey = FromEmulator(EmulatorCredential.DefaultAccessKey);

    public static readonly PaiCredentials Sts = FromEmulator(EmulatorCredential.DefaultSts);

    private CoreSession(EmulatorServer emulator, PaiImageServices services)
    {
        Emulator = emulator;
        Services = services;
    }

    public EmulatorServer Emulator { get; }

    public PaiImageServices Services { get; }

    public PaiImageClient Client => Services.Client;

    public ImageRegistrar Registrar => Services.Registrar;

    /// <summary>
    /// Called inside the emulator after each API request is recorded and before its answer is sent, so a test can
    /// change the faults for the very next request deterministically.
    /// </summary>
    public Action<RecordedRequest>? OnRequest { get; set; }

    public static async Task<CoreSession> StartAsync(PaiCredentials? credentials = null, Action<PaiClientOptions>? configure = null)
    {
        CoreSession? session = null;
        var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, RequestObserver = r => session?.OnRequest?.Invoke(r) });
        try
        {
            session = new CoreSession(emulator, Connect(emulator, credentials ?? AccessKey, configure));
            return session;
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>Options a test starts from: tiny backoff so retries cost nothing, a short but safe attempt timeout.</summary>
    public static PaiImageServices Connect(EmulatorServer emulator, PaiCredentials credentials, Action<PaiClientOptions>? configure = null)
    {
        var options = new PaiClientOptions
        {
            Endpoint = emulator.Endpoint.ToString(),
            CredentialProvider = new StaticCredentialProvider(credentials),
            CredentialChain = new CredentialChainOptions { GetEnvironmentVariable = _ => null },
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            AttemptTimeout = TimeSpan.FromSeconds(10),
            TotalTimeout = TimeSpan.FromSeconds(60),
            MaxAttempts = 4,
        };
        configure?.Invoke(options);
        return PaiImageServices.Create(options);
    }

    /// <summary>The real proxy-aware primary handler, as the client builds it when no factory is set.</summary>
    public static HttpMessageHandler RealPrimaryHandler(PaiClientOptions options) =>
        PrimaryHandlerFactory.CreateProxyAware(options.CredentialChain.GetEnvironmentVariable, options.AttemptTimeout);

    public int CountRequests(string action) => Emulator.State.Requests.Count(r => r.Action == action);

    public async ValueTask DisposeAsync()
    {
        Services.Dispose();
        await Emulator.DisposeAsync();
    }

    private static PaiCredentials FromEmulator(EmulatorCredential credential) =>
        new(credential.AccessKeyId, credential.AccessKeySecret, credential.SecurityToken, Source: "emulator");
}
