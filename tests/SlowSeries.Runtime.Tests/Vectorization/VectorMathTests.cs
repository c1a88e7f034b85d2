using System.Runtime.Intrinsics;
using SlowSeries.Arrays;
using SlowSeries.Runtime.Tests.Differential;
using SlowSeries.Vectorization;
using Xunit.Abstractions;

namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>
/// Our float64 sin/cos against System.Math in ulps, over the input classes where a fast range reduction goes wrong:
/// arguments next to multiples of π/2 (where the reduced argument cancels), every magnitude up to the 2^27 switch to
/// the C library's full reduction and beyond it, subnormals, and the special values; and the same bits at every width.
/// </summary>
public class VectorMathTests(ITestOutputHelper output)
{
    private const double StatedUlps = 1;

    public static TheoryData<string> InputClasses => ["ordinary", "near multiples of pi/2", "next to the short reduction's limit", "every magnitude", "from 2^27 to 2^40", "beyond 2^40", "huge near multiples of pi/2", "tiny"];

    [Theory]
    [MemberData(nameof(InputClasses))]
    public void SinAndCosStayWithinOneUlpOfSystemMath(string inputClass)
    {
        double[] x = Inputs(inputClass);
        var sine = new double[x.Length];
        var cosine = new double[x.Length];
        VectorMath.SinCos(x, sine, cosine);
        var sineAlone = new double[x.Length];
        var cosineAlone = new double[x.Length];
        VectorMath.Sin(x, sineAlone);
        VectorMath.Cos(x, cosineAlone);

        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double sinUlps = Agreement.UlpDistance(sine[i], Math.Sin(x[i]), DType.Float64);
            double cosUlps = Agreement.UlpDistance(cosine[i], Math.Cos(x[i]), DType.Float64);
            Assert.True(sinUlps <= StatedUlps, $"sin({x[i]:R}) = {sine[i]:R}, System.Math {Math.Sin(x[i]):R}: {sinUlps} ulps");
            Assert.True(cosUlps <= StatedUlps, $"cos({x[i]:R}) = {cosine[i]:R}, System.Math {Math.Cos(x[i]):R}: {cosUlps} ulps");
            Assert.Equal(sine[i], sineAlone[i]);
            Assert.Equal(cosine[i], cosineAlone[i]);
            worst = Math.Max(worst, Math.Max(sinUlps, cosUlps));
        }

