using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PaiImage.Benchmarks;

/// <summary>
/// Short, fixed runs on a shared 2-core machine: in-process (no generated project to build, which under load can
/// exceed BenchmarkDotNet's two-minute build timeout), one launch, a few warm-ups, a fixed number of iterations.
/// </summary>
internal static class BenchmarkJobs
{
    public static Job Fixed(int warmups, int iterations) =>
        Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(warmups)
            .WithIterationCount(iterations);

    public static ManualConfig With(Job job) =>
        ManualConfig.CreateEmpty().AddJob(job).AddDiagnoser(MemoryDiagnoser.Default);
}

/// <summary>Signing: 3 warm-ups, 15 iterations.</summary>
public sealed class SigningConfig : ManualConfig
{
    public SigningConfig() => Add(BenchmarkJobs.With(BenchmarkJobs.Fixed(warmups: 3, iterations: 15)));
}

/// <summary>Round trips: 2 warm-ups, 8 iterations (each iteration is hundreds of calls).</summary>
public sealed class ClientConfig : ManualConfig
{
    public ClientConfig() => Add(BenchmarkJobs.With(BenchmarkJobs.Fixed(warmups: 2, iterations: 8)));
}
