using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Semantics;
using SlowSeries.Vectorization;

namespace SlowSeries.Kernels;

/// <summary>
/// complex128 quotients a / b on whole vectors of (re, im) pairs by NumPy's form of Smith's method
/// (<see cref="ScalarSemantics.ComplexValue"/>), so every element has the bits of the scalar function. With p the larger
/// and q the smaller part of b (by magnitude), r = q/p and s = 1/(p + q·r), the parts are (re a + im a·r)·s and
/// (im a − re a·r)·s when |re b| ≥ |im b|, else (re a·r + im a)·s and (im a·r − re a)·s; b = 0 divides the parts by +0.
/// The fused loop calls the vector forms too.
/// </summary>
/// <remarks>
/// Two chained divisions per number bound it, and not by the divider's throughput: the operations after each division
/// wait for it in the scheduler, which fills with one or two vectors' worth of them (one number per 128-bit vector: the
/// loop ran at ~28 cycles per number on Zen 5). So r and s are computed once per number on a vector of b's parts alone,
/// and narrower than 512 bits on two vectors' numbers at once, as parts (<see cref="QuotientPair{W, TDouble, TLong}"/>):
/// single-threaded, 1e6 numbers, a vector at a time 3.0–3.9 → 1.5–2.0 ms at 256 bits and 5.0 → 2.1–2.5 at 128 (x64 without AVX2).
/// x64's divider takes a division of one, two or four float64 lanes every ~1.3 ns here (eight: 2.5), so 128-bit vectors
/// cannot go below that per number; selections are blends (<see cref="VectorWidth128.Select(Vector128{long}, Vector128{double}, Vector128{double})"/>,
/// one instruction as NEON's, where .NET's bitwise select takes three on x64 without AVX-512).
/// </remarks>
internal static class ComplexDivision
{
    /// <summary>x / y element by element, on vectors (pairs of them narrower than 512 bits), the rest by the scalar function.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Divide(ReadOnlySpan<Complex> x, ReadOnlySpan<Complex> y, Span<Complex> destination)
    {
        ref double left = ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(x));
        ref double right = ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(y));
        ref double results = ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(destination));
        int length = 2 * destination.Length;
        if (x.Length < destination.Length || y.Length < destination.Length)
        {
            throw new ArgumentException("The operands are shorter than the destination.");
        }

        int k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; k <= length - Vector512<double>.Count; k += Vector512<double>.Count)
            {
                Quotient(Vector512.LoadUnsafe(ref left, (nuint)k), Vector512.LoadUnsafe(ref right, (nuint)k)).StoreUnsafe(ref results, (nuint)k);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            k = DivideByPairs<VectorWidth256, Vector256<double>, Vector256<long>>(ref left, ref right, ref results, length);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            k = DivideByPairs<VectorWidth128, Vector128<double>, Vector128<long>>(ref left, ref right, ref results, length);
        }

        // The last numbers (fewer than a vector, or a pair of vectors) by the scalar function: the same bits.
        for (int i = k / 2; i < destination.Length; i++)
        {
            destination[i] = ScalarSemantics.ComplexValue(Operation.TrueDivide, x[i], y[i]);
        }
    }

    /// <summary>The quotients of whole pairs of vectors from the start (parts at <paramref name="left"/>, …); the doubles done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DivideByPairs<W, TDouble, TLong>(ref double left, ref double right, ref double results, int length)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        int k = 0;
        for (; k <= length - (2 * W.Count); k += 2 * W.Count)
        {
            var quotients = QuotientPair<W, TDouble, TLong>(
                new VectorPair<TDouble> { Low = W.LoadUnsafe(ref Unsafe.Add(ref left, k)), High = W.LoadUnsafe(ref Unsafe.Add(ref left, k + W.Count)) },
                new VectorPair<TDouble> { Low = W.LoadUnsafe(ref Unsafe.Add(ref right, k)), High = W.LoadUnsafe(ref Unsafe.Add(ref right, k + W.Count)) });
            W.StoreUnsafe(quotients.Low, ref Unsafe.Add(ref results, k));
            W.StoreUnsafe(quotients.High, ref Unsafe.Add(ref results, k + W.Count));
        }

        return k;
    }

    /// <summary>Four complex quotients (see the class): r and s once per number, on a half-width vector of b's parts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Quotient(Vector512<double> a, Vector512<double> b)
    {
        var realParts = Vector512.Shuffle(b, Vector512.Create(0L, 0, 2, 2, 4, 4, 6, 6));
        var imaginaryParts = Vector512.Shuffle(b, Vector512.Create(1L, 1, 3, 3, 5, 5, 7, 7));
        var (real, imaginary) = (Vector512.Abs(realParts), Vector512.Abs(imaginaryParts));
        var realLarger = Vector512.GreaterThanOrEqual(real, imaginary);
        var p = Vector512.Shuffle(Vector512.ConditionalSelect(realLarger, realParts, imaginaryParts), Vector512.Create(0L, 2, 4, 6, 0, 2, 4, 6)).GetLower();
        var q = Vector512.Shuffle(Vector512.ConditionalSelect(realLarger, imaginaryParts, realParts), Vector512.Create(0L, 2, 4, 6, 0, 2, 4, 6)).GetLower();
        var ratio = q / p;
        var scale = Vector256<double>.One / (p + (q * ratio));
        var pairs = Vector512.Create(0L, 0, 1, 1, 2, 2, 3, 3);
        var quotient = Scaled(a, realLarger, Vector512.Shuffle(ratio.ToVector512Unsafe(), pairs), Vector512.Shuffle(scale.ToVector512Unsafe(), pairs));
        var zero = Vector512.Equals(real, Vector512<double>.Zero) & Vector512.Equals(imaginary, Vector512<double>.Zero);
        return zero == Vector512<double>.Zero ? quotient : Vector512.ConditionalSelect(zero, a / Vector512<double>.Zero, quotient);
    }

    /// <summary>Two complex quotients (see the class).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Quotient(Vector256<double> a, Vector256<double> b)
    {
        var realParts = Vector256.Shuffle(b, Vector256.Create(0L, 0, 2, 2));
        var imaginaryParts = Vector256.Shuffle(b, Vector256.Create(1L, 1, 3, 3));
        var (real, imaginary) = (Vector256.Abs(realParts), Vector256.Abs(imaginaryParts));
        var realLarger = Vector256.GreaterThanOrEqual(real, imaginary);
        var p = Vector256.Shuffle(VectorWidth256.Select(realLarger.AsInt64(), realParts, imaginaryParts), Vector256.Create(0L, 2, 0, 2)).GetLower();
        var q = Vector256.Shuffle(VectorWidth256.Select(realLarger.AsInt64(), imaginaryParts, realParts), Vector256.Create(0L, 2, 0, 2)).GetLower();
        var ratio = q / p;
        var scale = Vector128<double>.One / (p + (q * ratio));
        var pairs = Vector256.Create(0L, 0, 1, 1);
        var quotient = Scaled(a, realLarger, Vector256.Shuffle(ratio.ToVector256Unsafe(), pairs), Vector256.Shuffle(scale.ToVector256Unsafe(), pairs));
        var zero = Vector256.Equals(real, Vector256<double>.Zero) & Vector256.Equals(imaginary, Vector256<double>.Zero);
        return zero == Vector256<double>.Zero ? quotient : Vector256.ConditionalSelect(zero, a / Vector256<double>.Zero, quotient);
    }

    /// <summary>One complex quotient (see the class; r and s in both lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Quotient(Vector128<double> a, Vector128<double> b)
    {
        var realParts = Vector128.Shuffle(b, Vector128.Create(0L, 0));
        var imaginaryParts = Vector128.Shuffle(b, Vector128.Create(1L, 1));
        var (real, imaginary) = (Vector128.Abs(realParts), Vector128.Abs(imaginaryParts));
        var realLarger = Vector128.GreaterThanOrEqual(real, imaginary);
        var p = VectorWidth128.Select(realLarger.AsInt64(), realParts, imaginaryParts);
        var q = VectorWidth128.Select(realLarger.AsInt64(), imaginaryParts, realParts);
        var r = q / p;
        var quotient = Scaled(a, realLarger, r, Vector128<double>.One / (p + (q * r)));
        var zero = Vector128.Equals(real, Vector128<double>.Zero) & Vector128.Equals(imaginary, Vector128<double>.Zero);
        return zero == Vector128<double>.Zero ? quotient : Vector128.ConditionalSelect(zero, a / Vector128<double>.Zero, quotient);
    }

    /// <summary>
    /// Two vectors' complex quotients (see the class), computed on the parts: the numbers' real parts in one vector and
    /// their imaginary parts in another (a's and b's alike, <see cref="ComplexPairs.Split{TDouble}"/>), so each division
    /// serves every number of both vectors and each operation after it the parts of all of them — where per vector of
    /// pairs it took a shuffle of r, s and the choice for each (single-threaded, 1e6 numbers, 256 bits: 2.0–2.7 → 1.5–2.0 ms).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> QuotientPair<W, TDouble, TLong>(VectorPair<TDouble> a, VectorPair<TDouble> b)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var (dividendReal, dividendImaginary) = ComplexPairs.Split(a.Low, a.High);
        var (real, imaginary) = ComplexPairs.Split(b.Low, b.High);
        var realLarger = W.GreaterThanOrEqual(W.Abs(real), W.Abs(imaginary));
        var p = W.Select(realLarger, real, imaginary);
        var q = W.Select(realLarger, imaginary, real);
        var r = W.Divide(q, p);
        var s = W.Divide(W.Create(1.0), W.Add(p, W.Multiply(q, r)));

        // Smith's parts: (re a + im a·r)·s and (im a − re a·r)·s, or (re a·r + im a)·s and (im a·r − re a)·s; x − t is
        // x + (−t) to the bit, and sums commute.
        var negatedReal = W.Negate(dividendReal);
        var quotientReal = W.Multiply(W.Add(W.Select(realLarger, dividendReal, dividendImaginary), W.Multiply(W.Select(realLarger, dividendImaginary, dividendReal), r)), s);
        var quotientImaginary = W.Multiply(W.Add(W.Select(realLarger, dividendImaginary, negatedReal), W.Multiply(W.Select(realLarger, negatedReal, dividendImaginary), r)), s);

        // b = 0 (both parts +0 or −0; a NaN part is not): the parts divided by +0.
        var zero = W.And(W.Equal(real, W.Create(0.0)), W.Equal(imaginary, W.Create(0.0)));
        if (W.Any(zero))
        {
            quotientReal = W.Select(zero, W.Divide(dividendReal, W.Create(0.0)), quotientReal);
            quotientImaginary = W.Select(zero, W.Divide(dividendImaginary, W.Create(0.0)), quotientImaginary);
        }

        var (low, high) = ComplexPairs.Join(quotientReal, quotientImaginary);
        return new VectorPair<TDouble> { Low = low, High = high };
    }

    // The parts from a, r and s in each number's lanes: with f = (im a, −re a), (a + f·r)·s where the real part of b is
    // the larger, else (f + a·r)·s — Smith's sums and differences, as x − t is x + (−t) to the bit and sums commute.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Scaled(Vector512<double> a, Vector512<double> realLarger, Vector512<double> r, Vector512<double> s)
    {
        var flipped = Vector512.Shuffle(a, Vector512.Create(1L, 0, 3, 2, 5, 4, 7, 6)) ^ Vector512.Create(0L, long.MinValue, 0, long.MinValue, 0, long.MinValue, 0, long.MinValue).AsDouble();
        return (Vector512.ConditionalSelect(realLarger, a, flipped) + (Vector512.ConditionalSelect(realLarger, flipped, a) * r)) * s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Scaled(Vector256<double> a, Vector256<double> realLarger, Vector256<double> r, Vector256<double> s)
    {
        var flipped = Vector256.Shuffle(a, Vector256.Create(1L, 0, 3, 2)) ^ Vector256.Create(0L, long.MinValue, 0, long.MinValue).AsDouble();
        return (VectorWidth256.Select(realLarger.AsInt64(), a, flipped) + (VectorWidth256.Select(realLarger.AsInt64(), flipped, a) * r)) * s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Scaled(Vector128<double> a, Vector128<double> realLarger, Vector128<double> r, Vector128<double> s)
    {
        var flipped = Vector128.Shuffle(a, Vector128.Create(1L, 0)) ^ Vector128.Create(0L, long.MinValue).AsDouble();
        return (VectorWidth128.Select(realLarger.AsInt64(), a, flipped) + (VectorWidth128.Select(realLarger.AsInt64(), flipped, a) * r)) * s;
    }
}
