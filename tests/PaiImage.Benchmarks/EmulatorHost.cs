namespace PaiImage.Benchmarks;

/// <summary>
/// Where the emulator runs. In the benchmark's process its allocations count in the memory diagnoser's figure;
/// as a separate process they do not, so that figure is the client's alone.
/// </summary>
public enum EmulatorHost
{
    InProcess,
    Process,
}
