namespace SlowSeries.Distributed.Tests;

/// <summary>The course's two series, as a user writes them: the generator registers their range reductions.</summary>
public static partial class ClusterKernels
{
    /// <summary>1/k for the k without the digit 9, else 0 (the course's slow series).</summary>
    [Vectorize]
    public static double SlowTerm(long k)
    {
        long rest = k;
        while (rest > 0)
        {
            if (rest % 10 == 9)
            {
                return 0.0;
            }

            rest /= 10;
        }

        return 1.0 / k;
    }

    /// <summary>cos(k)/k (the course's trigonometric series).</summary>
    [Vectorize]
    public static double TrigonometricTerm(long k) => Math.Cos(k) / k;
}
