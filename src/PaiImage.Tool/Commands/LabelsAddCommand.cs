using System.CommandLine;

namespace PaiImage.Tool.Commands;

/// <summary><c>pai-image labels add IMAGE_ID --label K=V...</c>: adds labels, replacing the values of keys the image has.</summary>
internal static class LabelsAddCommand
{
    public static Command Create(CommonOptions common, CommandRunner runner)
    {
        var imageId = LabelsCommand.ImageIdArgument();
        var labels = CommonOptions.CreateLabelOption("A label to add (repeatable).");
        labels.Required = true;

        Command command = new("add", "Add labels to an image.") { imageId, labels, common.DryRun };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var id = parseResult.GetRequiredValue(imageId);
            var values = parseResult.GetRequiredValue(labels);
            return runner.RunAsync(
                parseResult,
                async (services, output, token) =>
                {
                    var reply = await services.Client.AddImageLabelsAsync(id, values, token).ConfigureAwait(false);
                    output.WriteChange(id, reply.RequestId, $"added {string.Join(", ", values.Select(l => $"{l.Key}={l.Value}"))} to {id}");
                },
                (client, token) => client.AddImageLabelsAsync(id, values, token),
                cancellationToken);
        });
        return command;
    }
}
