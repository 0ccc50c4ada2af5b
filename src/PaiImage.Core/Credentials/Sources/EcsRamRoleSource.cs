using PaiImage.Core.Errors;

namespace PaiImage.Core.Credentials.Sources;

/// <summary>The ECS instance's RAM role (ALIBABA_CLOUD_ECS_METADATA names it, else it is discovered).</summary>
internal sealed class EcsRamRoleSource(CredentialContext context, CredentialRecipes recipes) : ICredentialSource
{
    public string Kind => "ecs-ram-role";

    public async Task<SourceAttempt> TryResolveAsync(CancellationToken cancellationToken)
    {
        if (context.EnvIsTrue(CredentialEnvironment.EcsMetadataDisabled))
        {
            return SourceAttempt.Skip($"{CredentialEnvironment.EcsMetadataDisabled}=true.");
        }

        string roleName;
        PaiCredentials first;
        try
        {
            (roleName, first) = await recipes.Metadata.FetchAsync(context.Env(CredentialEnvironment.EcsMetadata), cancellationToken).ConfigureAwait(false);
        }
        catch (PaiConfigurationException ex) when (ex.Code is CredentialErrorCodes.EcsMetadataUnreachable or CredentialErrorCodes.EcsNoRoleAttached)
        {
            return SourceAttempt.Skip(ex.Message);
        }

        var fetcher = recipes.EcsRamRole(roleName);
        var used = false;
        return await SourceAttempt.ApplyAsync(
            $"ecs-ram-role:{roleName}",
            ct =>
            {
                // The probe above already fetched the first credentials; only refreshes call the service again.
                if (!used)
                {
                    used = true;
                    return Task.FromResult(first);
                }

                return fetcher(ct);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
