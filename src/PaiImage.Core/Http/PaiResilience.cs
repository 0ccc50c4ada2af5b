using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PaiImage.Core.Http;

/// <summary>
/// The retry pipeline around the signing handler: a total timeout, then retries with exponential backoff and
/// jitter (or the server's retry-after), then a timeout per attempt. A request marked
/// <see cref="SentAtMostOnce"/> (AddImage) is resent only when the server surely did not act on it: throttled,
/// nonce rejected, or no connection made. Timeouts, dropped connections and 5xx leave that open, so such a
/// request fails instead and <see cref="Registration.ImageRegistrar"/> checks before sending it again.
/// </summary>
internal static class PaiResilience
{
    public static readonly HttpRequestOptionsKey<bool> SentAtMostOnce = new("PaiImage.SentAtMostOnce");

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, PaiClientOptions options)
    {
        pipeline.AddTimeout(options.TotalTimeout);
        if (options.MaxAttempts > 1)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = MaxBackoff,
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context, options.TimeProvider),
                DelayGenerator = args => ValueTask.FromResult(ServerDelay(args.Outcome, options.TimeProvider)),
            });
        }

        pipeline.AddTimeout(options.AttemptTimeout);
    }

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeProvider clock)
    {
        var failure = await ClassifyAsync(outcome, clock, context.CancellationToken).ConfigureAwait(false);
        return failure switch
        {
            Failure.NotProcessed => true,
            Failure.Ambiguous => !(context.GetRequestMessage()?.Options.TryGetValue(SentAtMostOnce, out var once) == true && once),
            _ => false,
        };
    }

    private static async ValueTask<Failure> ClassifyAsync(Outcome<HttpResponseMessage> outcome, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => Failure.NotProcessed,
                HttpRequestException or TimeoutRejectedException => Failure.Ambiguous,
                _ => Failure.None,
            };
        }

        var response = outcome.Result!;
        if (response.IsSuccessStatusCode)
        {
            return Failure.None;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests || RetryAfter.TryGet(response, clock, out _))
        {
            return Failure.NotProcessed;
        }

        if ((int)response.StatusCode >= 500)
        {
            return Failure.Ambiguous;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return ServiceErrorParser.Parse(response, body, clock).ServiceCode is { } code && IsNotProcessedCode(code)
            ? Failure.NotProcessed
            : Failure.None;
    }

    /// <summary>The wait the server asked for, if any; null lets the backoff decide.</summary>
    private static TimeSpan? ServerDelay(Outcome<HttpResponseMessage> outcome, TimeProvider clock) =>
        outcome.Result is { } response && RetryAfter.TryGet(response, clock, out var delay) ? delay : null;

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
