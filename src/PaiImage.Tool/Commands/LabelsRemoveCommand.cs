using System.CommandLine;

namespace PaiImage.Tool.Commands;

/// <summary><c>pai-image labels remove IMAGE_ID KEY</c>.</summary>
internal static class LabelsRemoveCommand
{
    public static Command Create(CommonOptions common, CommandRunner runner)
    {
        var imageId = LabelsCommand.ImageIdArgument();
        Argument<string> key = new("KEY") { Description = "The label key to remove." };

        Command command = new("remove", "Remove one label from an image.") { imageId, key, common.DryRun };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var id = parseResult.GetRequiredValue(imageId);
            var labelKey = parseResult.GetRequiredValue(key);
            return runner.RunAsync(
                parseResult,
                async (services, output, token) =>
                {
                    var reply = await services.Client.RemoveImageLabelsAsync(id, labelKey, token).ConfigureAwait(false);
                    output.WriteChange(id, reply.RequestId, $"removed label {labelKey} from {id}");
                },
                (client, token) => client.RemoveImageLabelsAsync(id, labelKey, token),
                cancellationToken);
        });
        return command;
    }
}
