namespace PaiImage.Core.Credentials;

/// <summary>
/// Alibaba's default credential chain, in its documented order: environment, OIDC role, aliyun CLI profile
/// (~/.aliyun/config.json), INI file (~/.alibabacloud/credentials[.ini]), ECS RAM role, credentials URI.
/// The first source that applies is remembered; temporary credentials are refreshed before they expire.
/// </summary>
public sealed class DefaultCredentialChain(CredentialChainOptions options) : ICredentialProvider
{
    public string Name => "default";

    // CONTRACT STUB — implemented by the credentials work.
    public ValueTask<PaiCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
        throw new NotImplementedException(options.ToString());
}
