using System.Collections.Concurrent;

namespace PaiImage.Core.Tests.Http;

/// <summary>
/// The system clock, except that a timer not due after one of <paramref name="realTimers"/> fires at once and its
/// due time is recorded: the test sees the waits the code asked for without waiting them.
/// </summary>
internal sealed class DelayRecordingTimeProvider(params TimeSpan[] realTimers) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (realTimers.Contains(dueTime))
        {
            return base.CreateTimer(callback, state, dueTime, period);
        }

        _delays.Enqueue(dueTime);
        return base.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
