using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SlowSeries.Language.Semantics;

namespace SlowSeries.Kernels;

/// <summary>
/// abs of complex128 elements, typed complex as in NumExpr (the magnitude in the real part, +0 in the imaginary), by
/// <see cref="RealMath.Magnitude"/>'s rule: sqrt(re² + im²) on whole vectors of (re, im) pairs — each pair's squares
/// added across the pair with a swap, one square root per pair — where every part is in the safe range, and the scalar
/// function for a vector holding a zero, infinite, NaN or extreme part. The same operations in the same order as the
/// scalar function, so the same bits at every width and in the reference. (.NET's vector hypot, used before, computed
/// each pair's hypot twice with its full scaling: 5.5 ms for 1e6 elements against NumPy's 1.8.)
/// </summary>
internal static class ComplexMagnitude
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Abs(ReadOnlySpan<Complex> x, Span<Complex> destination)
    {
        var parts = MemoryMarshal.Cast<Complex, double>(x);
        var results = MemoryMarshal.Cast<Complex, double>(destination);
        int k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var swap = Vector512.Create(1L, 0, 3, 2, 5, 4, 7, 6);
            var real = Vector512.Create(-1L, 0, -1, 0, -1, 0, -1, 0).AsDouble();
            var low = Vector512.Create(RealMath.MagnitudeSafeLow);
            var high = Vector512.Create(RealMath.MagnitudeSafeHigh);
            for (; k <= parts.Length - Vector512<double>.Count; k += Vector512<double>.Count)
            {
                var pairs = Vector512.Create(parts[k..]);
                var size = Vector512.Abs(pairs);
                if (!Vector512.GreaterThanOrEqualAll(size, low) || !Vector512.LessThanOrEqualAll(size, high))
                {
                    ByElement(x, destination, k / 2, Vector512<double>.Count / 2);
                    continue;
                }

                var squares = pairs * pairs;
                (Vector512.Sqrt(squares + Vector512.Shuffle(squares, swap)) & real).CopyTo(results[k..]);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var swap = Vector256.Create(1L, 0, 3, 2);
            var real = Vector256.Create(-1L, 0, -1, 0).AsDouble();
            var low = Vector256.Create(RealMath.MagnitudeSafeLow);
            var high = Vector256.Create(RealMath.MagnitudeSafeHigh);
            for (; k <= parts.Length - Vector256<double>.Count; k += Vector256<double>.Count)
            {
                var pairs = Vector256.Create(parts[k..]);
                var size = Vector256.Abs(pairs);
                if (!Vector256.GreaterThanOrEqualAll(size, low) || !Vector256.LessThanOrEqualAll(size, high))
                {
                    ByElement(x, destination, k / 2, Vector256<double>.Count / 2);
                    continue;
                }

                var squares = pairs * pairs;
                (Vector256.Sqrt(squares + Vector256.Shuffle(squares, swap)) & real).CopyTo(results[k..]);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var swap = Vector128.Create(1L, 0);
            var real = Vector128.Create(-1L, 0).AsDouble();
            var low = Vector128.Create(RealMath.MagnitudeSafeLow);
            var high = Vector128.Create(RealMath.MagnitudeSafeHigh);
            for (; k <= parts.Length - Vector128<double>.Count; k += Vector128<double>.Count)
            {
                var pair = Vector128.Create(parts[k..]);
                var size = Vector128.Abs(pair);
                if (!Vector128.GreaterThanOrEqualAll(size, low) || !Vector128.LessThanOrEqualAll(size, high))
                {
                    ByElement(x, destination, k / 2, 1);
                    continue;
                }

                var squares = pair * pair;
                (Vector128.Sqrt(squares + Vector128.Shuffle(squares, swap)) & real).CopyTo(results[k..]);
            }
        }

        ByElement(x, destination, k / 2, destination.Length - (k / 2));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ByElement(ReadOnlySpan<Complex> x, Span<Complex> destination, int start, int count)
    {
        for (int i = start; i < start + count; i++)
        {
            destination[i] = new Complex(RealMath.Magnitude(x[i].Real, x[i].Imaginary), 0);
        }
    }
}
