using SlowSeries.Arrays;
using SlowSeries.Runtime.Tests.Differential;
using SlowSeries.Vectorization;
using Xunit.Abstractions;

namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>
/// Our vector pow (table-driven, as glibc's) against System.Math's (glibc's, correctly rounded in practice) in ulps, per
/// input class, and the same bits on at least 99% of each class; its special values exactly; integer powers of integers exact; the same bits at every width.
/// </summary>
public class PowerTests(ITestOutputHelper output)
{
    private static readonly (string Name, double[] X, double[] Y)[] Classes = BuildClasses();

    public static TheoryData<string> ClassNames => [.. Classes.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(ClassNames))]
    public void PowStaysWithinOneUlpOfSystemMath(string name)
    {
        var (_, x, y) = Classes.Single(c => c.Name == name);
        var result = new double[x.Length];
        VectorMath.Pow(x, y, result);
        double worst = 0;
        int exact = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Math.Pow(x[i], y[i]);
            double ulps = Agreement.UlpDistance(result[i], expected, DType.Float64);
            Assert.True(ulps <= 1, $"pow({x[i]:R}, {y[i]:R}) = {result[i]:R}, System.Math {expected:R}: {ulps} ulps");
            worst = Math.Max(worst, ulps);
            exact += ulps == 0 ? 1 : 0;
        }

        output.WriteLine($"pow on {name}: {x.Length} pairs, worst {worst:F1} ulps, {100.0 * exact / x.Length:F1}% the same bits");

        // Both round a result carried to about 2^-60: they differ only where it lies within that of a rounding boundary.
        Assert.True(exact >= 0.99 * x.Length, $"pow on {name}: only {100.0 * exact / x.Length:F1}% the same bits as System.Math");
    }

    [Theory]
    [InlineData("VectorMath.PowerTables")]
    [InlineData("VectorMath.SinglePowerTables")]
    public void TheTablesAreWhatTheirScriptComputes(string name)
    {
        // The scripts check the tables' invariants as they compute them (zHigh·invc exact, t1 + r a Fast2Sum, r within
        // its bound) and state the polynomials' errors; each checked-in file must be its script's output, not an edited copy.
        string folder = Path.Combine(AppContext.BaseDirectory, "PowerTables");
        string written = Differential.NumPyOracle.Run(Differential.NumPyOracle.Python, $"\"{Path.Combine(folder, name + ".py")}\"");
        string checkedIn = File.ReadAllText(Path.Combine(folder, name + ".cs.txt"));
        Assert.Equal(checkedIn.ReplaceLineEndings().TrimEnd(), written.ReplaceLineEndings().TrimEnd());
    }

    [Fact]
    public void IntegerPowersOfIntegersAreExactWhileRepresentable()
    {
        var random = new Random(5);
        double[] x = [.. Enumerable.Range(0, 20_000).Select(_ => (double)random.Next(-3000, 3000))];
        double[] y = [.. x.Select(b => (double)random.Next(0, Math.Abs(b) < 2 ? 60 : (int)(52 / Math.Log2(Math.Abs(b)))))];
        var result = new double[x.Length];
        VectorMath.Pow(x, y, result);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(Math.Pow(x[i], y[i]), result[i]);
        }
    }

    /// <summary>C99's special values (signed zeros, infinities, NaN, ±1, negative bases) bit for bit as System.Math.</summary>
    [Fact]
    public void SpecialValuesMatchSystemMathExactly()
    {
        double[] values =
        [
            0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, -3.0, 1.5, -1.5, double.PositiveInfinity, double.NegativeInfinity,
            double.NaN, double.Epsilon, -double.Epsilon, double.MaxValue, -double.MaxValue, 4503599627370497.0, -4503599627370497.0,
            9007199254740994.0, 1e300, 1024.0, -1074.0, -1075.0,
        ];
        double[] x = [.. values.SelectMany(a => values.Select(_ => a))];
        double[] y = [.. values.SelectMany(_ => values)];
        var result = new double[x.Length];
        VectorMath.Pow(x, y, result);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Math.Pow(x[i], y[i]);
            bool special = double.IsNaN(expected) || double.IsInfinity(expected) || expected == 0 || !double.IsFinite(x[i]) || !double.IsFinite(y[i])
                || x[i] == 0 || Math.Abs(x[i]) == 1 || y[i] == 0;
            if (special)
            {
                Assert.True(
                    BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(result[i]) || (double.IsNaN(expected) && double.IsNaN(result[i])),
                    $"pow({x[i]:R}, {y[i]:R}) = {result[i]:R}, System.Math {expected:R}");
            }
            else
            {
                Assert.True(Agreement.UlpDistance(result[i], expected, DType.Float64) <= 1, $"pow({x[i]:R}, {y[i]:R}) = {result[i]:R}, System.Math {expected:R}");
            }
        }
    }

    /// <summary>
    /// `**` in expressions: where 256-bit vectors or wider are accelerated, our pow in the fused loop and the interpreter
    /// alike (the same bits; float32 by VectorMath.PowForSingle); narrower, C's pow element by element on the interpreter.
    /// </summary>
    [Theory]
    [InlineData("x ** y - y ** 1.7")]
    [InlineData("f ** g * 3")]
    public void ExpressionsUseThisPowWhereItPays(string expression)
    {
        const int Count = 140_003, Piece = 60_000;
        var random = new Random(3);
        double[] x = [.. Enumerable.Range(0, Count).Select(_ => random.NextDouble() * 4)];
        double[] y = [.. Enumerable.Range(0, Count).Select(_ => (random.NextDouble() * 8) - 4)];
        float[] f = [.. x.Select(v => (float)v)];
        float[] g = [.. y.Select(v => (float)v)];
        NDArray Evaluate(int start, int length) => NumExpr.Evaluate(expression, new Dictionary<string, object?>
        {
            ["x"] = x[start..(start + length)],
            ["y"] = y[start..(start + length)],
            ["f"] = f[start..(start + length)],
            ["g"] = g[start..(start + length)],
        });

        var whole = Evaluate(0, Count);
        var compiled = NumExpr.Compile(expression);
        var inputs = new Dictionary<string, NDArray> { ["x"] = NDArray.Wrap(x), ["y"] = NDArray.Wrap(y), ["f"] = NDArray.Wrap(f), ["g"] = NDArray.Wrap(g) };
        var plan = SlowSeries.Kernels.KernelCache.Get([compiled], inputs.Where(p => NumExpr.GetVariableNames(expression).Contains(p.Key)).ToDictionary(), null).Plan!;
        Assert.Equal(VectorMath.PowIsVectorized && SlowSeries.Kernels.FusedKernel.VectorBytes > 0, plan.Fused.Value is not null);

        // The reference: this pow (float32's with its own kernels) or C's, element by element, then the rest of the
        // expression as the engines compute it.
        Func<double, double, double> pow = VectorMath.PowIsVectorized ? (a, b) => { var r = new double[1]; VectorMath.Pow([a], [b], r); return r[0]; } : Math.Pow;
        Func<double, double, double> powForSingle = VectorMath.PowIsVectorized ? (a, b) => { var r = new double[1]; VectorMath.PowForSingle([a], [b], r); return r[0]; } : Math.Pow;
        for (int i = 0; i < Count; i += 997)
        {
            double expected = expression.StartsWith('x') ? pow(x[i], y[i]) - pow(y[i], 1.7) : (float)powForSingle(f[i], g[i]) * 3f;
            Assert.Equal(expected, whole.GetAt(i).Real);
        }

        for (int start = 0; start < Count; start += Piece)
        {
            var piece = Evaluate(start, Math.Min(Piece, Count - start));
            for (int e = 0; e < piece.Size; e++)
            {
                Assert.True(Equals(whole.GetAt(start + e), piece.GetAt(e)), $"{expression}, element {start + e}: {whole.GetAt(start + e)} on 140,003 elements, {piece.GetAt(e)} in a piece");
            }
        }
    }

    /// <summary>No fused multiply-add and no width-dependent step: every width gives the 512-bit (or widest) form's bits.</summary>
    [Theory]
    [InlineData("256")]
    [InlineData("128")]
    [InlineData("scalar")]
    public void EveryWidthGivesTheSameBits(string width)
    {
        foreach (var (name, x, y) in Classes)
        {
            var widest = new double[x.Length];
            VectorMath.Pow(x, y, widest);
            var atWidth = new double[x.Length];
            EveryWidth.Run(width, new VectorFunctionTests.PairsAtWidth("pow", x, y, atWidth));
            int whole = x.Length - (x.Length % 8);
            for (int i = 0; i < whole; i++)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(widest[i]) == BitConverter.DoubleToInt64Bits(atWidth[i]), $"{name}: pow({x[i]:R}, {y[i]:R}) at {width} {atWidth[i]:R}, widest {widest[i]:R}");
            }
        }
    }

    private static (string, double[], double[])[] BuildClasses()
    {
        var random = new Random(2027);
        double LogUniform(double low, double high) => Math.Exp(Math.Log(low) + (random.NextDouble() * (Math.Log(high) - Math.Log(low))));
        (double[], double[]) Pairs(int count, Func<double> x, Func<double> y)
        {
            double[] xs = new double[count], ys = new double[count];
            for (int i = 0; i < count; i++)
            {
                xs[i] = x();
                ys[i] = y();
            }

            return (xs, ys);
        }

        (string, double[], double[]) Class(string name, int count, Func<double> x, Func<double> y)
        {
            var (xs, ys) = Pairs(count, x, y);
            return (name, xs, ys);
        }

        // Results within a hundredth of the exponent of the largest double: y from x, so that x**y is near 2^1024.
        double[] nearOverflowX = [.. Enumerable.Range(0, 40_000).Select(_ => LogUniform(1.5, 1e10))];
        double[] nearOverflowY = [.. nearOverflowX.Select(b => (1023.99 + (random.NextDouble() * 0.02)) / Math.Log2(b))];
        return
        [
            Class("ordinary", 40_000, () => random.NextDouble() * 10, () => (random.NextDouble() * 20) - 10),
            Class("every magnitude", 40_000, () => LogUniform(1e-300, 1e300), () => (random.NextDouble() * 6) - 3),
            Class("near 1, large exponents", 40_000, () => 1 + ((random.NextDouble() - 0.5) * 1e-6), () => (random.NextDouble() - 0.5) * 1e9),
            Class("nearer 1, huge exponents", 40_000, () => 1 + ((random.NextDouble() - 0.5) * 1e-12), () => (random.NextDouble() - 0.5) * 1e15),
            Class("subnormal bases", 40_000, () => LogUniform(double.Epsilon, 2.2e-308), () => (random.NextDouble() * 1.2) + 0.1),
            Class("subnormal results", 40_000, () => LogUniform(1e-5, 1e-3), () => (random.NextDouble() * 40) + 60),
            ("near overflow", nearOverflowX, nearOverflowY),
            Class("negative bases, integer exponents", 40_000, () => -random.NextDouble() * 100, () => Math.Round((random.NextDouble() * 60) - 30)),
        ];
    }
}
