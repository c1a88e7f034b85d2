using System.Runtime.Intrinsics;
using SlowSeries.Language.Semantics;
using SlowSeries.Vectorization;

namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>
/// The float32 functions computed on lanes widened to float64 (tan, arcsin, arccos, arctan, arctan2, hypot, pow, log10, sinh,
/// cosh, tanh and the inverse hyperbolics): within one ulp of the reference (the float64 function rounded once) over
/// float32's range sampled by bit pattern and around each branch's edges, special values exactly as the reference, the
/// same bits at every width. An exhaustive run of the one-argument functions over all 2^32 inputs is in the README.
/// </summary>
public class WidenedSingleFunctionTests
{
    private static readonly Dictionary<string, Func<double, double>> Unary = new()
    {
        ["tan"] = Math.Tan,
        ["arcsin"] = Math.Asin,
        ["arccos"] = Math.Acos,
        ["arctan"] = Math.Atan,
        ["log10"] = Math.Log10,
        ["sinh"] = Math.Sinh,
        ["cosh"] = Math.Cosh,
        ["tanh"] = Math.Tanh,
        ["arcsinh"] = RealMath.Asinh,
        ["arccosh"] = RealMath.Acosh,
        ["arctanh"] = RealMath.Atanh,
    };

    private static readonly Dictionary<string, Func<double, double, double>> Binary = new()
    {
        ["arctan2"] = Math.Atan2,
        ["hypot"] = RealMath.Hypot,
        ["pow"] = Math.Pow,
    };

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (string function in Unary.Keys.Concat(Binary.Keys))
        {
            foreach (string width in EveryWidth.Names)
            {
                cases.Add(function, width);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WithinAnUlpOfTheReferenceWithTheSameBitsAtEveryWidth(string function, string width)
    {
        float[] x = SingleFunctionTests.Inputs();

        // The second operand: the inputs in another order (every magnitude against every other), then each input against
        // every special value and a value of its own size, where arctan2's and hypot's cancellations and quadrants are.
        float[] y = [.. x.Select((_, k) => x[(int)((k * 7919L) % x.Length)])];
        if (Binary.ContainsKey(function))
        {
            float[] specials = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1f, -1f, float.Epsilon];
            var pairs = x.Zip(y).Concat(x.Where((_, k) => k % 61 == 0).SelectMany(v => specials.Append(v * 1.5f).Select(s => (v, s)))).ToList();
            while (pairs.Count % 16 != 0)
            {
                pairs.Add((1f, 1f));
            }

            x = [.. pairs.Select(pair => pair.Item1)];
            y = [.. pairs.Select(pair => pair.Item2)];
        }

        float[] lanes = width switch
        {
            "512" => Apply<VectorWidth512, Vector512<double>, Vector512<long>>(function, x, y),
            "256" => Apply<VectorWidth256, Vector256<double>, Vector256<long>>(function, x, y),
            "128" => Apply<VectorWidth128, Vector128<double>, Vector128<long>>(function, x, y),
            _ => Apply<ScalarWidth, double, long>(function, x, y),
        };
        float[] oneLane = Apply<ScalarWidth, double, long>(function, x, y);
        for (int k = 0; k < x.Length; k++)
        {
            string call = Binary.ContainsKey(function) ? $"{function}({x[k]:R}, {y[k]:R})" : $"{function}({x[k]:R})";
            float reference = (float)(Binary.TryGetValue(function, out var binary) ? binary(x[k], y[k]) : Unary[function](x[k]));
            Assert.True(Bits(lanes[k]) == Bits(oneLane[k]), $"{call} at {width}: {lanes[k]:R}, one lane {oneLane[k]:R}");
            if (!float.IsFinite(reference) || reference == 0)
            {
                Assert.True(Bits(lanes[k]) == Bits(reference), $"{call}: {lanes[k]:R}, reference {reference:R}");
                continue;
            }

            Assert.True(float.IsFinite(lanes[k]), $"{call}: {lanes[k]:R}, reference {reference:R}");
            long distance = Math.Abs((long)BitConverter.SingleToInt32Bits(lanes[k]) - BitConverter.SingleToInt32Bits(reference));
            Assert.True(distance <= 1, $"{call}: {lanes[k]:R}, reference {reference:R}: {distance} ulps");
        }
    }

    /// <summary>
    /// pow where its results live (the sampling above mostly over- or underflows): bases over 1e-6 … 1e6 and near 1,
    /// exponents up to ±40 and up to ±1e6 near 1, within an ulp of the reference and its bits on nearly every pair;
    /// integer powers of integers exact while float32 holds them.
    /// </summary>
    [Fact]
    public void PowIsWithinAnUlpWhereItsResultsAreFinite()
    {
        var random = new Random(89);
        var pairs = new List<(float X, float Y)>();
        for (int k = 0; k < 100_000; k++)
        {
            pairs.Add(((float)Math.Exp((random.NextDouble() - 0.5) * 27.6), (float)((random.NextDouble() - 0.5) * 80)));
            pairs.Add(((float)(1 + ((random.NextDouble() - 0.5) * 1e-4)), (float)((random.NextDouble() - 0.5) * 2e6)));
        }

        for (int b = -30; b <= 30; b++)
        {
            for (int n = 0; n <= 24; n++)
            {
                pairs.Add((b, n));
            }
        }

        double[] x = [.. pairs.Select(p => (double)p.X)], y = [.. pairs.Select(p => (double)p.Y)];
        var result = new double[x.Length];
        VectorMath.PowForSingle(x, y, result);
        int same = 0;
        for (int k = 0; k < x.Length; k++)
        {
            float reference = (float)Math.Pow(x[k], y[k]), ours = (float)result[k];
            long distance = Math.Abs((long)BitConverter.SingleToInt32Bits(ours) - BitConverter.SingleToInt32Bits(reference));
            bool exactInteger = x[k] == Math.Round(x[k]) && y[k] == Math.Round(y[k]) && y[k] >= 0 && Math.Abs(Math.Pow(x[k], y[k])) < (1 << 24);
            Assert.True(distance <= (exactInteger ? 0 : 1), $"pow({x[k]:R}, {y[k]:R}): {ours:R}, reference {reference:R}: {distance} ulps");
            same += distance == 0 ? 1 : 0;
        }

        Assert.True(same >= 0.99 * x.Length, $"only {100.0 * same / x.Length:F2}% of pairs have the reference's bits");
    }

    /// <summary>Every NaN as one: a NaN result's sign and payload are left open.</summary>
    private static int Bits(float value) => float.IsNaN(value) ? BitConverter.SingleToInt32Bits(float.NaN) : BitConverter.SingleToInt32Bits(value);

    private static float[] Apply<W, TDouble, TLong>(string function, float[] x, float[] y)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        double[] wideX = [.. x.Select(v => (double)v)];
        double[] wideY = [.. y.Select(v => (double)v)];
        double[] wide = new double[x.Length];
        for (int i = 0; i + W.Count <= x.Length; i += W.Count)
        {
            var a = W.LoadUnsafe(in wideX[i]);
            var b = W.LoadUnsafe(in wideY[i]);
            W.StoreUnsafe(
                function switch
                {
                    "tan" => VectorMath.TanForSingle<W, TDouble, TLong>(a),
                    "arcsin" => VectorMath.AsinForSingle<W, TDouble, TLong>(a),
                    "arccos" => VectorMath.AcosForSingle<W, TDouble, TLong>(a),
                    "arctan" => VectorMath.AtanForSingle<W, TDouble, TLong>(a),
                    "log10" => VectorMath.Log10ForSingle<W, TDouble, TLong>(a),
                    "sinh" => VectorMath.SinhForSingle<W, TDouble, TLong>(a),
                    "cosh" => VectorMath.CoshForSingle<W, TDouble, TLong>(a),
                    "tanh" => VectorMath.TanhForSingle<W, TDouble, TLong>(a),
                    "arcsinh" => VectorMath.AsinhForSingle<W, TDouble, TLong>(a),
                    "arccosh" => VectorMath.AcoshForSingle<W, TDouble, TLong>(a),
                    "arctanh" => VectorMath.AtanhForSingle<W, TDouble, TLong>(a),
                    "arctan2" => VectorMath.Atan2ForSingle<W, TDouble, TLong>(a, b),
                    "pow" => VectorMath.PowForSingle<W, TDouble, TLong>(a, b),
                    _ => VectorMath.HypotForSingle<W, TDouble, TLong>(a, b),
                },
                ref wide[i]);
        }

        return [.. wide.Select(v => (float)v)];
    }
}
