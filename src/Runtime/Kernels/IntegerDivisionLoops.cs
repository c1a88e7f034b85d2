using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
    public static void Remainder(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> destination) =>
        AtWidestWidth(a, b, destination, quotient: false);

    public static void FloorDivide(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> destination) =>
        AtWidestWidth(a, b, destination, quotient: true);

    private static void AtWidestWidth(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> destination, bool quotient)
    {
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
