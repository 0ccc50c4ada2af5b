namespace PaiImage.Tool;

/// <summary>What the tool takes from its process: streams, environment and home folder. Tests supply their own.</summary>
internal sealed class CliHost(TextWriter output, TextWriter error, Func<string, string?> getEnvironmentVariable, string? homeDirectory)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>The user's home folder for credential files; null means the current user's.</summary>
    public string? HomeDirectory { get; } = homeDirectory;

    /// <summary>Standard input, for <c>add --from -</c>.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>True when stderr is a terminal, so progress can be redrawn in place.</summary>
    public bool ErrorIsTerminal { get; init; }

    public static CliHost FromProcess() => new(Console.Out, Console.Error, Environment.GetEnvironmentVariable, homeDirectory: null)
    {
        Input = Console.In,
        ErrorIsTerminal = !Console.IsErrorRedirected,
    };

    /// <summary>The variable's value, or null when it is unset or blank.</summary>
    public string? GetEnvironmentVariable(string name) =>
        getEnvironmentVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>PAI_IMAGE_DEBUG=1 shows stack traces of unexpected failures.</summary>
    public bool IsDebug => GetEnvironmentVariable("PAI_IMAGE_DEBUG") is "1" or "true";
}
