namespace PaiImage.Core.Http;

/// <summary>
/// Reads each attempt's whole response body inside <see cref="RetryHandler"/>. Otherwise HttpClient reads it after the
/// retries have returned, so a body cut short or stalled would escape the attempt timeout and the retries.
/// </summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
