using PaiImage.Core.Errors;

namespace PaiImage.Core.Credentials.Sts;

/// <summary>Reads the OIDC token file; called at every refresh because CI systems and ACK RRSA rotate the token.</summary>
internal static class OidcTokenFile
{
    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PaiConfigurationException(
                CredentialErrorCodes.OidcTokenFile,
                $"The OIDC token file {path} cannot be read ({ex.GetType().Name}).",
                $"Check {CredentialEnvironment.OidcTokenFile} (or the profile's token file) points to a readable file holding the token.",
                ex);
        }

        if (token.Length == 0)
        {
            throw new PaiConfigurationException(
                CredentialErrorCodes.OidcTokenFile,
                $"The OIDC token file {path} is empty.",
                "Make sure the token is written to the file before the build runs.");
        }

        return token;
    }
}
