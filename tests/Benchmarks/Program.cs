using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(SlowSeries.Benchmarks.ExpressionBenchmarks).Assembly).Run(args);
