using System.Net;

namespace PaiImage.Core.Http;

/// <summary>
/// Retries around the signing handler: a total timeout, then retries with exponential backoff and jitter (or the
/// server's retry-after), then a timeout per attempt. A request marked <see cref="SentAtMostOnce"/> (AddImage) is
/// resent only when the server surely did not act on it: throttled, nonce rejected, or no connection made.
/// Timeouts, dropped connections and 5xx leave that open, so such a request fails instead and
/// <see cref="Registration.ImageRegistrar"/> checks before sending it again.
/// </summary>
internal sealed class RetryHandler(PaiClientOptions options) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<bool> SentAtMostOnce = new("PaiImage.SentAtMostOnce");

    private readonly TimeProvider _clock = options.TimeProvider;

    /// <exception cref="RequestTimeoutException">The total timeout or the last attempt's timeout ran out.</exception>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.TotalTimeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await SendWithRetriesAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RequestTimeoutException(options.TotalTimeout, exception);
        }
    }

    private async Task<HttpResponseMessage> SendWithRetriesAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var isLastAttempt = attempt >= options.MaxAttempts;
            TimeSpan? serverDelay = null;
            try
            {
                var response = await SendAttemptAsync(request, cancellationToken).ConfigureAwait(false);
                if (isLastAttempt || !await ShouldRetryAsync(request, response, cancellationToken).ConfigureAwait(false))
                {
                    return response;
                }

                serverDelay = RetryAfter.TryGet(response, _clock, out var delay) ? delay : null;
                response.Dispose();
            }
            catch (Exception exception) when (!isLastAttempt && !cancellationToken.IsCancellationRequested && ShouldRetry(request, Classify(exception)))
            {
            }

            await Task.Delay(serverDelay ?? Backoff.Delay(attempt, options.RetryBaseDelay), _clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.AttemptTimeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await base.SendAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RequestTimeoutException(options.AttemptTimeout, exception);
        }
    }

    private async Task<bool> ShouldRetryAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return ShouldRetry(request, await ClassifyAsync(response, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static bool ShouldRetry(HttpRequestMessage request, Failure failure) => failure switch
    {
        Failure.NotProcessed => true,
        Failure.Ambiguous => !(request.Options.TryGetValue(SentAtMostOnce, out var once) && once),
        _ => false,
    };

    private static Failure Classify(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => Failure.NotProcessed,
        HttpRequestException or RequestTimeoutException => Failure.Ambiguous,
        _ => Failure.None,
    };

    private async Task<Failure> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return Failure.None;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests || RetryAfter.TryGet(response, _clock, out _))
        {
            return Failure.NotProcessed;
        }

        if ((int)response.StatusCode >= 500)
        {
            return Failure.Ambiguous;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return ServiceErrorParser.Parse(response, body, _clock).ServiceCode is { } code && IsNotProcessedCode(code)
            ? Failure.NotProcessed
            : Failure.None;
    }

    private static bool IsNotProcessedCode(string serviceCode) =>
        serviceCode.Contains("Throttling", StringComparison.OrdinalIgnoreCase) || serviceCode == "SignatureNonceUsed";

    private enum Failure
    {
        None,

        /// <summary>The server surely did not act on the request; safe to send it again.</summary>
        NotProcessed,

        /// <summary>The server may have acted on the request.</summary>
        Ambiguous,
    }
}
