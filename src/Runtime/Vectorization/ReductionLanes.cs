using System.Numerics;

namespace SlowSeries.Vectorization;

/// <summary>
/// The fixed lane layout of a chunk's reduction in code generated from <c>[Vectorize]</c> methods: eight partial
/// results, lane i taking elements i, i + 8, i + 16, ... of the chunk, at every vector width (one 512-bit vector, two
/// of 256 bits, four of 128, or eight scalars), combined in one fixed order below. So a reduction gives the same bits
/// on an AVX-512 server, an AVX2 laptop, an ARM64 machine and without SIMD, as it does on any number of threads.
/// </summary>
// Called by the code the source generator emits, not by hand: hidden from completion lists.
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class ReductionLanes
{
    /// <summary>Partial results per chunk.</summary>
    public const int Count = 8;

    /// <summary>The sum of the eight lanes as a tree: lanes i and i + 4, then i and i + 2, then the last pair.</summary>
    public static double Sum(ReadOnlySpan<double> lanes) =>
        ((lanes[0] + lanes[4]) + (lanes[2] + lanes[6])) + ((lanes[1] + lanes[5]) + (lanes[3] + lanes[7]));

    /// <summary>The sum of the lanes (wrapping like unchecked C#; any order gives the same).</summary>
    public static long Sum(ReadOnlySpan<long> lanes) => InOrder(lanes, static (a, b) => unchecked(a + b));

    /// <summary>The product of the lanes, lane 0 first.</summary>
    public static double Product(ReadOnlySpan<double> lanes) => InOrder(lanes, static (a, b) => a * b);

    /// <summary>The product of the lanes (wrapping like unchecked C#).</summary>
    public static long Product(ReadOnlySpan<long> lanes) => InOrder(lanes, static (a, b) => unchecked(a * b));

    /// <summary>The least lane (NaN if any lane is NaN, like <see cref="Math.Min(double, double)"/>).</summary>
    public static double Min(ReadOnlySpan<double> lanes) => InOrder(lanes, Math.Min);

    /// <summary>The least lane.</summary>
    public static long Min(ReadOnlySpan<long> lanes) => InOrder(lanes, Math.Min);

    /// <summary>The greatest lane (NaN if any lane is NaN, like <see cref="Math.Max(double, double)"/>).</summary>
    public static double Max(ReadOnlySpan<double> lanes) => InOrder(lanes, Math.Max);

    /// <summary>The greatest lane.</summary>
    public static long Max(ReadOnlySpan<long> lanes) => InOrder(lanes, Math.Max);

    /// <summary>The lanes combined from lane 0 up (once per chunk: the delegate costs nothing that matters).</summary>
    private static T InOrder<T>(ReadOnlySpan<T> lanes, Func<T, T, T> combine)
        where T : INumber<T>
    {
        T result = lanes[0];
        for (int lane = 1; lane < lanes.Length; lane++)
        {
            result = combine(result, lanes[lane]);
        }

        return result;
    }
}
