using System.CommandLine;
using PaiImage.Core.Credentials;
using PaiImage.Core.Endpoints;
using PaiImage.Tool.Output;

namespace PaiImage.Tool.Commands;

/// <summary><c>pai-image config</c>: the region, endpoint, profile and credential source a command would use, and why. Sends nothing to PAI.</summary>
internal static class ConfigCommand
{
    public static Command Create(CommonOptions common, CommandRunner runner, CliHost host)
    {
        Command command = new("config", "Show which region, endpoint, profile and credentials would be used, and why (never the secret).");
        command.SetAction((parseResult, cancellationToken) => runner.RunAsync(
            parseResult,
            async (output, token) =>
            {
                var options = runner.ClientOptions(parseResult);
                var endpoint = PaiEndpointResolver.Resolve(options.RegionId, options.UseVpcEndpoint, options.Endpoint);
                using var chain = new DefaultCredentialChain(options.CredentialChain);
                var credentials = await chain.ResolveAsync(token).ConfigureAwait(false);
                var (profile, profileSource) = Pick(parseResult.GetValue(common.Profile), "--profile", host.GetEnvironmentVariable("ALIBABA_CLOUD_PROFILE"), "ALIBABA_CLOUD_PROFILE");
                var (region, regionSource) = Pick(parseResult.GetValue(common.Region), "--region", host.GetEnvironmentVariable("ALIBABA_CLOUD_REGION_ID"), "ALIBABA_CLOUD_REGION_ID");
                output.WriteConfiguration(new ConfigurationReport(
                    region,
                    regionSource,
                    endpoint,
                    EndpointSource(parseResult, common, host, region, options.UseVpcEndpoint),
                    profile,
                    profile is null ? "not set: the credentials file's current profile, else 'default'" : profileSource,
                    credentials));
            },
            cancellationToken));
        return command;
    }

    private static (string? Value, string Source) Pick(string? option, string optionName, string? variable, string variableName) =>
        option is not null ? (option, optionName)
        : variable is not null ? (variable, variableName)
        : (null, "not set");

    private static string EndpointSource(ParseResult parseResult, CommonOptions common, CliHost host, string? region, bool vpc) =>
        parseResult.GetValue(common.Endpoint) is not null ? "--endpoint"
        : host.GetEnvironmentVariable("PAI_ENDPOINT") is not null ? "PAI_ENDPOINT"
        : vpc ? $"the VPC endpoint of region {region}"
        : $"the public endpoint of region {region}";
}
