using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using SlowSeries.Arrays;

namespace SlowSeries.Benchmarks;

/// <summary>
/// The run-time back-end against its in-process anchors: a naive C# loop and TensorPrimitives in several passes (what
/// NumPy does). The cross-language comparison with NumExpr, NumPy and Numba is the samples' <c>bench</c> command.
/// </summary>
[MemoryDiagnoser]
public class ExpressionBenchmarks
{
    private double[] a = [];
    private double[] result = [];
    private double[] scratch = [];
    private double[] small = [];
    private double[] smallResult = [];

    [Params(1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        a = Enumerable.Range(0, N).Select(i => i * 1e-7).ToArray();
        result = new double[N];
        scratch = new double[N];
        small = a.Take(1000).ToArray();
        smallResult = new double[1000];
    }

    [Benchmark(Baseline = true, Description = "naive C# loop")]
    public void NaiveLoop()
    {
        double twoPi = 2 * Math.PI;
        for (int i = 0; i < a.Length; i++)
        {
            double s = Math.Sin(twoPi * a[i]), c = Math.Cos(twoPi * a[i]);
            result[i] = (s * s) + (c * c);
        }
    }

    [Benchmark(Description = "TensorPrimitives, one pass per operation")]
    public void MultiPass()
    {
        TensorPrimitives.Multiply(a, 2 * Math.PI, scratch);
        TensorPrimitives.Cos(scratch, result);
        TensorPrimitives.Sin(scratch, scratch);
        TensorPrimitives.Multiply(scratch, scratch, scratch);
        TensorPrimitives.MultiplyAdd(result, result, scratch, result);
    }

    [Benchmark(Description = "SlowSeries sin(twoPi*a)**2 + cos(twoPi*a)**2")]
    public NDArray SlowSeriesExpression() => NumExpr.Evaluate("sin(twoPi*a)**2 + cos(twoPi*a)**2", new { a, twoPi = 2 * Math.PI }, result);

    [Benchmark(Description = "SlowSeries cached expression on 1,000 elements")]
    public NDArray Cached() => NumExpr.Evaluate("2*a + 3*b", new { a = small, b = small }, smallResult);
}
