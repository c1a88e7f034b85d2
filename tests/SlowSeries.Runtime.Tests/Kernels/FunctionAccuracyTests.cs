using SlowSeries.Arrays;
using SlowSeries.Runtime.Tests.Differential;
using Xunit.Abstractions;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// Each vectorized function against System.Math (the reference evaluator) in ulps, per input class: ordinary, huge,
/// tiny (including subnormals), negative, and the special values NaN, ±Inf, ±0 (which must match exactly).
/// The bounds are the accuracy the README states.
/// </summary>
public class FunctionAccuracyTests(ITestOutputHelper output)
{
    /// <summary>Stated accuracy in ulps for float64 and float32 results (the kernels vs System.Math).</summary>
    public static TheoryData<string, double, double> Functions => new()
    {
        { "sin", 2, 1 }, { "cos", 2, 1 }, { "tan", 2, 1 }, { "arcsin", 2, 1 }, { "arccos", 2, 1 }, { "arctan", 2, 1 },
        { "sinh", 2, 1 }, { "cosh", 2, 1 }, { "tanh", 3, 1 }, { "arcsinh", 2, 1 }, { "arccosh", 2, 1 }, { "arctanh", 2, 1 },
        { "log", 2, 1 }, { "log2", 4, 1 }, { "log10", 4, 1 }, { "log1p", 2, 1 }, { "exp", 2, 1 }, { "expm1", 2, 1 },
        { "sqrt", 0, 0 }, { "abs", 0, 0 }, { "ceil", 0, 0 }, { "floor", 0, 0 }, { "trunc", 0, 0 }, { "round", 0, 0 }, { "sign", 0, 0 },
    };

    private static readonly (string Name, double[] Values)[] Classes = BuildClasses();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Log10IsExactAtPowersOfTen(bool single)
    {
        // As C's log10: floor(log10(x)) counts digits, and x ** log10(y) needs an integer exponent to be real.
        int lowest = single ? -37 : -307, highest = single ? 38 : 308;
        var exponents = Enumerable.Range(lowest, highest - lowest + 1).ToArray();
        foreach (int repeat in new[] { 1, (70_000 / exponents.Length) + 1 })
        {
            var k = Enumerable.Repeat(exponents, repeat).SelectMany(e => e).ToArray();
            NDArray input = single
                ? NDArray.Wrap(k.Select(e => float.Parse($"1e{e}", System.Globalization.CultureInfo.InvariantCulture)).ToArray())
                : NDArray.Wrap(k.Select(e => double.Parse($"1e{e}", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            var result = NumExpr.Evaluate("log10(x)", new { x = input });
            Assert.All(Enumerable.Range(0, k.Length), i => Assert.Equal(k[i], result.GetAt(i).Real));
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void KernelFunctionsStayWithinTheirStatedUlps(string function, double float64Ulps, double float32Ulps)
    {
        foreach (var (dtype, bound) in new[] { (DType.Float64, float64Ulps), (DType.Float32, float32Ulps) })
        {
            var line = new List<string>();
            foreach (var (name, classValues) in Classes)
            {
                // Repeated past 65,536 elements the float64 plan runs in the JIT-fused Vector512 loop; below, in the interpreter.
                foreach (var values in new[] { classValues, Enumerable.Repeat(classValues, (70_000 / classValues.Length) + 1).SelectMany(v => v).ToArray() })
                {
                    NDArray input = dtype == DType.Float64 ? NDArray.Wrap(values) : NDArray.Wrap(values.Select(v => (float)v).ToArray());
                    var compiled = NumExpr.Compile($"{function}(x)");
                    var fast = compiled.Evaluate(new { x = input });
                    var reference = compiled.Evaluate(new Dictionary<string, NDArray> { ["x"] = input }, null, reference: true);
                    double worst = 0;
                    for (int i = 0; i < values.Length; i++)
                    {
                        Scalar mine = fast.GetAt(i), expected = reference.GetAt(i);
                        if (name == "special")
                        {
                            Assert.True(mine == expected || (double.IsNaN(mine.Real) && double.IsNaN(expected.Real)), $"{function}({values[i]}) in {dtype.Name()}: {mine}, System.Math {expected}");
                            continue;
                        }

                        worst = Math.Max(worst, Agreement.Distance(mine, expected));
                    }

                    line.Add($"{name}{(values.Length > 65_536 ? " (fused)" : "")} {worst:F1}");
                    Assert.True(worst <= bound, $"{function} on {name} {dtype.Name()} inputs ({values.Length} elements): {worst} ulps > {bound}");
                }
            }

            output.WriteLine($"{function} {dtype.Name()}: {string.Join(", ", line)} ulps (bound {bound})");
        }
    }

    private static (string, double[])[] BuildClasses()
    {
        var random = new Random(2026);
        double[] Uniform(int count, Func<double> next) => Enumerable.Range(0, count).Select(_ => next()).ToArray();
        return
        [
            ("ordinary", [1.0, -1.0, .. Uniform(4099, () => (random.NextDouble() * 20) - 10)]),
            ("unit", Uniform(4099, () => (random.NextDouble() * 2) - 1)),
            ("huge", Uniform(1031, () => Math.Pow(10, random.Next(10, 300)) * (1 + random.NextDouble()))),
            ("tiny", Uniform(1031, () => Math.Pow(10, -random.Next(10, 320)) * (1 + random.NextDouble()))),
            ("negative", Uniform(1031, () => -Math.Pow(10, (random.NextDouble() * 40) - 20))),
            ("special", [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0]),
        ];
    }
}
