using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using PaiImage.Core.Errors;
using PaiImage.Core.Operations;

namespace PaiImage.Tool.ProjectSettings;

/// <summary>
/// Evaluates a project with <c>dotnet msbuild -getProperty -getItem</c> (no build, no restore) and reads the
/// properties PaiImage.Build uses. Only the names listed here are asked for, so no credential-like property is
/// ever read.
/// </summary>
internal static class MsBuildEvaluation
{
    public static readonly IReadOnlyList<string> PropertyNames =
    [
        "PaiImageName", "PaiImageUri", "PaiWorkspaceId", "PaiRegion", "PaiEndpoint", "PaiUseVpcEndpoint", "PaiCredentialsProfile",
        "PaiImageAccessibility", "PaiImageDescription", "PaiImageSize", "PaiImageId", "PaiImageSourceType", "PaiImageSourceId",
        "PaiImageIfExists", "ContainerRegistry", "ContainerRepository", "ContainerImageTag", "ContainerImageTags",
    ];

    private const string LabelItem = "PaiImageLabel";

    /// <param name="projectPath">A project file, or a folder holding exactly one.</param>
    /// <param name="properties">Global properties as NAME=VALUE.</param>
    /// <param name="dotnetHost">The dotnet executable: DOTNET_HOST_PATH when set, else "dotnet" from PATH.</param>
    /// <exception cref="PaiConfigurationException">The project is missing or cannot be evaluated (PAI3201–PAI3204).</exception>
    public static async Task<ProjectValues> EvaluateAsync(string projectPath, IReadOnlyList<string> properties, string dotnetHost, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(projectPath);
        if (!File.Exists(fullPath) && !Directory.Exists(fullPath))
        {
            throw new PaiConfigurationException(
                ProjectErrorCodes.NotFound,
                $"The project '{fullPath}' does not exist.",
                "Give --project the path of the .csproj (or of its folder) that sets the PaiImage* properties.");
        }

        var (exitCode, output, error) = await RunAsync(dotnetHost, Arguments(fullPath, properties), cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new PaiConfigurationException(
                ProjectErrorCodes.EvaluationFailed,
                $"dotnet msbuild could not evaluate '{fullPath}' (exit code {exitCode}): {FirstError(output + "\n" + error)}",
                $"Run 'dotnet msbuild \"{fullPath}\" -getProperty:PaiImageName' to see the full error, fix the project, then try again.");
        }

        return Parse(fullPath, output);
    }

    private static List<string> Arguments(string fullPath, IReadOnlyList<string> properties)
    {
        List<string> arguments = ["msbuild", fullPath, "-nologo", "-nodeReuse:false"];
        arguments.AddRange(properties.Select(p => $"-property:{p}"));
        arguments.AddRange(PropertyNames.Select(p => $"-getProperty:{p}"));
        arguments.Add($"-getItem:{LabelItem}");
        return arguments;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string dotnetHost, List<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(dotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        arguments.ForEach(startInfo.ArgumentList.Add);
        // A first run of the SDK would otherwise print its welcome text into the JSON.
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new Win32Exception();
        }
        catch (Win32Exception exception)
        {
            throw new PaiConfigurationException(
                ProjectErrorCodes.DotnetNotStarted,
                $"'{dotnetHost}' could not be started to evaluate the project: {exception.Message}",
                "Install the .NET SDK and put dotnet on PATH, or set DOTNET_HOST_PATH to the dotnet executable.");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }
    }

    private static ProjectValues Parse(string fullPath, string output)
    {
        try
        {
            // Anything the SDK prints before the document (e.g. a notice) is not part of it.
            var start = output.IndexOf('{', StringComparison.Ordinal);
            using var document = JsonDocument.Parse(start < 0 ? output : output[start..]);
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.GetProperty("Properties").EnumerateObject())
            {
                if (property.Value.GetString() is { Length: > 0 } value)
                {
                    properties[property.Name] = value.Trim();
                }
            }

            var labels = new List<ImageLabel>();
            if (document.RootElement.TryGetProperty("Items", out var items) && items.TryGetProperty(LabelItem, out var labelItems))
            {
                foreach (var label in labelItems.EnumerateArray())
                {
                    var value = label.TryGetProperty("Value", out var metadata) ? metadata.GetString() ?? string.Empty : string.Empty;
                    labels.Add(new ImageLabel(label.GetProperty("Identity").GetString()!, value));
                }
            }

            return new ProjectValues(fullPath, properties, labels);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new PaiConfigurationException(
                ProjectErrorCodes.UnreadableOutput,
                $"dotnet msbuild printed no readable property list for '{fullPath}': {exception.Message}",
                "Use a .NET SDK of version 8 or later, whose msbuild supports -getProperty and -getItem.");
        }
    }

    private static string FirstError(string text)
    {
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
            ?? text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0)
            ?? "no output";
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
