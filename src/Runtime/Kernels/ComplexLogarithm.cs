using System.Numerics;
using System.Runtime.CompilerServices;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Semantics;
using SlowSeries.Vectorization;

namespace SlowSeries.Kernels;

/// <summary>
/// log of complex128 elements by <see cref="RealMath.ComplexLogarithm"/>'s method on whole vectors of parts
/// (<see cref="ComplexParts"/>): ½·log1p(x² + y² − 1) near the unit circle (that difference from exact products and
/// TwoSums, as <see cref="RealMath.SquaresMinusOne"/>), ln(hypot(x, y)) elsewhere, atan2(y, x), with our vector
/// log1p, log, hypot and atan2 (each within 1 ulp of System.Math's; a part within 3 ulps of the reference's, the same
/// bits at every width). Elements with an infinite or NaN part, or zero, take the scalar function. Element by element
/// (System.Math's log and atan2) 1e6 elements took 10.6–14.7 ms on two threads against NumExpr's 10.2.
/// </summary>
internal readonly struct ComplexLogarithm : ComplexParts.IFunction
{
    public static Operation Operation => Operation.Log;

    public static void Log(ReadOnlySpan<Complex> x, Span<Complex> destination) => ComplexParts.Apply<ComplexLogarithm>(x, destination);

    public static bool OnVectors(Complex z) => double.IsFinite(z.Real) && double.IsFinite(z.Imaginary) && (z.Real != 0 || z.Imaginary != 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLong Compute<W, TDouble, TLong>(TDouble re, TDouble im, out TDouble real, out TDouble imaginary)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var p = W.Multiply(re, re);
        var q = W.Multiply(im, im);
        var squares = W.Add(p, q);
        var near = W.And(W.GreaterThanOrEqual(squares, W.Create(RealMath.NearUnitCircleLow)), W.LessThanOrEqual(squares, W.Create(RealMath.NearUnitCircleHigh)));
        var far = W.Not(near);
        var nearValue = W.Any(near) ? W.Multiply(W.Create(0.5), VectorMath.Log1p<W, TDouble, TLong>(SquaresMinusOne<W, TDouble, TLong>(re, im, p, q))) : default;
        var farValue = W.Any(far) ? VectorMath.Log<W, TDouble, TLong>(VectorMath.Hypot<W, TDouble, TLong>(re, im)) : default;
        real = W.Select(near, nearValue, farValue);
        imaginary = VectorMath.Atan2<W, TDouble, TLong>(im, re);

        var largest = W.Create(double.MaxValue);
        var zero = W.Create(0.0);
        return W.Or(
            W.Not(W.And(W.LessThanOrEqual(W.Abs(re), largest), W.LessThanOrEqual(W.Abs(im), largest))),
            W.And(W.Equal(re, zero), W.Equal(im, zero)));
    }

    /// <summary><see cref="RealMath.SquaresMinusOne"/> on lanes (<paramref name="p"/>, <paramref name="q"/>: re², im² rounded): the same exact values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble SquaresMinusOne<W, TDouble, TLong>(TDouble re, TDouble im, TDouble p, TDouble q)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var (a, aError) = TwoSum<W, TDouble, TLong>(p, W.Create(-1.0));
        var (b, bError) = TwoSum<W, TDouble, TLong>(a, q);
        return W.Add(b, W.Add(W.Add(W.Add(aError, bError), SquareError<W, TDouble, TLong>(re, p)), SquareError<W, TDouble, TLong>(im, q)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble Sum, TDouble Error) TwoSum<W, TDouble, TLong>(TDouble a, TDouble b)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var sum = W.Add(a, b);
        var bPart = W.Subtract(sum, a);
        return (sum, W.Add(W.Subtract(a, W.Subtract(sum, bPart)), W.Subtract(b, bPart)));
    }

    /// <summary>x·x − <paramref name="square"/> exactly: a fused multiply-add where the CPU has one, Dekker's splitting elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble SquareError<W, TDouble, TLong>(TDouble x, TDouble square)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        if (VectorMath.HasFusedMultiplyAdd)
        {
            return W.FusedMultiplyAdd(x, x, W.Negate(square));
        }

        var split = W.Multiply(W.Create(134217729.0), x);
        var high = W.Subtract(split, W.Subtract(split, x));
        var low = W.Subtract(x, high);
        return W.Add(W.Add(W.Subtract(W.Multiply(high, high), square), W.Multiply(W.Multiply(W.Create(2.0), high), low)), W.Multiply(low, low));
    }
}
