using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using PaiImage.Core;
using PaiImage.Core.Credentials;
using PaiImage.Core.Operations;
using PaiImage.Emulator;

namespace PaiImage.Benchmarks;

/// <summary>
/// AddImage round trips through the whole client (options, JSON, resilience pipeline, signing, HttpClient) against
/// the emulator on loopback. One operation is one AddImage call; <see cref="Concurrency"/> calls are in flight at once.
/// </summary>
[Config(typeof(ClientConfig))]
public class ClientBenchmarks
{
    private const int CallsPerInvoke = 256;

    private EmulatorServer? _inProcess;
    private Process? _process;
    private PaiImageServices? _services;
    private Uri? _endpoint;
    private int _next;

    [Params(1, 16)]
    public int Concurrency { get; set; }

    [Params(EmulatorHost.InProcess, EmulatorHost.Process)]
    public EmulatorHost Host { get; set; }

    [GlobalSetup]
    public async Task StartAsync()
    {
        if (Host == EmulatorHost.InProcess)
        {
            _inProcess = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0 });
            _endpoint = _inProcess.Endpoint;
        }
        else
        {
            (_process, _endpoint) = await EmulatorProcess.StartAsync();
        }

        var key = EmulatorCredential.DefaultAccessKey;
        _services = PaiImageServices.Create(new PaiClientOptions
        {
            Endpoint = _endpoint.ToString(),
            CredentialProvider = new StaticCredentialProvider(new PaiCredentials(key.AccessKeyId, key.AccessKeySecret)),
        });
    }

    /// <summary>Forget the images stored so far, so the emulator's store does not grow across iterations.</summary>
    [IterationCleanup]
    public void Reset()
    {
        if (_inProcess is not null)
        {
            _inProcess.State.Clear();
        }
        else
        {
            EmulatorProcess.Reset(_endpoint!);
        }
    }

    [Benchmark(OperationsPerInvoke = CallsPerInvoke, Description = "AddImage round trip")]
    public Task AddImage()
    {
        var workers = new Task[Concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Worker(CallsPerInvoke / Concurrency);
        }

        return Task.WhenAll(workers);
    }

    [GlobalCleanup]
    public async Task StopAsync()
    {
        _services?.Dispose();
        if (_inProcess is not null)
        {
            await _inProcess.DisposeAsync();
        }

        EmulatorProcess.Stop(_process);
    }

    private async Task Worker(int calls)
    {
        var client = _services!.Client;
        for (var i = 0; i < calls; i++)
        {
            var n = Interlocked.Increment(ref _next);
            await client.AddImageAsync(
                new AddImageRequest
                {
                    Name = $"bench-{n}",
                    ImageUri = $"127.0.0.1:5000/bench/app:{n}",
                    WorkspaceId = "bench",
                    Labels = [new ImageLabel("system.chipType", "CPU")],
                },
                CancellationToken.None).ConfigureAwait(false);
        }
    }
}
