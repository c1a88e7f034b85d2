using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SlowSeries.Vectorization;

namespace SlowSeries.Kernels;

/// <summary>
/// NumPy's int64 floor division and remainder (the divisor's sign; 0 for a zero divisor, as <see cref="Language.Semantics.IntegerMath"/>)
/// over spans at the widest accelerated vector width: the quotient through double where both operands are below 2^51
/// (exact there, see <see cref="ILaneIntegerDivision{TSelf, TDouble, TLong}.Divide(TLong, TLong, TLong)"/>), lane by lane beyond. A call per element
/// through a delegate cost three times NumExpr's time for <c>i*3 + j % 7</c>.
/// </summary>
internal static class IntegerDivisionLoops
{
    [ThreadStatic]
    private static ConstantDivisor? lastDivisor;

    public static void Remainder(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> destination) =>
        AtWidestWidth(a, b, destination, quotient: false);

    public static void FloorDivide(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> destination) =>
        AtWidestWidth(a, b, destination, quotient: true);

    /// <summary>
    /// NumPy's int32 a % b: through double, exact for every int32 pair (see <see cref="Int32FloorDivision{W, TDouble, TLong}"/>).
    /// A call per element through a delegate took 12 ms for <c>k % 3</c> and 22 ms for <c>k // 7</c> on 1e7 elements,
    /// 2 threads, against NumExpr's 9.4 and NumPy's 5.7.
    /// </summary>
    public static void Remainder(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> destination) =>
        Int32AtWidestWidth(a, b, destination, quotient: false);

