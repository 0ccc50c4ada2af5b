using System.CommandLine;
using PaiImage.Core;
using PaiImage.Core.Credentials;
using PaiImage.Core.DryRun;
using PaiImage.Core.Errors;
using PaiImage.Core.Http;
using PaiImage.Core.Operations;
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
    public Task<int> RunAsync(
        ParseResult parseResult,
        Func<PaiImageServices, IResultFormatter, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken) =>
        RunAsync(
            parseResult,
            async (IResultFormatter formatter, CancellationToken token) =>
            {
                using var services = PaiImageServices.Create(ClientOptions(parseResult));
                return await body(services, formatter, token).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>A command that changes something: with --dry-run, <paramref name="operation"/> is signed and printed instead of <paramref name="body"/> running.</summary>
    public Task<int> RunAsync(
        ParseResult parseResult,
        Func<PaiImageServices, IResultFormatter, CancellationToken, Task> body,
        Func<PaiImageClient, CancellationToken, Task> operation,
        CancellationToken cancellationToken) =>
        parseResult.GetValue(common.DryRun)
            ? RunAsync(
                parseResult,
                async (IResultFormatter formatter, CancellationToken token) =>
                {
                    var options = DryRunClock.Apply(ClientOptions(parseResult), host);
                    formatter.WriteDryRun(await PaiDryRun.CaptureAsync(options, operation, token).ConfigureAwait(false));
                },
                cancellationToken)
            : RunAsync(parseResult, body, cancellationToken);

    /// <summary>Runs <paramref name="body"/> with the output formatter; failures become a coded line and an exit code.</summary>
    public Task<int> RunAsync(ParseResult parseResult, Func<IResultFormatter, CancellationToken, Task> body, CancellationToken cancellationToken) =>
        RunAsync(
            parseResult,
            async (IResultFormatter formatter, CancellationToken token) =>
            {
                await body(formatter, token).ConfigureAwait(false);
                return 0;
            },
            cancellationToken);

    /// <summary>Runs <paramref name="body"/>, which decides the exit code, with the output formatter; failures become a coded line and an exit code.</summary>
    public async Task<int> RunAsync(ParseResult parseResult, Func<IResultFormatter, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var errors = new ErrorReporter(host);
        try
        {
            var formatter = ResultFormatter.For(parseResult.GetValue(common.Output) ?? OutputFormat.Text, host.Output);
            return await body(formatter, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The client options from the common options and the environment; with --verbose, logging to stderr.</summary>
    public PaiClientOptions ClientOptions(ParseResult parseResult)
    {
        var options = CreateClientOptions(parseResult);
        if (parseResult.GetValue(common.Verbose))
        {
            var logger = new StderrLogger(host.Error);
            options.CredentialChain.Logger = logger;
            var attemptTimeout = options.AttemptTimeout;
            options.PrimaryHandlerFactory = () => new HttpExchangeLogHandler(logger)
            {
                InnerHandler = PrimaryHandlerFactory.CreateProxyAware(host.GetEnvironmentVariable, attemptTimeout),
            };
        }

        return options;
    }

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
