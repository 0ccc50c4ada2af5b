using PaiImage.Core.Errors;
using PaiImage.Core.Registration;
using PaiImage.Core.Validation;

namespace PaiImage.Tool.Batch;

/// <summary>One image line of a batch file: ready to register (<see cref="Item"/>) or rejected (<see cref="Error"/>).</summary>
/// <param name="Name">The image name when the line could be read that far.</param>
internal sealed record BatchEntry(int Line, string? Name, BatchItem? Item, PaiException? Error);

/// <summary>
/// Reads a JSON-lines batch file: skips blank lines and lines starting with #, applies the defaults, validates
/// each line, and rejects a name that an earlier line of the same workspace already uses.
/// </summary>
internal static class BatchFile
{
    public const string StandardInput = "-";

    /// <exception cref="PaiValidationException">The file cannot be read (PAI2123).</exception>
    public static async Task<IReadOnlyList<BatchEntry>> ReadAsync(string path, TextReader standardInput, BatchDefaults defaults, CancellationToken cancellationToken)
    {
        try
        {
            if (path == StandardInput)
            {
                return await ReadAsync(standardInput, defaults, cancellationToken).ConfigureAwait(false);
            }

            using var reader = File.OpenText(path);
            return await ReadAsync(reader, defaults, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PaiValidationException(
            [
                new ValidationError(
                    BatchErrorCodes.Unreadable,
                    "--from",
                    path,
                    $"The batch file '{path}' cannot be read: {exception.Message}",
                    "Give the path of a readable JSON-lines file, or '-' to read standard input."),
            ]);
        }
    }

    private static async Task<IReadOnlyList<BatchEntry>> ReadAsync(TextReader reader, BatchDefaults defaults, CancellationToken cancellationToken)
    {
        var entries = new List<BatchEntry>();
        var firstLineOfName = new Dictionary<(string? WorkspaceId, string Name), int>();
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            lineNumber++;
            var content = text.Trim();
            if (content.Length > 0 && content[0] != '#')
            {
                entries.Add(Plan(lineNumber, content, defaults, firstLineOfName));
            }
        }

        return entries;
    }

    private static BatchEntry Plan(int line, string content, BatchDefaults defaults, Dictionary<(string?, string), int> firstLineOfName)
    {
        string? name = null;
        try
        {
            var (parsed, ifExists) = BatchLineParser.Parse(content);
            name = parsed.Name;
            var request = parsed with { WorkspaceId = parsed.WorkspaceId ?? defaults.WorkspaceId };
            ImageRequestValidator.ThrowIfInvalid(request);
            if (!firstLineOfName.TryAdd((request.WorkspaceId, request.Name), line))
            {
                throw Duplicate(request.Name, firstLineOfName[(request.WorkspaceId, request.Name)]);
            }

            return new BatchEntry(line, name, new BatchItem(line, request, ifExists ?? defaults.IfExists), null);
        }
        catch (PaiValidationException error)
        {
            return new BatchEntry(line, string.IsNullOrEmpty(name) ? null : name, null, error);
        }
    }

    private static PaiValidationException Duplicate(string name, int firstLine) => new(
    [
        new ValidationError(
            BatchErrorCodes.DuplicateName,
            "Name",
            name,
            $"The name '{name}' is already used by line {firstLine} of this file; that line registers it, this one is left out.",
            "Give each image of a workspace its own name, or remove the repeated line."),
    ]);
}
