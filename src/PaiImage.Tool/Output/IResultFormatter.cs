using PaiImage.Core.Operations;
using PaiImage.Core.Registration;

namespace PaiImage.Tool.Output;

/// <summary>Writes a command's result to stdout in one output format.</summary>
internal partial interface IResultFormatter
{
    void WriteRegistration(RegistrationResult result);

    /// <param name="totalCount">How many images match on the server; may exceed <paramref name="images"/>.Count.</param>
    void WriteImages(long totalCount, IReadOnlyList<ImageInfo> images);

    void WriteImage(ImageInfo image);

    void WriteRemoval(string imageId, string? requestId);
}

internal static class ResultFormatter
{
    public static IResultFormatter For(OutputFormat format, TextWriter output) => format switch
    {
        OutputFormat.Json => new JsonResultFormatter(output),
        _ => new TextResultFormatter(output),
    };

    public static string ToLowerName(this RegistrationOutcome outcome) => outcome switch
    {
        RegistrationOutcome.Created => "created",
        RegistrationOutcome.Existing => "existing",
        RegistrationOutcome.Replaced => "replaced",
        RegistrationOutcome.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
