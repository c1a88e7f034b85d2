using System.Numerics;
using System.Runtime.CompilerServices;
using SlowSeries.Language.Operators;
using SlowSeries.Vectorization;

namespace SlowSeries.Kernels;

/// <summary>
/// sin, cos and tan of complex128 elements by the reference's formulas on whole vectors of parts (<see cref="ComplexParts"/>):
/// sin(x + iy) = sin x·cosh y + i·cos x·sinh y and cos(x + iy) = cos x·cosh y − i·sin x·sinh y, with our vector sin/cos
/// (one reduction for both), sinh and cosh, and the reference's signed zeros at x = ±0. Each part within 4 ulps of the
/// reference's (1 + 2 ulps from the functions, one rounding of the product); elements with a non-finite part or |y| ≥
/// 700 (where cosh nears overflow and a zero sine would turn ∞ into NaN) take the scalar function. Element by element,
/// `sin(z)` on 1e6 elements took 14.7 ms on two threads against NumExpr's 12.4, `tan(z)` 16.7 ms against 19.3.
/// tan(x + iy) = (sin x·cos x + i·sinh y·cosh y) / (cos² x + sinh² y), the reference's sum of squares, for |y| ≤ 350
/// (beyond, it is 0 ± i to the last bit and the squares overflow).
/// </summary>
internal static class ComplexTrigonometry
{
    private const double VectorLimit = 700;

    /// <summary>The largest |y| whose tangent the reference computes by the formula.</summary>
    private const double TangentLimit = 350;

    public static void Sin(ReadOnlySpan<Complex> x, Span<Complex> destination) => ComplexParts.Apply<Sine>(x, destination);

    public static void Cos(ReadOnlySpan<Complex> x, Span<Complex> destination) => ComplexParts.Apply<Cosine>(x, destination);

    public static void Tan(ReadOnlySpan<Complex> x, Span<Complex> destination) => ComplexParts.Apply<Tangent>(x, destination);

    private static bool OnVectors(Complex z) => double.IsFinite(z.Real) && Math.Abs(z.Imaginary) < VectorLimit;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLong Special<W, TDouble, TLong>(TDouble re, TDouble im)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        W.Not(W.And(W.LessThanOrEqual(W.Abs(re), W.Create(double.MaxValue)), W.LessThan(W.Abs(im), W.Create(VectorLimit))));

    /// <summary>sin(z), also sinh(z) as −i·sin(iz) (<see cref="ComplexHyperbolic"/>).</summary>
    internal readonly struct Sine : ComplexParts.IFunction
    {
        public static Operation Operation => Operation.Sin;

        public static bool OnVectors(Complex z) => ComplexTrigonometry.OnVectors(z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TLong Compute<W, TDouble, TLong>(TDouble re, TDouble im, out TDouble real, out TDouble imaginary)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            var (sin, cos) = VectorMath.SinCos<W, TDouble, TLong>(re);
            real = W.Select(W.Equal(re, W.Create(0.0)), re, W.Multiply(sin, VectorMath.Cosh<W, TDouble, TLong>(im)));
            imaginary = W.Multiply(cos, VectorMath.Sinh<W, TDouble, TLong>(im));
            return Special<W, TDouble, TLong>(re, im);
        }
    }

    /// <summary>cos(z), also cosh(z) as cos(iz) (<see cref="ComplexHyperbolic"/>).</summary>
    internal readonly struct Cosine : ComplexParts.IFunction
    {
        public static Operation Operation => Operation.Cos;

        public static bool OnVectors(Complex z) => ComplexTrigonometry.OnVectors(z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TLong Compute<W, TDouble, TLong>(TDouble re, TDouble im, out TDouble real, out TDouble imaginary)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            var (sin, cos) = VectorMath.SinCos<W, TDouble, TLong>(re);
            real = W.Multiply(cos, VectorMath.Cosh<W, TDouble, TLong>(im));

            // At x = ±0: −(x·copysign(1, y)), a zero signed as the reference's.
            var signOfY = W.AsDouble(W.Or(W.AsInt64(W.Create(1.0)), W.And(W.AsInt64(im), W.Create(long.MinValue))));
            imaginary = W.Select(W.Equal(re, W.Create(0.0)), W.Negate(W.Multiply(re, signOfY)), W.Negate(W.Multiply(sin, VectorMath.Sinh<W, TDouble, TLong>(im))));
            return Special<W, TDouble, TLong>(re, im);
        }
    }

    private readonly struct Tangent : ComplexParts.IFunction
    {
        public static Operation Operation => Operation.Tan;

        public static bool OnVectors(Complex z) => double.IsFinite(z.Real) && Math.Abs(z.Imaginary) <= TangentLimit;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TLong Compute<W, TDouble, TLong>(TDouble re, TDouble im, out TDouble real, out TDouble imaginary)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            var (sin, cos) = VectorMath.SinCos<W, TDouble, TLong>(re);
            var sinh = VectorMath.Sinh<W, TDouble, TLong>(im);
            var denominator = W.Add(W.Multiply(cos, cos), W.Multiply(sinh, sinh));
            real = W.Divide(W.Multiply(sin, cos), denominator);
            imaginary = W.Divide(W.Multiply(sinh, VectorMath.Cosh<W, TDouble, TLong>(im)), denominator);
            return W.Not(W.And(W.LessThanOrEqual(W.Abs(re), W.Create(double.MaxValue)), W.LessThanOrEqual(W.Abs(im), W.Create(TangentLimit))));
        }
    }
}
