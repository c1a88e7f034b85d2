using System.Numerics;
using System.Runtime.CompilerServices;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Semantics;
using SlowSeries.Vectorization;

namespace SlowSeries.Kernels;

/// <summary>
/// arcsin, arccos, arctan and their hyperbolic counterparts of complex128 elements by the reference's methods
/// (<see cref="ComplexArcFunctions"/>) on whole vectors of parts (<see cref="ComplexParts"/>): Kahan's formulas through
/// the vector square root (<see cref="ComplexSquareRoot"/>, the reference's bits) and our vector atan2 and asinh, and
/// arctanh's and arctan's log1p and atan2 of real expressions. The arguments of the last functions are the reference's
/// bits, so each part is within 2 ulps of the reference's (its atan2, asinh and log1p against ours). Lanes the square
/// root leaves to the scalar function (extreme, infinite or NaN parts, a zero 1 ± z) and arctanh's beyond 1e150 take the
/// reference's. Element by element (System.Numerics' logarithm formulas) 1e6 elements took 26–29 ms on two threads
/// (`arcsin(z)`, `arctan(z)`, `arcsinh(z)`) against NumExpr's 22–37.
/// </summary>
internal static class ComplexInverseFunctions
{
    private const double Huge = ComplexArcFunctions.Huge;

    public static void Arcsin(ReadOnlySpan<Complex> x, Span<Complex> destination) => ComplexParts.Apply<InverseSine>(x, destination);

    public static void Arccos(ReadOnlySpan<Complex> x, Span<Complex> destination) => ComplexParts.Apply<InverseCosine>(x, destination);

    public static void Arctan(ReadOnlySpan<Complex> x, Span<Complex> destination) => ComplexParts.Apply<InverseTangent>(x, destination);

    public static void Arcsinh(ReadOnlySpan<Complex> x, Span<Complex> destination) => ComplexParts.Apply<InverseHyperbolicSine>(x, destination);

    public static void Arccosh(ReadOnlySpan<Complex> x, Span<Complex> destination) => ComplexParts.Apply<InverseHyperbolicCosine>(x, destination);

    public static void Arctanh(ReadOnlySpan<Complex> x, Span<Complex> destination) => ComplexParts.Apply<InverseHyperbolicTangent>(x, destination);

    /// <summary>Whether the vector square root computes both √(1 − z) and √(1 + z) (or √(z − 1) and √(z + 1)).</summary>
    private static bool RootsOnVectors(Complex z) =>
        ComplexSquareRoot.OnVectors(new Complex(1 - z.Real, -z.Imaginary)) && ComplexSquareRoot.OnVectors(new Complex(1 + z.Real, z.Imaginary));

    private static bool ShiftedRootsOnVectors(Complex z) =>
        ComplexSquareRoot.OnVectors(new Complex(z.Real - 1, z.Imaginary)) && ComplexSquareRoot.OnVectors(new Complex(z.Real + 1, z.Imaginary));

    /// <summary>The magnitude of <paramref name="value"/> with the sign of <paramref name="sign"/>, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble CopySign<W, TDouble, TLong>(TDouble value, TDouble sign)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        W.AsDouble(W.Or(W.AsInt64(W.Abs(value)), W.And(W.AsInt64(sign), W.Create(long.MinValue))));

