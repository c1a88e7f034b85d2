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
            return Split(As<Vector512<double>, TDouble>(Vector512.LoadUnsafe(in source)), As<Vector512<double>, TDouble>(Vector512.LoadUnsafe(in source, 8)));
        }

        if (typeof(TDouble) == typeof(Vector256<double>))
        {
            return Split(As<Vector256<double>, TDouble>(Vector256.LoadUnsafe(in source)), As<Vector256<double>, TDouble>(Vector256.LoadUnsafe(in source, 4)));
        }

        if (typeof(TDouble) == typeof(Vector128<double>))
        {
            return Split(As<Vector128<double>, TDouble>(Vector128.LoadUnsafe(in source)), As<Vector128<double>, TDouble>(Vector128.LoadUnsafe(in source, 2)));
        }

        return (As<double, TDouble>(source), As<double, TDouble>(Unsafe.Add(ref Unsafe.AsRef(in source), 1)));
    }

    /// <summary>Stores the elements whose parts <see cref="Load{TDouble}"/> gave, in its lane order, at <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<TDouble>(TDouble real, TDouble imaginary, ref double destination)
        where TDouble : struct
    {
        var (a, b) = Join(real, imaginary);
        if (typeof(TDouble) == typeof(Vector512<double>))
        {
            As<TDouble, Vector512<double>>(a).StoreUnsafe(ref destination);
            As<TDouble, Vector512<double>>(b).StoreUnsafe(ref destination, 8);
        }
        else if (typeof(TDouble) == typeof(Vector256<double>))
        {
            As<TDouble, Vector256<double>>(a).StoreUnsafe(ref destination);
            As<TDouble, Vector256<double>>(b).StoreUnsafe(ref destination, 4);
        }
        else if (typeof(TDouble) == typeof(Vector128<double>))
        {
            As<TDouble, Vector128<double>>(a).StoreUnsafe(ref destination);
            As<TDouble, Vector128<double>>(b).StoreUnsafe(ref destination, 2);
        }
        else
        {
            destination = As<TDouble, double>(a);
            Unsafe.Add(ref destination, 1) = As<TDouble, double>(b);
        }
    }

    /// <summary>
    /// The parts of two vectors of (re, im) pairs, <paramref name="a"/>'s and <paramref name="b"/>'s numbers alternating
    /// within each 128-bit lane (x64's unpcklpd and unpckhpd, NEON's zip1 and zip2); without SIMD (a double per "vector"), a
    /// number's two parts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TDouble Real, TDouble Imaginary) Split<TDouble>(TDouble a, TDouble b)
        where TDouble : struct => Interleave(a, b);

    /// <summary>The two vectors of (re, im) pairs whose parts <see cref="Split{TDouble}"/> gave, in its lane order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TDouble A, TDouble B) Join<TDouble>(TDouble real, TDouble imaginary)
        where TDouble : struct => Interleave(real, imaginary);

    // Split and Join are the same permutation: within each 128-bit lane, the first doubles of x and y, then the second ones.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble First, TDouble Second) Interleave<TDouble>(TDouble x, TDouble y)
        where TDouble : struct
    {
        if (typeof(TDouble) == typeof(Vector512<double>))
        {
            var (a, b) = (As<TDouble, Vector512<double>>(x), As<TDouble, Vector512<double>>(y));
            var (first, second) = Avx512F.IsSupported ? (Avx512F.UnpackLow(a, b), Avx512F.UnpackHigh(a, b)) : (Evens(a, b), Odds(a, b));
            return (As<Vector512<double>, TDouble>(first), As<Vector512<double>, TDouble>(second));
        }

        if (typeof(TDouble) == typeof(Vector256<double>))
        {
            var (a, b) = (As<TDouble, Vector256<double>>(x), As<TDouble, Vector256<double>>(y));
            var (first, second) = Avx.IsSupported ? (Avx.UnpackLow(a, b), Avx.UnpackHigh(a, b)) : (Evens(a, b), Odds(a, b));
            return (As<Vector256<double>, TDouble>(first), As<Vector256<double>, TDouble>(second));
        }

        if (typeof(TDouble) == typeof(Vector128<double>))
        {
            var (a, b) = (As<TDouble, Vector128<double>>(x), As<TDouble, Vector128<double>>(y));
            var (first, second) = Sse2.IsSupported ? (Sse2.UnpackLow(a, b), Sse2.UnpackHigh(a, b))
                : AdvSimd.Arm64.IsSupported ? (AdvSimd.Arm64.ZipLow(a, b), AdvSimd.Arm64.ZipHigh(a, b))
                : (Vector128.Create(a[0], b[0]), Vector128.Create(a[1], b[1]));
            return (As<Vector128<double>, TDouble>(first), As<Vector128<double>, TDouble>(second));
        }

        return (x, y);
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
