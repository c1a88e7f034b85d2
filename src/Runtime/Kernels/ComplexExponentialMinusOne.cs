using System.Numerics;
using System.Runtime.CompilerServices;
using SlowSeries.Language.Operators;
using SlowSeries.Vectorization;

namespace SlowSeries.Kernels;

/// <summary>
/// expm1 of complex128 elements by NumPy's formula, the reference's, on whole vectors of parts (<see cref="ComplexParts"/>):
/// expm1(x)·cos y − 2·sin²(y/2) + i·exp(x)·sin y, with our vector expm1, exp, sin and cos. Within 4 ulps of the result's
/// magnitude (the real part's difference may cancel, keeping the functions' absolute errors). Non-finite parts and
/// |x| ≥ 700 (where exp(x)·sin(0) would be ∞·0) take the scalar function. Element by element, 1e6 elements took 22 ms on
/// two threads against NumExpr's 17.
/// </summary>
internal readonly struct ComplexExponentialMinusOne : ComplexParts.IFunction
{
    private const double VectorLimit = 700;

    public static Operation Operation => Operation.Expm1;

    public static void Expm1(ReadOnlySpan<Complex> x, Span<Complex> destination) => ComplexParts.Apply<ComplexExponentialMinusOne>(x, destination);

    public static bool OnVectors(Complex z) => Math.Abs(z.Real) < VectorLimit && double.IsFinite(z.Imaginary);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLong Compute<W, TDouble, TLong>(TDouble re, TDouble im, out TDouble real, out TDouble imaginary)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var halfSine = VectorMath.Sin<W, TDouble, TLong>(W.Multiply(im, W.Create(0.5)));
        var (sin, cos) = VectorMath.SinCos<W, TDouble, TLong>(im);
        real = W.Subtract(W.Multiply(VectorMath.Expm1<W, TDouble, TLong>(re), cos), W.Multiply(W.Multiply(W.Create(2.0), halfSine), halfSine));
        imaginary = W.Multiply(VectorMath.Exp<W, TDouble, TLong>(re), sin);
        return W.Not(W.And(W.LessThan(W.Abs(re), W.Create(VectorLimit)), W.LessThanOrEqual(W.Abs(im), W.Create(double.MaxValue))));
    }
}
