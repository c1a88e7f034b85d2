using System.Runtime.Intrinsics;
using SlowSeries.Language.Types;
using SlowSeries.Runtime.Tests.Differential;
using SlowSeries.Vectorization;
using Xunit.Abstractions;

namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>
/// Our float64 tanh against System.Math in ulps, per input class: where the rational form meets the exp form (0.625),
/// tiny and subnormal arguments, saturation to ±1, and the special values; at every width.
/// </summary>
public class VectorTanhTests(ITestOutputHelper output)
{
    private const double StatedUlps = 2;

    public static TheoryData<string> InputClasses => ["tiny", "rational", "around 0.625", "exp form", "saturating"];

    [Theory]
    [MemberData(nameof(InputClasses))]
    public void TanhStaysWithinTwoUlpsOfSystemMath(string inputClass)
    {
        double[] x = Inputs(inputClass);
        var result = new double[x.Length];
        VectorMath.Tanh(x, result);
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double ulps = Agreement.UlpDistance(result[i], Math.Tanh(x[i]), DType.Float64);
            Assert.True(ulps <= StatedUlps, $"tanh({x[i]:R}) = {result[i]:R}, System.Math {Math.Tanh(x[i]):R}: {ulps} ulps");
            worst = Math.Max(worst, ulps);
        }

        output.WriteLine($"{inputClass}: {x.Length} inputs, worst {worst:F2} ulps");
    }

    [Fact]
    public void SpecialValuesMatchSystemMathExactly()
    {
        double[] x = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 354.0, 355.0, -710.0];
        var result = new double[x.Length];
        VectorMath.Tanh(x, result);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Math.Tanh(x[i]);
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(result[i]) || (double.IsNaN(expected) && double.IsNaN(result[i])),
                $"tanh({x[i]:R}) = {result[i]:R}, System.Math {expected:R}");
        }
    }

    [Theory]
    [MemberData(nameof(EveryWidth.Names), MemberType = typeof(EveryWidth))]
    public void EveryWidthStaysWithinTwoUlps(string width) => EveryWidth.Run(width, new WithinUlps(Inputs("rational").Concat(Inputs("exp form")).Concat(Inputs("tiny")).ToArray()));

    private readonly struct WithinUlps(double[] x) : IWidthCheck
    {
        public void Run<W, TDouble, TLong>()
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            for (int i = 0; i + W.Count <= x.Length; i += W.Count)
            {
                var lanes = VectorMath.Tanh<W, TDouble, TLong>(W.Load(x, i));
                for (int lane = 0; lane < W.Count; lane++)
                {
                    double ulps = Agreement.UlpDistance(W.GetElement(lanes, lane), Math.Tanh(x[i + lane]), DType.Float64);
                    Assert.True(ulps <= StatedUlps, $"tanh({x[i + lane]:R}) at {W.Count} lanes: {W.GetElement(lanes, lane):R}, System.Math {Math.Tanh(x[i + lane]):R}");
                }
            }
        }
    }

    private static double[] Inputs(string inputClass)
    {
        var random = new Random(inputClass.Length * 7919);
        double Uniform(double low, double high) => low + ((high - low) * random.NextDouble());
        double Signed(double value) => random.Next(2) == 0 ? value : -value;
        return inputClass switch
        {
            "tiny" => [.. Enumerable.Range(0, 20_000).Select(_ => Signed(Math.Pow(2, Uniform(-1074, -20))))],
            "rational" => [.. Enumerable.Range(0, 100_000).Select(_ => Signed(Uniform(0, 0.625)))],
            "around 0.625" => [.. Enumerable.Range(-5000, 10_000).Select(k => Signed(0.625 + (k * 1e-12))), Math.BitDecrement(0.625), 0.625, Math.BitIncrement(0.625)],
            "exp form" => [.. Enumerable.Range(0, 100_000).Select(_ => Signed(Math.Pow(2, Uniform(Math.Log2(0.625), 5))))],
            _ => [.. Enumerable.Range(0, 20_000).Select(_ => Signed(Uniform(15, 800)))],
        };
    }
}
