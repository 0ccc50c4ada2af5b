using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace PaiImage.Core.Http;

/// <summary>
/// Logs each HTTP attempt: method, URL, status, RequestId, duration and attempt number. Put it innermost (around the
/// primary handler, e.g. through <see cref="PaiClientOptions.PrimaryHandlerFactory"/>) so every retry is seen.
/// Logs no header or body, so neither the secret nor the security token can appear.
/// </summary>
public sealed partial class HttpExchangeLogHandler(ILogger logger) : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<int> AttemptOption = new("PaiImage.LoggedAttempt");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var attempt = request.Options.TryGetValue(AttemptOption, out var earlier) ? earlier + 1 : 1;
        request.Options.Set(AttemptOption, attempt);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var requestId = await ReadRequestIdAsync(response, cancellationToken).ConfigureAwait(false);
            var duration = Milliseconds(started);
            LogExchange(logger, request.Method.Method, request.RequestUri, (int)response.StatusCode, requestId ?? "-", duration, attempt);
            return response;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
        {
            var duration = Milliseconds(started);
            var errorType = exception.GetType().Name;
            LogFailure(logger, request.Method.Method, request.RequestUri, errorType, exception.Message, duration, attempt);
            throw;
        }
    }

    private static long Milliseconds(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>The x-acs-request-id header, else the RequestId of a JSON body (buffered so the caller can still read it).</summary>
    private static async Task<string?> ReadRequestIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Headers.TryGetValues("x-acs-request-id", out var values))
        {
            return values.FirstOrDefault();
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("RequestId", out var id)
                && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Url} -> {Status} RequestId {RequestId} in {DurationMs} ms (attempt {Attempt})")]
    private static partial void LogExchange(ILogger logger, string method, Uri? url, int status, string requestId, long durationMs, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Url} -> failed: {ErrorType}: {Error} after {DurationMs} ms (attempt {Attempt})")]
    private static partial void LogFailure(ILogger logger, string method, Uri? url, string errorType, string error, long durationMs, int attempt);
}
