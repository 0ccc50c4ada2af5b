using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PaiImage.Emulator.Hosting;
using PaiImage.Emulator.Json;

namespace PaiImage.Emulator.Images;

/// <summary>The eight image operations (pai-protocol.md §1.3–1.9).</summary>
internal sealed class ImageEndpoints(ImageStore store, EmulatorClock clock, string defaultWorkspaceId)
{
    /// <summary>The account ids the emulator reports as owner of every image.</summary>
    public const string EmulatorUserId = "emulator-user";
    public const string EmulatorParentUserId = "emulator-account";

    public void Map(IEndpointRouteBuilder routes)
    {
        Map(routes.MapPost("/api/v1/images", AddImageAsync), "AddImage");
        Map(routes.MapGet("/api/v1/images", ListImagesAsync), "ListImages");
        Map(routes.MapGet("/api/v1/images/{imageId}", GetImageAsync), "GetImage");
        Map(routes.MapDelete("/api/v1/images/{imageId}", RemoveImageAsync), "RemoveImage");
        Map(routes.MapPost("/api/v1/images/{imageId}/labels", AddImageLabelsAsync), "AddImageLabels");
        Map(routes.MapDelete("/api/v1/images/{imageId}/labels/{labelKey}", RemoveImageLabelsAsync), "RemoveImageLabels");
        Map(routes.MapGet("/api/v1/image/labels", ListImageLabelsAsync), "ListImageLabels");
        Map(routes.MapPut("/api/v1/images/{imageId}/publish", PublishImageAsync), "PublishImage");
    }

    private static void Map(IEndpointConventionBuilder endpoint, string action) => endpoint.WithMetadata(new PaiOperation(action));

    private Task AddImageAsync(HttpContext context)
    {
        var request = ApiRequest.Of(context);
        var body = ReadJson(request.Body, EmulatorJsonContext.Default.AddImageRequest);
        ImageRules.CheckName(body.Name);
        if (string.IsNullOrWhiteSpace(body.ImageUri))
        {
            throw ApiException.MissingParameter("ImageUri");
        }

        if (body.ImageId is not null)
        {
            ImageRules.CheckImageId(body.ImageId);
        }

        var now = clock.UtcNow;
        var stored = store.Add(new StoredImage
        {
            ImageId = body.ImageId ?? ImageRules.NewImageId(),
            Name = body.Name!,
            WorkspaceId = string.IsNullOrEmpty(body.WorkspaceId) ? defaultWorkspaceId : body.WorkspaceId,
            ImageUri = body.ImageUri,
            Description = body.Description,
            Accessibility = ImageRules.CheckAccessibility(body.Accessibility),
            Labels = ImageRules.CheckLabels((body.Labels ?? []).Select(l => (l.Key, l.Value))),
            Size = body.Size,
            SourceId = body.SourceId,
            SourceType = body.SourceType,
            UserId = EmulatorUserId,
            ParentUserId = EmulatorParentUserId,
            GmtCreateTime = now,
            GmtModifiedTime = now,
        });
        return WriteAsync(context, new ImageIdResponse(request.RequestId, stored.ImageId), EmulatorJsonContext.Default.ImageIdResponse);
    }

    private Task ListImagesAsync(HttpContext context)
    {
        var request = ApiRequest.Of(context);
        var query = ImageQuery.Parse(request);
        var matches = query.Apply(store.Snapshot());
        var page = matches.Skip((query.PageNumber - 1) * query.PageSize).Take(query.PageSize)
            .Select(image => ToBody(image, query.Verbose) with { ImageId = image.ImageId })
            .ToList();
        return WriteAsync(context, new ListImagesResponse(request.RequestId, matches.Count, page), EmulatorJsonContext.Default.ListImagesResponse);
    }

    private Task GetImageAsync(HttpContext context)
    {
        var request = ApiRequest.Of(context);
        var imageId = RouteValue(context, "imageId");
        var image = store.Find(imageId) ?? throw ApiException.ImageNotFound(imageId);
        var verbose = ImageQuery.ParseBoolean(request, "Verbose");
        return WriteAsync(context, ToBody(image, verbose) with { RequestId = request.RequestId }, EmulatorJsonContext.Default.ImageBody);
    }

    private Task RemoveImageAsync(HttpContext context)
    {
        store.Remove(RouteValue(context, "imageId"));
        return WriteRequestIdAsync(context);
    }

