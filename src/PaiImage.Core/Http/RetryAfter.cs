using System.Globalization;

namespace PaiImage.Core.Http;

/// <summary>How long the service asked the client to wait before retrying.</summary>
public static class RetryAfter
{
    /// <summary>Alibaba's own header: a positive number of milliseconds (protocol §3.2).</summary>
    public const string AcsHeader = "x-acs-retry-after";

    /// <summary>
    /// Reads <c>x-acs-retry-after</c> (milliseconds) or else the standard <c>Retry-After</c> (seconds or an HTTP
    /// date, measured against <paramref name="clock"/>; a date already past gives zero).
    /// </summary>
    public static bool TryGet(HttpResponseMessage response, TimeProvider clock, out TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(clock);

        if (response.Headers.TryGetValues(AcsHeader, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds > 0)
        {
            delay = TimeSpan.FromMilliseconds(milliseconds);
            return true;
        }

        switch (response.Headers.RetryAfter)
        {
            case { Delta: { } delta }:
                delay = delta;
                return true;
            case { Date: { } date }:
                var remaining = date - clock.GetUtcNow();
                delay = remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
                return true;
            default:
                delay = TimeSpan.Zero;
                return false;
        }
    }

    /// <summary>Whether the response carries Alibaba's throttling header at all.</summary>
    internal static bool HasAcsHeader(HttpResponseMessage response) => response.Headers.Contains(AcsHeader);
}
