using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PaiImage.Emulator.Faults;
using PaiImage.Emulator.Hosting;
using PaiImage.Emulator.Images;
using PaiImage.Emulator.Signing;

namespace PaiImage.Emulator;

/// <summary>
/// A running emulator of the AIWorkspace image API on loopback.
/// <code>await using var emu = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0 });</code>
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, Uri endpoint, FaultController faults, EmulatorState state, IReadOnlyList<EmulatorCredential> credentials)
    {
        _app = app;
        Endpoint = endpoint;
        Faults = faults;
        State = state;
        Credentials = credentials;
    }

    /// <summary>Base address, e.g. http://127.0.0.1:54321/ (no path).</summary>
    public Uri Endpoint { get; }

    /// <summary>host:port of <see cref="Endpoint"/>, the value clients put in their endpoint setting.</summary>
    public string HostAndPort => Endpoint.Authority;

    public FaultController Faults { get; }

    public EmulatorState State { get; }

    public IReadOnlyList<EmulatorCredential> Credentials { get; }

    /// <exception cref="ArgumentException">The host is not a loopback address or an option is out of range.</exception>
    /// <exception cref="InvalidDataException">The data file exists but is not emulator state.</exception>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var address = LoopbackAddress(options.Host);
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"Port {options.Port} is out of range 0-65535.", nameof(options));
        }

        if (options.Credentials.Count == 0)
        {
            throw new ArgumentException("At least one credential must be accepted.", nameof(options));
        }

        var faults = new FaultController(options.Faults, options.TimeProvider);
        var clock = new EmulatorClock(options.TimeProvider, faults);
        var store = new ImageStore(options.DataFile is null ? null : new StateFile(options.DataFile));
        var nonces = new NonceRegistry();
        var requests = new RequestLog();
        var state = new EmulatorState(store, requests, nonces);
        var pipeline = new EmulatorPipeline(faults, new SignatureVerifier(options.Credentials, nonces), clock, requests, options.RequestObserver);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, options.Port);
        });

        var app = builder.Build();
        app.Use(pipeline.InvokeAsync);
        new ImageEndpoints(store, clock, options.DefaultWorkspaceId).Map(app);
        AdminEndpoints.Map(app, state, faults, clock);

        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new EmulatorServer(app, new Uri(bound), faults, state, options.Credentials);
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM, or <see cref="DisposeAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static IPAddress LoopbackAddress(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)
            ? address
            : throw new ArgumentException($"Host '{host}' is not a loopback address; the emulator only listens on 127.0.0.1, localhost or ::1.", nameof(host));
    }
}
