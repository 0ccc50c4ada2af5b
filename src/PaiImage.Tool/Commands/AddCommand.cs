using System.CommandLine;
using PaiImage.Core.Operations;
using PaiImage.Core.Registration;
using PaiImage.Tool.Parsing;

namespace PaiImage.Tool.Commands;

/// <summary><c>pai-image add</c>: registers an image, safe to re-run.</summary>
internal static class AddCommand
{
    private static readonly Dictionary<string, IfExistsPolicy> Policies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fail"] = IfExistsPolicy.Fail,
        ["skip"] = IfExistsPolicy.Skip,
        ["replace"] = IfExistsPolicy.Replace,
    };

    public static Command Create(CommonOptions common, CommandRunner runner)
    {
        Option<string> name = new("--name")
        {
            Description = "Image name: 1-50 lower-case letters, digits and '-', starting with a letter; unique in the workspace.",
            HelpName = "NAME",
        };
        Option<string> uri = new("--uri")
        {
            Description = "Full image reference including the tag or digest, e.g. registry.example.com/team/app:1.0.",
            HelpName = "IMAGE_URI",
        };
        var labels = CommonOptions.CreateLabelOption("A label to attach (repeatable).");
        Option<string?> accessibility = new("--accessibility")
        {
            Description = "PUBLIC (all workspace members) or PRIVATE (only you).",
            HelpName = "PUBLIC|PRIVATE",
            CustomParser = result => ValueParsers.Choice(result, ["PUBLIC", "PRIVATE"]),
        };
        Option<string?> description = new("--description") { Description = "Free text.", HelpName = "TEXT" };
        Option<long?> size = new("--size")
        {
            Description = "Image size in whole GB.",
            HelpName = "GB",
            CustomParser = ValueParsers.WholeNumber,
        };
        Option<string?> imageId = new("--image-id") { Description = "Choose the id: image- and 18 letters or digits.", HelpName = "ID" };
        Option<string?> sourceType = new("--source-type") { Description = "Where the image comes from (SourceType).", HelpName = "TYPE" };
        Option<string?> sourceId = new("--source-id") { Description = "Id of the image's source (SourceId).", HelpName = "ID" };
        Option<IfExistsPolicy?> ifExists = new("--if-exists")
        {
            Description = "When the name is registered with another URI: fail (default), skip, or replace it.",
            HelpName = "fail|skip|replace",
            CustomParser = result => ValueParsers.Choice(result, Policies),
        };

        Command command = new("add", "Register an image in a PAI workspace; re-running with the same name and URI changes nothing.")
        {
            name, uri, labels, common.Workspace, accessibility, description, size, imageId, sourceType, sourceId, ifExists, common.DryRun,
        };
        var sources = AddSources.AddTo(command, common);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var given = Given(parseResult);
            if (sources.TryRun(parseResult, given, runner, cancellationToken) is { } batchOrProject)
            {
                return batchOrProject;
            }

            // TryRun has refused a missing --name or --uri already.
            var request = new AddImageRequest
            {
                Name = given.Name!,
                ImageUri = given.ImageUri!,
                WorkspaceId = runner.WorkspaceId(parseResult),
                Accessibility = given.Accessibility,
                Description = given.Description,
                Labels = given.Labels,
                Size = given.Size,
                ImageId = given.ImageId,
                SourceType = given.SourceType,
                SourceId = given.SourceId,
            };
            var policy = given.IfExists ?? IfExistsPolicy.Fail;
            return runner.RunAsync(
                parseResult,
                async (services, output, token) =>
                    output.WriteRegistration(await services.Registrar.RegisterAsync(request, policy, token).ConfigureAwait(false)),
                // The dry run shows the AddImage request itself; the registrar's lookups before it are not shown.
                (client, token) => client.AddImageAsync(request, token),
                cancellationToken);
        });
        return command;

        GivenImageOptions Given(ParseResult parseResult) => new()
        {
            Name = parseResult.GetValue(name),
            ImageUri = parseResult.GetValue(uri),
            Accessibility = parseResult.GetValue(accessibility),
            Description = parseResult.GetValue(description),
            Labels = parseResult.GetValue(labels),
            Size = parseResult.GetValue(size),
            ImageId = parseResult.GetValue(imageId),
            SourceType = parseResult.GetValue(sourceType),
            SourceId = parseResult.GetValue(sourceId),
            IfExists = parseResult.GetValue(ifExists),
        };
    }
}
