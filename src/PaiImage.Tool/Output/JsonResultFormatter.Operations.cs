using PaiImage.Core.DryRun;
using PaiImage.Core.Operations;

namespace PaiImage.Tool.Output;

internal sealed partial class JsonResultFormatter
{
    public void WriteChange(string imageId, string? requestId, string summary) => WriteRemoval(imageId, requestId);

    public void WriteLabels(long totalCount, IReadOnlyList<ImageLabel> labels) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("TotalCount", totalCount);
        WriteLabelArray(json, labels);
        json.WriteEndObject();
    });

    public void WriteDryRun(DryRunRequest request) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteBoolean("DryRun", true);
        json.WriteString("Action", request.Action);
        json.WriteString("Method", request.Method);
        json.WriteString("Url", request.Url.ToString());
        json.WriteStartObject("Headers");
        foreach (var (name, value) in request.Headers)
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
        WriteIfPresent(json, "Body", request.Body);
        json.WriteString("CanonicalRequest", request.CanonicalRequest);
        json.WriteString("StringToSign", request.StringToSign);
        json.WriteString("Authorization", request.Authorization);
        json.WriteString("CredentialSource", request.CredentialSource);
        json.WriteEndObject();
    });

    public void WriteConfiguration(ConfigurationReport report) => Write(json =>
    {
        json.WriteStartObject();
        WriteIfPresent(json, "Region", report.Region);
        json.WriteString("RegionSource", report.RegionSource);
        json.WriteString("Endpoint", report.Endpoint.ToString());
        json.WriteString("EndpointSource", report.EndpointSource);
        WriteIfPresent(json, "Profile", report.Profile);
        json.WriteString("ProfileSource", report.ProfileSource);
        json.WriteStartObject("Credentials");
        json.WriteString("Source", report.Credentials.Source);
        json.WriteString("Kind", report.CredentialKind);
        json.WriteString("AccessKeyId", report.MaskedAccessKeyId);
        if (report.Credentials.Credentials.Expiration is { } expiration)
        {
            json.WriteString("Expiration", expiration);
        }

        json.WriteStartArray("Skipped");
        foreach (var skipped in report.Credentials.SkippedSources)
        {
            json.WriteStartObject();
            json.WriteString("Source", skipped.Source);
            json.WriteString("Reason", skipped.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    });
}
