namespace PaiImage.Emulator.Faults;

/// <summary>Which failure a failed request gets.</summary>
public enum FaultKind
{
    /// <summary>HTTP 500, Code InternalError.</summary>
    InternalError,

    /// <summary>HTTP 503, Code ServiceUnavailable.</summary>
    ServiceUnavailable,

    /// <summary>HTTP 400, Code Throttling.User, header x-acs-retry-after.</summary>
    Throttling,
}

/// <summary>Which successful requests <see cref="FaultSettings.DropAfterStore"/> applies to.</summary>
public enum DropScope
{
    AddImage,
    Any,
}

/// <summary>
/// The faults injected into API requests. Counters (<see cref="FailNext"/>, <see cref="DropAfterStore"/>,
/// <see cref="CutResponse"/>) count down as they are used.
/// </summary>
public sealed record FaultSettings
{
    /// <summary>Fail this many of the next requests with <see cref="FailKind"/>, before any processing.</summary>
    public int FailNext { get; init; }

    public FaultKind FailKind { get; init; } = FaultKind.InternalError;

    /// <summary>Value of x-acs-retry-after (milliseconds) on injected throttling.</summary>
    public int RetryAfterMs { get; init; } = 1000;

    /// <summary>Delay before every API request is processed.</summary>
    public int DelayMs { get; init; }

    /// <summary>For this many successful requests (see <see cref="DropScope"/>), store the result, then abort the connection instead of answering.</summary>
    public int DropAfterStore { get; init; }

    public DropScope DropScope { get; init; } = DropScope.AddImage;

    /// <summary>Cut this many responses short: declare the full Content-Length, send half the body, abort.</summary>
    public int CutResponse { get; init; }

    /// <summary>Added to the server clock (x-acs-date window, Date header, image times).</summary>
    public double ClockShiftSeconds { get; init; }

    /// <summary>Answer Throttling.User beyond this many API requests per second; 0 = unlimited.</summary>
    public int RateLimitPerSecond { get; init; }

    /// <summary>Share (0–1) of requests that get a random fault (500, 503, throttling, drop after store, cut response).</summary>
    public double FaultRatio { get; init; }

    /// <summary>Seed of the random choices of <see cref="FaultRatio"/>, so soak runs repeat.</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        if (FailNext < 0 || DelayMs < 0 || DropAfterStore < 0 || CutResponse < 0 || RateLimitPerSecond < 0 || RetryAfterMs < 0)
        {
            throw new ArgumentException("Fault counts, delays and limits must not be negative.");
        }

        if (FaultRatio is < 0 or > 1 || double.IsNaN(FaultRatio))
        {
            throw new ArgumentException("FaultRatio must be between 0 and 1.");
        }

        if (!Enum.IsDefined(FailKind) || !Enum.IsDefined(DropScope))
        {
            throw new ArgumentException("Unknown FailKind or DropScope.");
        }
    }
}
