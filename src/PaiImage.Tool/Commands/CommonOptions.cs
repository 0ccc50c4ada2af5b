using System.CommandLine;
using PaiImage.Core.Operations;
using PaiImage.Tool.Output;
using PaiImage.Tool.Parsing;

namespace PaiImage.Tool.Commands;

/// <summary>The options several commands share. Connection and output options are recursive: valid before or after the command.</summary>
internal sealed class CommonOptions
{
    private static readonly Dictionary<string, OutputFormat> OutputFormats =
        new(StringComparer.OrdinalIgnoreCase) { ["text"] = OutputFormat.Text, ["json"] = OutputFormat.Json };

    public Option<string?> Region { get; } = new("--region")
    {
        Description = "Region id, e.g. cn-hangzhou; default: ALIBABA_CLOUD_REGION_ID.",
        HelpName = "ID",
        Recursive = true,
    };

    public Option<string?> Endpoint { get; } = new("--endpoint")
    {
        Description = "Endpoint URL, overriding --region; default: PAI_ENDPOINT.",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<bool> Vpc { get; } = new("--vpc")
    {
        Description = "Use the region's VPC endpoint (aiworkspace-vpc.{region}.aliyuncs.com).",
        Recursive = true,
    };

    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = "Credentials profile name; default: ALIBABA_CLOUD_PROFILE, else the configured default.",
        HelpName = "NAME",
        Recursive = true,
    };

    public Option<OutputFormat?> Output { get; } = new("--output")
    {
        Description = "text (default) or json; json puts only JSON on stdout.",
        HelpName = "text|json",
        CustomParser = result => ValueParsers.Choice(result, OutputFormats),
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Log each HTTP exchange (method, URL, status, RequestId, duration, attempt) and the credential source to stderr.",
        Recursive = true,
    };

    /// <summary>For the commands that change something; shared so every one spells and explains it alike.</summary>
    public Option<bool> DryRun { get; } = new("--dry-run")
    {
        Description = "Validate, resolve credentials and endpoint, sign, and print the exact request instead of sending it.",
    };

    public Option<string?> Workspace { get; } = new("--workspace")
    {
        Description = "Workspace id; default: PAI_WORKSPACE_ID.",
        HelpName = "ID",
    };

    public static Option<IReadOnlyList<ImageLabel>> CreateLabelOption(string description) => new("--label")
    {
        Description = description,
        HelpName = "KEY=VALUE",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = ValueParsers.Labels,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Region);
        root.Options.Add(Endpoint);
        root.Options.Add(Vpc);
        root.Options.Add(Profile);
        root.Options.Add(Output);
        root.Options.Add(Verbose);
    }
}
