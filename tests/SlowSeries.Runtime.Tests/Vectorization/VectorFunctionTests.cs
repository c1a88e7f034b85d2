using SlowSeries.Arrays;
using SlowSeries.Runtime.Tests.Differential;
using SlowSeries.Vectorization;
using Xunit.Abstractions;

namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>
/// Our float64 vector functions beside sin/cos (tan, tanh, arcsin, arccos, arctan, arctan2) against System.Math in ulps, per input class —
/// where their forms meet, tiny and subnormal arguments, the ends of their domains — the special values exactly, and
/// every width within the same bound.
/// </summary>
public class VectorFunctionTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Classes => new()
    {
        { "tan", "tiny" }, { "tan", "below π/4" }, { "tan", "near poles" }, { "tan", "near zeros" }, { "tan", "every magnitude" },
        { "tanh", "tiny" }, { "tanh", "below 0.625" }, { "tanh", "around 0.625" }, { "tanh", "exp form" }, { "tanh", "saturating" },
        { "arcsin", "tiny" }, { "arcsin", "below 0.5" }, { "arcsin", "around 0.5" }, { "arcsin", "0.5 to 0.975" }, { "arcsin", "around 0.975" }, { "arcsin", "near 1" },
        { "arccos", "tiny" }, { "arccos", "below 0.5" }, { "arccos", "around 0.5" }, { "arccos", "0.5 to 0.975" }, { "arccos", "around 0.975" }, { "arccos", "near 1" },
        { "arctan", "tiny" }, { "arctan", "below 0.5" }, { "arctan", "around 0.4375" }, { "arctan", "around 0.6875" }, { "arctan", "around 1.1875" },
        { "arctan", "around 2.4375" }, { "arctan", "every magnitude" },
        { "exp", "tiny" }, { "exp", "whole range" }, { "exp", "subnormal results" }, { "exp", "near overflow" },
        { "log", "positive magnitudes" }, { "log", "around 1" }, { "log", "subnormal" },
        { "log2", "positive magnitudes" }, { "log2", "around 1" }, { "log2", "subnormal" },
        { "log10", "positive magnitudes" }, { "log10", "around 1" }, { "log10", "subnormal" },
        { "log1p", "tiny" }, { "log1p", "above -1" }, { "log1p", "positive magnitudes" },
        { "expm1", "tiny" }, { "expm1", "below 1" }, { "expm1", "whole range" },
        { "sinh", "tiny" }, { "sinh", "below 1" }, { "sinh", "up to 22" }, { "sinh", "near overflow" },
        { "cosh", "tiny" }, { "cosh", "below 1" }, { "cosh", "up to 22" }, { "cosh", "near overflow" },
        { "arcsinh", "tiny" }, { "arcsinh", "below 2" }, { "arcsinh", "every magnitude" },
        { "arccosh", "just above 1" }, { "arccosh", "1 to 2" }, { "arccosh", "positive magnitudes" },
        { "arctanh", "tiny" }, { "arctanh", "below 0.5" }, { "arctanh", "0.5 to 0.975" }, { "arctanh", "near 1" },
    };

    public static TheoryData<string> Functions =>
        ["tan", "tanh", "arcsin", "arccos", "arctan", "exp", "log", "log2", "log10", "log1p", "expm1", "sinh", "cosh", "arcsinh", "arccosh", "arctanh"];

    [Theory]
    [MemberData(nameof(Classes))]
    public void StaysWithinTheStatedUlpsOfSystemMath(string function, string inputClass)
    {
        var (spans, _, reference, stated) = Of(function);
        double[] x = Inputs(inputClass);
        var result = new double[x.Length];
        spans(x, result);
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double ulps = Agreement.UlpDistance(result[i], reference(x[i]), DType.Float64);
            Assert.True(ulps <= stated, $"{function}({x[i]:R}) = {result[i]:R}, System.Math {reference(x[i]):R}: {ulps} ulps");
            worst = Math.Max(worst, ulps);
        }

        output.WriteLine($"{function}, {inputClass}: {x.Length} inputs, worst {worst:F2} ulps");
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void SpecialValuesMatchSystemMathExactly(string function)
    {
        var (spans, _, reference, _) = Of(function);
        double[] x =
        [
            0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue,
            1.0, -1.0, Math.BitIncrement(1.0), Math.BitDecrement(-1.0), 354.0, 355.0, -710.0,
        ];
        if (function is "tan" or "exp" or "log" or "log2" or "log10" or "log1p" or "expm1" or "sinh" or "cosh" or "arcsinh" or "arccosh" or "arctanh")
        {
            // A quotient of sin and cos is within its ulps of Math.Tan, not bit for bit, but for zeros, NaN and infinities.
            x = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon];
        }

        // Ours against C's: where the result is exact, an overflow or underflow, or outside the domain.
        double[] extremes = [800.0, -800.0, 711.0, -746.0, double.MaxValue, double.MinValue];
        double[]? exact = function switch
        {
            "exp" or "expm1" or "sinh" or "cosh" => extremes,
            "log" or "log2" or "log10" => [1.0, -1.0, -2.0, 2.0, 0.5, 1024.0, 10.0, 1000.0, 1e-5, double.MinValue],
            "log1p" => [-1.0, -2.0, double.MinValue],
            "arccosh" => [1.0, 0.5, -1.0, double.MinValue],
            "arctanh" => [1.0, -1.0, 2.0, -2.0],
            "arcsinh" => [],
            _ => null,
        };
        if (exact is not null)
        {
            x = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, .. exact];
        }

        var result = new double[x.Length];
        spans(x, result);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = reference(x[i]);
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(result[i]) || (double.IsNaN(expected) && double.IsNaN(result[i])),
                $"{function}({x[i]:R}) = {result[i]:R}, System.Math {expected:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void EveryWidthStaysWithinTheStatedUlps(string function)
    {
        var (_, lanes, reference, stated) = Of(function);
        double[] x = [.. Classes.Where(row => (string)row[0] == function).SelectMany(row => Inputs((string)row[1]).Take(5_000))];
        foreach (string width in (string[])["512", "256", "128", "scalar"])
        {
            EveryWidth.Run(width, new WithinUlps(x, lanes, reference, stated));
        }
    }

    /// <summary>
    /// Our functions give the same bits at 512, 256 and 128 bits and lane by lane (the scalar width): no operation in them
    /// depends on the width, so a result does not depend on the machine's vector width.
    /// </summary>
    [Theory]
    [MemberData(nameof(Functions))]
    public void EveryWidthGivesTheSameBits(string function)
    {
        double[] x = [.. Classes.Where(row => (string)row[0] == function).SelectMany(row => Inputs((string)row[1]).Take(4_000))];
        var at512 = new double[x.Length];
        EveryWidth.Run("512", new LanesAtWidth(x, function, at512));
        foreach (string width in (string[])["256", "128", "scalar"])
        {
            var result = new double[x.Length];
            EveryWidth.Run(width, new LanesAtWidth(x, function, result));
            for (int i = 0; i < x.Length; i++)
            {
                Assert.True(
                    BitConverter.DoubleToInt64Bits(result[i]) == BitConverter.DoubleToInt64Bits(at512[i]) || (double.IsNaN(result[i]) && double.IsNaN(at512[i])),
                    $"{function}({x[i]:R}) at {width}: {result[i]:R}, at 512 bits {at512[i]:R}");
            }
        }
    }

    private readonly struct LanesAtWidth(double[] x, string function, double[] result) : IWidthCheck
    {
        public void Run<W, TDouble, TLong>()
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            for (int i = 0; i + W.Count <= x.Length; i += W.Count)
            {
                var lanes = Apply<W, TDouble, TLong>(function, W.Load(x, i));
                for (int lane = 0; lane < W.Count; lane++)
                {
                    result[i + lane] = W.GetElement(lanes, lane);
                }
            }
        }
    }

    /// <summary>arctan2 in every quadrant and at every ratio of magnitudes, within 2 ulps; at every width.</summary>
    [Theory]
    [InlineData("512")]
    [InlineData("256")]
    [InlineData("128")]
    [InlineData("scalar")]
    public void Arctan2StaysWithinTwoUlpsInEveryQuadrant(string width)
    {
        var random = new Random(17);
        double Signed(double value) => random.Next(2) == 0 ? value : -value;
        double[] y = [.. Enumerable.Range(0, 40_000).Select(_ => Signed(Math.Pow(2, (random.NextDouble() * 140) - 70)))];
        double[] x = [.. Enumerable.Range(0, 40_000).Select(k => k % 4 == 0 ? Signed(Math.Abs(y[k]) * (1 + (random.NextDouble() * 1e-9))) : Signed(Math.Pow(2, (random.NextDouble() * 140) - 70)))];
        var result = new double[x.Length];
        if (width == "512")
        {
            VectorMath.Atan2(y, x, result);
        }
        else
        {
            EveryWidth.Run(width, new PairsAtWidth("arctan2", y, x, result));
        }

        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double ulps = Agreement.UlpDistance(result[i], Math.Atan2(y[i], x[i]), DType.Float64);
            Assert.True(ulps <= 2, $"arctan2({y[i]:R}, {x[i]:R}) = {result[i]:R}, System.Math {Math.Atan2(y[i], x[i]):R}: {ulps} ulps");
            worst = Math.Max(worst, ulps);
        }

        output.WriteLine($"arctan2 at {width}: {x.Length} pairs, worst {worst:F2} ulps");
    }

    /// <summary>hypot at every ratio of magnitudes, near overflow and underflow, within 1 ulp of C's; at every width.</summary>
    [Theory]
    [InlineData("512")]
    [InlineData("256")]
    [InlineData("128")]
    [InlineData("scalar")]
    public void HypotStaysWithinOneUlpAtEveryWidth(string width)
    {
        var random = new Random(29);
        double Signed(double value) => random.Next(2) == 0 ? value : -value;
        double Magnitude() => Signed(Math.Pow(2, (random.NextDouble() * 2100) - 1075));
        double[] x = [.. Enumerable.Range(0, 40_000).Select(k => k % 2 == 0 ? Magnitude() : Signed(random.NextDouble() * 10))];
        double[] y = [.. x.Select((value, k) => k % 4 == 0 ? Magnitude() : Signed(Math.Abs(value) * Math.Pow(2, (random.NextDouble() * 80) - 40)))];
        double[] special = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.MaxValue, double.Epsilon, 3.0];
        x = [.. x, .. special.SelectMany(a => special.Select(_ => a))];
        y = [.. y, .. special.SelectMany(_ => special)];
        var result = new double[x.Length];
        if (width == "512")
        {
            VectorMath.Hypot(x, y, result);
        }
        else
        {
            EveryWidth.Run(width, new PairsAtWidth("hypot", x, y, result));
        }

        double worst = 0;
        for (int i = 0; i < x.Length - (x.Length % 8); i++)
        {
            double expected = CMath.Hypot(x[i], y[i]);
            double ulps = Agreement.UlpDistance(result[i], expected, DType.Float64);
            Assert.True(ulps <= 1 || (double.IsNaN(expected) && double.IsNaN(result[i])), $"hypot({x[i]:R}, {y[i]:R}) = {result[i]:R}, C {expected:R}: {ulps} ulps");
            worst = Math.Max(worst, double.IsNaN(ulps) ? 0 : ulps);
        }

        output.WriteLine($"hypot at {width}: {x.Length} pairs, worst {worst:F2} ulps");
    }

    /// <summary>C99's special values of arctan2 (signed zeros, infinities, NaN in either operand) exactly as System.Math.</summary>
    [Fact]
    public void Arctan2SpecialValuesMatchSystemMathExactly()
    {
        double[] values = [0.0, -0.0, 1.5, -1.5, double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.Epsilon, -double.MaxValue, 1e300, 1e-300];
        double[] y = [.. values.SelectMany(a => values.Select(_ => a))];
        double[] x = [.. values.SelectMany(_ => values)];
        var result = new double[x.Length];
        VectorMath.Atan2(y, x, result);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Math.Atan2(y[i], x[i]);
            bool special = double.IsNaN(expected) || y[i] == 0 || x[i] == 0 || double.IsInfinity(y[i]) || double.IsInfinity(x[i]);
            bool same = BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(result[i]) || (double.IsNaN(expected) && double.IsNaN(result[i]));
            Assert.True(special ? same : Agreement.UlpDistance(result[i], expected, DType.Float64) <= 2, $"arctan2({y[i]:R}, {x[i]:R}) = {result[i]:R}, System.Math {expected:R}");
        }
    }

    /// <summary>A two-operand function's lanes at a width (arctan2 or hypot, by name).</summary>
    internal readonly struct PairsAtWidth(string function, double[] first, double[] second, double[] result) : IWidthCheck
    {
        public void Run<W, TDouble, TLong>()
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            for (int i = 0; i + W.Count <= first.Length; i += W.Count)
            {
                var lanes = function switch
                {
                    "hypot" => VectorMath.Hypot<W, TDouble, TLong>(W.Load(first, i), W.Load(second, i)),
                    "pow" => VectorMath.Pow<W, TDouble, TLong>(W.Load(first, i), W.Load(second, i)),
                    _ => VectorMath.Atan2<W, TDouble, TLong>(W.Load(first, i), W.Load(second, i)),
                };
                for (int lane = 0; lane < W.Count; lane++)
                {
                    result[i + lane] = W.GetElement(lanes, lane);
                }
            }
        }
    }

    /// <summary>The span form, a width's lanes (by name), System.Math's function, and the stated ulps.</summary>
    private static (Action<double[], double[]> Spans, string Lanes, Func<double, double> Reference, double Ulps) Of(string function) => function switch
    {
        // tanh: .NET's vector exp is within 1 ulp, and 1 − 2/(e + 1) near 0.7 turns that into up to 3 (tanh(0.7242987680582802)).
        // tan: sin and cos each within 1 ulp, their quotient rounded once more.
        "tan" => ((x, d) => VectorMath.Tan(x, d), function, Math.Tan, 3),
        "tanh" => ((x, d) => VectorMath.Tanh(x, d), function, Math.Tanh, 3),
        "arcsin" => ((x, d) => VectorMath.Asin(x, d), function, Math.Asin, 1),
        // fdlibm's exp and log are within 1 ulp; log2 and log10 scale log's reduced part by a rounded constant.
        "exp" => ((x, d) => VectorMath.Exp(x, d), function, Math.Exp, 1),
        "log" => ((x, d) => VectorMath.Log(x, d), function, Math.Log, 1),
        "log2" => ((x, d) => VectorMath.Log2(x, d), function, Math.Log2, 2),
        "log10" => ((x, d) => VectorMath.Log10(x, d), function, Math.Log10, 2),
        // log1p, expm1: first-order corrections of one rounding; sinh, cosh and the inverses build on them and on log.
        "log1p" => ((x, d) => VectorMath.Log1p(x, d), function, CMath.Log1p, 2),
        "expm1" => ((x, d) => VectorMath.Expm1(x, d), function, CMath.Expm1, 2),
        "sinh" => ((x, d) => VectorMath.Sinh(x, d), function, Math.Sinh, 2),
        "cosh" => ((x, d) => VectorMath.Cosh(x, d), function, Math.Cosh, 2),
        "arcsinh" => ((x, d) => VectorMath.Asinh(x, d), function, Math.Asinh, 2),
        "arccosh" => ((x, d) => VectorMath.Acosh(x, d), function, Math.Acosh, 2),
        "arctanh" => ((x, d) => VectorMath.Atanh(x, d), function, Math.Atanh, 2),
        "arccos" => ((x, d) => VectorMath.Acos(x, d), function, Math.Acos, 1),
        _ => ((x, d) => VectorMath.Atan(x, d), function, Math.Atan, 1),
    };

    private readonly struct WithinUlps(double[] x, string function, Func<double, double> reference, double stated) : IWidthCheck
    {
        public void Run<W, TDouble, TLong>()
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            for (int i = 0; i + W.Count <= x.Length; i += W.Count)
            {
                var input = W.Load(x, i);
                var lanes = Apply<W, TDouble, TLong>(function, input);
                for (int lane = 0; lane < W.Count; lane++)
                {
                    double ulps = Agreement.UlpDistance(W.GetElement(lanes, lane), reference(x[i + lane]), DType.Float64);
                    Assert.True(ulps <= stated, $"{function}({x[i + lane]:R}) at {W.Count} lanes: {W.GetElement(lanes, lane):R}, System.Math {reference(x[i + lane]):R}");
                }
            }
        }
    }

    /// <summary>A function's lanes at the width <typeparamref name="W"/>, by name.</summary>
    private static TDouble Apply<W, TDouble, TLong>(string function, TDouble input)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct => function switch
        {
            "tan" => VectorMath.Tan<W, TDouble, TLong>(input),
            "tanh" => VectorMath.Tanh<W, TDouble, TLong>(input),
            "arcsin" => VectorMath.Asin<W, TDouble, TLong>(input),
            "arccos" => VectorMath.Acos<W, TDouble, TLong>(input),
            "exp" => VectorMath.Exp<W, TDouble, TLong>(input),
            "log" => VectorMath.Log<W, TDouble, TLong>(input),
            "log2" => VectorMath.Log2<W, TDouble, TLong>(input),
            "log10" => VectorMath.Log10<W, TDouble, TLong>(input),
            "log1p" => VectorMath.Log1p<W, TDouble, TLong>(input),
            "expm1" => VectorMath.Expm1<W, TDouble, TLong>(input),
            "sinh" => VectorMath.Sinh<W, TDouble, TLong>(input),
            "cosh" => VectorMath.Cosh<W, TDouble, TLong>(input),
            "arcsinh" => VectorMath.Asinh<W, TDouble, TLong>(input),
            "arccosh" => VectorMath.Acosh<W, TDouble, TLong>(input),
            "arctanh" => VectorMath.Atanh<W, TDouble, TLong>(input),
            _ => VectorMath.Atan<W, TDouble, TLong>(input),
        };

    private static double[] Inputs(string inputClass)
    {
        var random = new Random(inputClass.Sum(c => c)); // the same inputs in every run (string hashes differ per process)
        double Uniform(double low, double high) => low + ((high - low) * random.NextDouble());
        double Signed(double value) => random.Next(2) == 0 ? value : -value;
        double[] Around(double point) => [.. Enumerable.Range(-5000, 10_000).Select(k => Signed(point + (k * 1e-12))), Math.BitDecrement(point), point, Math.BitIncrement(point)];
        return inputClass switch
        {
            "below π/4" => [.. Enumerable.Range(0, 100_000).Select(_ => Signed(Uniform(0, Math.PI / 4)))],
            // Within 1e-6 of (k + 1/2)π and of kπ for k up to 1e6, and the doubles nearest the first few.
            "near poles" => [.. Enumerable.Range(0, 50_000).Select(_ => Signed(((random.Next(1_000_000) + 0.5) * Math.PI) + Uniform(-1e-6, 1e-6))), Math.PI / 2, Math.BitIncrement(Math.PI / 2), 3 * Math.PI / 2],
            "near zeros" => [.. Enumerable.Range(0, 50_000).Select(_ => Signed((random.Next(1, 1_000_000) * Math.PI) + Uniform(-1e-6, 1e-6))), Math.PI, Math.BitDecrement(Math.PI), 100000.0],
            "tiny" => [.. Enumerable.Range(0, 20_000).Select(_ => Signed(Math.Pow(2, Uniform(-1074, -20))))],
            "below 0.625" => [.. Enumerable.Range(0, 100_000).Select(_ => Signed(Uniform(0, 0.625)))],
            "around 0.625" => Around(0.625),
            "exp form" => [.. Enumerable.Range(0, 100_000).Select(_ => Signed(Math.Pow(2, Uniform(Math.Log2(0.625), 5)))), 0.7242987680582802],
            "saturating" => [.. Enumerable.Range(0, 20_000).Select(_ => Signed(Uniform(15, 800)))],
            "below 0.5" => [.. Enumerable.Range(0, 100_000).Select(_ => Signed(Uniform(0, 0.5)))],
            "around 0.5" => Around(0.5),
            "0.5 to 0.975" => [.. Enumerable.Range(0, 100_000).Select(_ => Signed(Uniform(0.5, 0.975)))],
            "around 0.975" => Around(0.975),
            "around 0.4375" => Around(0.4375),
            "around 0.6875" => Around(0.6875),
            "around 1.1875" => Around(1.1875),
            "around 2.4375" => Around(2.4375),
            "whole range" => [.. Enumerable.Range(0, 100_000).Select(_ => Uniform(-745, 709.78))],
            "subnormal results" => [.. Enumerable.Range(0, 20_000).Select(_ => Uniform(-745.13, -708))],
            "near overflow" => [.. Enumerable.Range(0, 20_000).Select(_ => Signed(Uniform(700, 710.4))), 709.782712893384, 710.4758600739439],
            "positive magnitudes" => [.. Enumerable.Range(0, 100_000).Select(_ => Math.Pow(2, Uniform(-1022, 1023))), 1.0, 2.0, 0.5, 1024.0, 1e300, double.MaxValue],
            "around 1" => [.. Enumerable.Range(0, 50_000).Select(_ => 1 + Signed(Math.Pow(2, Uniform(-53, -1))))],
            "subnormal" => [.. Enumerable.Range(0, 20_000).Select(_ => Math.Pow(2, Uniform(-1074, -1022))), double.Epsilon],
            "above -1" => [.. Enumerable.Range(0, 100_000).Select(_ => Uniform(-1, 1)), Math.BitIncrement(-1.0)],
            "below 1" => [.. Enumerable.Range(0, 100_000).Select(_ => Signed(Uniform(0, 1)))],
            "up to 22" => [.. Enumerable.Range(0, 100_000).Select(_ => Signed(Uniform(1, 22)))],
            "below 2" => [.. Enumerable.Range(0, 100_000).Select(_ => Signed(Uniform(0, 2)))],
            "just above 1" => [.. Enumerable.Range(0, 50_000).Select(_ => 1 + Math.Pow(2, Uniform(-52, -1))), 1.0],
            "1 to 2" => [.. Enumerable.Range(0, 100_000).Select(_ => Uniform(1, 2))],
            "every magnitude" => [.. Enumerable.Range(0, 100_000).Select(_ => Signed(Math.Pow(2, Uniform(-60, 80)))), 1e300, double.MaxValue],
            _ => [.. Enumerable.Range(0, 50_000).Select(_ => Signed(1 - Math.Pow(2, Uniform(-53, -3))))],
        };
    }
}