    /// <summary>NumPy's int32 a // b (see <see cref="Remainder(ReadOnlySpan{int}, ReadOnlySpan{int}, Span{int})"/>).</summary>
    public static void FloorDivide(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> destination) =>
        Int32AtWidestWidth(a, b, destination, quotient: true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Int32AtWidestWidth(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> destination, bool quotient)
    {
        ref int x = ref MemoryMarshal.GetReference(a);
        ref int y = ref MemoryMarshal.GetReference(b);
        ref int to = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Avx512F.IsSupported && Vector512.IsHardwareAccelerated)
        {
            for (; i <= destination.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var result = Int32FloorDivision<VectorWidth512, Vector512<double>, Vector512<long>>(
                    Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref x, (nuint)i)), Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref y, (nuint)i)), quotient);
                Avx512F.ConvertToVector256Int32WithTruncation(result).StoreUnsafe(ref to, (nuint)i);
            }
        }
        else if (Avx.IsSupported && Vector256.IsHardwareAccelerated)
        {
            for (; i <= destination.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var result = Int32FloorDivision<VectorWidth256, Vector256<double>, Vector256<long>>(
                    Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref x, (nuint)i)), Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref y, (nuint)i)), quotient);
                Avx.ConvertToVector128Int32WithTruncation(result).StoreUnsafe(ref to, (nuint)i);
            }
        }
        else if (Sse2.IsSupported && Vector128.IsHardwareAccelerated)
        {
            for (; i <= destination.Length - Vector128<double>.Count; i += Vector128<double>.Count)
            {
                var result = Int32FloorDivision<VectorWidth128, Vector128<double>, Vector128<long>>(
                    Sse2.ConvertToVector128Double(Vector128.CreateScalar(Unsafe.ReadUnaligned<long>(ref Unsafe.As<int, byte>(ref Unsafe.Add(ref x, i)))).AsInt32()),
                    Sse2.ConvertToVector128Double(Vector128.CreateScalar(Unsafe.ReadUnaligned<long>(ref Unsafe.As<int, byte>(ref Unsafe.Add(ref y, i)))).AsInt32()),
                    quotient);
                Unsafe.WriteUnaligned(ref Unsafe.As<int, byte>(ref Unsafe.Add(ref to, i)), Sse2.ConvertToVector128Int32WithTruncation(result).AsInt64().ToScalar());
            }
        }

        for (; i < destination.Length; i++)
        {
            destination[i] = unchecked((int)(quotient ? Language.Semantics.IntegerMath.FloorDivide(a[i], b[i]) : Language.Semantics.IntegerMath.Remainder(a[i], b[i])));
        }
    }

    /// <summary>
    /// NumPy's a // b or a % b of int32 values held exactly in double lanes: floor(a/b) of the rounded quotient is the
    /// exact floor (a non-integer a/b lies at least 1/|b| from an integer, 2^−31 of itself, beyond double's rounding),
    /// and a − q·b is exact (|q·b| &lt; 2^32); 0 for b = 0, and −a for b = −1, which the truncating conversion back
    /// wraps from 2^31 to −2^31 as the reference's int64 result wrapped to 32 bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble Int32FloorDivision<W, TDouble, TLong>(TDouble a, TDouble b, bool quotient)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var zero = W.Equal(b, W.Create(0.0));
        var safe = W.Select(zero, W.Create(1.0), b);
        var floor = W.Floor(W.Divide(a, safe));
        var result = quotient ? floor : W.Subtract(a, W.Multiply(floor, safe));
        return W.Select(zero, W.Create(0.0), result);
    }

    private static void AtWidestWidth(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> destination, bool quotient)
    {
        // A divisor of one value throughout (a constant of the expression, filled into its block by the interpreter)
        // divides by multiplying, as in the fused loop: `where(i % 2 == 0, a, -a)`, off the fused loop for its int64
        // condition, spent most of its time dividing by 2.
        if (b.Length > 0 && b[0] is not (0 or -1) && Math.Abs(b[0]) < ConstantDivisor.Limit && !b.ContainsAnyExcept(b[0]))
        {
            // The divisor's constants are computed once per thread and value (with BigInteger: a block's worth of time).
            if (lastDivisor is not { } divisor || divisor.Value != b[0])
            {
                lastDivisor = divisor = ConstantDivisor.Of(b[0]);
            }

            if (Vector512.IsHardwareAccelerated)
            {
                ByConstant<VectorWidth512, Vector512<double>, Vector512<long>>(a, divisor, destination, quotient);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                ByConstant<VectorWidth256, Vector256<double>, Vector256<long>>(a, divisor, destination, quotient);
            }
            else
            {
                ByConstant<VectorWidth128, Vector128<double>, Vector128<long>>(a, divisor, destination, quotient);
            }

            return;
        }

        if (Vector512.IsHardwareAccelerated)
        {
            Run<VectorWidth512, Vector512<double>, Vector512<long>>(a, b, destination, quotient);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Run<VectorWidth256, Vector256<double>, Vector256<long>>(a, b, destination, quotient);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Run<VectorWidth128, Vector128<double>, Vector128<long>>(a, b, destination, quotient);
        }
        else
        {
            Run<ScalarWidth, double, long>(a, b, destination, quotient);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Run<W, TDouble, TLong>(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> destination, bool quotient)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        int i = 0;
        for (; i <= destination.Length - W.Count; i += W.Count)
        {
            var (x, y) = (W.Load(a, i), W.Load(b, i));
            W.Store(quotient ? FloorQuotient<W, TDouble, TLong>(x, y) : W.FloorRemainder(x, y), destination, i);
        }

        if (i < destination.Length)
        {
            var (x, y) = (W.LoadTail(a, i), W.LoadTail(b, i));
            W.StoreTail(quotient ? FloorQuotient<W, TDouble, TLong>(x, y) : W.FloorRemainder(x, y), destination, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ByConstant<W, TDouble, TLong>(ReadOnlySpan<long> a, ConstantDivisor divisor, Span<long> destination, bool quotient)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        int i = 0;
        for (; i <= destination.Length - W.Count; i += W.Count)
        {
            var x = W.Load(a, i);
            W.Store(quotient ? IntegerLanes.FloorDivideByConstant<W, TDouble, TLong>(x, divisor) : IntegerLanes.FloorRemainderByConstant<W, TDouble, TLong>(x, divisor), destination, i);
        }

        if (i < destination.Length)
        {
            var x = W.LoadTail(a, i);
            W.StoreTail(quotient ? IntegerLanes.FloorDivideByConstant<W, TDouble, TLong>(x, divisor) : IntegerLanes.FloorRemainderByConstant<W, TDouble, TLong>(x, divisor), destination, i);
        }
    }

    /// <summary>Whether the vector loops pay here: with 256- or 512-bit vectors (1.6–1.8x the per-element loop); at 128 bits two lanes share a
    /// divide and the loop measured 1.5x slower than the per-element one (6.1 vs 4.0 ns per element).</summary>
    public static bool Pays => Vector256.IsHardwareAccelerated;

    /// <summary>NumPy's a // b: the truncated quotient less one where the remainder is non-zero and the signs differ; 0 for b = 0, −a for b = −1.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static TLong FloorQuotient<W, TDouble, TLong>(TLong a, TLong b)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var zero = W.Equal(b, W.Create(0L));
        var minusOne = W.Equal(b, W.Create(-1L));
        var safe = W.Select(W.Or(zero, minusOne), W.Create(1L), b);
        var truncated = W.Divide(a, safe, W.All);
        var remainder = W.Subtract(a, W.Multiply(truncated, safe));
        var adjust = W.And(W.Not(W.Equal(remainder, W.Create(0L))), W.LessThan(W.Xor(remainder, safe), W.Create(0L)));
        var floor = W.Add(truncated, adjust); // adjust is −1 where the quotient rounds down
        return W.Select(zero, W.Create(0L), W.Select(minusOne, W.Negate(a), floor));
    }
}
