using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace PaiImage.Core.Tests.Client;

/// <summary>
/// A fake AIWorkspace image API on a real Kestrel at http://127.0.0.1:&lt;free port&gt;, for tests. Stores images in
/// memory, records every request, checks nothing about signatures, and can be scripted to misbehave on the next
/// requests (optionally only for one action): errors, throttling, delays, dropped connections, HTML pages.
/// Self-contained: other test projects may link this file.
/// </summary>
public sealed class FakePai : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<FakePaiRequest> _requests = [];
    private readonly List<FakePaiImage> _images = [];
    private readonly List<Fault> _faults = [];
    private int _lastId;

    private FakePai(WebApplication app)
    {
        _app = app;
        app.Run(HandleAsync);
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<FakePaiRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The images stored now.</summary>
    public IReadOnlyList<FakePaiImage> StoredImages
    {
        get
        {
            lock (_gate)
            {
                return [.. _images];
            }
        }
    }

    public static async Task<FakePai> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakePai(builder.Build());
        await fake._app.StartAsync();
        fake.Endpoint = new Uri(fake._app.Urls.First().TrimEnd('/') + "/");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        // Requests still waiting in a scripted delay are cut off rather than awaited.
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    /// <summary>The requests of one action (the x-acs-action header).</summary>
    public IReadOnlyList<FakePaiRequest> RequestsOf(string action) => [.. Requests.Where(request => request.Action == action)];

    /// <summary>Stores an image as if AddImage had been called.</summary>
    public FakePaiImage Seed(string name, string imageUri, string? workspaceId = null, string accessibility = "PRIVATE")
    {
        lock (_gate)
        {
            var image = new FakePaiImage { ImageId = NewId(), Name = name, ImageUri = imageUri, WorkspaceId = workspaceId, Accessibility = accessibility };
            _images.Add(image);
            return image;
        }
    }

    /// <summary>Answers the next <paramref name="count"/> requests with Alibaba's error JSON.</summary>
    public void FailNext(int count, int statusCode, string code = "InternalError", string message = "The request processing has failed due to some unknown error.", string? action = null) =>
        Script(count, action, new Fault(FaultKind.Error, statusCode, code, message));

    /// <summary>Answers the next requests with 400 Throttling.User and <c>x-acs-retry-after</c>.</summary>
    public void ThrottleNext(int count, int retryAfterMilliseconds, string? action = null) =>
        Script(count, action, new Fault(FaultKind.Error, 400, "Throttling.User", "Request was denied due to user flow control.", RetryAfterMilliseconds: retryAfterMilliseconds));

    /// <summary>Answers the next requests with a proxy's HTML 502 page.</summary>
    public void BadGatewayHtmlNext(int count, string? action = null) => Script(count, action, new Fault(FaultKind.Html, 502));

    /// <summary>Answers the next request with this exact status and JSON, without processing it.</summary>
    public void RespondNext(int statusCode, string json, string? action = null) => Script(1, action, new Fault(FaultKind.Canned, statusCode, Json: json));

    /// <summary>Waits before processing the next request (gives up early if the client goes away, leaving nothing stored).</summary>
    public void DelayNext(TimeSpan delay, string? action = null) => Script(1, action, new Fault(FaultKind.Delay, Delay: delay));

    /// <summary>Drops the connection of the next request without processing it.</summary>
    public void DropConnectionNext(string? action = null) => Script(1, action, new Fault(FaultKind.Drop));

    /// <summary>Processes the next request (e.g. stores the image), then drops the connection instead of answering.</summary>
    public void DropConnectionAfterProcessingNext(string? action = "AddImage") => Script(1, action, new Fault(FaultKind.DropAfterProcessing));

    private void Script(int count, string? action, Fault fault)
    {
        lock (_gate)
        {
            _faults.AddRange(Enumerable.Repeat(fault with { Action = action }, count));
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        var request = new FakePaiRequest(
            context.Request.Method,
            context.Features.Get<IHttpRequestFeature>()!.RawTarget,
            context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
        Fault? fault;
        lock (_gate)
        {
            _requests.Add(request);
            fault = _faults.FirstOrDefault(candidate => candidate.Action is null || candidate.Action == request.Action);
            if (fault is not null)
            {
                _faults.Remove(fault);
            }
        }

        switch (fault?.Kind)
        {
            case FaultKind.Error:
                if (fault.RetryAfterMilliseconds is { } retryAfter)
                {
                    context.Response.Headers["x-acs-retry-after"] = retryAfter.ToString(CultureInfo.InvariantCulture);
                }

                await WriteAsync(context, Error(fault.StatusCode, fault.Code!, fault.Message!));
                return;
            case FaultKind.Html:
                context.Response.StatusCode = fault.StatusCode;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body><h1>502 Bad Gateway</h1></body></html>");
                return;
            case FaultKind.Canned:
                await WriteAsync(context, new Reply(fault.StatusCode, JsonNode.Parse(fault.Json!)!));
                return;
            case FaultKind.Drop:
                context.Abort();
                return;
            case FaultKind.Delay:
                await Task.Delay(fault.Delay, context.RequestAborted);
                break;
        }

        var reply = Dispatch(request, context.Request);
        if (fault?.Kind == FaultKind.DropAfterProcessing)
        {
            context.Abort();
            return;
        }

        await WriteAsync(context, reply);
    }

    private Reply Dispatch(FakePaiRequest request, HttpRequest http)
    {
        var segments = http.Path.Value!.Trim('/').Split('/');
        if (http.Headers["x-acs-version"] != "2021-02-04")
        {
            return Error(400, "InvalidVersion", "x-acs-version must be 2021-02-04.");
        }

        var (action, handler) = (http.Method, segments) switch
        {
            ("POST", ["api", "v1", "images"]) => ("AddImage", () => AddImage(request.Body)),
            ("GET", ["api", "v1", "images"]) => ("ListImages", () => ListImages(http.Query)),
            ("GET", ["api", "v1", "images", var id]) => ("GetImage", () => GetImage(id, http.Query["Verbose"] == "true")),
            ("DELETE", ["api", "v1", "images", var id]) => ("RemoveImage", () => RemoveImage(id)),
            ("POST", ["api", "v1", "images", var id, "labels"]) => ("AddImageLabels", () => AddImageLabels(id, request.Body)),
            ("DELETE", ["api", "v1", "images", var id, "labels", var key]) => ("RemoveImageLabels", () => RemoveImageLabel(id, key)),
            ("GET", ["api", "v1", "image", "labels"]) => ("ListImageLabels", () => ListImageLabels(http.Query)),
            ("PUT", ["api", "v1", "images", var id, "publish"]) => ("PublishImage", () => PublishImage(id)),
            _ => ((string?)null, (Func<Reply>?)null),
        };

        if (handler is null)
        {
            return Error(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
        }

        return action == request.Action ? handler() : Error(400, "InvalidAction.Mismatch", $"x-acs-action is '{request.Action}' but the path is {action}'s.");
    }

    private Reply AddImage(string body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        var name = (string?)json["Name"];
        var imageUri = (string?)json["ImageUri"];
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(imageUri))
        {
            return Error(400, "MissingParameter", "Name and ImageUri are required.");
        }

        lock (_gate)
        {
            var workspaceId = (string?)json["WorkspaceId"];
            if (_images.Any(image => image.Name == name && image.WorkspaceId == workspaceId))
            {
                return Error(400, "100400009", "Image name exist error");
            }

            var image = new FakePaiImage
            {
                ImageId = (string?)json["ImageId"] ?? NewId(),
                Name = name,
                ImageUri = imageUri,
                WorkspaceId = workspaceId,
                Accessibility = (string?)json["Accessibility"] ?? "PRIVATE",
                Description = (string?)json["Description"],
                Size = (long?)json["Size"],
                SourceType = (string?)json["SourceType"],
                SourceId = (string?)json["SourceId"],
            };
            image.Labels.AddRange(ReadLabels(json));
            _images.Add(image);
            return Ok(new JsonObject { ["ImageId"] = image.ImageId });
        }
    }

    private Reply ListImages(IQueryCollection query)
    {
        var conditions = ParseConditions(query["Labels"]);
        var pageNumber = int.Parse(query["PageNumber"].FirstOrDefault() ?? "1", CultureInfo.InvariantCulture);
        var pageSize = int.Parse(query["PageSize"].FirstOrDefault() ?? "20", CultureInfo.InvariantCulture);
        var verbose = query["Verbose"] == "true";
        lock (_gate)
        {
            var matches = _images
                .Where(image => query["WorkspaceId"].FirstOrDefault() is not { } workspaceId || image.WorkspaceId == workspaceId)
                .Where(image => query["Name"].FirstOrDefault() is not { } name || image.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
                .Where(image => query["ImageUri"].FirstOrDefault() is not { } uri || image.ImageUri == uri)
                .Where(image => query["Accessibility"].FirstOrDefault() is not { } accessibility || image.Accessibility == accessibility)
                .Where(image => conditions.All(condition => image.Labels.Any(label => label.Key == condition.Key && label.Value == condition.Value)))
                .ToList();
            var page = new JsonArray([.. matches.Skip((pageNumber - 1) * pageSize).Take(pageSize).Select(image => (JsonNode)ToJson(image, includeId: true, verbose))]);
            return Ok(new JsonObject { ["TotalCount"] = matches.Count, ["Images"] = page });
        }
    }

    private Reply GetImage(string imageId, bool verbose)
    {
        lock (_gate)
        {
            return Find(imageId) is { } image ? Ok(ToJson(image, includeId: false, verbose)) : NotFound(imageId);
        }
    }

    private Reply RemoveImage(string imageId)
    {
        lock (_gate)
        {
            return Find(imageId) is { } image && _images.Remove(image) ? Ok([]) : NotFound(imageId);
        }
    }

    private Reply AddImageLabels(string imageId, string body)
    {
        var labels = ReadLabels(JsonNode.Parse(body)!.AsObject());
        lock (_gate)
        {
            if (Find(imageId) is not { } image)
            {
                return NotFound(imageId);
            }

            foreach (var label in labels)
            {
                image.Labels.RemoveAll(existing => existing.Key == label.Key);
                image.Labels.Add(label);
            }

            return Ok([]);
        }
    }

    private Reply RemoveImageLabel(string imageId, string key)
    {
        lock (_gate)
        {
            if (Find(imageId) is not { } image)
            {
                return NotFound(imageId);
            }

            image.Labels.RemoveAll(label => label.Key == key);
            return Ok([]);
        }
    }

    private Reply ListImageLabels(IQueryCollection query)
    {
        var conditions = ParseConditions(query["LabelFilter"]);
        var keys = query["LabelKeys"].FirstOrDefault()?.Split(',');
        lock (_gate)
        {
            var labels = _images
                .Where(image => query["ImageId"].FirstOrDefault() is not { } id || image.ImageId == id)
                .Where(image => query["WorkspaceId"].FirstOrDefault() is not { } workspaceId || image.WorkspaceId == workspaceId)
                .SelectMany(image => image.Labels)
                .Where(label => keys is null || keys.Contains(label.Key))
                .Where(label => conditions.Count == 0 || conditions.Contains(label))
                .Distinct()
                .ToList();
            return Ok(new JsonObject { ["TotalCount"] = labels.Count, ["Labels"] = LabelsJson(labels) });
        }
    }

    private Reply PublishImage(string imageId)
    {
        lock (_gate)
        {
            if (Find(imageId) is not { } image)
            {
                return NotFound(imageId);
            }

            image.Accessibility = "PUBLIC";
            return Ok(new JsonObject { ["ImageId"] = imageId });
        }
    }

    private FakePaiImage? Find(string imageId) => _images.Find(image => image.ImageId == imageId);

    private string NewId() => $"image-{++_lastId:D18}";

    private static List<FakePaiLabel> ReadLabels(JsonObject json) =>
        [.. (json["Labels"]?.AsArray() ?? []).Select(label => new FakePaiLabel((string)label!["Key"]!, (string)label["Value"]!))];

    private static List<FakePaiLabel> ParseConditions(string? conditions) =>
        [.. (conditions ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(condition => condition.Split('=', 2)).Select(parts => new FakePaiLabel(parts[0], parts.Length > 1 ? parts[1] : string.Empty))];

    private static JsonObject ToJson(FakePaiImage image, bool includeId, bool verbose)
    {
        var json = new JsonObject();
        if (includeId)
        {
            json["ImageId"] = image.ImageId;
        }

        json["Name"] = image.Name;
        json["ImageUri"] = image.ImageUri;
        json["WorkspaceId"] = image.WorkspaceId;
        json["Accessibility"] = image.Accessibility;
        json["Description"] = image.Description;
        json["Size"] = image.Size;
        json["SourceType"] = image.SourceType;
        json["SourceId"] = image.SourceId;
        json["GmtCreateTime"] = image.GmtCreateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        if (verbose)
        {
            json["Labels"] = LabelsJson(image.Labels);
        }

        return json;
    }

    private static JsonArray LabelsJson(IEnumerable<FakePaiLabel> labels) =>
        new([.. labels.Select(label => (JsonNode)new JsonObject { ["Key"] = label.Key, ["Value"] = label.Value })]);

    private static Reply Ok(JsonObject body)
    {
        body["RequestId"] = Guid.NewGuid().ToString().ToUpperInvariant();
        return new Reply(200, body);
    }

    private static Reply NotFound(string imageId) => Error(404, "100400027", $"Image {imageId} not found");

    private static Reply Error(int statusCode, string code, string message)
    {
        var requestId = Guid.NewGuid().ToString().ToUpperInvariant();
        return new Reply(statusCode, new JsonObject
        {
            ["RequestId"] = requestId,
            ["HostId"] = "aiworkspace.fake.local",
            ["Code"] = code,
            ["Message"] = message,
            ["Recommend"] = $"https://api.alibabacloud.com/troubleshoot?q={code}&product=AIWorkSpace&requestId={requestId}",
        });
    }

    private static async Task WriteAsync(HttpContext context, Reply reply)
    {
        context.Response.StatusCode = reply.StatusCode;
        context.Response.ContentType = "application/json;charset=utf-8";
        await context.Response.WriteAsync(reply.Body.ToJsonString(), context.RequestAborted);
    }

    private sealed record Reply(int StatusCode, JsonNode Body);

    private enum FaultKind
    {
        Error,
        Html,
        Canned,
        Delay,
        Drop,
        DropAfterProcessing,
    }

    private sealed record Fault(
        FaultKind Kind,
        int StatusCode = 0,
        string? Code = null,
        string? Message = null,
        string? Json = null,
        int? RetryAfterMilliseconds = null,
        TimeSpan Delay = default,
        string? Action = null);
}

/// <summary>One request as the fake received it; <see cref="Target"/> is the raw, still-encoded path and query.</summary>
public sealed record FakePaiRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Action => Headers.GetValueOrDefault("x-acs-action");

    public string Path => Target.Split('?')[0];

    public string Query => Target.Contains('?', StringComparison.Ordinal) ? Target[(Target.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty;
}

/// <summary>An image the fake stores.</summary>
public sealed class FakePaiImage
{
    public required string ImageId { get; init; }

    public required string Name { get; init; }

    public required string ImageUri { get; init; }

    public string? WorkspaceId { get; init; }

    public string Accessibility { get; set; } = "PRIVATE";

    public string? Description { get; init; }

    public long? Size { get; init; }

    public string? SourceType { get; init; }

    public string? SourceId { get; init; }

    public DateTimeOffset GmtCreateTime { get; init; } = DateTimeOffset.UtcNow;

    public List<FakePaiLabel> Labels { get; } = [];
}

public sealed record FakePaiLabel(string Key, string Value);
