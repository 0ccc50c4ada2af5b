using System.CommandLine;
using PaiImage.Core.Errors;
using PaiImage.Core.Registration;
using PaiImage.Tool.Batch;
using PaiImage.Tool.Output;

namespace PaiImage.Tool.Commands;

/// <summary><c>pai-image add --from FILE</c>: registers every image of a JSON-lines file, several at a time.</summary>
internal static class AddFromFile
{
    public static async Task<int> RunAsync(
        ParseResult parseResult,
        CommandRunner runner,
        string path,
        int concurrency,
        BatchDefaults defaults,
        OutputFormat format,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<BatchEntry> entries;
        try
        {
            entries = await BatchFile.ReadAsync(path, runner.Host.Input, defaults, cancellationToken).ConfigureAwait(false);
        }
        catch (PaiException exception)
        {
            new ErrorReporter(runner.Host).Report(exception);
            return (int)exception.Kind;
        }

        return await runner.RunAsync(
            parseResult,
            async (services, _, token) =>
            {
                var report = BatchReport.Create(format, runner.Host, entries.Count);
                // Rejected lines first: they are known before anything is sent.
                foreach (var rejected in entries.Where(e => e.Item is null))
                {
                    report.Add(BatchOutcome.Rejected(rejected));
                }

                var items = entries.Select(e => e.Item).OfType<BatchItem>();
                await foreach (var result in new BatchRegistrar(services.Registrar).RegisterAllAsync(items, concurrency, token).ConfigureAwait(false))
                {
                    report.Add(BatchOutcome.Registered(result));
                }

                report.Finish();
                return report.ExitCode;
            },
            cancellationToken).ConfigureAwait(false);
    }
}
