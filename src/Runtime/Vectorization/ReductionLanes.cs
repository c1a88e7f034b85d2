namespace SlowSeries.Vectorization;

/// <summary>
/// The fixed lane layout of a chunk's reduction in code generated from <c>[Vectorize]</c> methods: eight partial
/// results, lane i taking elements i, i + 8, i + 16, ... of the chunk, at every vector width (one 512-bit vector, two
/// of 256 bits, four of 128, or eight scalars), combined in one fixed order below. So a reduction gives the same bits
/// on an AVX-512 server, an AVX2 laptop, an ARM64 machine and without SIMD, as it does on any number of threads.
/// </summary>
public static class ReductionLanes
{
    /// <summary>Partial results per chunk.</summary>
    public const int Count = 8;

    /// <summary>The sum of the eight lanes as a tree: lanes i and i + 4, then i and i + 2, then the last pair.</summary>
    public static double Sum(ReadOnlySpan<double> lanes) =>
        ((lanes[0] + lanes[4]) + (lanes[2] + lanes[6])) + ((lanes[1] + lanes[5]) + (lanes[3] + lanes[7]));

    /// <summary>The sum of the eight lanes (wrapping like unchecked C#).</summary>
    public static long Sum(ReadOnlySpan<long> lanes)
    {
        long sum = 0;
        foreach (long lane in lanes)
        {
            sum = unchecked(sum + lane);
        }

        return sum;
    }

    /// <summary>The product of the lanes, lane 0 first.</summary>
    public static double Product(ReadOnlySpan<double> lanes)
    {
        double product = lanes[0];
        for (int lane = 1; lane < lanes.Length; lane++)
        {
            product *= lanes[lane];
        }

        return product;
    }

    /// <summary>The product of the lanes (wrapping like unchecked C#).</summary>
    public static long Product(ReadOnlySpan<long> lanes)
    {
        long product = lanes[0];
        for (int lane = 1; lane < lanes.Length; lane++)
        {
            product = unchecked(product * lanes[lane]);
        }

        return product;
    }

    /// <summary>The least lane (NaN if any lane is NaN, like <see cref="Math.Min(double, double)"/>).</summary>
    public static double Min(ReadOnlySpan<double> lanes)
    {
        double least = lanes[0];
        for (int lane = 1; lane < lanes.Length; lane++)
        {
            least = Math.Min(least, lanes[lane]);
        }

        return least;
    }

    /// <summary>The least lane.</summary>
    public static long Min(ReadOnlySpan<long> lanes)
    {
        long least = lanes[0];
        for (int lane = 1; lane < lanes.Length; lane++)
        {
            least = Math.Min(least, lanes[lane]);
        }

        return least;
    }

    /// <summary>The greatest lane (NaN if any lane is NaN, like <see cref="Math.Max(double, double)"/>).</summary>
    public static double Max(ReadOnlySpan<double> lanes)
    {
        double greatest = lanes[0];
        for (int lane = 1; lane < lanes.Length; lane++)
        {
            greatest = Math.Max(greatest, lanes[lane]);
        }

        return greatest;
    }

    /// <summary>The greatest lane.</summary>
    public static long Max(ReadOnlySpan<long> lanes)
    {
        long greatest = lanes[0];
        for (int lane = 1; lane < lanes.Length; lane++)
        {
            greatest = Math.Max(greatest, lanes[lane]);
        }

        return greatest;
    }
}
