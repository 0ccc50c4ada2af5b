using System.Text;
using PaiImage.Core.Credentials;
using PaiImage.Core.Http;
using PaiImage.Core.Operations;
using PaiImage.Core.Signing;

namespace PaiImage.Core.DryRun;

/// <summary>
/// Runs one <see cref="PaiImageClient"/> operation through the real validation, endpoint resolution, credentials
/// and <see cref="AcsSigningHandler"/>, and stops it where the network would begin: nothing is sent.
/// </summary>
public static class PaiDryRun
{
    public const string Mask = "***";

    /// <summary>The first request <paramref name="operation"/> would send.</summary>
    /// <exception cref="Errors.PaiException">Invalid input, options or credentials, as the real operation would throw.</exception>
    public static async Task<DryRunRequest> CaptureAsync(
        PaiClientOptions options, Func<PaiImageClient, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(operation);
        var setup = PaiClientSetup.Create(options);
        try
        {
            var capture = new CapturingHandler();
            using var signing = setup.CreateSigningHandler();
            signing.InnerHandler = capture;
            using var httpClient = new HttpClient(signing, disposeHandler: false);
            setup.ConfigureHttpClient(httpClient);
            try
            {
                await operation(new PaiImageClient(httpClient, options.TimeProvider), cancellationToken).ConfigureAwait(false);
            }
            catch (RequestCapturedException)
            {
                // The expected end: the request reached the network boundary.
            }

            var request = capture.Request ?? throw new InvalidOperationException("The operation sent no request.");
            var credentials = await setup.Credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
            return Masked(request, credentials);
        }
        finally
        {
            if (options.CredentialProvider is null && setup.Credentials is IDisposable ownedChain)
            {
                ownedChain.Dispose();
            }
        }
    }

    private static DryRunRequest Masked(CapturedRequest request, PaiCredentials credentials)
    {
        string Clean(string text) => SecretRedactor.Redact(text, credentials.AccessKeySecret, credentials.SecurityToken);
        var headers = request.Headers
            .Select(header => new KeyValuePair<string, string>(
                header.Key,
                header.Key.Equals(AcsV3Signer.Headers.SecurityToken, StringComparison.OrdinalIgnoreCase) ? Mask : Clean(header.Value)))
            .ToList();
        var canonicalRequest = credentials.SecurityToken is { Length: > 0 } token
            ? request.Signature.CanonicalRequest.Replace(token, Mask, StringComparison.Ordinal)
            : request.Signature.CanonicalRequest;
        return new DryRunRequest(
            request.Action,
            request.Method,
            request.Url,
            headers,
            request.Body is null ? null : Clean(request.Body),
            Clean(canonicalRequest),
            request.Signature.StringToSign,
            Clean(request.Signature.Authorization),
            credentials.Source);
    }

    private sealed record CapturedRequest(
        string Action, string Method, Uri Url, List<KeyValuePair<string, string>> Headers, string? Body, SignatureResult Signature);

    private sealed class RequestCapturedException() : Exception("The dry run stopped the request before sending it.");

    /// <summary>Stands where the network would be: records the signed request and ends the operation.</summary>
    private sealed class CapturingHandler : HttpMessageHandler
    {
        public CapturedRequest? Request { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = new List<KeyValuePair<string, string>>();
            foreach (var header in request.Headers.NonValidated)
            {
                headers.Add(new(header.Key, header.Value.ToString()));
            }

            string? body = null;
            if (request.Content is { } content)
            {
                var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                foreach (var header in content.Headers.NonValidated)
                {
                    headers.Add(new(header.Key, header.Value.ToString()));
                }

                if (!content.Headers.NonValidated.Contains("Content-Length"))
                {
                    headers.Add(new("Content-Length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                body = Encoding.UTF8.GetString(bytes);
            }

            request.Options.TryGetValue(AcsSigningHandler.SignatureOption, out var signature);
            var action = request.Headers.TryGetValues(AcsV3Signer.Headers.Action, out var actions) ? actions.First() : "";
            Request = new CapturedRequest(
                action,
                request.Method.Method,
                request.RequestUri!,
                headers,
                body,
                signature?.Describe() ?? throw new InvalidOperationException("The request reached the network unsigned."));
            throw new RequestCapturedException();
        }
    }
}
