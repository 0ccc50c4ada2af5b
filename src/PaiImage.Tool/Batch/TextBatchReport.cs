using PaiImage.Tool.Output;

namespace PaiImage.Tool.Batch;

/// <summary>One plain line per image on stdout, e.g. <c>[12/300] created my-app (uri) image-…</c>; for logs and pipes.</summary>
internal sealed class TextBatchReport(int total, TextWriter output, TextWriter error) : BatchReport(total, error)
{
    protected override void Show(BatchOutcome outcome)
    {
        var counter = $"[{Done}/{Total}]";
        output.WriteLine(outcome.Result is { } result
            ? $"{counter} {result.Outcome.ToLowerName()} {result.Name} ({result.ImageUri}) {result.ImageId}"
            : $"{counter} {ErrorText(outcome)}");
    }
}
