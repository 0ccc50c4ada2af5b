using System.Globalization;
using PaiImage.Emulator.Faults;

namespace PaiImage.Emulator.Hosting;

/// <summary>The server clock: the configured time source plus the injected clock shift.</summary>
internal sealed class EmulatorClock(TimeProvider time, FaultController faults)
{
    public DateTimeOffset UtcNow => time.GetUtcNow() + faults.ClockShift;

    /// <summary>UTC ISO-8601 with milliseconds, e.g. 2021-01-21T17:12:35.232Z.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
