using System.Text.Json;
using PaiImage.Core.Credentials.Profiles;
using PaiImage.Core.Credentials.Sts;
using PaiImage.Core.Errors;

namespace PaiImage.Core.Credentials.Sources;

/// <summary>
/// A profile of the aliyun CLI's ~/.aliyun/config.json: the explicit profile name, else ALIBABA_CLOUD_PROFILE,
/// else the file's <c>current</c>. Modes AK, StsToken, RamRoleArn, EcsRamRole, OIDC and ChainableRamRoleArn.
/// </summary>
internal sealed class CliProfileSource(CredentialContext context, CredentialRecipes recipes) : ICredentialSource
{
    private static readonly string[] SupportedModes = ["AK", "StsToken", "RamRoleArn", "EcsRamRole", "OIDC", "ChainableRamRoleArn"];

    public string Kind => "cli-profile";

    public Task<SourceAttempt> TryResolveAsync(CancellationToken cancellationToken)
    {
        if (context.EnvIsTrue(CredentialEnvironment.CliProfileDisabled))
        {
            return Task.FromResult(SourceAttempt.Skip($"{CredentialEnvironment.CliProfileDisabled}=true."));
        }

        var path = Path.Combine(context.HomeDirectory, ".aliyun", "config.json");
        if (!File.Exists(path))
        {
            return Task.FromResult(SourceAttempt.Skip($"{path} does not exist."));
        }

        var file = CliConfigFile.Load(path);
        var name = context.ExplicitProfileName ?? file.Current ?? "default";
        if (!file.TryGetProfile(name, out var profile))
        {
            var known = string.Join(", ", file.ProfileNames.Select(n => $"'{n}'"));
            return Task.FromResult(SourceAttempt.Skip($"{path} has no profile '{name}' (profiles: {(known.Length == 0 ? "none" : known)})."));
        }

        var mode = Mode(profile);
        if (mode is null)
        {
            return Task.FromResult(SourceAttempt.Skip(
                $"profile '{name}' in {path} uses mode '{CliConfigFile.GetString(profile, "mode") ?? "(none)"}', which is not supported (supported: {string.Join(", ", SupportedModes)})."));
        }

        var fetcher = Build(file, name, profile, mode, [name]);
        return SourceAttempt.ApplyAsync($"cli-profile:{name} (mode {mode})", fetcher, cancellationToken);
    }

    private static string? Mode(JsonElement profile)
    {
        var mode = CliConfigFile.GetString(profile, "mode");
        return SupportedModes.FirstOrDefault(m => string.Equals(m, mode, StringComparison.OrdinalIgnoreCase));
    }

    private CredentialFetcher Build(CliConfigFile file, string name, JsonElement profile, string mode, HashSet<string> visited)
    {
        string Required(string field) => CliConfigFile.GetString(profile, field) ?? throw Invalid(file, name, mode, $"has no {field}");

        switch (mode)
        {
            case "AK":
                return CredentialRecipes.Static(new PaiCredentials(Required("access_key_id"), Required("access_key_secret")));
            case "StsToken":
                return CredentialRecipes.Static(new PaiCredentials(Required("access_key_id"), Required("access_key_secret"), Required("sts_token")));
            case "RamRoleArn":
                var accessKey = new PaiCredentials(Required("access_key_id"), Required("access_key_secret"));
                return recipes.AssumeRole(CredentialRecipes.Static(accessKey), Role(file, name, mode, profile));
            case "EcsRamRole":
                return recipes.EcsRamRole(CliConfigFile.GetString(profile, "ram_role_name"));
            case "OIDC":
                return recipes.AssumeRoleWithOidc(Role(file, name, mode, profile), Required("oidc_provider_arn"), Required("oidc_token_file"));
            default:
                var sourceName = Required("source_profile");
                if (!visited.Add(sourceName))
                {
                    throw new PaiConfigurationException(
                        CredentialErrorCodes.CliProfileCycle,
                        $"The profiles in {file.Path} form a source_profile cycle: {string.Join(" -> ", visited)} -> {sourceName}.",
                        "Make the chain of source_profile entries end in a profile with mode AK, StsToken, EcsRamRole, OIDC or RamRoleArn.");
                }

                if (!file.TryGetProfile(sourceName, out var source))
                {
                    throw Invalid(file, name, mode, $"names source_profile '{sourceName}', which does not exist");
                }

                var sourceMode = Mode(source) ?? throw Invalid(file, sourceName, CliConfigFile.GetString(source, "mode") ?? "(none)", "is used as a source_profile but its mode is not supported");
                return recipes.AssumeRole(Build(file, sourceName, source, sourceMode, visited), Role(file, name, mode, profile));
        }
    }

    private StsRoleSettings Role(CliConfigFile file, string name, string mode, JsonElement profile)
    {
        var duration = CliConfigFile.GetPositiveInt(profile, "expired_seconds", out var invalid);
        if (invalid || duration < 900)
        {
            throw Invalid(file, name, mode, "has an expired_seconds that is not a number of at least 900");
        }

        return new StsRoleSettings(
            CliConfigFile.GetString(profile, "ram_role_arn") ?? throw Invalid(file, name, mode, "has no ram_role_arn"),
            CliConfigFile.GetString(profile, "ram_session_name"),
            duration ?? StsRoleSettings.DefaultDurationSeconds,
            CliConfigFile.GetString(profile, "policy"),
            CliConfigFile.GetString(profile, "external_id"),
            StsEndpointResolver.Resolve(
                context,
                CliConfigFile.GetString(profile, "sts_endpoint"),
                CliConfigFile.GetString(profile, "sts_region"),
                CliConfigFile.GetBool(profile, "enable_vpc")));
    }

    private static PaiConfigurationException Invalid(CliConfigFile file, string name, string mode, string problem) => new(
        CredentialErrorCodes.CliProfileInvalid,
        $"Profile '{name}' (mode {mode}) in {file.Path} {problem}.",
        $"Run 'aliyun configure --profile {name} --mode {mode}' or edit {file.Path}.");
}
