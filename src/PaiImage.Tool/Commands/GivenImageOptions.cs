using PaiImage.Core.Operations;
using PaiImage.Core.Registration;

namespace PaiImage.Tool.Commands;

/// <summary>The image options of <c>add</c> as given on the command line; null when not given. (--workspace is read through <see cref="CommandRunner.WorkspaceId"/>.)</summary>
internal sealed record GivenImageOptions
{
    public string? Name { get; init; }

    public string? ImageUri { get; init; }

    public string? Accessibility { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<ImageLabel>? Labels { get; init; }

    public long? Size { get; init; }

    public string? ImageId { get; init; }

    public string? SourceType { get; init; }

    public string? SourceId { get; init; }

    public IfExistsPolicy? IfExists { get; init; }

    /// <summary>The command-line names of the options that describe one image (not --workspace and --if-exists).</summary>
    public IEnumerable<string> SingleImageOptionsGiven()
    {
        (string Option, bool Given)[] options =
        [
            ("--name", Name is not null), ("--uri", ImageUri is not null), ("--label", Labels is { Count: > 0 }),
            ("--accessibility", Accessibility is not null), ("--description", Description is not null), ("--size", Size is not null),
            ("--image-id", ImageId is not null), ("--source-type", SourceType is not null), ("--source-id", SourceId is not null),
        ];
        return options.Where(o => o.Given).Select(o => o.Option);
    }
}
