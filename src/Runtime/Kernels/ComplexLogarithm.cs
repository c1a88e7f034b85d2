using System.Numerics;
using System.Runtime.CompilerServices;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Semantics;
using SlowSeries.Vectorization;

namespace SlowSeries.Kernels;

/// <summary>
/// log of complex128 elements by <see cref="RealMath.ComplexLogarithm"/>'s method (glibc's clog) on whole vectors of parts
/// (<see cref="ComplexParts"/>): ½·log1p(x² + y² − 1) near the unit circle (that difference from exact products and
/// TwoSums, <see cref="VectorMath.SquaresMinusOne{W, TDouble, TLong}"/>), ½·ln(x² + y²) elsewhere, atan2(y, x), with our
/// vector log and atan2 (a part within 3 ulps of the reference's, the same bits at every width). Elements with an
/// infinite or NaN part, or zero, take the scalar function. Element by element (System.Math's log and atan2) 1e6
/// elements took 10.6–14.7 ms on two threads against NumExpr's 10.2; on vectors, with both forms computed wherever a
/// vector's lanes straddle |z|² = ¼ or 4 (most vectors of z in the unit square), 3.2–3.4 ms; with one logarithm per
/// lane, 2.2–2.3 (AVX-512; AVX2 5.7–6.2 → 4.3–4.8, 128 bits 10.5–11.1 → 9.0–9.8).
/// </summary>
internal readonly struct ComplexLogarithm : ComplexParts.IFunction
{
    /// <summary>Beyond 2^500 a square nears overflow, below 2^−500 the normal range's end.</summary>
    private const double SquaresLargest = 3.273390607896142e+150, SquaresSmallest = 3.054936363499605e-151;

    public static Operation Operation => Operation.Log;

    public static void Log(ReadOnlySpan<Complex> x, Span<Complex> destination) => ComplexParts.Apply<ComplexLogarithm>(x, destination);

    public static bool OnVectors(Complex z) => double.IsFinite(z.Real) && double.IsFinite(z.Imaginary) && (z.Real != 0 || z.Imaginary != 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLong Compute<W, TDouble, TLong>(TDouble re, TDouble im, out TDouble real, out TDouble imaginary)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // The reference's two forms share one logarithm: near the unit circle ½·log1p(d) = ½·(log(u) − ((u − 1) − d)/u)
        // for d = x² + y² − 1 and u = 1 + d (our log1p's own steps), elsewhere ½·log(x² + y²); so each lane picks its
        // argument of log, not its result, and no vector computes both (most vectors of z in the unit square straddle
        // |z|² = ¼). Lanes whose squares would overflow or lose digits take log(hypot(x, y)), as the reference does.
        var p = W.Multiply(re, re);
        var q = W.Multiply(im, im);
        var squares = W.Add(p, q);
        var near = W.And(W.GreaterThanOrEqual(squares, W.Create(RealMath.NearUnitCircleLow)), W.LessThanOrEqual(squares, W.Create(RealMath.NearUnitCircleHigh)));
        var minusOne = W.Create(-1.0);
        var d = VectorMath.SquaresMinusOne<W, TDouble, TLong>(re, im, p, q);
        var u = W.Subtract(d, minusOne);
        var argument = W.Select(near, u, squares);
        var correction = W.Select(near, W.Divide(W.Subtract(W.Add(u, minusOne), d), u), W.Create(0.0));
        var half = W.Multiply(W.Create(0.5), W.Subtract(VectorMath.Log<W, TDouble, TLong>(argument), correction));
        real = W.Select(W.And(near, W.Equal(u, W.Create(1.0))), W.Multiply(W.Create(0.5), d), half);
        var largest = W.Max(W.Abs(re), W.Abs(im));
        var outOfRange = W.Or(W.GreaterThan(largest, W.Create(SquaresLargest)), W.LessThan(largest, W.Create(SquaresSmallest)));
        if (W.Any(outOfRange))
        {
            real = W.Select(outOfRange, VectorMath.Log<W, TDouble, TLong>(VectorMath.Hypot<W, TDouble, TLong>(re, im)), real);
        }

        imaginary = VectorMath.Atan2<W, TDouble, TLong>(im, re);

        return NonFiniteOrZero<W, TDouble, TLong>(re, im, re);
    }

    /// <summary>
    /// The lanes a vector logarithm leaves to the scalar function: an infinite or NaN part of (re, im), or a zero
    /// argument (<paramref name="argumentReal"/>, im) of the logarithm itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLong NonFiniteOrZero<W, TDouble, TLong>(TDouble re, TDouble im, TDouble argumentReal)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var largest = W.Create(double.MaxValue);
        var zero = W.Create(0.0);
        return W.Or(
            W.Not(W.And(W.LessThanOrEqual(W.Abs(re), largest), W.LessThanOrEqual(W.Abs(im), largest))),
            W.And(W.Equal(argumentReal, zero), W.Equal(im, zero)));
    }
}
