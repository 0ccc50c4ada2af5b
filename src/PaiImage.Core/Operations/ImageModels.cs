using System.Text.Json.Serialization;

namespace PaiImage.Core.Operations;

/// <summary>A label as the API carries it: <c>{"Key": "...", "Value": "..."}</c>.</summary>
public sealed record ImageLabel(string Key, string Value);

/// <summary>Body of AddImage (<c>POST /api/v1/images</c>). Null members are not sent; the rest go in alphabetical order, like the SDK.</summary>
public sealed record AddImageRequest
{
    [JsonPropertyOrder(5)]
    public required string Name { get; init; }

    [JsonPropertyOrder(3)]
    public required string ImageUri { get; init; }

    [JsonPropertyOrder(9)]
    public string? WorkspaceId { get; init; }

    /// <summary>PUBLIC or PRIVATE, any case in; sent upper case.</summary>
    [JsonPropertyOrder(0)]
    public string? Accessibility { get; init; }

    [JsonPropertyOrder(1)]
    public string? Description { get; init; }

    [JsonPropertyOrder(4)]
    public IReadOnlyList<ImageLabel>? Labels { get; init; }

    /// <summary>Image size in whole GB.</summary>
    [JsonPropertyOrder(6)]
    public long? Size { get; init; }

    /// <summary>Caller-chosen id: <c>image-</c> and 18 letters or digits.</summary>
    [JsonPropertyOrder(2)]
    public string? ImageId { get; init; }

    [JsonPropertyOrder(8)]
    public string? SourceType { get; init; }

    [JsonPropertyOrder(7)]
    public string? SourceId { get; init; }
}

/// <summary>Reply of AddImage and PublishImage.</summary>
public sealed record AddImageResponse(string? RequestId, string ImageId);

/// <summary>Query of ListImages (<c>GET /api/v1/images</c>). Null members are not sent.</summary>
public sealed record ListImagesRequest
{
    public string? WorkspaceId { get; init; }

    /// <summary>Fuzzy match on the server.</summary>
    public string? Name { get; init; }

    public string? ImageUri { get; init; }

    /// <summary>Conditions <c>key=value</c>, sent comma-separated.</summary>
    public IReadOnlyList<ImageLabel>? Labels { get; init; }

    public string? Accessibility { get; init; }

    public string? Query { get; init; }

    public int? PageNumber { get; init; }

    public int? PageSize { get; init; }

    public string? SortBy { get; init; }

    public string? Order { get; init; }

    public bool? Verbose { get; init; }
}

/// <summary>One image as ListImages and GetImage describe it.</summary>
public sealed record ImageInfo
{
    /// <summary>Absent from GetImage's reply; the client fills it from the request.</summary>
    public string? ImageId { get; init; }

    public string? Name { get; init; }

    public string? ImageUri { get; init; }

    public string? WorkspaceId { get; init; }

    public string? Accessibility { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<ImageLabel>? Labels { get; init; }

    public long? Size { get; init; }

    public string? SourceType { get; init; }

    public string? SourceId { get; init; }

    public string? GmtCreateTime { get; init; }

    public string? GmtModifiedTime { get; init; }

    public string? ParentUserId { get; init; }

    public string? UserId { get; init; }
}

public sealed record ListImagesResponse(string? RequestId, long TotalCount, IReadOnlyList<ImageInfo> Images);

public sealed record GetImageResponse(string? RequestId, ImageInfo Image);

/// <summary>Reply of operations that return only a RequestId (RemoveImage, AddImageLabels, RemoveImageLabels).</summary>
public sealed record ServiceAcknowledgement(string? RequestId);

/// <summary>Query of ListImageLabels (<c>GET /api/v1/image/labels</c>).</summary>
public sealed record ListImageLabelsRequest
{
    public string? ImageId { get; init; }

    /// <summary>Conditions <c>key=value</c>, sent comma-separated as LabelFilter.</summary>
    public IReadOnlyList<ImageLabel>? LabelFilter { get; init; }

    /// <summary>Keys, sent comma-separated as LabelKeys.</summary>
    public IReadOnlyList<string>? LabelKeys { get; init; }

    public string? Region { get; init; }

    public string? WorkspaceId { get; init; }
}

public sealed record ListImageLabelsResponse(string? RequestId, long TotalCount, IReadOnlyList<ImageLabel> Labels);
