namespace PaiImage.Core.Http;

/// <summary>How long to wait before a retry: exponential from a base delay, with jitter, capped.</summary>
internal static class Backoff
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <param name="retry">1 for the first retry, 2 for the second, and so on.</param>
    /// <param name="baseDelay">The wait before the first retry, before jitter.</param>
    public static TimeSpan Delay(int retry, TimeSpan baseDelay)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, retry - 1);

        // Jitter spreads the retries of clients that failed together, so they do not come back together.
        var jittered = exponential * (0.5 + Random.Shared.NextDouble());
        return jittered >= MaxDelay.TotalMilliseconds ? MaxDelay : TimeSpan.FromMilliseconds(jittered);
    }
}
