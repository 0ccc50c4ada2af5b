namespace PaiImage.Core.Credentials.Sources;

/// <summary>ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET (+ ALIBABA_CLOUD_SECURITY_TOKEN).</summary>
internal sealed class EnvironmentSource(CredentialContext context) : ICredentialSource
{
    public string Kind => "environment";

    public Task<SourceAttempt> TryResolveAsync(CancellationToken cancellationToken)
    {
        var id = context.Env(CredentialEnvironment.AccessKeyId);
        var secret = context.Env(CredentialEnvironment.AccessKeySecret);
        if (id is null && secret is null)
        {
            return Task.FromResult(SourceAttempt.Skip($"{CredentialEnvironment.AccessKeyId} and {CredentialEnvironment.AccessKeySecret} are not set."));
        }

        if (id is null || secret is null)
        {
            var (set, unset) = id is null
                ? (CredentialEnvironment.AccessKeySecret, CredentialEnvironment.AccessKeyId)
                : (CredentialEnvironment.AccessKeyId, CredentialEnvironment.AccessKeySecret);
            return Task.FromResult(SourceAttempt.Skip($"{set} is set but {unset} is not."));
        }

        var credentials = new PaiCredentials(id, secret, context.Env(CredentialEnvironment.SecurityToken));
        return SourceAttempt.ApplyAsync(Kind, CredentialRecipes.Static(credentials), cancellationToken);
    }
}
