using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PaiImage.Tool.Tests.Infrastructure;

/// <summary>
/// A small in-memory AIWorkspace on 127.0.0.1: the four image operations, with the shapes of the real API.
/// It records every request it receives; it checks that requests carry an ACS3 Authorization header but does
/// not verify signatures (the core's tests do that).
/// </summary>
public sealed class FakePaiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _images = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private int _nextId;

    private FakePaiServer(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Every request received, as <c>METHOD /path?query</c>, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Answers every request with 503 (a service that never recovers).</summary>
    public bool AlwaysUnavailable { get; set; }

    /// <summary>Never answers; the request waits until the client gives up.</summary>
    public bool NeverAnswers { get; set; }

    /// <summary>Completes when the first request arrives.</summary>
    public Task FirstRequest => _firstRequest.Task;

    private readonly TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakePaiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakePaiServer(app);
        server.MapRoutes();
        await app.StartAsync();
        server.Endpoint = new Uri(app.Urls.Single());
        return server;
    }

    /// <summary>Stores an image as if registered earlier; returns its id.</summary>
    public string Seed(string name, string imageUri, string workspaceId, params (string Key, string Value)[] labels)
    {
        var id = NewImageId();
        var labelArray = new JsonArray();
        foreach (var (key, value) in labels)
        {
            labelArray.Add(new JsonObject { ["Key"] = key, ["Value"] = value });
        }

        _images[id] = new JsonObject
        {
            ["ImageId"] = id,
            ["Name"] = name,
            ["ImageUri"] = imageUri,
            ["WorkspaceId"] = workspaceId,
            ["Accessibility"] = "PRIVATE",
            ["Labels"] = labelArray,
            ["GmtCreateTime"] = "2026-01-21T17:12:35.232Z",
        };
        return id;
    }

    public JsonObject? Find(string imageId) => _images.TryGetValue(imageId, out var image) ? image : null;

    public IReadOnlyList<JsonObject> StoredImages => [.. _images.Values];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private void MapRoutes()
    {
        _app.Use(async (context, next) =>
        {
            _requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            _firstRequest.TrySetResult();
            if (NeverAnswers)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            if (AlwaysUnavailable)
            {
                await WriteError(context, StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "The service is temporarily unavailable.");
                return;
            }

            if (!context.Request.Headers.Authorization.ToString().StartsWith("ACS3-HMAC-SHA256 Credential=" + ToolProcess.AccessKeyId, StringComparison.Ordinal))
            {
                await WriteError(context, StatusCodes.Status400BadRequest, "MissingAuthorization", "No ACS3 Authorization header.");
                return;
            }

            await next(context);
        });
        _app.MapGet("/api/v1/images", ListImages);
        _app.MapPost("/api/v1/images", AddImage);
        _app.MapGet("/api/v1/images/{imageId}", GetImage);
        _app.MapDelete("/api/v1/images/{imageId}", RemoveImage);
    }

    private IResult ListImages(HttpRequest request)
    {
        string? Query(string name) => request.Query[name] is { Count: > 0 } values ? values.ToString() : null;
        var labels = (Query("Labels") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var matches = _images.Values
            .Where(i => Query("WorkspaceId") is not { } workspace || (string?)i["WorkspaceId"] == workspace)
            .Where(i => Query("Name") is not { } name || ((string?)i["Name"] ?? "").Contains(name, StringComparison.Ordinal))
            .Where(i => Query("ImageUri") is not { } uri || (string?)i["ImageUri"] == uri)
            .Where(i => labels.All(condition => i["Labels"]!.AsArray().Any(l => $"{l!["Key"]}={l["Value"]}" == condition)))
            .OrderBy(i => (string?)i["ImageId"], StringComparer.Ordinal)
            .ToList();
        var pageNumber = int.Parse(Query("PageNumber") ?? "1", CultureInfo.InvariantCulture);
        var pageSize = int.Parse(Query("PageSize") ?? "20", CultureInfo.InvariantCulture);
        var page = new JsonArray([.. matches.Skip((pageNumber - 1) * pageSize).Take(pageSize).Select(i => i.DeepClone())]);
        return Results.Json(new JsonObject { ["RequestId"] = NewRequestId(), ["TotalCount"] = matches.Count, ["Images"] = page });
    }

    private async Task<IResult> AddImage(HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        var id = (string?)body["ImageId"] ?? NewImageId();
        body["ImageId"] = id;
        body["GmtCreateTime"] = "2026-02-01T08:00:00Z";
        body["Labels"] ??= new JsonArray();
        _images[id] = body;
        return Results.Json(new JsonObject { ["RequestId"] = NewRequestId(), ["ImageId"] = id });
    }

    private IResult GetImage(string imageId)
    {
        if (!_images.TryGetValue(imageId, out var image))
        {
            return NotFound(imageId);
        }

        var reply = image.DeepClone().AsObject();
        reply.Remove("ImageId"); // the real GetImage reply has no ImageId
        reply["RequestId"] = NewRequestId();
        return Results.Json(reply);
    }

    private IResult RemoveImage(string imageId) =>
        _images.TryRemove(imageId, out _) ? Results.Json(new JsonObject { ["RequestId"] = NewRequestId() }) : NotFound(imageId);

    private static IResult NotFound(string imageId) => Results.Json(
        new JsonObject { ["RequestId"] = NewRequestId(), ["Code"] = "ImageNotFound", ["Message"] = $"Image {imageId} does not exist." },
        statusCode: StatusCodes.Status404NotFound);

    private static Task WriteError(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new JsonObject { ["RequestId"] = NewRequestId(), ["Code"] = code, ["Message"] = message });
    }

    private string NewImageId() =>
        "image-" + Interlocked.Increment(ref _nextId).ToString("D18", CultureInfo.InvariantCulture);

    private static string NewRequestId() => Guid.NewGuid().ToString("D").ToUpperInvariant();
}
