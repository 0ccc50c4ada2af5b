using PaiImage.Core.DryRun;
using PaiImage.Core.Operations;

namespace PaiImage.Tool.Output;

internal partial interface IResultFormatter
{
    /// <summary>A change with no other result than the service's acknowledgement.</summary>
    /// <param name="summary">What was done, in words, for text output.</param>
    void WriteChange(string imageId, string? requestId, string summary);

    void WriteLabels(long totalCount, IReadOnlyList<ImageLabel> labels);

    void WriteDryRun(DryRunRequest request);

    void WriteConfiguration(ConfigurationReport report);
}
