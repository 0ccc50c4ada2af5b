using System.Globalization;
using System.Text;
using PaiImage.Core.Operations;
using PaiImage.Core.Registration;

namespace PaiImage.Tool.Output;

/// <summary>Short human-readable lines and tables.</summary>
internal sealed partial class TextResultFormatter(TextWriter output) : IResultFormatter
{
    private const string Missing = "-";

    public void WriteRegistration(RegistrationResult result)
    {
        var workspace = result.WorkspaceId is null ? "the default workspace" : $"workspace {result.WorkspaceId}";
        var image = $"{result.Name} ({result.ImageUri})";
        var sentence = result.Outcome switch
        {
            RegistrationOutcome.Existing => $"{image} is already registered as {result.ImageId} in {workspace}",
            RegistrationOutcome.Skipped => $"skipped {image}: the name is already registered as {result.ImageId} with another image URI in {workspace}",
            RegistrationOutcome.Replaced => $"registered {image} as {result.ImageId} in {workspace}, replacing the previous registration",
            _ => $"registered {image} as {result.ImageId} in {workspace}",
        };
        output.WriteLine($"{sentence} [{result.Outcome.ToLowerName()}]");
    }

    public void WriteImages(long totalCount, IReadOnlyList<ImageInfo> images)
    {
        if (images.Count == 0)
        {
            output.WriteLine("no images found");
            return;
        }

        string[] header = ["ImageId", "Name", "ImageUri", "Accessibility", "Created"];
        var rows = images.Select(i => new[]
        {
            i.ImageId ?? Missing, i.Name ?? Missing, i.ImageUri ?? Missing, i.Accessibility ?? Missing, FormatTime(i.GmtCreateTime),
        }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (var column = 0; column < row.Length; column++)
            {
                line.Append(column == row.Length - 1 ? row[column] : row[column].PadRight(widths[column] + 2));
            }

            output.WriteLine(line.ToString());
        }

        if (images.Count < totalCount)
        {
            output.WriteLine($"{images.Count} of {totalCount} images shown; add --all to list every page.");
        }
    }

    public void WriteImage(ImageInfo image)
    {
        WriteField("ImageId", image.ImageId);
        WriteField("Name", image.Name);
        WriteField("ImageUri", image.ImageUri);
        WriteField("WorkspaceId", image.WorkspaceId);
        WriteField("Accessibility", image.Accessibility);
        WriteField("Description", image.Description);
        WriteField("Labels", image.Labels is { Count: > 0 } labels ? string.Join(", ", labels.Select(l => $"{l.Key}={l.Value}")) : null);
        WriteField("Size", image.Size is { } size ? $"{size.ToString(CultureInfo.InvariantCulture)} GB" : null);
        WriteField("SourceType", image.SourceType);
        WriteField("SourceId", image.SourceId);
        WriteField("Created", image.GmtCreateTime is null ? null : FormatTime(image.GmtCreateTime));
        WriteField("Modified", image.GmtModifiedTime is null ? null : FormatTime(image.GmtModifiedTime));
    }

    public void WriteRemoval(string imageId, string? requestId) => output.WriteLine($"removed {imageId}");

    private void WriteField(string name, string? value)
    {
        if (value is not null)
        {
            output.WriteLine($"{name + ":",-15}{value}");
        }
    }

    /// <summary>The service's ISO-8601 UTC time, shortened to the second; anything unexpected is shown as received.</summary>
    private static string FormatTime(string? time) =>
        DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : time ?? Missing;
}
