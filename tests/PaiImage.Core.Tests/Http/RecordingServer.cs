using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PaiImage.Core.Tests.Http;

/// <summary>What a loopback server received: the request target exactly as sent, the headers and the body bytes.</summary>
internal sealed record RecordedRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string[]> Headers, byte[] Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var values) ? string.Join(",", values) : string.Empty;
}

/// <summary>An in-process Kestrel on 127.0.0.1 with a random port that records every request and answers 200 "{}".</summary>
internal sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    private RecordingServer(WebApplication app) => this.app = app;

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<RecordingServer> StartAsync(Func<HttpContext, Task>? respond = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new RecordingServer(app);
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? string.Empty).ToArray(), StringComparer.OrdinalIgnoreCase);
            var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
            server.requests.Enqueue(new RecordedRequest(context.Request.Method, rawTarget, headers, body.ToArray()));
            if (respond is null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{}");
            }
            else
            {
                await respond(context);
            }
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