    /// <summary>√u and √v of lanes u = (uRe, uIm), v = (vRe, vIm); the lanes either root leaves to the scalar function.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLong Roots<W, TDouble, TLong>(TDouble uRe, TDouble uIm, TDouble vRe, TDouble vIm, out TDouble aRe, out TDouble aIm, out TDouble bRe, out TDouble bIm)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        W.Or(
            ComplexSquareRoot.Compute<W, TDouble, TLong>(uRe, uIm, out aRe, out aIm),
            ComplexSquareRoot.Compute<W, TDouble, TLong>(vRe, vIm, out bRe, out bIm));

    /// <summary>arcsin of lanes (x, y), with the lanes the square roots leave to the scalar function.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLong Arcsin<W, TDouble, TLong>(TDouble re, TDouble im, out TDouble real, out TDouble imaginary)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var one = W.Create(1.0);
        var special = Roots<W, TDouble, TLong>(W.Subtract(one, re), W.Negate(im), W.Add(one, re), im, out var aRe, out var aIm, out var bRe, out var bIm);
        real = VectorMath.Atan2<W, TDouble, TLong>(re, W.Subtract(W.Multiply(aRe, bRe), W.Multiply(aIm, bIm)));
        imaginary = VectorMath.Asinh<W, TDouble, TLong>(W.Subtract(W.Multiply(aRe, bIm), W.Multiply(aIm, bRe)));
        return special;
    }

    private readonly struct InverseSine : ComplexParts.IFunction
    {
        public static Operation Operation => Operation.ArcSin;

        public static bool OnVectors(Complex z) => RootsOnVectors(z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TLong Compute<W, TDouble, TLong>(TDouble re, TDouble im, out TDouble real, out TDouble imaginary)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct =>
            Arcsin<W, TDouble, TLong>(re, im, out real, out imaginary);
    }

    private readonly struct InverseHyperbolicSine : ComplexParts.IFunction
    {
        public static Operation Operation => Operation.ArcSinh;

        public static bool OnVectors(Complex z) => RootsOnVectors(new Complex(-z.Imaginary, z.Real));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TLong Compute<W, TDouble, TLong>(TDouble re, TDouble im, out TDouble real, out TDouble imaginary)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            var special = Arcsin<W, TDouble, TLong>(W.Negate(im), re, out var sineReal, out var sineImaginary);
            (real, imaginary) = (sineImaginary, W.Negate(sineReal));
            return special;
        }
    }

    private readonly struct InverseCosine : ComplexParts.IFunction
    {
        public static Operation Operation => Operation.ArcCos;

        public static bool OnVectors(Complex z) => RootsOnVectors(z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TLong Compute<W, TDouble, TLong>(TDouble re, TDouble im, out TDouble real, out TDouble imaginary)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            var one = W.Create(1.0);
            var special = Roots<W, TDouble, TLong>(W.Subtract(one, re), W.Negate(im), W.Add(one, re), im, out var aRe, out var aIm, out var bRe, out var bIm);
            real = W.Multiply(W.Create(2.0), VectorMath.Atan2<W, TDouble, TLong>(aRe, bRe));
            imaginary = VectorMath.Asinh<W, TDouble, TLong>(W.Subtract(W.Multiply(bRe, aIm), W.Multiply(bIm, aRe)));
            return special;
        }
    }

    private readonly struct InverseHyperbolicCosine : ComplexParts.IFunction
    {
        public static Operation Operation => Operation.ArcCosh;

        public static bool OnVectors(Complex z) => ShiftedRootsOnVectors(z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TLong Compute<W, TDouble, TLong>(TDouble re, TDouble im, out TDouble real, out TDouble imaginary)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            var one = W.Create(1.0);
            var special = Roots<W, TDouble, TLong>(W.Subtract(re, one), im, W.Add(re, one), im, out var aRe, out var aIm, out var bRe, out var bIm);
            real = VectorMath.Asinh<W, TDouble, TLong>(W.Add(W.Multiply(aRe, bRe), W.Multiply(aIm, bIm)));
            imaginary = W.Multiply(W.Create(2.0), VectorMath.Atan2<W, TDouble, TLong>(aIm, bRe));
            return special;
        }
    }

    /// <summary>arctanh(x + iy) for lanes x, y ≥ 0 below <see cref="Huge"/> (others flagged for the scalar function).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLong FirstQuadrantArctanh<W, TDouble, TLong>(TDouble x, TDouble y, out TDouble real, out TDouble imaginary)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var one = W.Create(1.0);
        var oneMinus = W.Subtract(one, x);
        var ySquared = W.Multiply(y, y);
        var quotient = W.Divide(W.Multiply(W.Create(4.0), x), W.Add(W.Multiply(oneMinus, oneMinus), ySquared));
        real = W.Multiply(W.Create(0.25), VectorMath.Log1p<W, TDouble, TLong>(quotient));
        imaginary = W.Multiply(W.Create(0.5), VectorMath.Atan2<W, TDouble, TLong>(W.Multiply(W.Create(2.0), y), W.Subtract(W.Multiply(oneMinus, W.Add(one, x)), ySquared)));
        var huge = W.Create(Huge);
        return W.Not(W.And(W.LessThanOrEqual(x, huge), W.LessThanOrEqual(y, huge)));
    }

    private readonly struct InverseHyperbolicTangent : ComplexParts.IFunction
    {
        public static Operation Operation => Operation.ArcTanh;

        public static bool OnVectors(Complex z) => Math.Abs(z.Real) <= Huge && Math.Abs(z.Imaginary) <= Huge;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TLong Compute<W, TDouble, TLong>(TDouble re, TDouble im, out TDouble real, out TDouble imaginary)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            var special = FirstQuadrantArctanh<W, TDouble, TLong>(W.Abs(re), W.Abs(im), out var valueReal, out var valueImaginary);
            (real, imaginary) = (CopySign<W, TDouble, TLong>(valueReal, re), CopySign<W, TDouble, TLong>(valueImaginary, im));
            return special;
        }
    }

    private readonly struct InverseTangent : ComplexParts.IFunction
    {
        public static Operation Operation => Operation.ArcTan;

        public static bool OnVectors(Complex z) => Math.Abs(z.Real) <= Huge && Math.Abs(z.Imaginary) <= Huge;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TLong Compute<W, TDouble, TLong>(TDouble re, TDouble im, out TDouble real, out TDouble imaginary)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            var special = FirstQuadrantArctanh<W, TDouble, TLong>(W.Abs(im), W.Abs(re), out var valueReal, out var valueImaginary);
            (real, imaginary) = (CopySign<W, TDouble, TLong>(valueImaginary, re), CopySign<W, TDouble, TLong>(valueReal, im));
            return special;
        }
    }
}
