using System.Diagnostics;
using System.Globalization;

namespace PaiImage.Benchmarks;

/// <summary>
/// Processor time per signature, next to BenchmarkDotNet's wall-clock figures: on a machine shared with other
/// builds a thread waits for a core much of the time, which inflates wall-clock time but not the processor time
/// the signing itself uses. Single-threaded loop, so the process's processor time is this loop's (plus little
/// background work once warmed up).
/// </summary>
internal static class SigningCpuTime
{
    private const int WarmupCalls = 100_000;
    private const int MeasuredCalls = 500_000;

    public static void Run()
    {
        var benchmarks = new SigningBenchmarks();
        Console.WriteLine("path\tcpu_ns_per_call\twall_ns_per_call\tbytes_per_call");
        Measure("Sign (all stages)", () => benchmarks.Full());
        Measure("SignRequest (handler path)", () => benchmarks.Lean());
    }

    private static void Measure(string name, Func<object> sign)
    {
        for (var i = 0; i < WarmupCalls; i++)
        {
            sign();
        }

        var process = Process.GetCurrentProcess();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < MeasuredCalls; i++)
        {
            sign();
        }

        wall.Stop();
        process.Refresh();
        var cpuNs = (process.TotalProcessorTime - cpu).TotalNanoseconds / MeasuredCalls;
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)MeasuredCalls;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name}\t{cpuNs:F0}\t{wall.Elapsed.TotalNanoseconds / MeasuredCalls:F0}\t{bytes:F0}"));
    }
}
