using PaiImage.Core.Credentials.Sts;

namespace PaiImage.Core.Credentials.Sources;

/// <summary>STS AssumeRoleWithOIDC when ALIBABA_CLOUD_ROLE_ARN, _OIDC_PROVIDER_ARN and _OIDC_TOKEN_FILE are all set.</summary>
internal sealed class OidcEnvironmentSource(CredentialContext context, CredentialRecipes recipes) : ICredentialSource
{
    private static readonly string[] Required =
        [CredentialEnvironment.RoleArn, CredentialEnvironment.OidcProviderArn, CredentialEnvironment.OidcTokenFile];

    public string Kind => "oidc-role";

    public Task<SourceAttempt> TryResolveAsync(CancellationToken cancellationToken)
    {
        var missing = Required.Where(name => context.Env(name) is null).ToList();
        if (missing.Count > 0)
        {
            return Task.FromResult(SourceAttempt.Skip($"needs {string.Join(", ", Required)}; not set: {string.Join(", ", missing)}."));
        }

        var role = new StsRoleSettings(
            context.Env(CredentialEnvironment.RoleArn)!,
            SessionName: null,
            StsRoleSettings.DefaultDurationSeconds,
            Policy: null,
            ExternalId: null,
            StsEndpointResolver.Resolve(context));
        var fetcher = recipes.AssumeRoleWithOidc(role, context.Env(CredentialEnvironment.OidcProviderArn)!, context.Env(CredentialEnvironment.OidcTokenFile)!);
        return SourceAttempt.ApplyAsync(Kind, fetcher, cancellationToken);
    }
}
