using System.Net;
using System.Text.Json;
using PaiImage.Core.Errors;

namespace PaiImage.Core.Credentials.Remote;

/// <summary>GETs credentials from a URI (ALIBABA_CLOUD_CREDENTIALS_URI): HTTP 200, Code=Success and the four fields.</summary>
internal sealed class CredentialsUriClient(CredentialContext context)
{
    public async Task<PaiCredentials> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        // The query string may carry an access token, so messages name only the address without it.
        var shown = uri.GetLeftPart(UriPartial.Path);
        string body;
        HttpStatusCode status;
        try
        {
            using var response = await context.Http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Failed(shown, $"could not be reached ({ex.GetType().Name}: {ex.Message})", ex);
        }

        if (status != HttpStatusCode.OK)
        {
            throw Failed(shown, $"returned HTTP {(int)status}");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var code = TemporaryCredentialsReader.GetString(document.RootElement, "Code");
            if (code != "Success")
            {
                throw Failed(shown, $"answered Code '{code ?? "(none)"}' instead of 'Success'");
            }

            return TemporaryCredentialsReader.Read(document.RootElement, out var problems)
                ?? throw Failed(shown, $"answered without {string.Join(", ", problems)}");
        }
        catch (JsonException ex)
        {
            throw Failed(shown, "answered with a body that is not JSON", ex);
        }
    }

    private static PaiConfigurationException Failed(string uri, string problem, Exception? inner = null) => new(
        CredentialErrorCodes.CredentialsUriFailed,
        $"The credentials URI {uri} ({CredentialEnvironment.CredentialsUri}) {problem}.",
        $"Check the service behind {CredentialEnvironment.CredentialsUri}; it must answer JSON with Code=Success, AccessKeyId, AccessKeySecret, SecurityToken and Expiration.",
        inner);
}