    private Task AddImageLabelsAsync(HttpContext context)
    {
        var request = ApiRequest.Of(context);
        var body = ReadJson(request.Body, EmulatorJsonContext.Default.AddImageLabelsRequest);
        if (body.Labels is null || body.Labels.Count == 0)
        {
            throw ApiException.MissingParameter("Labels");
        }

        var added = ImageRules.CheckLabels(body.Labels.Select(l => (l.Key, l.Value)));
        store.Update(RouteValue(context, "imageId"), image => image with
        {
            Labels = [.. image.Labels.Where(l => !added.Any(a => a.Key == l.Key)), .. added],
            GmtModifiedTime = clock.UtcNow,
        });
        return WriteRequestIdAsync(context);
    }

    private Task RemoveImageLabelsAsync(HttpContext context)
    {
        var labelKey = RouteValue(context, "labelKey");
        store.Update(RouteValue(context, "imageId"), image => image with
        {
            Labels = [.. image.Labels.Where(l => l.Key != labelKey)],
            GmtModifiedTime = clock.UtcNow,
        });
        return WriteRequestIdAsync(context);
    }

    private Task ListImageLabelsAsync(HttpContext context)
    {
        var request = ApiRequest.Of(context);
        var imageId = request.Query("ImageId");
        var workspaceId = request.Query("WorkspaceId");
        var filter = ImageQuery.ParseConditions(request.Query("LabelFilter"), "LabelFilter");
        var keys = request.Query("LabelKeys")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (imageId is not null && store.Find(imageId) is null)
        {
            throw ApiException.ImageNotFound(imageId);
        }

        var labels = store.Snapshot()
            .Where(i => imageId is null || i.ImageId == imageId)
            .Where(i => workspaceId is null || i.WorkspaceId == workspaceId)
            .SelectMany(i => i.Labels)
            .Where(l => filter.Count == 0 || filter.Contains(l))
            .Where(l => keys is null || keys.Contains(l.Key))
            .Distinct()
            .OrderBy(l => l.Key, StringComparer.Ordinal)
            .ThenBy(l => l.Value, StringComparer.Ordinal)
            .ToList();
        return WriteAsync(context, new ListImageLabelsResponse(request.RequestId, labels.Count, labels), EmulatorJsonContext.Default.ListImageLabelsResponse);
    }

    private Task PublishImageAsync(HttpContext context)
    {
        var request = ApiRequest.Of(context);
        var image = store.Update(RouteValue(context, "imageId"), image => image with
        {
            Accessibility = ImageRules.Public,
            GmtModifiedTime = clock.UtcNow,
        });
        return WriteAsync(context, new ImageIdResponse(request.RequestId, image.ImageId), EmulatorJsonContext.Default.ImageIdResponse);
    }

    private static ImageBody ToBody(StoredImage image, bool verbose) => new()
    {
        Accessibility = image.Accessibility,
        Description = image.Description,
        GmtCreateTime = EmulatorClock.Format(image.GmtCreateTime),
        GmtModifiedTime = EmulatorClock.Format(image.GmtModifiedTime),
        ImageUri = image.ImageUri,
        Labels = verbose ? image.Labels : null,
        Name = image.Name,
        ParentUserId = image.ParentUserId,
        Size = image.Size,
        SourceId = image.SourceId,
        SourceType = image.SourceType,
        UserId = image.UserId,
        WorkspaceId = image.WorkspaceId,
    };

    private static T ReadJson<T>(byte[] body, JsonTypeInfo<T> type)
    {
        try
        {
            return (body.Length == 0 ? default : JsonSerializer.Deserialize(body, type))
                ?? throw ApiException.InvalidParameter("The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw ApiException.InvalidParameter($"The request body is not valid JSON for this operation: {e.Message}");
        }
    }

    private static string RouteValue(HttpContext context, string name) => context.Request.RouteValues[name]?.ToString() ?? "";

    private static Task WriteRequestIdAsync(HttpContext context) =>
        WriteAsync(context, new RequestIdResponse(ApiRequest.Of(context).RequestId), EmulatorJsonContext.Default.RequestIdResponse);

    private static Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type) =>
        context.Response.WriteAsJsonAsync(value, type, cancellationToken: context.RequestAborted);
}
