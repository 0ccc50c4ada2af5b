namespace PaiImage.Core.Credentials;

/// <summary>Supplies credentials for signing; implementations cache and refresh temporary ones.</summary>
public interface ICredentialProvider
{
    /// <summary>A short name for diagnostics, e.g. <c>environment</c>; never contains a secret.</summary>
    string Name { get; }

    /// <summary>Returns usable credentials, refreshing them first when they are about to expire.</summary>
    /// <exception cref="Errors.PaiConfigurationException">No credentials could be obtained (code PAI3xxx).</exception>
    ValueTask<PaiCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}
