using System.CommandLine;
using System.CommandLine.Parsing;
using PaiImage.Tool.Output;

namespace PaiImage.Tool.Parsing;

/// <summary>
/// Reports the first command-line error as one coded line (PAI2100–PAI2199) naming the option and the fix,
/// instead of System.CommandLine's help dump; the caller exits with 2.
/// </summary>
internal static class CommandLineErrors
{
    public const int ExitCode = 2;

    /// <summary>Options whose values have rules of their own: their code and fix.</summary>
    private static readonly Dictionary<string, (string Code, string Fix)> OptionRules = new(StringComparer.Ordinal)
    {
        ["--label"] = ("PAI2104", "Write each label as KEY=VALUE, e.g. --label system.chipType=GPU."),
        ["--if-exists"] = ("PAI2105", "Use --if-exists fail, skip or replace."),
        ["--output"] = ("PAI2106", "Use --output text or --output json."),
        ["--accessibility"] = ("PAI2107", "Use --accessibility PUBLIC or PRIVATE."),
        ["--size"] = ("PAI2108", "Give the size in whole gigabytes, e.g. --size 4."),
    };

    public static void Report(ParseResult parseResult, ErrorReporter errors)
    {
        var (code, message, fix) = Describe(parseResult);
        errors.Report(code, message, fix);
    }

    private static (string Code, string Message, string Fix) Describe(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        var help = $"Run '{CommandPath(command)} --help' to see the valid options.";

        if (parseResult.UnmatchedTokens.Count > 0)
        {
            return ("PAI2101", $"Unrecognized option or argument '{parseResult.UnmatchedTokens[0]}'.", help);
        }

        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            var names = string.Join(", ", command.Subcommands.Select(c => c.Name));
            return ("PAI2100", "No command given.", $"Name one of: {names}, e.g. 'pai-image add --help'.");
        }

        if (command.Options.FirstOrDefault(o => o.Required && parseResult.GetResult(o) is not { IdentifierTokenCount: > 0 }) is { } missingOption)
        {
            return ("PAI2102", $"The option {missingOption.Name} is required.", $"Add {missingOption.Name} {missingOption.HelpName}. {help}");
        }

        var error = parseResult.Errors[0];
        switch (error.SymbolResult)
        {
            case ArgumentResult { Parent: OptionResult optionResult }:
                return DescribeOptionError(optionResult.Option, error.Message, help);
            case OptionResult optionResult:
                return DescribeOptionError(optionResult.Option, error.Message, help);
            case ArgumentResult { Tokens.Count: 0 } argumentResult:
                return ("PAI2103", $"The argument {argumentResult.Argument.Name} is missing.", $"Give it after the command, e.g. '{CommandPath(command)} image-…'.");
            default:
                return ("PAI2199", error.Message, help);
        }
    }

    private static (string Code, string Message, string Fix) DescribeOptionError(Option option, string message, string help) =>
        OptionRules.TryGetValue(option.Name, out var rule)
            ? (rule.Code, message, rule.Fix)
            : ("PAI2109", message, $"Give {option.Name} a valid value. {help}");

    private static string CommandPath(Command command) =>
        command is RootCommand ? "pai-image" : $"pai-image {command.Name}";
}
