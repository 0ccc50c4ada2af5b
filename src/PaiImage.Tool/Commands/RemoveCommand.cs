using System.CommandLine;

namespace PaiImage.Tool.Commands;

/// <summary><c>pai-image remove IMAGE_ID</c>: deletes a registration (not the image in its registry).</summary>
internal static class RemoveCommand
{
    public static Command Create(CommonOptions common, CommandRunner runner)
    {
        Argument<string> imageId = new("IMAGE_ID") { Description = "The image id, e.g. image-abc123…" };

        Command command = new("remove", "Remove an image registration from PAI; the registry is not touched.") { imageId, common.DryRun };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var id = parseResult.GetRequiredValue(imageId);
            return runner.RunAsync(
                parseResult,
                async (services, output, token) =>
                {
                    var reply = await services.Client.RemoveImageAsync(id, token).ConfigureAwait(false);
                    output.WriteRemoval(id, reply.RequestId);
                },
                (client, token) => client.RemoveImageAsync(id, token),
                cancellationToken);
        });
        return command;
    }
}
