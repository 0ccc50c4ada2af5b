using System.CommandLine.Parsing;
using System.Globalization;
using PaiImage.Core.Operations;

namespace PaiImage.Tool.Parsing;

/// <summary>Turns option tokens into typed values; a bad token becomes a parse error naming the option.</summary>
internal static class ValueParsers
{
    public static IReadOnlyList<ImageLabel> Labels(ArgumentResult result)
    {
        var labels = new List<ImageLabel>(result.Tokens.Count);
        foreach (var token in result.Tokens)
        {
            var separator = token.Value.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                result.AddError($"--label '{token.Value}' is not KEY=VALUE.");
                return [];
            }

            labels.Add(new ImageLabel(token.Value[..separator], token.Value[(separator + 1)..]));
        }

        return labels;
    }

    /// <summary>MSBuild properties as NAME=VALUE; the value may be empty.</summary>
    public static IReadOnlyList<string> Properties(ArgumentResult result)
    {
        foreach (var token in result.Tokens)
        {
            if (token.Value.IndexOf('=', StringComparison.Ordinal) <= 0)
            {
                result.AddError($"--property '{token.Value}' is not NAME=VALUE.");
                return [];
            }
        }

        return [.. result.Tokens.Select(t => t.Value)];
    }

    public static long? WholeNumber(ArgumentResult result)
    {
        var text = result.Tokens[^1].Value;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        result.AddError($"{OptionName(result)} '{text}' is not a whole number.");
        return null;
    }

    /// <summary>Matches the token case-insensitively against <paramref name="choices"/>.</summary>
    public static T? Choice<T>(ArgumentResult result, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        var text = result.Tokens[^1].Value;
        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        result.AddError($"{OptionName(result)} '{text}' is not one of {string.Join('|', choices.Keys)}.");
        return null;
    }

    /// <summary>Like <see cref="Choice{T}"/> for string values; returns the canonical spelling.</summary>
    public static string? Choice(ArgumentResult result, IReadOnlyList<string> choices)
    {
        var text = result.Tokens[^1].Value;
        foreach (var choice in choices)
        {
            if (string.Equals(choice, text, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        result.AddError($"{OptionName(result)} '{text}' is not one of {string.Join('|', choices)}.");
        return null;
    }

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
