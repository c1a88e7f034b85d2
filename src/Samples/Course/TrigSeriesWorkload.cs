using SlowSeries.Samples.Workloads;

namespace SlowSeries.Samples.Course;

/// <summary>
/// The trigonometric series Σ cos(k)/k for k = 1..n (1e8 by default, 1e10 on request): a serial C# loop against the
/// <c>[Vectorize]</c> kernel serial and parallel. -total/log(2 sin(1/2)) approaches 1, as the course prints.
/// </summary>
public sealed class TrigSeriesWorkload : CourseWorkload
{
    // The serial loop and the lane/chunk sums add in different orders: 3e-13 apart at n = 1e8.
    private const double Tolerance = 1e-11;

    public override string Name => "trig-series";

    public override string Title => "Σ cos(k)/k for k = 1..n";

    public override long DefaultN => 100_000_000;

    public override IReadOnlyList<string> Variants => ["scalar", "vectorize"];

    public override IEnumerable<Measurement> Run(WorkloadOptions options, TextWriter log)
    {
        long n = options.N ?? DefaultN;

        // The serial loop is the reference; past 1e9 terms it would take minutes, so the kernel checks itself on 1e8.
        long referenceTerms = Math.Min(n, 1_000_000_000);
        var (scalarSeconds, scalar) = Timing.Once(() => SerialSum(referenceTerms));
        if (Selected(options, "scalar"))
        {
            yield return new Measurement(Name, "scalar", 1, n, scalarSeconds * n / referenceTerms, scalar, scalar, Tolerance, referenceTerms < n ? $"naive C# baseline on n={referenceTerms:N0}, time scaled" : "naive C# baseline (serial loop)");
        }

        if (Selected(options, "vectorize"))
        {
            foreach (int threads in options.Threads.Prepend(1).Distinct())
            {
                var (median, total) = WithThreads(threads, () => Timing.Median(options.Repeats, () => SeriesKernels.TrigonometricTermSum(1, n, options.Progress)));
                double? reference = referenceTerms == n ? scalar : null;
                log.WriteLine($"  {threads} thread(s): total {total:R}, -total/log(2*sin(0.5)) = {-total / Math.Log(2 * Math.Sin(0.5)):R}");
                yield return new Measurement(Name, "vectorize", threads, n, median, total, reference, Tolerance, threads == 1 ? "[Vectorize] serial" : "[Vectorize] parallel");
            }
        }
    }

    private static double SerialSum(long n)
    {
        double total = 0;
        for (long k = 1; k <= n; k++)
        {
            total += SeriesKernels.TrigonometricTerm(k);
        }

        return total;
    }
}
