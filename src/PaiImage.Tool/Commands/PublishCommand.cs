using System.CommandLine;

namespace PaiImage.Tool.Commands;

/// <summary><c>pai-image publish IMAGE_ID</c>: makes a PRIVATE image PUBLIC in its workspace.</summary>
internal static class PublishCommand
{
    public static Command Create(CommonOptions common, CommandRunner runner)
    {
        Argument<string> imageId = new("IMAGE_ID") { Description = "The image id, e.g. image-abc123…" };

        Command command = new("publish", "Make a PRIVATE image PUBLIC to every member of its workspace.") { imageId, common.DryRun };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var id = parseResult.GetRequiredValue(imageId);
            return runner.RunAsync(
                parseResult,
                async (services, output, token) =>
                {
                    var reply = await services.Client.PublishImageAsync(id, token).ConfigureAwait(false);
                    output.WriteChange(reply.ImageId, reply.RequestId, $"published {reply.ImageId}: it is now PUBLIC");
                },
                (client, token) => client.PublishImageAsync(id, token),
                cancellationToken);
        });
        return command;
    }
}
