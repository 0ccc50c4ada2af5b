using BenchmarkDotNet.Running;
using PaiImage.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(SigningBenchmarks).Assembly).Run(args);
