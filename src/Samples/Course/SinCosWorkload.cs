using System.Numerics.Tensors;

namespace SlowSeries.Samples.Course;

/// <summary>
/// sin²(2πa) + cos²(2πa) on n elements (1e8 by default; every result is 1 within rounding): the NumPy way, one pass and
/// one temporary per operation (here TensorPrimitives), against the fused run-time expression on 1..8 threads.
/// </summary>
public sealed class SinCosWorkload : CourseWorkload
{
    private const string Expression = "sin(twoPi*a)**2 + cos(twoPi*a)**2";

    public override string Name => "sincos";

    public override string Title => "sin(2πa)² + cos(2πa)²: multi-pass vs fused";

    public override long DefaultN => 100_000_000;

    // 400 MB at 1e7, 1.18 GB at 3e7: the input, the result and the multi-pass variant's three temporaries.
    public override long PeakBytes(long n) => 40 * n;

    public override IReadOnlyList<string> Variants => ["multi-pass", "fused"];

    public override IEnumerable<Measurement> Run(WorkloadOptions options, TextWriter log)
    {
        long n = options.N ?? DefaultN;
        double[] a = new double[n];
        for (long i = 0; i < n; i++)
        {
            a[i] = i * 1e-7;
        }

        double[] result = new double[n];

        // Each element is 1 within a few ulps: the mean is a check that does not depend on summation order much.
        const double Tolerance = 1e-12;
        if (Selected(options, "multi-pass"))
        {
            // NumPy allocates its temporaries per call; here they are allocated once, which favours the baseline.
            var temporaries = new Temporaries(n);
            var (median, mean) = Timing.Median(options.Repeats, () => MultiPass(a, result, temporaries));
            yield return new Measurement(Name, "multi-pass", 1, n, median, mean, 1.0, Tolerance, "NumPy-style baseline: TensorPrimitives, one pass and one temporary per operation");
        }

        if (Selected(options, "fused"))
        {
            foreach (int threads in options.Threads)
            {
                var (median, mean) = WithThreads(threads, () => Timing.Median(options.Repeats, () =>
                {
                    NumExpr.Evaluate(Expression, new { a, twoPi = 2 * Math.PI }, result, options.Progress);
                    return TensorPrimitives.Sum<double>(result) / n;
                }));
                yield return new Measurement(Name, "fused", threads, n, median, mean, 1.0, Tolerance, "run-time expression: one fused SIMD pass");
            }
        }
    }

    private static double MultiPass(double[] a, double[] result, Temporaries t)
    {
        var (angle, sine, cosine) = (t.Angle, t.Sine, t.Cosine);
        TensorPrimitives.Multiply(a, 2 * Math.PI, angle);
        TensorPrimitives.Sin(angle, sine);
        TensorPrimitives.Cos(angle, cosine);
        TensorPrimitives.Multiply(sine, sine, sine);
        TensorPrimitives.Multiply(cosine, cosine, cosine);
        TensorPrimitives.Add(sine, cosine, result);
        return TensorPrimitives.Sum<double>(result) / a.Length;
    }

    private sealed class Temporaries(long n)
    {
        public double[] Angle { get; } = new double[n];

        public double[] Sine { get; } = new double[n];

        public double[] Cosine { get; } = new double[n];
    }
}
