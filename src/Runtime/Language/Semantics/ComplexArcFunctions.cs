using System.Numerics;

namespace SlowSeries.Language.Semantics;

/// <summary>
/// The inverse trigonometric and hyperbolic functions of complex numbers with C99's branch cuts and signed zeros, as
/// NumPy's (glibc's) give them. arcsin, arccos, arcsinh and arccosh by Kahan's formulas ("Branch cuts for complex
/// elementary functions", 1987): square roots of 1 ± z (C99's), then a real atan2 and asinh — full accuracy near 0, no
/// overflow anywhere, each cut approached from the side its signed zero names. arctanh and arctan by log1p and atan2 of
/// real expressions, in the first quadrant, the signs of x and y then given to the parts. Infinite arguments take the
/// functions' limits.
/// </summary>
/// <remarks>
/// The textbook logarithm formulas used before (System.Numerics' for arcsin, arccos and arctan) lost digits and sides:
/// arctan(1e-10 + 1e-10i) had the imaginary part 1.0000000827e-10, arcsinh(−1e200) and arctan(x + i∞) came out −∞ and
/// NaN, arccosh(−2 − 0i) was −1.317 + πi for NumPy's 1.317 − πi.
/// </remarks>
internal static class ComplexArcFunctions
{
    /// <summary>Beyond this |x| or |y|, arctanh's formula would square past the largest double: 1/z and ±π/2 there.</summary>
    public const double Huge = 1e150;

    /// <summary>arcsin z = atan2(x, Re(√(1 − z)·√(1 + z))) + i·asinh(Im(conj(√(1 − z))·√(1 + z))).</summary>
    public static Complex Arcsin(Complex z)
    {
        double x = z.Real, y = z.Imaginary;
        if (double.IsInfinity(x) || double.IsInfinity(y))
        {
            // arcsin z = −i·arcsinh(iz).
            var value = Arcsinh(new Complex(-y, x));
            return new Complex(value.Imaginary, -value.Real);
        }

        var a = ScalarSemantics.ComplexSqrt(new Complex(1 - x, -y));
        var b = ScalarSemantics.ComplexSqrt(new Complex(1 + x, y));
        return new Complex(Math.Atan2(x, (a.Real * b.Real) - (a.Imaginary * b.Imaginary)), RealMath.Asinh((a.Real * b.Imaginary) - (a.Imaginary * b.Real)));
    }

    /// <summary>arccos z = 2·atan2(Re √(1 − z), Re √(1 + z)) + i·asinh(Im(conj(√(1 + z))·√(1 − z))).</summary>
    public static Complex Arccos(Complex z)
    {
        double x = z.Real, y = z.Imaginary;
        if (double.IsInfinity(x) || double.IsInfinity(y))
        {
            return new Complex(Math.Atan2(Math.Abs(y), x), -RealMath.CopySign(double.PositiveInfinity, y));
        }

        var a = ScalarSemantics.ComplexSqrt(new Complex(1 - x, -y));
        var b = ScalarSemantics.ComplexSqrt(new Complex(1 + x, y));
        return new Complex(2 * Math.Atan2(a.Real, b.Real), RealMath.Asinh((b.Real * a.Imaginary) - (b.Imaginary * a.Real)));
    }

    /// <summary>arcsinh z = −i·arcsin(iz).</summary>
    public static Complex Arcsinh(Complex z)
    {
        double x = z.Real, y = z.Imaginary;
        if (double.IsInfinity(x) || double.IsInfinity(y))
        {
            // log 2z: ∞ at the angle of z, folded into the right half-plane.
            return new Complex(RealMath.CopySign(double.PositiveInfinity, x), RealMath.CopySign(Math.Atan2(Math.Abs(y), Math.Abs(x)), y));
        }

        var value = Arcsin(new Complex(-y, x));
        return new Complex(value.Imaginary, -value.Real);
    }

    /// <summary>arccosh z = asinh(Re(conj(√(z − 1))·√(z + 1))) + 2i·atan2(Im √(z − 1), Re √(z + 1)).</summary>
    public static Complex Arccosh(Complex z)
    {
        double x = z.Real, y = z.Imaginary;
        if (double.IsInfinity(x) || double.IsInfinity(y))
        {
            return new Complex(double.PositiveInfinity, RealMath.CopySign(Math.Atan2(Math.Abs(y), x), y));
        }

        var a = ScalarSemantics.ComplexSqrt(new Complex(x - 1, y));
        var b = ScalarSemantics.ComplexSqrt(new Complex(x + 1, y));
        return new Complex(RealMath.Asinh((a.Real * b.Real) + (a.Imaginary * b.Imaginary)), 2 * Math.Atan2(a.Imaginary, b.Real));
    }

    /// <summary>arctanh z: ¼·log1p(4x / ((1 − x)² + y²)) + i·½·atan2(2y, (1 − x)(1 + x) − y²) at |x| + i|y|.</summary>
    public static Complex Arctanh(Complex z) => WithSignsOf(FirstQuadrantArctanh(Math.Abs(z.Real), Math.Abs(z.Imaginary)), z);

    /// <summary>arctan z = −i·arctanh(iz): at |x| + i|y| the parts of arctanh(|y| + i|x|), swapped.</summary>
    public static Complex Arctan(Complex z)
    {
        var value = FirstQuadrantArctanh(Math.Abs(z.Imaginary), Math.Abs(z.Real));
        return WithSignsOf(new Complex(value.Imaginary, value.Real), z);
    }

    /// <summary>arctanh(x + iy) for x, y ≥ 0 (or NaN).</summary>
    private static Complex FirstQuadrantArctanh(double x, double y)
    {
        if (double.IsInfinity(x) || double.IsInfinity(y))
        {
            return new Complex(0, double.IsNaN(y) ? double.NaN : Math.PI / 2);
        }

        if (x > Huge || y > Huge)
        {
            // 1/z's real part, scaled so that the squares stay finite; the imaginary part's limit.
            double largest = Math.Max(x, y), u = x / largest, v = y / largest;
            return new Complex(u / ((u * u) + (v * v)) / largest, Math.PI / 2);
        }

        double oneMinus = 1 - x;
        return new Complex(
            0.25 * RealMath.Log1p(4 * x / ((oneMinus * oneMinus) + (y * y))),
            0.5 * Math.Atan2(2 * y, (oneMinus * (1 + x)) - (y * y)));
    }

    private static Complex WithSignsOf(Complex value, Complex z) =>
        new(RealMath.CopySign(value.Real, z.Real), RealMath.CopySign(value.Imaginary, z.Imaginary));
}
