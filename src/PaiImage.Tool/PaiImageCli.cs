using System.CommandLine;
using System.CommandLine.Invocation;
using PaiImage.Tool.Commands;
using PaiImage.Tool.Output;
using PaiImage.Tool.Parsing;

namespace PaiImage.Tool;

/// <summary>The command tree of pai-image and its entry point.</summary>
internal static class PaiImageCli
{
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        var parseResult = CreateRootCommand(host).Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            CommandLineErrors.Report(parseResult, new ErrorReporter(host));
            return CommandLineErrors.ExitCode;
        }

        var invocation = new InvocationConfiguration { Output = host.Output, Error = host.Error, EnableDefaultExceptionHandler = false };
        return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private static RootCommand CreateRootCommand(CliHost host)
    {
        var common = new CommonOptions();
        var runner = new CommandRunner(host, common);
        RootCommand root = new("Register container images in Alibaba Cloud PAI (AIWorkspace) and inspect them.")
        {
            AddCommand.Create(common, runner),
            ListCommand.Create(common, runner),
            GetCommand.Create(runner),
            RemoveCommand.Create(common, runner),
            LabelsCommand.Create(common, runner),
            PublishCommand.Create(common, runner),
            ConfigCommand.Create(common, runner, host),
        };
        common.AddTo(root);
        return root;
    }
}
