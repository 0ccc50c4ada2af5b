using System.CommandLine;

namespace PaiImage.Tool.Commands;

/// <summary><c>pai-image get IMAGE_ID</c>: one image with its labels.</summary>
internal static class GetCommand
{
    public static Command Create(CommandRunner runner)
    {
        Argument<string> imageId = new("IMAGE_ID") { Description = "The image id, e.g. image-abc123…" };

        Command command = new("get", "Show one image.") { imageId };
        command.SetAction((parseResult, cancellationToken) => runner.RunAsync(
            parseResult,
            async (services, output, token) =>
            {
                var reply = await services.Client.GetImageAsync(parseResult.GetRequiredValue(imageId), verbose: true, token).ConfigureAwait(false);
                output.WriteImage(reply.Image);
            },
            cancellationToken));
        return command;
    }
}
