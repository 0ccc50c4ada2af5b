using System.CommandLine;
using PaiImage.Core.Registration;
using PaiImage.Tool.Batch;
using PaiImage.Tool.Output;
using PaiImage.Tool.Parsing;
using PaiImage.Tool.ProjectSettings;

namespace PaiImage.Tool.Commands;

/// <summary>
/// Where <c>add</c> takes its images from besides --name/--uri: a JSON-lines file (--from) or an MSBuild project
/// (--project); checks which options go together.
/// </summary>
internal sealed class AddSources
{
    private const int DefaultConcurrency = 8;

    private readonly CommonOptions _common;

    private readonly Option<string?> _from = new("--from")
    {
        Description = "Register every image of a JSON-lines file: one object per line with AddImage's fields (Name, ImageUri, Labels, …); '-' reads stdin.",
        HelpName = "FILE",
    };

    private readonly Option<int?> _concurrency = new("--concurrency")
    {
        Description = $"With --from: how many registrations run at once, 1-{BatchRegistrar.MaxConcurrency} (default {DefaultConcurrency}).",
        HelpName = "N",
    };

    private readonly Option<string?> _project = new("--project")
    {
        Description = "Take the image from an MSBuild project's PaiImage* properties and PaiImageLabel items; options given here override them.",
        HelpName = "PATH",
    };

    private readonly Option<IReadOnlyList<string>> _properties = new("--property")
    {
        Description = "With --project: set an MSBuild property for the evaluation (repeatable).",
        HelpName = "NAME=VALUE",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = ValueParsers.Properties,
    };

    private AddSources(CommonOptions common) => _common = common;

    public static AddSources AddTo(Command command, CommonOptions common)
    {
        var sources = new AddSources(common);
        command.Options.Add(sources._from);
        command.Options.Add(sources._concurrency);
        command.Options.Add(sources._project);
        command.Options.Add(sources._properties);
        return sources;
    }

    /// <summary>Runs --from or --project, or reports a misuse of the options; null when a single image is given by --name and --uri.</summary>
    public Task<int>? TryRun(ParseResult parseResult, GivenImageOptions given, CommandRunner runner, CancellationToken cancellationToken)
    {
        var from = parseResult.GetValue(_from);
        var project = parseResult.GetValue(_project);
        var concurrency = parseResult.GetValue(_concurrency);
        var properties = parseResult.GetValue(_properties) ?? [];

        if (from is not null && project is not null)
        {
            return Refuse(runner, "PAI2120", "--from and --project cannot be combined.", "Register either the images of a file (--from) or the image of a project (--project).");
        }

        if (concurrency is not null && from is null)
        {
            return Refuse(runner, "PAI2122", "--concurrency applies only to --from.", "Add --from FILE, or drop --concurrency.");
        }

        if (properties.Count > 0 && project is null)
        {
            return Refuse(runner, "PAI2122", "--property applies only to --project.", "Add --project PATH, or drop --property.");
        }

        if (from is not null)
        {
            if (given.SingleImageOptionsGiven().FirstOrDefault() is { } option)
            {
                return Refuse(runner, "PAI2120", $"--from cannot be combined with {option}: each line of the file describes its own image.", $"Put the value into the file's lines, or drop --from and register one image with --name and --uri.");
            }

            if (concurrency is < 1 or > BatchRegistrar.MaxConcurrency)
            {
                return Refuse(runner, "PAI2121", $"--concurrency {concurrency} is out of range.", $"Give a number from 1 to {BatchRegistrar.MaxConcurrency}; the default is {DefaultConcurrency}.");
            }

            var format = parseResult.GetValue(_common.Output) ?? OutputFormat.Text;
            var defaults = new BatchDefaults(runner.WorkspaceId(parseResult), given.IfExists ?? IfExistsPolicy.Fail);
            return AddFromFile.RunAsync(parseResult, runner, from, concurrency ?? DefaultConcurrency, defaults, format, cancellationToken);
        }

        if (project is not null)
        {
            return AddFromProject.RunAsync(parseResult, runner, project, properties, given, cancellationToken);
        }

        return given switch
        {
            { Name: null } => Refuse(runner, "PAI2102", "The option --name is required.", "Add --name NAME, or register from a file with --from FILE or from a project with --project PATH."),
            { ImageUri: null } => Refuse(runner, "PAI2102", "The option --uri is required.", "Add --uri IMAGE_URI, or register from a file with --from FILE or from a project with --project PATH."),
            _ => null,
        };
    }

    private static Task<int> Refuse(CommandRunner runner, string code, string message, string fix)
    {
        new ErrorReporter(runner.Host).Report(code, message, fix);
        return Task.FromResult(CommandLineErrors.ExitCode);
    }
}
