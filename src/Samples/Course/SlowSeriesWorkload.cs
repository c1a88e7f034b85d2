using System.Globalization;
using SlowSeries.Samples.Workloads;

namespace SlowSeries.Samples.Course;

/// <summary>
/// The slow series Σ 1/k over k ≤ n without the digit 9 (13.277605949858… for n = 1e8): the course's string test and
/// integer digit test as naive C# baselines, the <c>[Vectorize]</c> kernel on 1..8 threads, the NumExpr-style path
/// (<c>~contains(j, '9')</c> on byte strings, then the inverses summed) with its phase profile, and partial sums over N
/// workers (the course's multiprocessing idea).
/// </summary>
public sealed class SlowSeriesWorkload : CourseWorkload
{
    /// <summary>The serial sum for n = 1e8 (the course prints 13.277605949858…).</summary>
    public const double SumTo1e8 = 13.277605949858103;

    // Vector lanes and chunks add the terms in another order than one serial loop: 3e-13 apart at n = 1e8.
    private const double Tolerance = 1e-11;

    // Slow baselines run on at most this many terms; their time is scaled to n.
    private const long BaselineTerms = 10_000_000;

    public override string Name => "slow-series";

    public override string Title => "Σ 1/k for k ≤ n without the digit 9";

    public override long DefaultN => 100_000_000;

    // 1.83 GB at 1e7: the NumExpr-style variant's byte strings and integers, capped at BaselineTerms; the rest is O(1).
    public override long PeakBytes(long n) => 185 * Math.Min(n, BaselineTerms);

    public override IReadOnlyList<string> Variants => ["naive-string", "digit-check", "vectorize", "numexpr-style", "partial-sums"];

    public override IEnumerable<Measurement> Run(WorkloadOptions options, TextWriter log)
    {
        long n = options.N ?? DefaultN;
        double reference = n == 100_000_000 ? SumTo1e8 : SerialSum(1, n);
        long small = Math.Min(n, BaselineTerms);
        double scale = (double)n / small;
        string scaled = small < n ? $"naive C# baseline on n={small:N0}, time ×{scale:G3}" : "naive C# baseline";
        double smallReference = small == n ? reference : SerialSum(1, small);

        if (Selected(options, "naive-string"))
        {
            var (seconds, total) = Timing.Once(() => StringSum(small));
            yield return new Measurement(Name, "naive-string", 1, n, seconds * scale, total, smallReference, Tolerance, scaled + " (k.ToString().Contains('9'))");
        }

        if (Selected(options, "digit-check"))
        {
            var (seconds, total) = Timing.Once(() => SerialSum(1, n));
            yield return new Measurement(Name, "digit-check", 1, n, seconds, total, reference, Tolerance, "naive C# baseline (integer digit test, serial loop)");
        }

        if (Selected(options, "vectorize"))
        {
            foreach (int threads in options.Threads)
            {
                var (median, total) = WithThreads(threads, () => Timing.Median(options.Repeats, () => SeriesKernels.CombinedSum(1, n, options.Progress)));
                yield return new Measurement(Name, "vectorize", threads, n, median, total, reference, Tolerance, "[Vectorize] Combined: SIMD lanes, fixed chunks");
            }
        }

        if (Selected(options, "numexpr-style"))
        {
            foreach (int threads in options.Threads.Take(2))
            {
                var (seconds, total) = WithThreads(threads, () => NumExprStyle(small, log));
                yield return new Measurement(Name, "numexpr-style", threads, n, seconds * scale, total, smallReference, Tolerance, small < n ? $"run-time expressions on n={small:N0}, time ×{scale:G3}" : "run-time expressions");
            }
        }

        if (Selected(options, "partial-sums"))
        {
            foreach (int workers in options.Threads)
            {
                var (median, total) = Timing.Median(1, () => PartialSums(n, workers));
                yield return new Measurement(Name, "partial-sums", workers, n, median, total, reference, Tolerance, "the scalar loop split into one interval per worker (WorkerPool.Map)");
            }
        }
    }

    /// <summary>The course's first version: is the digit 9 in the decimal string?</summary>
    public static double StringSum(long n)
    {
        double total = 0;
        for (long k = 1; k <= n; k++)
        {
            if (!k.ToString(CultureInfo.InvariantCulture).Contains('9', StringComparison.Ordinal))
            {
                total += 1.0 / k;
            }
        }

        return total;
    }

    /// <summary>The scalar kernel in one serial loop over [first, last].</summary>
    public static double SerialSum(long first, long last)
    {
        double total = 0;
        for (long k = first; k <= last; k++)
        {
            total += SeriesKernels.Combined(k);
        }

        return total;
    }

    /// <summary>The course's multiprocessing idea: one contiguous interval per worker, partial sums added in order.</summary>
    public static double PartialSums(long n, int workers)
    {
        long size = n / workers;
        var intervals = Enumerable.Range(0, workers).Select(w => (First: (w * size) + 1, Last: w == workers - 1 ? n : (w + 1) * size)).ToList();
        return WorkerPool.Map(intervals, interval => SerialSum(interval.First, interval.Last), workers).Sum();
    }

    /// <summary>k's decimal digits as ASCII bytes, as NumPy's astype(np.bytes_) writes an integer.</summary>
    private static byte[] AsciiDigits(int k)
    {
        Span<byte> digits = stackalloc byte[11];
        k.TryFormat(digits, out int written, provider: CultureInfo.InvariantCulture);
        return digits[..written].ToArray();
    }

    /// <summary>
    /// The NumExpr version of the course: the integers as byte strings, <c>~contains(j, '9')</c> as a run-time
    /// expression, then the inverses of the kept terms summed by another expression. Prints where the time goes.
    /// </summary>
    public static (double Seconds, double Total) NumExprStyle(long n, TextWriter log)
    {
        // The byte-string array itself, as the course's j = i.astype(np.bytes_): made from C# strings instead, the
        // evaluation converted them (1.1 s of the 1.2 s `~contains` took on 1e7 terms).
        var (makeStrings, j) = Timing.Once(() => SlowSeries.Arrays.NDArray.Wrap(Enumerable.Range(1, (int)n).Select(AsciiDigits).ToArray()));
        var (makeIntegers, i) = Timing.Once(() => Enumerable.Range(1, (int)n).Select(k => (long)k).ToArray());
        var (contains, mask) = Timing.Once(() => NumExpr.Evaluate("~contains(j, '9')", new { j }));
        var (sum, total) = Timing.Once(() => NumExpr.Evaluate("sum(where(mask, 1.0 / i, 0.0))", new Dictionary<string, object?> { ["mask"] = mask, ["i"] = i }).GetAt(0).Real);
        double seconds = makeStrings + makeIntegers + contains + sum;
        log.WriteLine($"  numexpr-style phases on {n:N0} terms, {NumExpr.GetNumThreads()} thread(s): integers → byte strings {makeStrings:F3} s ({100 * makeStrings / seconds:F0}%), "
            + $"integers {makeIntegers:F3} s, ~contains(j, '9') {contains:F3} s ({100 * contains / seconds:F0}%), sum(where(mask, 1.0/i, 0)) {sum:F3} s ({100 * sum / seconds:F0}%)");
        return (seconds, total);
    }
}
