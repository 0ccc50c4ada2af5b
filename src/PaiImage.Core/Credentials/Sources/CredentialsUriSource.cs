using PaiImage.Core.Credentials.Remote;
using PaiImage.Core.Errors;

namespace PaiImage.Core.Credentials.Sources;

/// <summary>Credentials served by ALIBABA_CLOUD_CREDENTIALS_URI.</summary>
internal sealed class CredentialsUriSource(CredentialContext context) : ICredentialSource
{
    private readonly CredentialsUriClient _client = new(context);

    public string Kind => "credentials-uri";

    public Task<SourceAttempt> TryResolveAsync(CancellationToken cancellationToken)
    {
        var text = context.Env(CredentialEnvironment.CredentialsUri);
        if (text is null)
        {
            return Task.FromResult(SourceAttempt.Skip($"{CredentialEnvironment.CredentialsUri} is not set."));
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new PaiConfigurationException(
                CredentialErrorCodes.InvalidSetting,
                $"{CredentialEnvironment.CredentialsUri} is not an absolute http(s) URL.",
                $"Set {CredentialEnvironment.CredentialsUri} to the full URL of the credentials service, e.g. http://127.0.0.1:8080/credentials.");
        }

        return SourceAttempt.ApplyAsync(Kind, ct => _client.FetchAsync(uri, ct), cancellationToken);
    }
}
