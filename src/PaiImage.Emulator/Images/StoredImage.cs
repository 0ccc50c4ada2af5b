namespace PaiImage.Emulator.Images;

public sealed record ImageLabel(string Key, string Value);

/// <summary>An image as the emulator stores it.</summary>
public sealed record StoredImage
{
    public required string ImageId { get; init; }

    public required string Name { get; init; }

    public required string WorkspaceId { get; init; }

    public required string ImageUri { get; init; }

    public string? Description { get; init; }

    public required string Accessibility { get; init; }

    public IReadOnlyList<ImageLabel> Labels { get; init; } = [];

    public long? Size { get; init; }

    public string? SourceId { get; init; }

    public string? SourceType { get; init; }

    public required string UserId { get; init; }

    public required string ParentUserId { get; init; }

    public required DateTimeOffset GmtCreateTime { get; init; }

    public required DateTimeOffset GmtModifiedTime { get; init; }

    /// <summary>Insertion order; breaks ties between equal sort keys.</summary>
    public long Sequence { get; init; }
}
