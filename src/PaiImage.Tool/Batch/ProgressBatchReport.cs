using System.Text;

namespace PaiImage.Tool.Batch;

/// <summary>For a terminal: a progress bar on stderr redrawn in place, with each failure printed above it.</summary>
internal sealed class ProgressBatchReport(int total, TextWriter error) : BatchReport(total, error)
{
    private const int Width = 30;
    private const string ClearLine = "\r\u001b[2K";
    private int _failed;

    protected override void Show(BatchOutcome outcome)
    {
        if (outcome.Error is not null)
        {
            _failed++;
            Error.Write(ClearLine);
            Error.WriteLine(ErrorText(outcome));
        }

        var filled = Total == 0 ? Width : Done * Width / Total;
        var bar = new StringBuilder(ClearLine).Append('[').Append('#', filled).Append('.', Width - filled).Append(']');
        bar.Append($" {Done}/{Total}");
        if (_failed > 0)
        {
            bar.Append($", {_failed} failed");
        }

        Error.Write(bar.ToString());
        Error.Flush();
    }

    protected override void BeforeSummary() => Error.Write(ClearLine);
}
