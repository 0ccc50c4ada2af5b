using System.CommandLine;

namespace PaiImage.Tool.Commands;

/// <summary><c>pai-image labels add|remove|list</c>.</summary>
internal static class LabelsCommand
{
    public static Command Create(CommonOptions common, CommandRunner runner) =>
        new("labels", "Add, remove or list image labels.")
        {
            LabelsAddCommand.Create(common, runner),
            LabelsRemoveCommand.Create(common, runner),
            LabelsListCommand.Create(common, runner),
        };

    public static Argument<string> ImageIdArgument() => new("IMAGE_ID") { Description = "The image id, e.g. image-abc123…" };
}
