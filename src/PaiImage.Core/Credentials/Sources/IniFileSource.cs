using PaiImage.Core.Credentials.Profiles;
using PaiImage.Core.Credentials.Sts;
using PaiImage.Core.Errors;

namespace PaiImage.Core.Credentials.Sources;

/// <summary>
/// A section of the INI credentials file (ALIBABA_CLOUD_CREDENTIALS_FILE, else ~/.alibabacloud/credentials, else
/// ~/.alibabacloud/credentials.ini): the explicit profile name, else ALIBABA_CLOUD_PROFILE, else <c>default</c>.
/// </summary>
internal sealed class IniFileSource(CredentialContext context, CredentialRecipes recipes) : ICredentialSource
{
    public string Kind => "ini-file";

    public Task<SourceAttempt> TryResolveAsync(CancellationToken cancellationToken)
    {
        string? path;
        if (context.Env(CredentialEnvironment.CredentialsFile) is { } configured)
        {
            path = configured;
            if (!File.Exists(path))
            {
                throw new PaiConfigurationException(
                    CredentialErrorCodes.CredentialsFileMissing,
                    $"{CredentialEnvironment.CredentialsFile} names {path}, which does not exist.",
                    $"Create the file or correct {CredentialEnvironment.CredentialsFile}.");
            }
        }
        else
        {
            var folder = Path.Combine(context.HomeDirectory, ".alibabacloud");
            string[] candidates = [Path.Combine(folder, "credentials"), Path.Combine(folder, "credentials.ini")];
            path = candidates.FirstOrDefault(File.Exists);
            if (path is null)
            {
                return Task.FromResult(SourceAttempt.Skip($"neither {candidates[0]} nor {candidates[1]} exists."));
            }
        }

        var sectionName = context.ExplicitProfileName ?? "default";
        if (!IniFile.Load(path).TryGetValue(sectionName, out var section))
        {
            return Task.FromResult(SourceAttempt.Skip($"{path} has no [{sectionName}] section."));
        }

        if (string.Equals(Value(section, "enable"), "false", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(SourceAttempt.Skip($"section [{sectionName}] of {path} is disabled (enable = false)."));
        }

        var type = Value(section, "type") ?? "access_key";
        string Required(string key) => Value(section, key) ?? throw new PaiConfigurationException(
            CredentialErrorCodes.IniSectionInvalid,
            $"Section [{sectionName}] (type {type}) of {path} has no {key}.",
            $"Add '{key} = ...' to the section.");

        CredentialFetcher? fetcher = type switch
        {
            "access_key" => CredentialRecipes.Static(new PaiCredentials(Required("access_key_id"), Required("access_key_secret"))),
            "ecs_ram_role" => recipes.EcsRamRole(Value(section, "role_name")),
            "ram_role_arn" => recipes.AssumeRole(
                CredentialRecipes.Static(new PaiCredentials(Required("access_key_id"), Required("access_key_secret"))),
                Role(section, Required("role_arn"))),
            "oidc_role_arn" => recipes.AssumeRoleWithOidc(Role(section, Required("role_arn")), Required("oidc_provider_arn"), Required("oidc_token_file_path")),
            _ => null,
        };

        return fetcher is null
            ? Task.FromResult(SourceAttempt.Skip($"section [{sectionName}] of {path} has type '{type}', which is not supported (supported: access_key, ecs_ram_role, ram_role_arn, oidc_role_arn)."))
            : SourceAttempt.ApplyAsync($"ini:{path} [{sectionName}]", fetcher, cancellationToken);
    }

    private StsRoleSettings Role(Dictionary<string, string> section, string roleArn) => new(
        roleArn,
        Value(section, "role_session_name"),
        StsRoleSettings.DefaultDurationSeconds,
        Value(section, "policy"),
        Value(section, "external_id"),
        StsEndpointResolver.Resolve(
            context,
            profileEndpoint: null,
            Value(section, "sts_region") ?? Value(section, "region_id"),
            Value(section, "enable_vpc") is { } vpc ? string.Equals(vpc, "true", StringComparison.OrdinalIgnoreCase) : null));

    private static string? Value(Dictionary<string, string> section, string key) =>
        section.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
}
