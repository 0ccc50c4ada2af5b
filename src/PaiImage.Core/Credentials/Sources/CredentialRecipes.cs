using PaiImage.Core.Credentials.Remote;
using PaiImage.Core.Credentials.Sts;

namespace PaiImage.Core.Credentials.Sources;

/// <summary>The ways a configured source turns into credentials; shared by the environment, CLI-profile and INI sources.</summary>
internal sealed class CredentialRecipes(CredentialContext context)
{
    private readonly StsClient _sts = new(context);
    private readonly EcsMetadataClient _metadata = new(context);

    public EcsMetadataClient Metadata => _metadata;

    public static CredentialFetcher Static(PaiCredentials credentials) => _ => Task.FromResult(credentials);

    /// <summary>Assumes a role with whatever the source fetcher returns at that moment.</summary>
    public CredentialFetcher AssumeRole(CredentialFetcher source, StsRoleSettings role) => async ct =>
        await _sts.AssumeRoleAsync(await source(ct).ConfigureAwait(false), role, ct).ConfigureAwait(false);

    /// <summary>Re-reads the token file at every call so rotated tokens are picked up.</summary>
    public CredentialFetcher AssumeRoleWithOidc(StsRoleSettings role, string oidcProviderArn, string tokenFile) => async ct =>
        await _sts.AssumeRoleWithOidcAsync(role, oidcProviderArn, await OidcTokenFile.ReadAsync(tokenFile, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    public CredentialFetcher EcsRamRole(string? roleName) => async ct =>
        (await _metadata.FetchAsync(roleName, ct).ConfigureAwait(false)).Credentials;
}
