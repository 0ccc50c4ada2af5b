namespace PaiImage.Core.Credentials;

/// <summary>Always returns the same credentials; for tests and for callers that resolved them already.</summary>
public sealed class StaticCredentialProvider(PaiCredentials credentials) : ICredentialProvider
{
    public string Name => credentials.Source;

    public ValueTask<PaiCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credentials);
}
