using System.Numerics;
using System.Runtime.CompilerServices;

namespace SlowSeries.Kernels;

/// <summary>
/// float32 ↔ float64 over spans on whole vectors, compiled fully optimised on first use: widening is exact and narrowing
/// rounds to nearest, as the casts do (the bits of TensorPrimitives' conversions, whose generic loops start at tier 0 in
/// each process: `exp(f)` on 5e4 elements took 2.5x its steady time in its first evaluations).
/// </summary>
internal static class FloatConversions
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Widen(ReadOnlySpan<float> x, Span<double> destination)
    {
        if (destination.Length < x.Length)
        {
            throw new ArgumentException($"{x.Length} values do not fit in {destination.Length}");
        }

        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; k <= x.Length - Vector<float>.Count; k += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(x[k..]), out var low, out var high);
                low.CopyTo(destination[k..]);
                high.CopyTo(destination[(k + Vector<double>.Count)..]);
            }
        }

        for (; k < x.Length; k++)
        {
            destination[k] = x[k];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Narrow(ReadOnlySpan<double> x, Span<float> destination)
    {
        if (destination.Length < x.Length)
        {
            throw new ArgumentException($"{x.Length} values do not fit in {destination.Length}");
        }

        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; k <= x.Length - Vector<float>.Count; k += Vector<float>.Count)
            {
                Vector.Narrow(new Vector<double>(x[k..]), new Vector<double>(x[(k + Vector<double>.Count)..])).CopyTo(destination[k..]);
            }
        }

        for (; k < x.Length; k++)
        {
            destination[k] = (float)x[k];
        }
    }
}
