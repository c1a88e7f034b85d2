namespace SlowSeries.Samples.Workloads;

/// <summary>The course's scalar kernels, written once for one element; the source generator makes them SIMD and parallel.</summary>
public static partial class SeriesKernels
{
    /// <summary>The course's <c>combined(k)</c>: 1/k when k has no digit 9, else 0 (the digit test by integer arithmetic).</summary>
    [Vectorize]
    public static double Combined(long k)
    {
        long digitBase = 10, k0 = k;
        while (9 / digitBase > 0)
        {
            digitBase *= 10;
        }

        while (k > 0)
        {
            if (k % digitBase == 9)
            {
                return 0.0;
            }

            k /= 10;
        }

        return 1.0 / k0;
    }

    /// <summary>The trigonometric series' term cos(k)/k.</summary>
    [Vectorize]
    public static double TrigonometricTerm(long k) => Math.Cos(k) / k;
}
