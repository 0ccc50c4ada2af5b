using PaiImage.Core.Registration;
using PaiImage.Tool.Output;

namespace PaiImage.Tool.Batch;

/// <summary>
/// Counts the outcomes of a batch, shows each one as it arrives and ends with a summary on stderr.
/// The exit code is 0 when every line succeeded, else the highest exit code of a failed line's error kind.
/// </summary>
internal abstract class BatchReport(int total, TextWriter error)
{
    private readonly Dictionary<RegistrationOutcome, int> _succeeded = [];
    private int _failed;
    private int _worstExitCode;

    protected int Total { get; } = total;

    protected int Done { get; private set; }

    protected TextWriter Error { get; } = error;

    public int ExitCode => _worstExitCode;

    public static BatchReport Create(OutputFormat format, CliHost host, int total) => format switch
    {
        OutputFormat.Json => new JsonBatchReport(total, host.Output, host.Error),
        _ when host.ErrorIsTerminal && host.GetEnvironmentVariable("TERM") != "dumb" => new ProgressBatchReport(total, host.Error),
        _ => new TextBatchReport(total, host.Output, host.Error),
    };

    public void Add(BatchOutcome outcome)
    {
        Done++;
        if (outcome.Result is { } result)
        {
            _succeeded[result.Outcome] = _succeeded.GetValueOrDefault(result.Outcome) + 1;
        }
        else
        {
            _failed++;
            _worstExitCode = Math.Max(_worstExitCode, (int)outcome.Error!.Kind);
        }

        Show(outcome);
    }

    public void Finish()
    {
        BeforeSummary();
        var counts = string.Join(", ", Enum.GetValues<RegistrationOutcome>().Select(o => $"{_succeeded.GetValueOrDefault(o)} {o.ToLowerName()}"));
        Error.WriteLine($"pai-image: {Total} images: {counts}, {_failed} failed.");
    }

    protected abstract void Show(BatchOutcome outcome);

    protected virtual void BeforeSummary()
    {
    }

    /// <summary><c>error PAI2001: message Fix: fix (line 13)</c>.</summary>
    protected static string ErrorText(BatchOutcome outcome) => $"error {outcome.Error!.ToDiagnosticLine()} (line {outcome.Line})";
}
