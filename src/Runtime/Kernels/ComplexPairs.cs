using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SlowSeries.Kernels;

/// <summary>
/// complex128 elements, (re, im) pairs in memory, as one vector of real and one of imaginary parts and back: two
/// vectors' worth of pairs per call. The parts come in a lane order of the width's own (an in-lane unpack, no cross-lane
/// permute), and <see cref="Store{TDouble}"/> undoes exactly what <see cref="Load{TDouble}"/> did: the functions computed
/// between treat every lane alike, so each element's result lands where the element came from.
/// </summary>
internal static class ComplexPairs
{
    /// <summary>The parts of the 8 (512 bits), 4, 2 or 1 (no SIMD) elements at <paramref name="source"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TDouble Real, TDouble Imaginary) Load<TDouble>(ref readonly double source)
        where TDouble : struct
    {
        if (typeof(TDouble) == typeof(Vector512<double>))
        {
            var (a, b) = (Vector512.LoadUnsafe(in source), Vector512.LoadUnsafe(in source, 8));
            var (real, imaginary) = Avx512F.IsSupported ? (Avx512F.UnpackLow(a, b), Avx512F.UnpackHigh(a, b)) : (Evens(a, b), Odds(a, b));
            return (As<Vector512<double>, TDouble>(real), As<Vector512<double>, TDouble>(imaginary));
        }

        if (typeof(TDouble) == typeof(Vector256<double>))
        {
            var (a, b) = (Vector256.LoadUnsafe(in source), Vector256.LoadUnsafe(in source, 4));
            var (real, imaginary) = Avx.IsSupported ? (Avx.UnpackLow(a, b), Avx.UnpackHigh(a, b)) : (Evens(a, b), Odds(a, b));
            return (As<Vector256<double>, TDouble>(real), As<Vector256<double>, TDouble>(imaginary));
        }

        if (typeof(TDouble) == typeof(Vector128<double>))
        {
            var (a, b) = (Vector128.LoadUnsafe(in source), Vector128.LoadUnsafe(in source, 2));
            var (real, imaginary) = Sse2.IsSupported ? (Sse2.UnpackLow(a, b), Sse2.UnpackHigh(a, b))
                : AdvSimd.Arm64.IsSupported ? (AdvSimd.Arm64.ZipLow(a, b), AdvSimd.Arm64.ZipHigh(a, b))
                : (Vector128.Create(a[0], b[0]), Vector128.Create(a[1], b[1]));
            return (As<Vector128<double>, TDouble>(real), As<Vector128<double>, TDouble>(imaginary));
        }

        return (As<double, TDouble>(source), As<double, TDouble>(Unsafe.Add(ref Unsafe.AsRef(in source), 1)));
    }

    /// <summary>Stores the elements whose parts <see cref="Load{TDouble}"/> gave, in its lane order, at <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<TDouble>(TDouble real, TDouble imaginary, ref double destination)
        where TDouble : struct
    {
        if (typeof(TDouble) == typeof(Vector512<double>))
        {
            var (re, im) = (As<TDouble, Vector512<double>>(real), As<TDouble, Vector512<double>>(imaginary));
            var (a, b) = Avx512F.IsSupported ? (Avx512F.UnpackLow(re, im), Avx512F.UnpackHigh(re, im)) : (Evens(re, im), Odds(re, im));
            a.StoreUnsafe(ref destination);
            b.StoreUnsafe(ref destination, 8);
        }
        else if (typeof(TDouble) == typeof(Vector256<double>))
        {
            var (re, im) = (As<TDouble, Vector256<double>>(real), As<TDouble, Vector256<double>>(imaginary));
            var (a, b) = Avx.IsSupported ? (Avx.UnpackLow(re, im), Avx.UnpackHigh(re, im)) : (Evens(re, im), Odds(re, im));
            a.StoreUnsafe(ref destination);
            b.StoreUnsafe(ref destination, 4);
        }
        else if (typeof(TDouble) == typeof(Vector128<double>))
        {
            var (re, im) = (As<TDouble, Vector128<double>>(real), As<TDouble, Vector128<double>>(imaginary));
            var (a, b) = Sse2.IsSupported ? (Sse2.UnpackLow(re, im), Sse2.UnpackHigh(re, im))
                : AdvSimd.Arm64.IsSupported ? (AdvSimd.Arm64.ZipLow(re, im), AdvSimd.Arm64.ZipHigh(re, im))
                : (Vector128.Create(re[0], im[0]), Vector128.Create(re[1], im[1]));
            a.StoreUnsafe(ref destination);
            b.StoreUnsafe(ref destination, 2);
        }
        else
        {
            destination = As<TDouble, double>(real);
            Unsafe.Add(ref destination, 1) = As<TDouble, double>(imaginary);
        }
    }

    // The unpacks' lane order without the instructions (for a width accelerated without them; not on today's CPUs):
    // within each 128-bit lane, the first double of a then of b (Evens), the second of each (Odds).
    private static Vector512<double> Evens(Vector512<double> a, Vector512<double> b) => Vector512.Create(a[0], b[0], a[2], b[2], a[4], b[4], a[6], b[6]);

    private static Vector512<double> Odds(Vector512<double> a, Vector512<double> b) => Vector512.Create(a[1], b[1], a[3], b[3], a[5], b[5], a[7], b[7]);

    private static Vector256<double> Evens(Vector256<double> a, Vector256<double> b) => Vector256.Create(a[0], b[0], a[2], b[2]);

    private static Vector256<double> Odds(Vector256<double> a, Vector256<double> b) => Vector256.Create(a[1], b[1], a[3], b[3]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TTo As<TFrom, TTo>(TFrom value) => Unsafe.As<TFrom, TTo>(ref value);
}
