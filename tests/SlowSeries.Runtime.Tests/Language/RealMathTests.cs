using System.Numerics;
using SlowSeries.Arrays;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Semantics;
using SlowSeries.Runtime.Tests.Differential;

namespace SlowSeries.Runtime.Tests.Language;

/// <summary>
/// The reference's own real functions at the ends of their ranges, where an intermediate product can overflow before
/// the result does. Expected values are NumPy 1.24's (glibc's expm1 and log1p, correctly rounded or within 1 ulp).
/// </summary>
public class RealMathTests
{
    [Theory]
    [InlineData(704.0, 5.5375193892845935e+305)]
    [InlineData(706.0, 4.0917041416340054e+306)]
    [InlineData(709.0, 8.218407461554972e+307)]
    [InlineData(709.78, 1.7928227943945155e+308)]
    [InlineData(709.782712893384, 1.7976931348622732e+308)]
    [InlineData(50.0, 5.184705528587072e+21)]
    [InlineData(-40.0, -1.0)]
    [InlineData(-745.0, -1.0)]
    [InlineData(1e-300, 1e-300)]
    public void Expm1IsFiniteUpToItsOverflowThreshold(double x, double numpy) =>
        Assert.True(Agreement.UlpDistance(RealMath.Expm1(x), numpy, DType.Float64) <= 2, $"expm1({x:R}) = {RealMath.Expm1(x):R}, NumPy {numpy:R}");

    [Fact]
    public void Expm1OverflowsWhereExpDoes()
    {
        Assert.Equal(double.PositiveInfinity, RealMath.Expm1(709.7827128933841));
        Assert.Equal(double.PositiveInfinity, RealMath.Expm1(double.PositiveInfinity));
        Assert.Equal(-1.0, RealMath.Expm1(double.NegativeInfinity));
        Assert.True(double.IsNaN(RealMath.Expm1(double.NaN)));
    }

    [Fact]
    public void Expm1AgreesWithExpWhereTheOneIsBelowItsLastPlace()
    {
        // From x = 40 on, exp(x) > 2^57: subtracting 1 cannot change the correctly rounded result.
        for (double x = 40; x < 709.78; x += 0.37)
        {
            Assert.True(Agreement.UlpDistance(RealMath.Expm1(x), Math.Exp(x), DType.Float64) <= 2, $"expm1({x:R}) = {RealMath.Expm1(x):R}, exp {Math.Exp(x):R}");
        }
    }

    [Theory]
    [InlineData(1e-10, 1e-10)]
    [InlineData(-3e-9, 2e-12)]
    [InlineData(0.0, 1e-300)]
    public void ComplexLog1pKeepsItsDigitsNearZero(double x, double y)
    {
        // log1p(z) = z − z²/2 + z³/3 − …; at |z| ≤ 3e-9 the terms from z⁴ on are below 1e-34 of the result.
        var z = new System.Numerics.Complex(x, y);
        var series = z - (z * z / 2) + (z * z * z / 3);
        var ours = ScalarSemantics.Apply(Operation.Log1p, DType.Complex128, [Scalar.FromComplex(z)]).Complex;
        Assert.True(Agreement.UlpDistance(ours.Real, series.Real, DType.Float64) <= 2, $"real part {ours.Real:R}, series {series.Real:R}");
        Assert.True(Agreement.UlpDistance(ours.Imaginary, series.Imaginary, DType.Float64) <= 2, $"imaginary part {ours.Imaginary:R}, series {series.Imaginary:R}");
    }

    [Fact]
    public void ComplexExpm1KeepsItsDigitsNearZero()
    {
        // expm1(z) = z + z²/2 + z³/6 + …
        var z = new System.Numerics.Complex(1e-20, -2e-12);
        var series = z + (z * z / 2) + (z * z * z / 6);
        var ours = ScalarSemantics.Apply(Operation.Expm1, DType.Complex128, [Scalar.FromComplex(z)]).Complex;
        Assert.True(Agreement.UlpDistance(ours.Real, series.Real, DType.Float64) <= 2, $"real part {ours.Real:R}, series {series.Real:R}");
        Assert.True(Agreement.UlpDistance(ours.Imaginary, series.Imaginary, DType.Float64) <= 2, $"imaginary part {ours.Imaginary:R}, series {series.Imaginary:R}");
    }

    [Theory]
    [InlineData(1e+300, 690.7755278982137)]
    [InlineData(1e+307, 706.893623549172)]
    [InlineData(1.7976931348623157e+308, 709.782712893384)]
    [InlineData(4500000000000000.0, 36.04285379168696)]
    [InlineData(1e-300, 1e-300)]
    public void Log1pIsFiniteUpToTheLargestDouble(double x, double numpy) =>
        Assert.True(Agreement.UlpDistance(RealMath.Log1p(x), numpy, DType.Float64) <= 2, $"log1p({x:R}) = {RealMath.Log1p(x):R}, NumPy {numpy:R}");

    [Fact]
    public void ComplexMagnitudeIsWithinTwoUlpsOfHypotAtEveryScale()
    {
        // Parts from 1e-320 to 1e308 (the fast sqrt(re² + im²) range and both fallbacks), signs and ratios mixed.
        var random = new Random(20261203);
        int fast = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double re = Math.Pow(10, (random.NextDouble() * 628) - 320) * (random.Next(2) == 0 ? -1 : 1);
            double im = random.Next(8) == 0 ? re * random.NextDouble() : Math.Pow(10, (random.NextDouble() * 628) - 320);
            double expected = Complex.Abs(new Complex(re, im));
            double ours = RealMath.Magnitude(re, im);
            Assert.True(Agreement.UlpDistance(ours, expected, DType.Float64) <= 2, $"|{re:R} + {im:R}i| = {ours:R}, hypot {expected:R}");
            fast += Math.Abs(re) is >= RealMath.MagnitudeSafeLow and <= RealMath.MagnitudeSafeHigh && Math.Abs(im) is >= RealMath.MagnitudeSafeLow and <= RealMath.MagnitudeSafeHigh ? 1 : 0;
        }

        Assert.InRange(fast, 50_000, 150_000); // both paths exercised
        Assert.Equal(5.0, RealMath.Magnitude(3, -4));
        Assert.Equal(double.PositiveInfinity, RealMath.Magnitude(double.NaN, double.NegativeInfinity));
        Assert.True(double.IsNaN(RealMath.Magnitude(double.NaN, 1)));
        Assert.Equal(1e-320, RealMath.Magnitude(0, -1e-320));
    }
}
