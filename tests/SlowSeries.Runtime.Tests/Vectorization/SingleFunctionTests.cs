using System.Runtime.Intrinsics;
using SlowSeries.Language.Semantics;
using SlowSeries.Vectorization;

namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>
/// exp, log, log2, expm1, log1p, sin and cos of float32 lanes: within one ulp of the reference (the float64 function rounded once to float32)
/// over float32's whole range sampled evenly by bit pattern (both signs, subnormals included) and at the edges of each
/// branch; special values exactly as the reference; the same bits at every width (the one-lane form is the yardstick).
/// An exhaustive run over all 2^32 inputs is in the README.
/// </summary>
public class SingleFunctionTests
{
    /// <summary>Each function's span form and its reference (the reference evaluator's float64 function).</summary>
    private static readonly Dictionary<string, (SpanFunction Span, Func<double, double> Reference)> Functions = new()
    {
        ["exp"] = (VectorMath.Exp, Math.Exp),
        ["log"] = (VectorMath.Log, Math.Log),
        ["expm1"] = (VectorMath.Expm1, RealMath.Expm1),
        ["log1p"] = (VectorMath.Log1p, RealMath.Log1p),
        ["log2"] = (VectorMath.Log2, RealMath.Log2),
    };

    private delegate void SpanFunction(ReadOnlySpan<float> x, Span<float> destination);

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (string function in Functions.Keys)
        {
            foreach (string width in new[] { "512", "256", "128", "scalar" })
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
        float[] x = Inputs();
        float[] lanes = width switch
        {
            "512" => Apply<SingleLanes512, Vector512<float>, Vector512<int>>(function, x),
            "256" => Apply<SingleLanes256, Vector256<float>, Vector256<int>>(function, x),
            "128" => Apply<SingleLanes128, Vector128<float>, Vector128<int>>(function, x),
            _ => Apply<SingleLanesScalar, float, int>(function, x),
        };
        float[] oneLane = Apply<SingleLanesScalar, float, int>(function, x);
        for (int k = 0; k < x.Length; k++)
        {
            float reference = (float)Functions[function].Reference(x[k]);
            Assert.True(Bits(lanes[k]) == Bits(oneLane[k]), $"{function}({x[k]:R}) at {width}: {lanes[k]:R}, one lane {oneLane[k]:R}");
            if (!float.IsFinite(reference) || reference == 0)
            {
                Assert.True(Bits(lanes[k]) == Bits(reference), $"{function}({x[k]:R}): {lanes[k]:R}, reference {reference:R}");
                continue;
            }

            Assert.True(float.IsFinite(lanes[k]), $"{function}({x[k]:R}): {lanes[k]:R}, reference {reference:R}");
            long distance = Math.Abs((long)BitConverter.SingleToInt32Bits(lanes[k]) - BitConverter.SingleToInt32Bits(reference));
            Assert.True(distance <= 1, $"{function}({x[k]:R}): {lanes[k]:R}, reference {reference:R}: {distance} ulps");
        }
    }

    [Theory]
    [MemberData(nameof(EveryWidth.Names), MemberType = typeof(EveryWidth))]
    public void SinAndCosAreWithinAnUlpOfTheReferenceWithTheSameBitsAtEveryWidth(string width)
    {
        float[] x = Inputs();
        float[] sin = new float[x.Length], cos = new float[x.Length];
        for (int i = 0; i < x.Length; i += 16)
        {
            var part = x.AsSpan(i, 16);
            switch (width)
            {
                case "512": var (s512, c512) = VectorMath.SinCos(Vector512.Create(part)); s512.CopyTo(sin.AsSpan(i)); c512.CopyTo(cos.AsSpan(i)); break;
                case "256":
                    for (int half = 0; half < 16; half += 8)
                    {
                        var (s256, c256) = VectorMath.SinCos(Vector256.Create(part[half..]));
                        s256.CopyTo(sin.AsSpan(i + half));
                        c256.CopyTo(cos.AsSpan(i + half));
                    }

                    break;
                case "128":
                    for (int quarter = 0; quarter < 16; quarter += 4)
                    {
                        var (s128, c128) = VectorMath.SinCos(Vector128.Create(part[quarter..]));
                        s128.CopyTo(sin.AsSpan(i + quarter));
                        c128.CopyTo(cos.AsSpan(i + quarter));
                    }

                    break;
                default:
                    for (int k = i; k < i + 16; k++)
                    {
                        (sin[k], cos[k]) = VectorMath.SinCosSingle(x[k]);
                    }

                    break;
            }
        }

        for (int k = 0; k < x.Length; k++)
        {
            var (oneSin, oneCos) = VectorMath.SinCosSingle(x[k]);
            Assert.True(Bits(sin[k]) == Bits(oneSin) && Bits(cos[k]) == Bits(oneCos), $"sincos({x[k]:R}) at {width}: ({sin[k]:R}, {cos[k]:R}), one lane ({oneSin:R}, {oneCos:R})");
            foreach (var (result, reference, name) in new[] { (sin[k], (float)Math.Sin(x[k]), "sin"), (cos[k], (float)Math.Cos(x[k]), "cos") })
            {
                bool exact = !float.IsFinite(reference) || reference == 0;
                long distance = Math.Abs((long)BitConverter.SingleToInt32Bits(result) - BitConverter.SingleToInt32Bits(reference));
                Assert.True(exact ? Bits(result) == Bits(reference) : distance <= 1, $"{name}({x[k]:R}): {result:R}, reference {reference:R}");
            }
        }
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("log")]
    [InlineData("expm1")]
    [InlineData("log1p")]
    [InlineData("log2")]
    public void TheSpanFormGivesTheLanesBitsAtEveryLengthAndOffset(string function)
    {
        float[] x = [.. Inputs().Where((_, k) => k % 97 == 0)];
        float[] whole = new float[x.Length];
        Run(function, x, whole);
        for (int length = 0; length <= 40; length++)
        {
            for (int offset = 0; offset < 3; offset++)
            {
                float[] part = new float[length];
                Run(function, x.AsSpan(offset, length), part);
                Assert.Equal(whole.AsSpan(offset, length).ToArray().Select(Bits), part.Select(Bits));
            }
        }
    }

