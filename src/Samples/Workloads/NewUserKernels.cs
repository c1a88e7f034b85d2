namespace SlowSeries.Samples.Workloads;

/// <summary>
/// Kernels a new user writes that the course does not: each is plain scalar C# for one element, made SIMD and parallel
/// by the generator, and timed by <c>bench</c> against a loop over the scalar method (at every width with <c>--isa</c>).
/// </summary>
public static partial class NewUserKernels
{
    /// <summary>Collatz steps from <paramref name="n"/> down to 1: a loop with a data-dependent exit and division by a constant.</summary>
    [Vectorize]
    public static long CollatzSteps(long n)
    {
        long steps = 0;
        while (n > 1)
        {
            n = n % 2 == 0 ? n / 2 : (3 * n) + 1;
            steps++;
        }

        return steps;
    }

    /// <summary>Mandelbrot escape time of grid point <paramref name="k"/> of a 1000-column grid over [-2, 1] × [-1.5, 1.5]: a loop over two doubles.</summary>
    [Vectorize]
    public static long EscapeTime(long k)
    {
        double cx = -2.0 + ((k % 1000) * 0.003);
        double cy = -1.5 + ((k / 1000) * 0.003);
        double x = 0, y = 0;
        long iterations = 0;
        while (iterations < 100 && (x * x) + (y * y) <= 4.0)
        {
            double next = (x * x) - (y * y) + cx;
            y = (2 * x * y) + cy;
            x = next;
            iterations++;
        }

        return iterations;
    }

    /// <summary>A Gaussian weight exp(−x²/2) for x = k · 10⁻⁶: <see cref="Math.Exp(double)"/> of a double.</summary>
    [Vectorize]
    public static double Gaussian(long k)
    {
        double x = k * 1e-6;
        return Math.Exp(-0.5 * x * x);
    }

    /// <summary>The Leibniz series' term (−1)^k / (2k + 1): an alternating series over a range (Σ → π/4).</summary>
    [Vectorize]
    public static double LeibnizTerm(long k) => (k % 2 == 0 ? 1.0 : -1.0) / ((2 * k) + 1);
}
