using PaiImage.Emulator.Images;

namespace PaiImage.Emulator.Json;

// Wire shapes of the AIWorkspace image API (pai-protocol.md §1.4–1.9); names are the PascalCase wire names.

internal sealed record LabelInput(string? Key, string? Value);

internal sealed record AddImageRequest(
    string? Accessibility, string? Description, string? ImageId, string? ImageUri, IReadOnlyList<LabelInput>? Labels,
    string? Name, long? Size, string? SourceId, string? SourceType, string? WorkspaceId);

internal sealed record AddImageLabelsRequest(IReadOnlyList<LabelInput>? Labels);

internal sealed record RequestIdResponse(string RequestId);

internal sealed record ImageIdResponse(string RequestId, string ImageId);

/// <summary>One image in ListImages (with ImageId) or the GetImage body (with RequestId, without ImageId).</summary>
internal sealed record ImageBody
{
    public string? RequestId { get; init; }

    public required string Accessibility { get; init; }

    public string? Description { get; init; }

    public required string GmtCreateTime { get; init; }

    public required string GmtModifiedTime { get; init; }

    public string? ImageId { get; init; }

    public required string ImageUri { get; init; }

    public IReadOnlyList<ImageLabel>? Labels { get; init; }

    public required string Name { get; init; }

    public required string ParentUserId { get; init; }

    public long? Size { get; init; }

    public string? SourceId { get; init; }

    public string? SourceType { get; init; }

    public required string UserId { get; init; }

    public required string WorkspaceId { get; init; }
}

internal sealed record ListImagesResponse(string RequestId, long TotalCount, IReadOnlyList<ImageBody> Images);

internal sealed record ListImageLabelsResponse(string RequestId, long TotalCount, IReadOnlyList<ImageLabel> Labels);

internal sealed record ErrorResponse(string RequestId, string HostId, string Code, string Message, string Recommend)
{
    /// <summary>Emulator extra on SignatureDoesNotMatch: the canonical request the server signed.</summary>
    public string? CanonicalRequest { get; init; }
}

internal sealed record EmulatorStateResponse(
    IReadOnlyList<StoredImage> Images, IReadOnlyList<RecordedRequest> Requests, Faults.FaultSettings Faults, string Now);