    private static void Run(string function, ReadOnlySpan<float> x, Span<float> destination) => Functions[function].Span(x, destination);

    /// <summary>Every NaN as one: a NaN result's sign and payload are left open.</summary>
    private static int Bits(float value) => float.IsNaN(value) ? BitConverter.SingleToInt32Bits(float.NaN) : BitConverter.SingleToInt32Bits(value);

    private static float[] Apply<W, TSingle, TInt>(string function, float[] x)
        where W : struct, ISingleLanes<W, TSingle, TInt>
        where TSingle : struct
        where TInt : struct
    {
        float[] result = new float[x.Length];
        for (int i = 0; i + W.Count <= x.Length; i += W.Count)
        {
            var lanes = W.Load(in x[i]);
            W.Store(
                function switch
                {
                    "exp" => VectorMath.ExpSingle<W, TSingle, TInt>(lanes),
                    "log" => VectorMath.LogSingle<W, TSingle, TInt>(lanes),
                    "expm1" => VectorMath.Expm1Single<W, TSingle, TInt>(lanes),
                    "log2" => VectorMath.Log2Single<W, TSingle, TInt>(lanes),
                    _ => VectorMath.Log1pSingle<W, TSingle, TInt>(lanes),
                },
                ref result[i]);
        }

        return result;
    }

    /// <summary>Every 4,093rd bit pattern of each sign, the special values, and runs of neighbours around each branch's edges.</summary>
    internal static float[] Inputs()
    {
        var values = new List<float> { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, 1f, -1f };
        for (uint bits = 0; bits < 0x7f800000; bits += 4093)
        {
            values.Add(BitConverter.UInt32BitsToSingle(bits));
            values.Add(BitConverter.UInt32BitsToSingle(bits | 0x80000000));
        }

        // sin/cos: next to multiples of π/2 (the reduction's hardest inputs) and the lane-by-lane limit 2^28;
        // exp: the normal-scaling limit, overflow, the start of the subnormals, underflow; log: the subnormal limit, 1, √½;
        // expm1: the reduction's k = ±1 boundary, the tiny and the −1 limits; log1p: −1, the tiny limit, 1 (which branch of 1 + x);
        // the widened functions: tanh's limits 9.01 and 20, the kernels' range 100 and 200, sinh and cosh's overflow, arctan's
        // reduction at tan(π/8) and tan(3π/8), arcsin/arccos/arctanh at ±1, log1p's tiny limit 2^-29.
        float[] edges = [86f, -86f, 88.72283f, 89f, -87.33655f, -103.972084f, -104f, 1.17549435e-38f, 1f, 0.70710677f, 1.4142135f, 2f, 0.5f,
            0.34657359f, -0.34657359f, 2.98023224e-8f, -2.98023224e-8f, -40f, -17f, -1f, -0.5f, 1e-4f, -1e-4f,
            1.5707964f, 3.1415927f, 4.712389f, 6.2831855f, 102943.71f, 268435456f, -268435456f,
            9.010913f, -20f, 100f, -200f, 89.41599f, -89.41599f, 0.41421357f, -2.4142137f, 1.8626451e-9f];
        foreach (float edge in edges)
        {
            float below = edge, above = edge;
            for (int step = 0; step < 64; step++)
            {
                values.Add(below = MathF.BitDecrement(below));
                values.Add(above = MathF.BitIncrement(above));
            }
        }

        // Whole vectors at every width: a multiple of 16 elements.
        while (values.Count % 16 != 0)
        {
            values.Add(1f);
        }

        return [.. values];
    }
}
