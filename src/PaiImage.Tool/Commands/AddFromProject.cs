using System.CommandLine;
using PaiImage.Core.Errors;
using PaiImage.Tool.Output;
using PaiImage.Tool.ProjectSettings;

namespace PaiImage.Tool.Commands;

/// <summary><c>pai-image add --project PATH</c>: registers the image a project's PaiImage* settings describe.</summary>
internal static class AddFromProject
{
    public static async Task<int> RunAsync(
        ParseResult parseResult,
        CommandRunner runner,
        string projectPath,
        IReadOnlyList<string> properties,
        GivenImageOptions given,
        CancellationToken cancellationToken)
    {
        ProjectImage image;
        try
        {
            var dotnetHost = runner.Host.GetEnvironmentVariable("DOTNET_HOST_PATH") is { } host && File.Exists(host) ? host : "dotnet";
            var project = await MsBuildEvaluation.EvaluateAsync(projectPath, properties, dotnetHost, cancellationToken).ConfigureAwait(false);
            image = ProjectImage.Resolve(project, given);
        }
        catch (PaiException exception)
        {
            new ErrorReporter(runner.Host).Report(exception);
            return (int)exception.Kind;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            new ErrorReporter(runner.Host).ReportCanceled();
            return CommandRunner.Canceled;
        }

        var projectRunner = runner.With(image.Connection);
        var request = image.Request with { WorkspaceId = projectRunner.WorkspaceId(parseResult) };
        return await projectRunner.RunAsync(
            parseResult,
            async (services, output, token) =>
                output.WriteRegistration(await services.Registrar.RegisterAsync(request, image.IfExists, token).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false);
    }
}
