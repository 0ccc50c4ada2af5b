using System.Globalization;
using PaiImage.Core.DryRun;
using PaiImage.Core.Operations;

namespace PaiImage.Tool.Output;

internal sealed partial class TextResultFormatter
{
    public void WriteChange(string imageId, string? requestId, string summary) => output.WriteLine(summary);

    public void WriteLabels(long totalCount, IReadOnlyList<ImageLabel> labels)
    {
        if (labels.Count == 0)
        {
            output.WriteLine("no labels found");
            return;
        }

        var width = Math.Max("Key".Length, labels.Max(label => label.Key.Length)) + 2;
        output.WriteLine("Key".PadRight(width) + "Value");
        foreach (var label in labels)
        {
            output.WriteLine(label.Key.PadRight(width) + label.Value);
        }

        if (labels.Count < totalCount)
        {
            output.WriteLine($"{labels.Count.ToString(CultureInfo.InvariantCulture)} of {totalCount.ToString(CultureInfo.InvariantCulture)} labels shown.");
        }
    }

    public void WriteDryRun(DryRunRequest request)
    {
        output.WriteLine($"dry run: {request.Action} was signed but not sent.");
        output.WriteLine($"{request.Method} {request.Url}");
        foreach (var (name, value) in request.Headers)
        {
            output.WriteLine($"{name}: {value}");
        }

        output.WriteLine();
        if (request.Body is not null)
        {
            output.WriteLine(request.Body);
            output.WriteLine();
        }

        output.WriteLine($"credentials: {request.CredentialSource}");
        output.WriteLine("canonical request:");
        output.WriteLine(request.CanonicalRequest);
        output.WriteLine();
        output.WriteLine("string to sign:");
        output.WriteLine(request.StringToSign);
    }

    public void WriteConfiguration(ConfigurationReport report)
    {
        WriteField("Region", $"{report.Region ?? Missing} ({report.RegionSource})");
        WriteField("Endpoint", $"{report.Endpoint} ({report.EndpointSource})");
        WriteField("Profile", $"{report.Profile ?? Missing} ({report.ProfileSource})");
        WriteField("Credentials", $"{report.Credentials.Source}: {report.CredentialKind} {report.MaskedAccessKeyId}");
        if (report.Credentials.Credentials.Expiration is { } expiration)
        {
            WriteField("Expires", expiration.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        foreach (var skipped in report.Credentials.SkippedSources)
        {
            WriteField("Skipped", $"{skipped.Source}: {skipped.Reason}");
        }
    }
}
