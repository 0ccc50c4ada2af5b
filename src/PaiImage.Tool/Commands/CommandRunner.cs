using System.CommandLine;
using PaiImage.Core;
using PaiImage.Core.Credentials;
using PaiImage.Core.Errors;
using PaiImage.Tool.Output;

namespace PaiImage.Tool.Commands;

/// <summary>
/// Runs a command's body against the core: builds the services from the common options and environment,
/// and turns failures into one coded stderr line and an exit code (the error kind's number).
/// </summary>
internal sealed class CommandRunner(CliHost host, CommonOptions common, ConnectionDefaults? defaults = null)
{
    public const int Canceled = 130;

    private static readonly string UserAgent =
        $"pai-image/{typeof(CommandRunner).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}";

    public CliHost Host => host;

    /// <summary>The same runner with <paramref name="connection"/> between the options and the environment variables.</summary>
    public CommandRunner With(ConnectionDefaults connection) => new(host, common, connection);

    public Task<int> RunAsync(
        ParseResult parseResult,
        Func<PaiImageServices, IResultFormatter, CancellationToken, Task> body,
        CancellationToken cancellationToken) =>
        RunAsync(
            parseResult,
            async (services, output, token) =>
            {
                await body(services, output, token).ConfigureAwait(false);
                return 0;
            },
            cancellationToken);

    /// <summary>Like the other overload for a body that decides the exit code itself.</summary>
    public async Task<int> RunAsync(
        ParseResult parseResult,
        Func<PaiImageServices, IResultFormatter, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken)
    {
        var errors = new ErrorReporter(host);
        try
        {
            using var services = PaiImageServices.Create(CreateClientOptions(parseResult));
            var formatter = ResultFormatter.For(parseResult.GetValue(common.Output) ?? OutputFormat.Text, host.Output);
            return await body(services, formatter, cancellationToken).ConfigureAwait(false);
        }
        catch (PaiException exception)
        {
            errors.Report(exception);
            return (int)exception.Kind;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            errors.ReportCanceled();
            return Canceled;
        }
        catch (Exception exception) // a bug: one line and exit 1 rather than an unhandled-exception trace
        {
            errors.ReportUnexpected(exception);
            return 1;
        }
    }

    /// <summary>--workspace, else the project's, else PAI_WORKSPACE_ID.</summary>
    public string? WorkspaceId(ParseResult parseResult) =>
        parseResult.GetValue(common.Workspace) ?? defaults?.WorkspaceId ?? host.GetEnvironmentVariable("PAI_WORKSPACE_ID");

    private PaiClientOptions CreateClientOptions(ParseResult parseResult) => new()
    {
        RegionId = parseResult.GetValue(common.Region) ?? defaults?.RegionId ?? host.GetEnvironmentVariable("ALIBABA_CLOUD_REGION_ID"),
        UseVpcEndpoint = parseResult.GetValue(common.Vpc) || defaults?.UseVpcEndpoint == true,
        Endpoint = parseResult.GetValue(common.Endpoint) ?? defaults?.Endpoint ?? host.GetEnvironmentVariable("PAI_ENDPOINT"),
        CredentialChain = new CredentialChainOptions
        {
            ProfileName = parseResult.GetValue(common.Profile) ?? defaults?.ProfileName,
            GetEnvironmentVariable = host.GetEnvironmentVariable,
            HomeDirectory = host.HomeDirectory,
        },
        UserAgent = UserAgent,
    };
}
