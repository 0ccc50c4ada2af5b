using System.CommandLine;
using PaiImage.Core.Operations;

namespace PaiImage.Tool.Commands;

/// <summary><c>pai-image labels list</c>: the labels of one image, or of a workspace's images.</summary>
internal static class LabelsListCommand
{
    public static Command Create(CommonOptions common, CommandRunner runner)
    {
        Option<string?> imageId = new("--image-id") { Description = "Only this image's labels.", HelpName = "ID" };
        Option<string[]> keys = new("--label-key") { Description = "Only labels with this key (repeatable).", HelpName = "KEY" };
        var filter = CommonOptions.CreateLabelOption("Only labels of images that have this label (repeatable).");

        Command command = new("list", "List image labels.") { imageId, common.Workspace, keys, filter };
        command.SetAction((parseResult, cancellationToken) => runner.RunAsync(
            parseResult,
            async (services, output, token) =>
            {
                var request = new ListImageLabelsRequest
                {
                    ImageId = parseResult.GetValue(imageId),
                    WorkspaceId = runner.WorkspaceId(parseResult),
                    LabelKeys = parseResult.GetValue(keys) is { Length: > 0 } labelKeys ? labelKeys : null,
                    LabelFilter = parseResult.GetValue(filter),
                };
                var reply = await services.Client.ListImageLabelsAsync(request, token).ConfigureAwait(false);
                output.WriteLabels(reply.TotalCount, reply.Labels);
            },
            cancellationToken));
        return command;
    }
}
