using BenchmarkDotNet.Running;
using PaiImage.Benchmarks;

if (args is ["--signing-cpu-time"])
{
    SigningCpuTime.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SigningBenchmarks).Assembly).Run(args);
