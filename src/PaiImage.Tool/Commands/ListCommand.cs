using System.CommandLine;
using PaiImage.Core.Operations;

namespace PaiImage.Tool.Commands;

/// <summary><c>pai-image list</c>: one page of matching images, or every page with --all.</summary>
internal static class ListCommand
{
    public static Command Create(CommonOptions common, CommandRunner runner)
    {
        Option<string?> name = new("--name") { Description = "Name filter (the service matches fuzzily).", HelpName = "NAME" };
        Option<string?> uri = new("--uri") { Description = "Image URI filter.", HelpName = "IMAGE_URI" };
        var labels = CommonOptions.CreateLabelOption("Only images with this label (repeatable; all must match).");
        Option<bool> all = new("--all") { Description = "Walk every page instead of showing the first one." };

        Command command = new("list", "List the images of a workspace.") { common.Workspace, name, uri, labels, all };
        command.SetAction((parseResult, cancellationToken) => runner.RunAsync(
            parseResult,
            async (services, output, token) =>
            {
                var request = new ListImagesRequest
                {
                    WorkspaceId = runner.WorkspaceId(parseResult),
                    Name = parseResult.GetValue(name),
                    ImageUri = parseResult.GetValue(uri),
                    Labels = parseResult.GetValue(labels),
                    Verbose = true,
                };
                if (parseResult.GetValue(all))
                {
                    var images = new List<ImageInfo>();
                    await foreach (var image in services.Client.ListAllImagesAsync(request, token).ConfigureAwait(false))
                    {
                        images.Add(image);
                    }

                    output.WriteImages(images.Count, images);
                }
                else
                {
                    var page = await services.Client.ListImagesAsync(request, token).ConfigureAwait(false);
                    output.WriteImages(page.TotalCount, page.Images);
                }
            },
            cancellationToken));
        return command;
    }
}
