namespace PaiImage.Emulator.Faults;

/// <summary>The live fault configuration of one emulator; thread-safe.</summary>
public sealed class FaultController
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private FaultSettings _current = new();
    private Random _random = new(0);
    private long _rateWindow = -1;
    private int _rateCount;

    internal FaultController(FaultSettings initial, TimeProvider time)
    {
        _time = time;
        Set(initial);
    }

    public FaultSettings Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Replaces the whole fault configuration (and restarts the random sequence from its seed).</summary>
    public void Set(FaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        lock (_gate)
        {
            _current = settings;
            _random = new Random(settings.Seed);
        }
    }

    public void Update(Func<FaultSettings, FaultSettings> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var next = change(_current);
            next.Validate();
            if (next.Seed != _current.Seed)
            {
                _random = new Random(next.Seed);
            }

            _current = next;
        }
    }

    public void Reset() => Set(new FaultSettings());

    public void FailNext(int count, FaultKind kind = FaultKind.InternalError) =>
        Update(s => s with { FailNext = count, FailKind = kind });

    internal TimeSpan ClockShift => TimeSpan.FromSeconds(Current.ClockShiftSeconds);

    internal FaultPlan Plan()
    {
        lock (_gate)
        {
            var settings = _current;
            if (settings.FailNext > 0)
            {
                _current = settings with { FailNext = settings.FailNext - 1 };
                return new FaultPlan(settings.DelayMs, settings.FailKind, settings.RetryAfterMs, false, false);
            }

            if (settings.RateLimitPerSecond > 0 && IsOverRateLimit(settings.RateLimitPerSecond, out var retryAfterMs))
            {
                return new FaultPlan(settings.DelayMs, FaultKind.Throttling, retryAfterMs, false, false);
            }

            if (settings.FaultRatio > 0 && _random.NextDouble() < settings.FaultRatio)
            {
                return _random.Next(5) switch
                {
                    0 => new FaultPlan(settings.DelayMs, FaultKind.InternalError, settings.RetryAfterMs, false, false),
                    1 => new FaultPlan(settings.DelayMs, FaultKind.ServiceUnavailable, settings.RetryAfterMs, false, false),
                    2 => new FaultPlan(settings.DelayMs, FaultKind.Throttling, settings.RetryAfterMs, false, false),
                    3 => new FaultPlan(settings.DelayMs, null, settings.RetryAfterMs, true, false),
                    _ => new FaultPlan(settings.DelayMs, null, settings.RetryAfterMs, false, true),
                };
            }

            return new FaultPlan(settings.DelayMs, null, settings.RetryAfterMs, false, false);
        }
    }

    /// <summary>Consumes one drop-after-store if this answered request qualifies.</summary>
    internal bool TakeDrop(string? operation, bool succeeded)
    {
        lock (_gate)
        {
            var settings = _current;
            var qualifies = succeeded && (settings.DropScope == DropScope.Any || operation == "AddImage");
            if (settings.DropAfterStore <= 0 || !qualifies)
            {
                return false;
            }

            _current = settings with { DropAfterStore = settings.DropAfterStore - 1 };
            return true;
        }
    }

    internal bool TakeCut()
    {
        lock (_gate)
        {
            if (_current.CutResponse <= 0)
            {
                return false;
            }

            _current = _current with { CutResponse = _current.CutResponse - 1 };
            return true;
        }
    }

    private bool IsOverRateLimit(int limit, out int retryAfterMs)
    {
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var window = nowMs / 1000;
        if (window != _rateWindow)
        {
            _rateWindow = window;
            _rateCount = 0;
        }

        _rateCount++;
        retryAfterMs = (int)(1000 - (nowMs % 1000));
        return _rateCount > limit;
    }
}