        output.WriteLine($"{inputClass}: {x.Length} inputs, worst {worst:F2} ulps");
    }

    /// <summary>
    /// The double nearest a multiple of π/2 (6381956970095103·2^797, x mod π/2 ≈ 4.69e-19 ≈ 2^-60.9: the worst case of
    /// Muller's table) and its neighbours, against their values computed exactly (π to 3,000 bits in Python integers,
    /// then rounded once), with and without FMA.
    /// </summary>
    [Theory]
    [InlineData(-1, -0.6116218779093976, 0.7911502249652603)]
    [InlineData(0, 1.0, -4.687165924254628e-19)]
    [InlineData(1, -0.6116218779093976, -0.7911502249652603)]
    public void TheDoubleNearestAMultipleOfHalfPiKeepsItsDigits(int step, double sin, double cos)
    {
        double x = Math.ScaleB(6381956970095103.0 + step, 797);
        double[] sine = new double[1], cosine = new double[1];
        VectorMath.SinCos([x], sine, cosine);
        var (sineWithoutFma, cosineWithoutFma) = VectorMath.SinCosWithoutFma<ScalarWidth, double, long>(x);
        foreach (var (result, exact) in new[] { (sine[0], sin), (cosine[0], cos), (sineWithoutFma, sin), (cosineWithoutFma, cos) })
        {
            Assert.True(Agreement.UlpDistance(result, exact, DType.Float64) <= StatedUlps, $"x = {x:R}: {result:R}, exactly {exact:R}");
        }
    }

    [Fact]
    public void TheWordsOfFourOverPiAreThoseOfMachinsFormula()
    {
        // 4/π·2^1216 in integers from π = 16·atan(1/5) − 4·atan(1/239), with 1,500 bits of guard.
        const int Bits = 1500;
        System.Numerics.BigInteger one = System.Numerics.BigInteger.One << Bits;
        System.Numerics.BigInteger pi = (16 * ArcTangentOfInverse(5, one)) - (4 * ArcTangentOfInverse(239, one));
        System.Numerics.BigInteger scaled = (System.Numerics.BigInteger.One << (Bits + 2 + 1216)) / pi;
        ulong[] expected = [.. Enumerable.Range(0, 20).Select(i => (ulong)((scaled >> (64 * (19 - i))) & ulong.MaxValue))];
        Assert.Equal(expected, VectorMath.FourOverPi);

        static System.Numerics.BigInteger ArcTangentOfInverse(int k, System.Numerics.BigInteger unit)
        {
            System.Numerics.BigInteger sum = 0, power = unit / k;
            for (int i = 0; power != 0; i++)
            {
                sum += (i % 2 == 0 ? 1 : -1) * (power / ((2 * i) + 1));
                power /= k * k;
            }

            return sum;
        }
    }

    [Fact]
    public void SpecialValuesMatchSystemMathExactly()
    {
        // (±double.MaxValue is an argument like others beyond 2^40: within an ulp, in "beyond 2^40".)
        double[] x = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon];
        var sine = new double[x.Length];
        var cosine = new double[x.Length];
        VectorMath.SinCos(x, sine, cosine);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(Math.Sin(x[i])) & ~NaNPayload(Math.Sin(x[i])), BitConverter.DoubleToInt64Bits(sine[i]) & ~NaNPayload(sine[i]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(Math.Cos(x[i])) & ~NaNPayload(Math.Cos(x[i])), BitConverter.DoubleToInt64Bits(cosine[i]) & ~NaNPayload(cosine[i]));
        }
    }

    [Theory]
    [MemberData(nameof(InputClasses))]
    public void TheFormWithoutFusedMultiplyAddStaysWithinOneUlpToo(string inputClass)
    {
        // The form CPUs without FMA run (this machine runs the other one by default).
        double[] x = Inputs(inputClass);
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            var (sine, cosine) = VectorMath.SinCosWithoutFma<ScalarWidth, double, long>(x[i]);
            double sinUlps = Agreement.UlpDistance(sine, Math.Sin(x[i]), DType.Float64);
            double cosUlps = Agreement.UlpDistance(cosine, Math.Cos(x[i]), DType.Float64);
            Assert.True(sinUlps <= StatedUlps, $"sin({x[i]:R}) = {sine:R}, System.Math {Math.Sin(x[i]):R}: {sinUlps} ulps");
            Assert.True(cosUlps <= StatedUlps, $"cos({x[i]:R}) = {cosine:R}, System.Math {Math.Cos(x[i]):R}: {cosUlps} ulps");
            worst = Math.Max(worst, Math.Max(sinUlps, cosUlps));
        }

        output.WriteLine($"{inputClass} without FMA: {x.Length} inputs, worst {worst:F2} ulps");
    }

    [Theory]
    [MemberData(nameof(InputClasses))]
    public void SinAndCosGiveTheSameBitsAtEveryWidth(string inputClass)
    {
        double[] x = Inputs(inputClass);
        var (sine512, cosine512) = AtWidth<VectorWidth512, Vector512<double>, Vector512<long>>(x);
        foreach (var (sine, cosine) in new[]
        {
            AtWidth<VectorWidth256, Vector256<double>, Vector256<long>>(x),
            AtWidth<VectorWidth128, Vector128<double>, Vector128<long>>(x),
            AtWidth<ScalarWidth, double, long>(x),
        })
        {
            for (int i = 0; i < x.Length; i++)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(sine[i]) == BitConverter.DoubleToInt64Bits(sine512[i]) || (double.IsNaN(sine[i]) && double.IsNaN(sine512[i])), $"sin({x[i]:R}): {sine[i]:R} vs {sine512[i]:R} at 512 bits");
                Assert.True(BitConverter.DoubleToInt64Bits(cosine[i]) == BitConverter.DoubleToInt64Bits(cosine512[i]) || (double.IsNaN(cosine[i]) && double.IsNaN(cosine512[i])), $"cos({x[i]:R}): {cosine[i]:R} vs {cosine512[i]:R} at 512 bits");
            }
        }
    }

    private static (double[] Sine, double[] Cosine) AtWidth<W, TDouble, TLong>(double[] x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var sine = new double[x.Length];
        var cosine = new double[x.Length];
        int i = 0;
        for (; i <= x.Length - W.Count; i += W.Count)
        {
            var (s, c) = VectorMath.SinCos<W, TDouble, TLong>(W.Load(x, i));
            W.Store(s, sine, i);
            W.Store(c, cosine, i);
        }

        for (; i < x.Length; i++)
        {
            var (s, c) = VectorMath.SinCos<ScalarWidth, double, long>(x[i]);
            (sine[i], cosine[i]) = (s, c);
        }

        return (sine, cosine);
    }

    [Fact]
    public void EachLaneIsIndependentOfItsNeighbours()
    {
        // A vector with one lane past 2^27 takes the lane-by-lane path for all lanes: both paths must agree with System.Math.
        var mixed = Vector512.Create(0.5, 1e15, -3.0, 100.0, 1e-300, -0.0, 7e11, 2.0);
        var (sine, cosine) = VectorMath.SinCos(mixed);
        for (int lane = 0; lane < Vector512<double>.Count; lane++)
        {
            Assert.True(Agreement.UlpDistance(sine[lane], Math.Sin(mixed[lane]), DType.Float64) <= StatedUlps);
            Assert.True(Agreement.UlpDistance(cosine[lane], Math.Cos(mixed[lane]), DType.Float64) <= StatedUlps);
        }
    }

    // NaN sign and payload bits are not specified by IEEE 754 for sin/cos.
    private static long NaNPayload(double value) => double.IsNaN(value) ? unchecked((long)0x800F_FFFF_FFFF_FFFFUL) : 0;

    private static double[] Inputs(string inputClass)
    {
        var random = new Random(inputClass.Length * 7919);
        IEnumerable<double> values = inputClass switch
        {
            "ordinary" => Enumerable.Range(0, 200_003).Select(_ => (random.NextDouble() - 0.5) * 200),
            "near multiples of pi/2" => Enumerable.Range(0, 40_000).SelectMany(_ =>
            {
                double k = Math.Floor(Math.Pow(2, random.NextDouble() * 40));
                double x = k * (Math.PI / 2);
                return new[] { x, Math.BitIncrement(x), Math.BitDecrement(x), -x, Math.BitIncrement(Math.BitIncrement(x)) };
            }),
            // Without FMA, lanes within |x|·2^-42 of a multiple of π/2 take the TwoSum reduction; these sit on both sides of
            // that limit (up to the reduction's 2^27), where the short reduction carries its largest relative error.
            "next to the short reduction's limit" => Enumerable.Range(0, 100_000).Select(_ =>
            {
                double x = Math.Floor(Math.Pow(2, random.NextDouble() * 26)) * (Math.PI / 2);
                return x + ((random.Next(2) == 0 ? 1 : -1) * x * Math.Pow(2, -42) * (0.5 + random.NextDouble()));
            }),
            "every magnitude" => Enumerable.Range(0, 200_001).Select(_ => Math.Pow(2, (random.NextDouble() * 70) - 30) * (random.Next(2) == 0 ? 1 : -1)),
            // Payne and Hanek's reduction from 2^27 without FMA and from 2^40 with it, up to the largest double; and
            // 5,000 doubles next to multiples of π/2 from 2^52 to 2^60 (the one nearest of all is checked against its
            // exact value below: System.Math is 8 ulps off there).
            "from 2^27 to 2^40" => Enumerable.Range(0, 20_001).Select(_ => Math.Pow(2, 27 + (random.NextDouble() * 13)) * (random.Next(2) == 0 ? 1 : -1)),
            "beyond 2^40" => Enumerable.Range(0, 20_001).Select(_ => Math.Pow(2, 40 + (random.NextDouble() * 984)) * (random.Next(2) == 0 ? 1 : -1)).Append(double.MaxValue),
            "huge near multiples of pi/2" => Enumerable.Range(0, 5_000).SelectMany(_ =>
            {
                double x = Math.Floor(Math.Pow(2, 52 + (random.NextDouble() * 8))) * (Math.PI / 2);
                return new[] { x, Math.BitIncrement(x), Math.BitDecrement(x) };
            }),
            "tiny" => Enumerable.Range(0, 20_001).Select(_ => Math.Pow(2, -(random.NextDouble() * 1070)) * (random.Next(2) == 0 ? 1 : -1)),
            _ => throw new ArgumentOutOfRangeException(nameof(inputClass)),
        };
        return values.ToArray();
    }
}
