using System.CommandLine;

namespace PaiImage.Tool.Commands;

/// <summary><c>pai-image remove IMAGE_ID</c>: deletes a registration (not the image in its registry).</summary>
internal static class RemoveCommand
{
    public static Command Create(CommandRunner runner)
    {
        Argument<string> imageId = new("IMAGE_ID") { Description = "The image id, e.g. image-abc123…" };

        Command command = new("remove", "Remove an image registration from PAI; the registry is not touched.") { imageId };
        command.SetAction((parseResult, cancellationToken) => runner.RunAsync(
            parseResult,
            async (services, output, token) =>
            {
                var id = parseResult.GetRequiredValue(imageId);
                var reply = await services.Client.RemoveImageAsync(id, token).ConfigureAwait(false);
                output.WriteRemoval(id, reply.RequestId);
            },
            cancellationToken));
        return command;
    }
}
