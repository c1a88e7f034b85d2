using SlowSeries.Arrays;
using SlowSeries.Kernels;
using SlowSeries.Runtime.Tests.Differential;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>The JIT-fused vector loop (used from 65,536 elements on) against the reference evaluator.</summary>
public class FusedKernelTests
{
    private const int Length = 70_003;

    /// <summary>A double's bits, every NaN as one: IEEE 754 leaves a NaN result's sign and payload open.</summary>
    private static long Bits(double value) => double.IsNaN(value) ? long.MinValue : BitConverter.DoubleToInt64Bits(value);

    /// <summary>
    /// The expression over the inputs it names: its plan, whose fused loop is there wherever vectors are (absent where
    /// <paramref name="fused"/> says it runs on the interpreter here), its value and the reference evaluator's, of one dtype.
    /// </summary>
    private static (KernelPlan Plan, NDArray Fast, NDArray Reference) FusedAndReference(string expression, Dictionary<string, NDArray> inputs, bool fused = true)
    {
        var used = Named(expression, inputs);
        var compiled = NumExpr.Compile(expression);
        var (_, plan) = KernelCache.Get([compiled], used, null);
        if (fused)
        {
            FusedOrNoVectors.Check(plan!.Fused.Value);
        }
        else
        {
            Assert.Null(plan!.Fused.Value);
        }

        var fast = compiled.Evaluate(used, null);
        var reference = compiled.Evaluate(used, null, reference: true);
        Assert.Equal(reference.DType, fast.DType);
        return (plan, fast, reference);
    }

    /// <summary>The float64 or float32 results' bits equal, every NaN as one.</summary>
    private static void AssertSameBits(NDArray expected, NDArray actual)
    {
        static IEnumerable<long> Of(NDArray result) => result.DType == DType.Float32 ? result.ToArray<float>().Select(x => Bits(x)) : result.ToArray<double>().Select(Bits);
        Assert.Equal(Of(expected), Of(actual));
    }

    /// <summary>The inputs <paramref name="expression"/> names.</summary>
    private static Dictionary<string, NDArray> Named(string expression, Dictionary<string, NDArray> inputs) =>
        inputs.Where(kv => NumExpr.GetVariableNames(expression).Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);

    public static TheoryData<string, double> Expressions => new()
    {
        { "a * b + c - a / (b + 3)", 0 },
        { "-(a * a) + sqrt(abs(c)) * 2", 0 },
        { "a ** 2 + b ** 3 - c ** 0.5", 0 },
        { "sin(twoPi * a) ** 2 + cos(twoPi * a) ** 2", 4 },
        { "exp(a) * 3", 4 },
        { "log(abs(b) + 1) * 3", 2 },
        { "sin(c) * 3", 4 },
        { "where(a > 0, a, b)", 0 },
        { "where((a > 0) & (b < 1) | ~(c >= 0.5), a * b, c - 1)", 0 },
        { "where(a > 0, floor(b), c)", 0 },
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public void TheFusedLoopEqualsTheReference(string expression, double ulps)
    {
        var random = new Random(42);
        double[] Values() => Enumerable.Range(0, Length).Select(_ => (random.NextDouble() * 8) - 4).ToArray();
        var inputs = new Dictionary<string, NDArray>
        {
            ["a"] = NDArray.Wrap(Values()),
            ["b"] = NDArray.Wrap(Values()),
            ["c"] = NDArray.Wrap(Values()),
            ["twoPi"] = NDArray.FromScalar(Scalar.FromFloat64(2 * Math.PI)),
        };
        var compiled = NumExpr.Compile(expression);
        var (_, plan) = KernelCache.Get([compiled], inputs, null);
        FusedKernel.PromoteNow(plan!.Fused.Value); // the paired loop, where a hot loop would get one
        var fast = compiled.Evaluate(inputs, null);
        var reference = compiled.Evaluate(inputs, null, reference: true);
        if (FusedKernel.VectorBytes == 0)
        {
            // No vector width is accelerated (DOTNET_EnableHWIntrinsic=0): the interpreter runs, never emulated vectors.
            Assert.Null(plan!.Fused.Value);
        }
        else
        {
            FusedOrNoVectors.Check(plan!.Fused.Value);
        }

        double worst = fast.ToArray<double>().Zip(reference.ToArray<double>(), (x, y) => Agreement.UlpDistance(x, y, DType.Float64)).Max();
        Assert.True(worst <= ulps, $"{expression}: {worst} ulps");
    }

    [Theory]
    [InlineData("floor(a)")]
    [InlineData("ceil(a)")]
    [InlineData("trunc(a)")]
    [InlineData("round(a)")]
    [InlineData("sign(a)")]
    [InlineData("where(isnan(a), 1.0, 0.0) + where(isinf(a), 2.0, 0.0) + where(isfinite(a), 4.0, 0.0)")]
    [InlineData("where(isnan(a) | isinf(a), -0.0, round(a * 3) - floor(a / 2))")]
    [InlineData("floor(f)")]
    [InlineData("ceil(f)")]
    [InlineData("trunc(f)")]
    [InlineData("round(f)")]
    [InlineData("sign(f)")]
    [InlineData("where(isnan(f) | ~isfinite(f * 2), f, round(f))")]
    [InlineData("maximum(a, b)")]
    [InlineData("minimum(a, b) + minimum(b, -0.0) * 0.5")]
    [InlineData("copysign(a, b)")]
    [InlineData("maximum(f, g) - minimum(g, 0.0)")]
    [InlineData("copysign(g, f)")]
    [InlineData("where(signbit(a), 1.0, 0.0) + where(signbit(b) & ~isnan(b), 2.0, 0.0)")]
    [InlineData("where(signbit(f) | signbit(g), f, g)")]
    [InlineData("a / 4 + b / -0.5 - a / 8.98846567431158e307 + b / 2.2250738585072014e-308 + a / 10")]
    [InlineData("f / 2 - g / 0.125 + f / 1.7014118e38 + g / 3")]
    public void RoundingSignAndClassificationsRunFusedWithTheReferencesBits(string expression)
    {
        var (_, fast, reference) = FusedAndReference(expression, SpecialValueInputs());
        AssertSameBits(reference, fast);
    }

    [Theory]
    [InlineData("copy(a) * 2 + ones_like(b)")]
    [InlineData("(a - 10).real * 2 + b.imag")]
    [InlineData("where((a - 10).real != 0.0, a, 2)")]
    [InlineData("f.real + g.imag * a")]
    [InlineData("ones_like(f) + copy(g)")]
    public void CopiesOnesAndPartsOfRealValuesRunFusedWithTheReferencesBits(string expression)
    {
        // NumExpr's own tests write `.real` of real values; element by element these took 20x a fused loop's time.
        var (_, fast, reference) = FusedAndReference(expression, SpecialValueInputs());
        AssertSameBits(reference, fast);
    }

    /// <summary>
    /// float64 a, b and float32 f, g: halves (ties of round), values beyond 2^52 (already whole), ±0, ±Inf, NaN,
    /// subnormals and the largest finite among random values.
    /// </summary>
    private static Dictionary<string, NDArray> SpecialValueInputs()
    {
        var random = new Random(31);
        double[] special = [0.5, 1.5, 2.5, -0.5, -2.5, 0.0, -0.0, 4503599627370495.5, -4503599627370497.0, 1e300, double.MaxValue, -double.Epsilon, 5e-324, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        double Value() => random.Next(3) == 0 ? special[random.Next(special.Length)] : ((random.NextDouble() * 20) - 10) * Math.Pow(2, random.Next(-3, 30));
        float[] singles = [0.5f, 2.5f, -1.5f, -0.0f, 8388607.5f, float.MaxValue, -float.Epsilon, float.NaN, float.PositiveInfinity, float.NegativeInfinity];
        float Single() => random.Next(3) == 0 ? singles[random.Next(singles.Length)] : (float)Value();
        return new Dictionary<string, NDArray>
        {
            ["a"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Value()).ToArray()),
            ["f"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Single()).ToArray()),
            ["b"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Value()).ToArray()),
            ["g"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Single()).ToArray()),
        };
    }

    [Theory]
    [InlineData("a % b")]
    [InlineData("a // b")]
    [InlineData("fmod(a, b)")]
    [InlineData("sin(a % 6.283)")]
    [InlineData("(a // 0.1) * 0.1 - fmod(a, -0.3)")]
    [InlineData("a % 0.3")]
    [InlineData("a % -7.25 + fmod(a, 3.0)")]
    [InlineData("a % 1e-10 - fmod(a, 1e-9)")]
    [InlineData("a % 1e-301")]
    [InlineData("a // 0.3 + a // -1e-10")]
    [InlineData("f % g")]
    [InlineData("f // g + fmod(f, 0.25)")]
    [InlineData("f % 0.3 - f // -7.5 + fmod(f, 1e-6)")]
    public void FloatDivisionRunsFusedWithTheReferencesBits(string expression)
    {
        // Mostly ordinary lanes, and the ones the scalar functions take: zero, infinite and NaN operands, huge quotients.
        var random = new Random(53);
        double[] special = [0.0, -0.0, 5e-324, 1e300, -1e300, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 3.0, -0.3, 0.9, 3.3e14, -1.2e15, 4.2e15];
        double Value() => random.Next(20) == 0 ? special[random.Next(special.Length)] : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 6));
        var inputs = new Dictionary<string, NDArray>
        {
            ["a"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Value()).ToArray()),
            ["b"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Value()).ToArray()),
            ["f"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => (float)Value()).ToArray()),
            ["g"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => (float)Value()).ToArray()),
        };
        // Fused where the exact vector method runs (an accelerated width, with or without a fused multiply-add); without one, element by element on the interpreter.
        var (_, fast, reference) = FusedAndReference(expression, inputs, fused: FloatDivisionLoops.Pays);
        if (expression.StartsWith("sin", StringComparison.Ordinal))
        {
            double worst = fast.ToArray<double>().Zip(reference.ToArray<double>(), (x, y) => Agreement.UlpDistance(x, y, DType.Float64)).Max();
            Assert.True(worst <= 4, $"{expression}: {worst} ulps");
            return;
        }

        AssertSameBits(reference, fast);
    }

    public static TheoryData<string, double> Float32Expressions => new()
    {
        { "a * b + c - a / (b + 3)", 0 },
        { "-(a * a) + sqrt(abs(c)) * 2 + b ** 3", 0 },
        { "sin(a) * 3", 2 },
        { "cos(b) * 3", 2 },
        { "log(abs(b) + 1) * 3", 2 },
        { "where(a > b, a, c * 2)", 0 },
        { "(a > 0.5) * b + (c < a) * c", 0 },
    };

    [Theory]
    [MemberData(nameof(Float32Expressions))]
    public void TheFusedLoopEqualsTheReferenceInFloat32(string expression, double ulps)
    {
        var random = new Random(43);
        float[] Values() => Enumerable.Range(0, Length).Select(_ => (float)((random.NextDouble() * 8) - 4)).ToArray();
        var inputs = new Dictionary<string, NDArray> { ["a"] = NDArray.Wrap(Values()), ["b"] = NDArray.Wrap(Values()), ["c"] = NDArray.Wrap(Values()) };
        var compiled = NumExpr.Compile(expression);
        var fast = compiled.Evaluate(inputs, null);
        var reference = compiled.Evaluate(inputs, null, reference: true);
        var (_, plan) = KernelCache.Get([compiled], inputs, null);
        FusedOrNoVectors.Check(plan!.Fused.Value);
        Assert.Equal(DType.Float32, fast.DType);
        double worst = fast.ToArray<float>().Zip(reference.ToArray<float>(), (x, y) => Agreement.UlpDistance(x, y, DType.Float32)).Max();
        Assert.True(worst <= ulps, $"{expression}: {worst} ulps");
    }

    [Theory]
    [InlineData("where(a < b, a, b) + where(a <= b, 1.0, 2.0)")]
    [InlineData("where(a == b, 3.0, c) - where(a != b, c, 4.0)")]
    [InlineData("where(a >= b, a, c) * where(a > c, 2.0, 0.5)")]
    [InlineData("where((a > b) ^ (b > c), 1.0, 0.0) + where(~(a == c) | (b != b), a, -0.0)")]
    public void ConditionsRunFusedWithTheReferencesSemanticsForNaNInfinitiesAndSignedZeros(string expression)
    {
        // Small multiples of 0.5 make equal pairs common; a quarter of the values are NaN, ±Inf or ±0.
        var random = new Random(5);
        double[] special = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0];
        double[] Values() => Enumerable.Range(0, Length).Select(_ => random.Next(4) == 0 ? special[random.Next(special.Length)] : random.Next(-3, 4) * 0.5).ToArray();
        var inputs = new Dictionary<string, NDArray> { ["a"] = NDArray.Wrap(Values()), ["b"] = NDArray.Wrap(Values()), ["c"] = NDArray.Wrap(Values()) };
        var compiled = NumExpr.Compile(expression);
        var (_, plan) = KernelCache.Get([compiled], inputs, null);
        FusedOrNoVectors.Check(plan!.Fused.Value);

        // Bit for bit, so that -0.0 against 0.0 counts (where selects, it does not compute); every NaN is one NaN.
        var fast = compiled.Evaluate(inputs, null).ToArray<double>().Select(Bits);
        var reference = compiled.Evaluate(inputs, null, reference: true).ToArray<double>().Select(Bits);
        Assert.Equal(reference, fast);
    }

    [Theory]
    [InlineData("k * 0.5 + i", 0)]
    [InlineData("sqrt(abs(k)) + f * a", 0)]
    [InlineData("exp(a) * k / 3", 3)]
    [InlineData("sin(i) * 2", 4)]
    [InlineData("g * 2 + i", 0)]
    [InlineData("f * a + 1", 0)]
    [InlineData("where(g > 0, f * a, a) + i", 0)]
    [InlineData("where(k > 0, f * a, g) - k", 0)]
    [InlineData("f * k + g", 0)]
    [InlineData("where(g > 0, k, f) - k", 0)]
    public void Int32Int64AndFloat32InputsAreConvertedInsideTheFusedLoop(string expression, double ulps)
    {
        // int64 from small to beyond 2^53 (where the conversion rounds), int32 over its whole range.
        var random = new Random(11);
        long Wide() => random.Next(3) switch { 0 => random.Next(-1000, 1000), 1 => random.NextInt64(-(1L << 40), 1L << 40), _ => random.NextInt64(long.MinValue, long.MaxValue) };
        var inputs = new Dictionary<string, NDArray>
        {
            ["k"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Wide()).ToArray()),
            ["i"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => random.Next(int.MinValue, int.MaxValue)).ToArray()),
            ["f"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => (float)((random.NextDouble() * 8) - 4)).ToArray()),
            ["g"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => (float)((random.NextDouble() * 8) - 4)).ToArray()),
            ["a"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => (random.NextDouble() * 8) - 4).ToArray()),
        };
        var compiled = NumExpr.Compile(expression);
        var (_, plan) = KernelCache.Get([compiled], inputs, null);

        // Every vector width converts them (int64 → double in five instructions without AVX-512DQ); without vectors the
        // interpreter converts these inputs and the results must be the same.
        FusedOrNoVectors.Check(plan!.Fused.Value);

        var fast = compiled.Evaluate(inputs, null);
        var reference = compiled.Evaluate(inputs, null, reference: true);
        Assert.Equal(reference.DType, fast.DType);
        var ours = fast.DType == DType.Float32 ? fast.ToArray<float>().Select(x => (double)x) : fast.ToArray<double>();
        var theirs = fast.DType == DType.Float32 ? reference.ToArray<float>().Select(x => (double)x) : reference.ToArray<double>();
        double worst = ours.Zip(theirs, (x, y) => Agreement.UlpDistance(x, y, fast.DType)).Max();
        Assert.True(worst <= ulps, $"{expression}: {worst} ulps");
    }

    [Theory]
    [InlineData("i*3 + j % 7")]
    [InlineData("i // j + i % j")]
    [InlineData("i // 7 - i % -3 + i // -4 + j % 8 - j // 16")]
    [InlineData("i // 3000000000 + j % -5000000000 - i % 2147483648")]
    [InlineData("i % 2 + j // 1024 - (i % 4611686018427387904) * (j // 2) + i // 4611686018427387904")]
    [InlineData("(i << 2) ^ j")]
    [InlineData("(i >> 3) | (j & 12) - ~i")]
    [InlineData("where((i > j) & (j != 0), i - j, -i) * 5")]
    [InlineData("i % 0 + j // -1 + i // 1")]
    [InlineData("sum(i*3 + j % 7)")]
    [InlineData("k*2 + 1")]
    [InlineData("(k << 3) ^ (k >> 1) | where(k < 0, k, -k)")]
    [InlineData("k + i * 3")]
    [InlineData("where(k > i, k, i) - j % 5")]
    [InlineData("k % 3 + k // 7")]
    [InlineData("k // -4 - k % -3 + k // 0 - k % 0 + k // -1")]
    [InlineData("k // (k % 5 - 2) + k % (k // 1000 + 1)")]
    [InlineData("i + k * 2")]
    [InlineData("sum(i + k % 3)")]
    [InlineData("where((k % 2 == 0) | (k < -7), i, -i) - (k << 3)")]
    public void IntegerPlansRunFusedWithTheReferencesBits(string expression)
    {
        // Small and huge values, zero and -1 divisors, the int64 extremes (division beyond 2^51 goes lane by lane).
        var random = new Random(17);
        long Wide() => random.Next(6) switch { 0 => random.Next(-20, 20), 1 => random.NextInt64(-(1L << 40), 1L << 40), 2 => random.Next(3) - 1L, 3 => random.Next(2) == 0 ? long.MinValue : long.MaxValue, _ => random.NextInt64(long.MinValue, long.MaxValue) };
        var inputs = new Dictionary<string, NDArray>
        {
            ["i"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Wide()).ToArray()),
            ["j"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Wide()).ToArray()),
            ["k"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => random.Next(4) switch { 0 => random.Next(-50, 50), 1 => random.Next(2) == 0 ? int.MinValue : int.MaxValue, _ => random.Next(int.MinValue, int.MaxValue) }).ToArray()),
        };
        // int64 division by a variable through double pays only with 256- or 512-bit vectors; at 128 bits it stays on the
        // interpreter. int32 division runs in the loop at every width (through double, exact for every int32 pair), and
        // int32 inputs of an int64 plan are sign-extended in the loop at every vector width.
        bool variableDivisor = expression.Contains("i // j", StringComparison.Ordinal);
        var (_, fast, reference) = FusedAndReference(expression, inputs, fused: !(variableDivisor && FusedKernel.VectorBytes == 16));
        static long[] Values(NDArray result) => result.DType == DType.Int32 ? [.. result.ToArray<int>().Select(v => (long)v)] : result.ToArray<long>();
        Assert.Equal(Values(reference), Values(fast));
    }

    [Theory]
    [InlineData("i > j")]
    [InlineData("(a > 0.3) & (b < 0.7)")]
    [InlineData("~(a >= b) | (a != a) ^ (c == 0)")]
    [InlineData("k <= 3")]
    [InlineData("f > g")]
    [InlineData("(i % 3 == 0) & (j >= i)")]
    [InlineData("(k > 3) | (i < 2)")]
    [InlineData("(k * 3 == i) ^ (a > 0.5)")]
    public void BoolResultsAreStoredFromTheFusedLoop(string expression)
    {
        var random = new Random(23);
        double Value() => random.Next(8) switch { 0 => double.NaN, 1 => 0.0, 2 => -0.0, _ => random.NextDouble() };
        var inputs = new Dictionary<string, NDArray>
        {
            ["a"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Value()).ToArray()),
            ["b"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Value()).ToArray()),
            ["c"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Value()).ToArray()),
            ["f"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => (float)Value()).ToArray()),
            ["g"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => (float)Value()).ToArray()),
            ["i"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => random.NextInt64(-10, 10)).ToArray()),
            ["j"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => random.NextInt64(-10, 10)).ToArray()),
            ["k"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => random.Next(-10, 10)).ToArray()),
        };
        var used = Named(expression, inputs);
        var compiled = NumExpr.Compile(expression);
        var (_, plan) = KernelCache.Get([compiled], used, null);
        FusedOrNoVectors.Check(plan!.Fused.Value);

        var fast = compiled.Evaluate(used, null);
        var reference = compiled.Evaluate(used, null, reference: true);
        Assert.Equal(DType.Bool, fast.DType);
        Assert.Equal(reference.ToArray<bool>(), fast.ToArray<bool>());
    }

    /// <summary>
    /// bool inputs are read by the fused loop as lane masks of its lanes (float64, float32, int64, int32 — beside float64
    /// side lanes —, and int32 for plans of bools alone; the paired float64 loop where sin runs), as are a uniform bool
    /// and bool constants: the reference's values (bits, or within sin's ulps), for views that start at an odd element
    /// and a length that leaves a padded tail.
    /// </summary>
    [Theory]
    [InlineData("~q & (b > 0.5)", 0)]
    [InlineData("q ^ ~r | (q & r)", 0)]
    [InlineData("where(q, a, b)", 0)]
    [InlineData("where(q & (a > 0.25), sqrt(a), b * 2)", 0)]
    [InlineData("where(q, sin(a), cos(b)) + where(r, a, 0.5)", 4)]
    [InlineData("where(~q, f, g) * 2", 0)]
    [InlineData("where(q, i, -i) + 1", 0)]
    [InlineData("where(r, k, k * 3)", 0)]
    [InlineData("sum(where(q, i, 0))", 0)]
    [InlineData("sum(where(r, k, k * 2))", 0)]
    [InlineData("where(flag & q, a, b) + where(flag, 1.0, 2.0)", 0)]
    [InlineData("where(q | False, a, b) + where(r & True, 1.0, 0.0)", 0)]
    [InlineData("(q & (i > 3)) | r", 0)]
    [InlineData("where(q & (a > 0.5), k, -k)", 0)]
    [InlineData("where((a > 0.5) & ~q, k, 0)", 0)]
    public void BoolInputsAreReadAsLaneMasksByTheFusedLoop(string expression, double ulps)
    {
        var random = new Random(29);
        bool[] Bools() => Enumerable.Range(0, Length + 3).Select(_ => random.Next(3) == 0).ToArray();
        NDArray Shifted(bool[] values) => NDArray.Strided(values, new Shape(Length), [1], 3);
        var inputs = new Dictionary<string, NDArray>
        {
            ["q"] = Shifted(Bools()),
            ["r"] = Shifted(Bools()),
            ["flag"] = NDArray.FromScalar(Scalar.FromBool(true)),
            ["a"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => random.NextDouble()).ToArray()),
            ["b"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => random.NextDouble()).ToArray()),
            ["f"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => (float)random.NextDouble()).ToArray()),
            ["g"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => (float)random.NextDouble()).ToArray()),
            ["i"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => random.NextInt64(-10, 10)).ToArray()),
            ["k"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => random.Next(-10, 10)).ToArray()),
        };
        var used = Named(expression, inputs);
        var compiled = NumExpr.Compile(expression);
        var (_, plan) = KernelCache.Get([compiled], used, null);
        FusedOrNoVectors.Check(plan!.Fused.Value);
        FusedKernel.PromoteNow(plan.Fused.Value); // the paired loop, where a hot loop would get one
        var fast = compiled.Evaluate(used, null);
        var reference = compiled.Evaluate(used, null, reference: true);
        Assert.Equal(reference.DType, fast.DType);
        if (ulps > 0)
        {
            double worst = fast.ToArray<double>().Zip(reference.ToArray<double>(), (x, y) => Agreement.UlpDistance(x, y, DType.Float64)).Max();
            Assert.True(worst <= ulps, $"{expression}: {worst} ulps");
            return;
        }

        string Text(NDArray result) => result.DType switch
        {
            DType.Bool => string.Concat(result.ToArray<bool>().Select(value => value ? '1' : '0')),
            DType.Float32 => string.Join(',', result.ToArray<float>().Select(BitConverter.SingleToInt32Bits)),
            DType.Int32 => string.Join(',', result.ToArray<int>()),
            DType.Int64 => string.Join(',', result.ToArray<long>()),
            _ => string.Join(',', result.ToArray<double>().Select(Bits)),
        };
        Assert.Equal(Text(reference), Text(fast));
    }

    /// <summary>
    /// int64 values that only make conditions (compared, after int64 arithmetic: shifts, // and % by constants) run in
    /// int64 lanes of the float64 loop, their masks taken as its conditions, conditions as numbers (`a * (i > 3)`) and, at
    /// 512 bits, int64 values cast to float64; int32 and float32 conditions in half-width lanes, their masks widened: the
    /// reference's bits, for values up to the int64 extremes (where a conversion to float64 rounds) and NaN, ±0 among the
    /// float64 and float32 values.
    /// </summary>
    [Theory]
    [InlineData("where(i % 3 == 0, a, -a)")]
    [InlineData("where((i > j) & (a < 0.5), a, b)")]
    [InlineData("where(i * 2 - 7 > j, a, b * 2)")]
    [InlineData("where((i >> 1) == j, a, 0.0)")]
    [InlineData("(i != j) | (a < b)")]
    [InlineData("where(i // 4 != j, a * 3, b) + where(j <= 2, 1.5, a)")]
    [InlineData("sum(where(i > j, a, 0.0))")]
    [InlineData("a * (i > 3)")]
    [InlineData("(a > 0.5) * 2.0 + (i > j) * b")]
    [InlineData("abs(i - j) * a")]
    [InlineData("where(k > 3, a, b)")]
    [InlineData("where((k * 2 - 1 >= 3) & (f < 0.5), a, b) + (f != f) * 2.0")]
    [InlineData("where((i > j) | (k == 0), a, -b)")]
    [InlineData("where(k % 2 == 0, a, -a) + where(k // 3 > 5, b, 0.0)")]
    public void Int64ConditionsRunInTheFloat64Loop(string expression)
    {
        var random = new Random(29);
        long Wide() => random.Next(5) switch { 0 => random.Next(-10, 10), 1 => (1L << 53) + random.Next(3), 2 => random.Next(2) == 0 ? long.MinValue : long.MaxValue, _ => random.NextInt64(long.MinValue, long.MaxValue) };
        double Value() => random.Next(8) switch { 0 => double.NaN, 1 => -0.0, _ => random.NextDouble() };
        var inputs = new Dictionary<string, NDArray>
        {
            ["a"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Value()).ToArray()),
            ["b"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Value()).ToArray()),
            ["i"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Wide()).ToArray()),
            ["j"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => random.Next(3) == 0 ? random.NextInt64(-3, 3) : Wide()).ToArray()),
            ["k"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => random.Next(2) == 0 ? random.Next(-5, 5) : random.Next(int.MinValue, int.MaxValue)).ToArray()),
            ["f"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => (float)Value()).ToArray()),
        };
        // int64 side lanes at the loop's width (cast to float64 too: `abs(i - j)`), int32 and float32 ones at half of it (at
        // 128 bits two lanes of a 128-bit vector), at every width.
        var (plan, fast, reference) = FusedAndReference(expression, inputs);
        if (fast.DType == DType.Bool)
        {
            Assert.Equal(reference.ToArray<bool>(), fast.ToArray<bool>());
        }
        else if (plan.Reduction is null)
        {
            Assert.Equal(reference.ToArray<double>().Select(Bits), fast.ToArray<double>().Select(Bits));
        }
        else
        {
            // A sum in the fixed layout against the reference's sum in index order: within n·2^-52 of the magnitudes.
            double bound = Length * Math.ScaleB(1, -52) * inputs["a"].ToArray<double>().Where(double.IsFinite).Sum(Math.Abs);
            Assert.True(Math.Abs(fast.Item<double>() - reference.Item<double>()) <= bound || (double.IsNaN(fast.Item<double>()) && double.IsNaN(reference.Item<double>())));
        }
    }

    [Theory]
    [InlineData("where(a > 0, i, 0)")]
    [InlineData("where(isnan(a) | (a > b), j, i * 2)")]
    [InlineData("where(isinf(a) | ~isfinite(b), i, j) + 1")]
    [InlineData("where((a * 2 - 1 >= b) & (i > j), i - j, -i)")]
    [InlineData("sum(where(a >= b, i, -j))")]
    [InlineData("where(a > 0.5, 1, 0)")]
    [InlineData("where(isnan(a) | (a * 2 > b), k, k // 3 - 1)")]
    [InlineData("where((a > 0.25) & (k > 3) | isinf(b), k, -7) * 3")]
    [InlineData("sum(where(a > 0.5, 1, 0))")]
    public void Float64ConditionsRunInIntegerLoops(string expression)
    {
        var random = new Random(37);
        double[] special = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0];
        double Value() => random.Next(6) == 0 ? special[random.Next(special.Length)] : random.NextDouble() - 0.3;
        long Wide() => random.Next(3) == 0 ? random.Next(-10, 10) : random.NextInt64(long.MinValue / 4, long.MaxValue / 4);
        var inputs = new Dictionary<string, NDArray>
        {
            ["a"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Value()).ToArray()),
            ["b"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Value()).ToArray()),
            ["i"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Wide()).ToArray()),
            ["j"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => Wide()).ToArray()),
            ["k"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => random.Next(3) == 0 ? random.Next(-10, 10) : random.Next(int.MinValue, int.MaxValue)).ToArray()),
        };
        // The float64 values only make conditions: computed in float64 lanes at the int64 loop's width (two vectors of
        // them per int32 vector), their masks the loop's own.
        var (_, fast, reference) = FusedAndReference(expression, inputs);
        var names = NumExpr.GetVariableNames(expression);
        Assert.Equal(names.Contains("k") || !names.Contains("i") ? DType.Int32 : DType.Int64, fast.DType);
        if (fast.DType == DType.Int32)
        {
            Assert.Equal(reference.ToArray<int>(), fast.ToArray<int>());
        }
        else
        {
            Assert.Equal(reference.ToArray<long>(), fast.ToArray<long>());
        }
    }

    /// <summary>
    /// float32 functions run in the fused loop in float32 lanes (exp, expm1, log, log1p, log2) or on lanes widened to
    /// float64 and rounded back (sin, cos and the rest): the bits of the interpreter (which computes them the same way, on
    /// a part too short to be fused, its tail as one padded vector).
    /// </summary>
    [Theory]
    [InlineData("sin(f) + cos(g)")]
    [InlineData("sin(f) * cos(f)")]
    [InlineData("exp(f)")]
    [InlineData("tan(f) + g")]
    [InlineData("arctan2(f, g) * 2")]
    [InlineData("sinh(f) - expm1(g) + log10(g + 1)")]
    [InlineData("hypot(f, g)")]
    [InlineData("log(f) + log2(g)")]
    [InlineData("exp(f * 9) * log(g * 1e-30)")]
    [InlineData("expm1(f) - log1p(g * 3)")]
    [InlineData("tanh(f) + cosh(g)")]
    [InlineData("arcsin(f / 10) - arccos(g / 10) + arctan(f)")]
    [InlineData("arcsinh(f) + arccosh(g) - arctanh(f / 10)")]
    public void Float32FunctionsRunFusedAsTheInterpreterComputesThem(string expression)
    {
        var random = new Random(31);
        float Value() => random.Next(10) switch { 0 => float.NaN, 1 => 0f, 2 => -0f, 3 => float.PositiveInfinity, _ => (float)((random.NextDouble() * 20) - 10) };
        float[] f = [.. Enumerable.Range(0, Length).Select(_ => Value())], g = [.. Enumerable.Range(0, Length).Select(_ => Value())];
        var compiled = NumExpr.Compile(expression);
        var used = Named(expression, new Dictionary<string, NDArray> { ["f"] = NDArray.Wrap(f), ["g"] = NDArray.Wrap(g) });
        var (_, plan) = KernelCache.Get([compiled], used, null);
        FusedOrNoVectors.Check(plan!.Fused.Value);

        var fast = compiled.Evaluate(used, null).ToArray<float>();
        const int Short = 1000;
        var interpreted = compiled.Evaluate(used.ToDictionary(kv => kv.Key, kv => NDArray.Wrap(kv.Value.ToArray<float>()[..Short])), null).ToArray<float>();
        // Every NaN as one: IEEE 754 leaves a NaN result's sign and payload open, and which of two NaN operands an x86
        // instruction passes on depends on the operand order the JIT chose for that loop.
        static int Bits(float value) => float.IsNaN(value) ? BitConverter.SingleToInt32Bits(float.NaN) : BitConverter.SingleToInt32Bits(value);
        Assert.Equal(interpreted.Select(Bits), fast[..Short].Select(Bits));
    }

    /// <summary>
    /// int32 and float32 values computed in their own lanes and then converted into a float64 loop (`exp(f) * a`, an
    /// int32 remainder added to float64 values): the bits of the interpreter, which computes them the same way.
    /// </summary>
    [Theory]
    [InlineData("exp(f) * a")]
    [InlineData("sqrt(k * k + 1) * a - k % 3")]
    [InlineData("where(k > 3, a, 0.0) + k")]
    [InlineData("sin(f) * a + log(g * 2 + 5)")]
    [InlineData("exp(f) * a + (k // 7) * 0.5")]
    public void Int32AndFloat32ValuesComputedInTheirLanesRunInTheFloat64Loop(string expression)
    {
        var random = new Random(41);
        float Single() => random.Next(10) switch { 0 => float.NaN, 1 => -0f, 2 => float.PositiveInfinity, _ => (float)((random.NextDouble() * 20) - 10) };
        float[] f = [.. Enumerable.Range(0, Length).Select(_ => Single())], g = [.. Enumerable.Range(0, Length).Select(_ => Single())];
        int[] k = [.. Enumerable.Range(0, Length).Select(_ => random.Next(3) == 0 ? random.Next(-50, 50) : random.Next(int.MinValue, int.MaxValue))];
        double[] a = [.. Enumerable.Range(0, Length).Select(_ => (random.NextDouble() * 8) - 4)];
        const int Short = 1000;
        Dictionary<string, NDArray> Inputs(int length) => Named(expression, new Dictionary<string, NDArray>
        {
            ["f"] = NDArray.Wrap(f[..length]),
            ["g"] = NDArray.Wrap(g[..length]),
            ["k"] = NDArray.Wrap(k[..length]),
            ["a"] = NDArray.Wrap(a[..length]),
        });
        var used = Inputs(Length);
        var compiled = NumExpr.Compile(expression);
        var (_, plan) = KernelCache.Get([compiled], used, null);
        FusedOrNoVectors.Check(plan!.Fused.Value);

        var fast = compiled.Evaluate(used, null).ToArray<double>();
        var interpreted = compiled.Evaluate(Inputs(Short), null).ToArray<double>();
        Assert.Equal(interpreted.Select(Bits), fast[..Short].Select(Bits));
    }

    [Fact]
    public void GroupsAndBroadcastInputsRunFusedAndMatchSingleEvaluations()
    {
        var random = new Random(3);
        int nlat = 7, nr = 11, nlon = 1001;
        NDArray Field() => NDArray.Wrap(Enumerable.Range(0, nlat * nr * nlon).Select(_ => random.NextDouble() - 0.5).ToArray(), nlat, nr, nlon);
        var inputs = new Dictionary<string, object?>
        {
            ["lat"] = NDArray.Wrap(Enumerable.Range(0, nlat).Select(i => (i * 0.3) - 1).ToArray(), nlat, 1, 1),
            ["lon"] = NDArray.Wrap(Enumerable.Range(0, nlon).Select(k => k * 0.006).ToArray()),
            ["vlat"] = Field(),
            ["vlon"] = Field(),
            ["vrad"] = Field(),
        };
        string[] velocity =
        [
            "-sin(lon)*vlon - sin(lat)*cos(lon)*vlat + cos(lat)*cos(lon)*vrad",
            "cos(lon)*vlon - sin(lat)*sin(lon)*vlat + cos(lat)*sin(lon)*vrad",
            "cos(lat)*vlat + sin(lat)*vrad",
        ];
        var together = NumExpr.Evaluate(velocity, inputs);
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(NumExpr.Evaluate(velocity[k], inputs).ToArray<double>(), together[k].ToArray<double>());
        }
    }

    /// <summary>Broadcast inputs whose rows are shorter than a block (gathered, several rows per block) or just long enough for blocks of their own: every element exact.</summary>
    [Theory]
    [InlineData(100)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(1537)]
    public void BroadcastRowsOfAnyLengthGiveExactElements(int columns)
    {
        var random = new Random(columns);
        int rows = (200_000 / columns) + 1;
        double[] m = [.. Enumerable.Range(0, rows * columns).Select(_ => random.NextDouble())];
        double[] x = [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble())];
        double[] y = [.. Enumerable.Range(0, columns).Select(_ => random.NextDouble())];
        var result = NumExpr.Evaluate("m*x + y", new { m = NDArray.Wrap(m, rows, columns), x = NDArray.Wrap(x, rows, 1), y = NDArray.Wrap(y, columns) }).ToArray<double>();
        for (int k = 0; k < m.Length; k++)
        {
            if (result[k] != (m[k] * x[k / columns]) + y[k % columns])
            {
                Assert.Fail($"element {k} of {rows}x{columns}: {result[k]:R}, expected {(m[k] * x[k / columns]) + y[k % columns]:R}");
            }
        }
    }

    /// <summary>
    /// Inputs constant along rows (x of shape (R, 1), read one element per row by the fused loop) and rows that repeat (y
    /// of shape (C,), read from a tile at the row position), with rows of a vector's lanes or a few more at every width,
    /// rows that end inside vectors, an offset view, three axes (with an input constant along the last two), int64, int32
    /// and float32 lanes, and an output large enough to be streamed: every element exact.
    /// </summary>
    [Theory]
    [InlineData(2, 90_001)]
    [InlineData(3, 70_001)]
    [InlineData(4, 50_001)]
    [InlineData(5, 50_003)]
    [InlineData(8, 30_011)]
    [InlineData(9, 30_011)]
    [InlineData(17, 20_003)]
    [InlineData(100, 2_000)]
    [InlineData(100, 90_001)]
    [InlineData(333, 601)]
    [InlineData(1_000, 1_201)]
    public void InputsConstantAlongRowsAreReadOncePerRowExactly(int columns, int rows)
    {
        var random = new Random(columns + rows);
        double[] m = [.. Enumerable.Range(0, rows * columns).Select(_ => random.NextDouble())];
        double[] store = [.. Enumerable.Range(0, rows + 7).Select(_ => random.NextDouble() - 0.5)];
        double[] y = [.. Enumerable.Range(0, columns).Select(_ => random.NextDouble())];
        var x = NDArray.Strided(store, new Shape(rows, 1), [1, 1], offset: 7);
        var variables = new Dictionary<string, NDArray> { ["m"] = NDArray.Wrap(m, rows, columns), ["x"] = x, ["y"] = NDArray.Wrap(y, columns) };
        var sums = NumExpr.Evaluate("m*x + y", variables).ToArray<double>();
        var differences = NumExpr.Evaluate("x*2.5 - m*x", variables).ToArray<double>();
        var shifted = NumExpr.Evaluate("y - m", variables).ToArray<double>();
        var twoColumns = NumExpr.Evaluate("m*x - w", new Dictionary<string, NDArray>(variables) { ["w"] = NDArray.Strided(store, new Shape(rows, 1), [1, 1], offset: 3) }).ToArray<double>();
        for (int k = 0; k < m.Length; k++)
        {
            double row = store[7 + (k / columns)];
            Assert.True(twoColumns[k] == (m[k] * row) - store[3 + (k / columns)], $"m*x - w, element {k} of {rows}x{columns}: {twoColumns[k]:R}");
            if (sums[k] != (m[k] * row) + y[k % columns] || differences[k] != (row * 2.5) - (m[k] * row) || shifted[k] != y[k % columns] - m[k])
            {
                Assert.Fail($"element {k} of {rows}x{columns}: {sums[k]:R}, {differences[k]:R} and {shifted[k]:R}, expected {(m[k] * row) + y[k % columns]:R}, {(row * 2.5) - (m[k] * row):R} and {y[k % columns] - m[k]:R}");
            }
        }

        int half = rows / 2;
        long[] counts = [.. Enumerable.Range(0, 2 * half * columns).Select(k => (long)(k % 1009) - 500)];
        long[] steps = [.. Enumerable.Range(0, rows).Select(k => (long)k - 7)];
        long[] planes = [-3, 11];
        var products = NumExpr.Evaluate("c * s + t", new { c = NDArray.Wrap(counts, 2, half, columns), s = NDArray.Strided(steps, new Shape(2, half, 1), [half, 1, 1]), t = NDArray.Wrap(planes, 2, 1, 1) }).ToArray<long>();
        for (int k = 0; k < counts.Length; k++)
        {
            Assert.True(products[k] == (counts[k] * steps[k / columns]) + planes[k / (half * columns)], $"c * s + t, element {k}: {products[k]}");
        }

        int[] small = [.. Enumerable.Range(0, rows * columns).Select(k => (k % 1009) - 500)];
        float[] singles = [.. m.Select(v => (float)v)];
        float[] perRow = [.. store.Take(rows).Select(v => (float)v)];
        float[] pattern = [.. y.Select(v => (float)v)];
        var ints = NumExpr.Evaluate("i - j", new { i = NDArray.Wrap(small, rows, columns), j = NDArray.Wrap([.. steps.Take(rows).Select(v => (int)v)], rows, 1) }).ToArray<int>();
        var floats = NumExpr.Evaluate("f * g", new { f = NDArray.Wrap(singles, rows, columns), g = NDArray.Wrap(perRow, rows, 1) }).ToArray<float>();
        var repeated = NumExpr.Evaluate("f - h", new { f = NDArray.Wrap(singles, rows, columns), h = NDArray.Wrap(pattern, columns) }).ToArray<float>();
        for (int k = 0; k < small.Length; k++)
        {
            Assert.True(ints[k] == small[k] - (int)steps[k / columns], $"i - j, element {k}: {ints[k]}");
            Assert.True(floats[k] == singles[k] * perRow[k / columns], $"f * g, element {k}: {floats[k]}");
            Assert.True(repeated[k] == singles[k] - pattern[k % columns], $"f - h, element {k}: {repeated[k]}");
        }

        // bool masks along rows and repeating with them, read as masks of the loop's lanes (float64, int32).
        bool[] rowFlags = [.. Enumerable.Range(0, rows + 5).Select(_ => random.Next(2) == 0)];
        bool[] columnFlags = [.. Enumerable.Range(0, columns).Select(_ => random.Next(3) == 0)];
        var masks = new Dictionary<string, NDArray>(variables) { ["rm"] = NDArray.Strided(rowFlags, new Shape(rows, 1), [1, 1], offset: 5), ["cm"] = NDArray.Wrap(columnFlags) };
        var byRow = NumExpr.Evaluate("where(rm, m, y)", masks).ToArray<double>();
        var byBoth = NumExpr.Evaluate("where(cm & ~rm, m, -m)", masks).ToArray<double>();
        var intsByRow = NumExpr.Evaluate("where(rm, i, -i)", new Dictionary<string, NDArray> { ["rm"] = masks["rm"], ["i"] = NDArray.Wrap(small, rows, columns) }).ToArray<int>();
        for (int k = 0; k < m.Length; k++)
        {
            bool flag = rowFlags[5 + (k / columns)], column = columnFlags[k % columns];
            Assert.True(byRow[k] == (flag ? m[k] : y[k % columns]), $"where(rm, m, y), element {k}: {byRow[k]:R}");
            Assert.True(byBoth[k] == (column && !flag ? m[k] : -m[k]), $"where(cm & ~rm, m, -m), element {k}: {byBoth[k]:R}");
            Assert.True(intsByRow[k] == (flag ? small[k] : -small[k]), $"where(rm, i, -i), element {k}: {intsByRow[k]}");
        }
    }

    /// <summary>
    /// Views whose rows lie apart in their arrays (<c>m[:, :C]</c> of a wider array, rows of C elements a stride apart,
    /// read where they lie by the fused loop): rows of a 512-bit vector's lanes or a few more, rows ending inside vectors,
    /// gaps shorter and longer than a vector, a view starting inside its array's row, two such inputs of different strides
    /// sharing their row position with a repeating one and one constant along rows, three axes, int64, int32 and float32
    /// lanes, bool views as masks, and an output large enough to be streamed: every element exact, and explain says how
    /// they are read.
    /// </summary>
    [Theory]
    [InlineData(8, 9, 0, 30_011)]
    [InlineData(9, 16, 3, 30_011)]
    [InlineData(17, 20, 1, 20_003)]
    [InlineData(20, 100, 0, 9_001)]
    [InlineData(50, 100, 0, 4_001)]
    [InlineData(50, 100, 47, 9_001)]
    [InlineData(20, 24, 10, 5_003)]
    [InlineData(96, 100, 2, 2_003)]
    [InlineData(100, 200, 7, 90_001)]
    [InlineData(333, 1_000, 5, 601)]
    public void RowsApartInTheirArraysAreReadWhereTheyLieExactly(int columns, int rowStride, int first, int rows)
    {
        var random = new Random(columns + rowStride + rows);
        int length = first + ((rows - 1) * rowStride) + columns;
        double[] store = [.. Enumerable.Range(0, length).Select(_ => random.NextDouble() - 0.25)];
        double[] other = [.. Enumerable.Range(0, (rows * (rowStride + 3)) + 1).Select(_ => random.NextDouble())];
        double[] x = [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble())];
        double[] y = [.. Enumerable.Range(0, columns).Select(_ => random.NextDouble())];
        double At(int k) => store[first + ((k / columns) * rowStride) + (k % columns)];
        double OtherAt(int k) => other[1 + ((k / columns) * (rowStride + 3)) + (k % columns)];
        var variables = new Dictionary<string, NDArray>
        {
            ["v"] = NDArray.Strided(store, new Shape(rows, columns), [rowStride, 1], first),
            ["u"] = NDArray.Strided(other, new Shape(rows, columns), [rowStride + 3, 1], 1),
            ["x"] = NDArray.Wrap(x, rows, 1),
            ["y"] = NDArray.Wrap(y, columns),
        };
        var scaled = NumExpr.Evaluate("v*2 + 1", variables).ToArray<double>();
        var mixed = NumExpr.Evaluate("v*x + y - u", variables).ToArray<double>();
        for (int k = 0; k < rows * columns; k++)
        {
            double expected = (At(k) * x[k / columns]) + y[k % columns] - OtherAt(k);
            if (scaled[k] != (At(k) * 2) + 1 || mixed[k] != expected)
            {
                Assert.Fail($"element {k} of {rows}x{columns} (rows {rowStride} apart from {first}): {scaled[k]:R} and {mixed[k]:R}, expected {(At(k) * 2) + 1:R} and {expected:R}");
            }
        }

        // Three axes: two planes of rows, the rows of both one stride apart.
        int half = rows / 2;
        var planes = NumExpr.Evaluate("w - 0.5", new { w = NDArray.Strided(store, new Shape(2, half, columns), [half * rowStride, rowStride, 1], first) }).ToArray<double>();
        for (int k = 0; k < 2 * half * columns; k++)
        {
            Assert.True(planes[k] == At(k) - 0.5, $"w - 0.5, element {k}: {planes[k]:R}");
        }

        long[] counts = [.. store.Select(v => (long)(v * 1e6))];
        int[] small = [.. store.Select(v => (int)(v * 1e4))];
        float[] singles = [.. store.Select(v => (float)v)];
        var longs = NumExpr.Evaluate("c * 3 - 7", new { c = NDArray.Strided(counts, new Shape(rows, columns), [rowStride, 1], first) }).ToArray<long>();
        var ints = NumExpr.Evaluate("i * 3 - 7", new { i = NDArray.Strided(small, new Shape(rows, columns), [rowStride, 1], first) }).ToArray<int>();
        var floats = NumExpr.Evaluate("f * 3 - 7", new { f = NDArray.Strided(singles, new Shape(rows, columns), [rowStride, 1], first) }).ToArray<float>();
        for (int k = 0; k < rows * columns; k++)
        {
            int index = first + ((k / columns) * rowStride) + (k % columns);
            Assert.True(longs[k] == (counts[index] * 3) - 7, $"c * 3 - 7, element {k}: {longs[k]}");
            Assert.True(ints[k] == (small[index] * 3) - 7, $"i * 3 - 7, element {k}: {ints[k]}");
            Assert.True(floats[k] == (singles[index] * 3) - 7, $"f * 3 - 7, element {k}: {floats[k]}");
        }

        // bool views of the same layout, read as masks of float64, int32 and (bools alone) int32 lanes.
        bool[] flags = [.. store.Select(v => v > 0.25)];
        bool[] otherFlags = [.. other.Select(v => v > 0.5)];
        var masks = new Dictionary<string, NDArray>(variables)
        {
            ["bv"] = NDArray.Strided(flags, new Shape(rows, columns), [rowStride, 1], first),
            ["bu"] = NDArray.Strided(otherFlags, new Shape(rows, columns), [rowStride + 3, 1], 1),
            ["i"] = NDArray.Strided(small, new Shape(rows, columns), [rowStride, 1], first),
        };
        var chosen = NumExpr.Evaluate("where(bv, v, -u)", masks).ToArray<double>();
        var chosenInts = NumExpr.Evaluate("where(bv & ~bu, i, 0)", masks).ToArray<int>();
        var both = NumExpr.Evaluate("bv ^ bu", masks).ToArray<bool>();
        for (int k = 0; k < rows * columns; k++)
        {
            int index = first + ((k / columns) * rowStride) + (k % columns), otherIndex = 1 + ((k / columns) * (rowStride + 3)) + (k % columns);
            Assert.True(chosen[k] == (flags[index] ? At(k) : -OtherAt(k)), $"where(bv, v, -u), element {k}: {chosen[k]:R}");
            Assert.True(chosenInts[k] == (flags[index] && !otherFlags[otherIndex] ? small[index] : 0), $"where(bv & ~bu, i, 0), element {k}: {chosenInts[k]}");
            Assert.True(both[k] == (flags[index] ^ otherFlags[otherIndex]), $"bv ^ bu, element {k}: {both[k]}");
        }

        bool inPlace = FusedKernel.VectorBytes > 0 && (long)rows * columns >= SlowSeries.Execution.KernelExecutor.FusedThreshold;
        Assert.Equal(inPlace, NumExpr.Explain("v*x + y - u", variables).Contains($"input: v float64 ({rows}, {columns}) strided ({rowStride}, 1), rows read in place where they lie in its array", StringComparison.Ordinal));
        Assert.Equal(inPlace && columns >= 16, NumExpr.Explain("where(bv & ~bu, i, 0)", masks).Contains($"input: bv bool ({rows}, {columns}) strided ({rowStride}, 1), rows read in place where they lie in its array", StringComparison.Ordinal));
    }

    /// <summary>
    /// The interior of a three-dimensional array (<c>u[1:-1, 1:-1, 1:-1]</c>: rows a row apart, planes of rows a plane
    /// apart), and that interior shifted along each axis, as a heat-equation stencil reads it: read where they lie by the
    /// fused loop (or gathered, where rows are shorter than 64 bytes), every element exact against the same arithmetic in
    /// C#, a bool interior as masks, an int32 one, and each row's maximum and sum equal to that of a contiguous copy.
    /// </summary>
    [Theory]
    [InlineData(70, 50, 30)]
    [InlineData(12, 100, 100)]
    [InlineData(30, 300, 11)]
    [InlineData(5, 7, 20_000)]
    [InlineData(300, 30, 10)]
    [InlineData(300, 40, 5)]
    [InlineData(200, 60, 4)]
    public void InteriorsOfThreeDimensionalArraysAreReadWhereTheyLieExactly(int planes, int rows, int columns)
    {
        var random = new Random(planes + rows + columns);
        double[] field = [.. Enumerable.Range(0, planes * rows * columns).Select(_ => random.NextDouble())];
        var shape = new Shape(planes - 2, rows - 2, columns - 2);
        long[] strides = [rows * columns, columns, 1];
        int Index(int k, int dp, int dr, int dc)
        {
            int c = k % (columns - 2), r = k / (columns - 2) % (rows - 2), p = k / ((columns - 2) * (rows - 2));
            return ((p + 1 + dp) * rows * columns) + ((r + 1 + dr) * columns) + c + 1 + dc;
        }

        NDArray Interior<T>(T[] values, int dp, int dr, int dc) => NDArray.Strided(values, shape, strides, ((1 + dp) * rows * columns) + ((1 + dr) * columns) + 1 + dc);
        var variables = new Dictionary<string, NDArray>
        {
            ["u"] = Interior(field, 0, 0, 0),
            ["n"] = Interior(field, 0, -1, 0),
            ["s"] = Interior(field, 0, 1, 0),
            ["w"] = Interior(field, 0, 0, -1),
            ["e"] = Interior(field, 0, 0, 1),
            ["d"] = Interior(field, -1, 0, 0),
            ["t"] = Interior(field, 1, 0, 0),
        };
        var laplacian = NumExpr.Evaluate("n + s + w + e + d + t - 6*u", variables).ToArray<double>();
        var scaled = NumExpr.Evaluate("u*2 + 1", variables).ToArray<double>();
        for (int k = 0; k < shape.Size; k++)
        {
            double expected = field[Index(k, 0, -1, 0)] + field[Index(k, 0, 1, 0)] + field[Index(k, 0, 0, -1)] + field[Index(k, 0, 0, 1)] + field[Index(k, -1, 0, 0)] + field[Index(k, 1, 0, 0)] - (6 * field[Index(k, 0, 0, 0)]);
            if (laplacian[k] != expected || scaled[k] != (field[Index(k, 0, 0, 0)] * 2) + 1)
            {
                Assert.Fail($"element {k} of {shape}: {laplacian[k]:R} and {scaled[k]:R}, expected {expected:R} and {(field[Index(k, 0, 0, 0)] * 2) + 1:R}");
            }
        }

        bool[] flags = [.. field.Select(v => v > 0.5)];
        int[] counts = [.. field.Select(v => (int)(v * 1000))];
        var masked = NumExpr.Evaluate("where(q, u, -e)", new Dictionary<string, NDArray>(variables) { ["q"] = Interior(flags, 0, 0, 0) }).ToArray<double>();
        var ints = NumExpr.Evaluate("i * 3 - j", new { i = Interior(counts, 0, 0, 0), j = Interior(counts, 1, 0, 0) }).ToArray<int>();
        for (int k = 0; k < shape.Size; k++)
        {
            Assert.True(masked[k] == (flags[Index(k, 0, 0, 0)] ? field[Index(k, 0, 0, 0)] : -field[Index(k, 0, 0, 1)]), $"where(q, u, -e), element {k}: {masked[k]:R}");
            Assert.True(ints[k] == (counts[Index(k, 0, 0, 0)] * 3) - counts[Index(k, 1, 0, 0)], $"i * 3 - j, element {k}: {ints[k]}");
        }

        double[] copy = [.. Enumerable.Range(0, (int)shape.Size).Select(k => field[Index(k, 0, 0, 0)])];
        var rowMaxima = NumExpr.Evaluate("max(u, axis=2)", variables).ToArray<double>();
        Assert.Equal(NumExpr.Evaluate("max(c, axis=2)", new { c = NDArray.Wrap(copy, planes - 2, rows - 2, columns - 2) }).ToArray<double>(), rowMaxima);
        var rowSums = NumExpr.Evaluate("sum(u, axis=2)", variables).ToArray<double>();
        Assert.Equal(NumExpr.Evaluate("sum(c, axis=2)", new { c = NDArray.Wrap(copy, planes - 2, rows - 2, columns - 2) }).ToArray<double>().Select(BitConverter.DoubleToInt64Bits), rowSums.Select(BitConverter.DoubleToInt64Bits));

        // Rows shorter than 64 bytes are gathered (row after row, in their planes) rather than read in place.
        bool inPlace = FusedKernel.VectorBytes > 0 && columns - 2 >= 8;
        Assert.Equal(inPlace, NumExpr.Explain("n + s + w + e + d + t - 6*u", variables).Contains($"input: d float64 {shape} strided ({rows * columns}, {columns}, 1), rows read in place where they lie in its array", StringComparison.Ordinal));
    }

    /// <summary>Repeating broadcast inputs of several axes and every width of element, laid out once as tiles: exact.</summary>
    [Fact]
    public void RepeatingPatternsOfSeveralAxesAreReadExactly()
    {
        const int Rows = 40_000;
        long[] cube = [.. Enumerable.Range(0, Rows * 21).Select(k => (long)k)];
        long[] pattern = [.. Enumerable.Range(0, 21).Select(k => (long)(k * k) - 50)];
        int[] row = [.. Enumerable.Range(0, 7).Select(k => (k * 3) - 9)];
        var sums = NumExpr.Evaluate("c * 3 + p", new { c = NDArray.Wrap(cube, Rows, 3, 7), p = NDArray.Wrap(pattern, 3, 7) }).ToArray<long>();
        var scaled = NumExpr.Evaluate("c * r", new { c = NDArray.Wrap(cube, Rows, 3, 7), r = NDArray.Wrap(row) }).ToArray<long>();
        for (int k = 0; k < cube.Length; k++)
        {
            Assert.True(sums[k] == (cube[k] * 3) + pattern[k % 21], $"c * 3 + p, element {k}: {sums[k]}");
            Assert.True(scaled[k] == cube[k] * row[k % 7], $"c * r, element {k}: {scaled[k]}");
        }
    }
    /// <summary>
    /// Inputs of one element (a scalar variable, a shape-(1,) array, one element in the middle of another array, a
    /// hoisted part of size one) are broadcast into registers by the fused loop: element-wise results, a sum and axis
    /// reductions have the bits of the same expression with the values written as constants, and agree with the
    /// reference evaluator (element-wise within the ulps of our functions, sums within their rounding), the last partial
    /// vector included.
    /// </summary>
    [Fact]
    public void OneElementInputsAreBroadcastInRegistersAsConstantsAre()
    {
        var random = new Random(11);
        double[] store = [.. Enumerable.Range(0, 9).Select(_ => random.NextDouble() + 0.5)];
        string inner = store[6].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var variables = new Dictionary<string, NDArray>
        {
            ["a"] = NDArray.Wrap([.. Enumerable.Range(0, Length).Select(_ => (random.NextDouble() * 8) - 4)]),
            ["m"] = NDArray.Wrap([.. Enumerable.Range(0, Length - 3).Select(_ => random.NextDouble())], (Length - 3) / 10, 10),
            ["s"] = NDArray.FromScalar(Scalar.FromFloat64(1.75)),
            ["one"] = NDArray.Wrap([0.375]),
            ["inner"] = NDArray.Strided(store, new Shape(1), [1], offset: 6),
            ["k"] = NDArray.FromScalar(Scalar.FromInt64(3)),
            ["twoPi"] = NDArray.FromScalar(Scalar.FromFloat64(2 * Math.PI)),
        };
        (string Expression, string Constants, double Ulps)[] cases =
        [
            ("a * s + one", "a * 1.75 + 0.375", 0),
            ("a * k + s", "a * 3 + 1.75", 0),
            ("sin(twoPi * a) + inner", $"sin(6.283185307179586 * a) + {inner}", 4),
            ("exp(s) * a - inner", $"5.754602676005731 * a - {inner}", 0),
            ("sum(a * s + one)", "sum(a * 1.75 + 0.375)", 1e-13),
            ("sum(m * inner, axis=0)", $"sum(m * {inner}, axis=0)", 1e-13),
            ("sum(m * s, axis=1)", "sum(m * 1.75, axis=1)", 1e-13),
        ];
        foreach (var (expression, constants, tolerance) in cases)
        {
            var compiled = NumExpr.Compile(expression);
            var fast = compiled.Evaluate(variables, null);
            var (_, plan) = KernelCache.Get([compiled], variables, null);
            Assert.True(plan!.UniformInputs != 0, $"{expression}: no input taken as one element");
            Assert.Equal(NumExpr.Compile(constants).Evaluate(variables, null).ToArray<double>(), fast.ToArray<double>());

            var reference = compiled.Evaluate(variables, null, reference: true);
            Assert.Equal(reference.Shape, fast.Shape);
            var pairs = fast.ToArray<double>().Zip(reference.ToArray<double>());
            double worst = expression.StartsWith("sum", StringComparison.Ordinal)
                ? pairs.Max(pair => Math.Abs(pair.First - pair.Second) / Math.Abs(pair.Second))
                : pairs.Max(pair => Agreement.UlpDistance(pair.First, pair.Second, DType.Float64));
            Assert.True(worst <= tolerance, $"{expression}: {worst} (ulps element-wise, relative error of sums) from the reference");
        }
    }
    /// <summary>
    /// The paired loop (two vectors per iteration, each function on both at once) gives the single loop's bits (the
    /// interpreter's, which the single loop's equal), compiled whether or not this CPU runs it: AMD does not at 512 bits,
    /// Intel does.
    /// </summary>
    [Theory]
    [InlineData("exp(log(a)) * 2")]
    [InlineData("tan(a) - b")]
    [InlineData("arctan(a) + expm1(b)")]
    [InlineData("sin(a)**2 + cos(a)**2")]
    [InlineData("cosh(a) * log1p(b)")]
    public void ThePairedLoopGivesTheSingleLoopsBits(string expression)
    {
        var random = new Random(61);
        const int Count = 4096;
        double[] a = [.. Enumerable.Range(0, Count).Select(_ => (random.NextDouble() * 6) - 1)], b = [.. Enumerable.Range(0, Count).Select(_ => (random.NextDouble() * 4) - 2)];
        var compiled = NumExpr.Compile(expression);
        var inputs = Named(expression, new Dictionary<string, NDArray> { ["a"] = NDArray.Wrap(a), ["b"] = NDArray.Wrap(b) });
        var plan = KernelCache.Get([compiled], inputs, null).Plan!;
        var paired = FusedKernel.CompilePaired(plan);
        if (FusedKernel.VectorBytes == 0)
        {
            Assert.Null(paired);
            return;
        }

        // The operands as the executor passes them: the inputs' arrays in the plan's order, then the result's.
        double[] Run(FusedKernel.Body<double> body)
        {
            var result = new double[Count];
            var arrays = plan.Inputs.Select(input => (Array)(input.Name == "a" ? a : b)).Append(result).ToArray();
            body(arrays, new int[arrays.Length], Count);
            return result;
        }

        var single = compiled.Evaluate(inputs, null).ToArray<double>();
        Assert.NotNull(paired);
        Assert.Equal(single.Select(Bits), Run(paired).Select(Bits));
    }

    /// <summary>
    /// A loop that pairs pays for runs one vector per iteration at first and two once it has run over 5e7 elements (its
    /// paired form compiled in the background, as .NET tiers up hot methods); one that does not pair stays as it is.
    /// </summary>
    [Fact]
    public void AHotLoopTakesItsPairedFormWithTheSameResults()
    {
        var a = Enumerable.Range(0, 1_000_003).Select(x => ((x % 1000) / 1000.0) + 0.1).ToArray();
        foreach (string expression in (string[])["exp(log(a)) * 2", "sqrt(a) * 2"])
        {
            var compiled = NumExpr.Compile(expression);
            var inputs = new Dictionary<string, NDArray> { ["a"] = NDArray.Wrap(a) };
            var plan = KernelCache.Get([compiled], inputs, null).Plan!;
            var before = compiled.Evaluate(inputs, null).ToArray<double>();
            if (plan.Fused.Value is not { } loop)
            {
                Assert.Equal(0, FusedKernel.VectorBytes); // no vector width: the interpreter runs
                continue;
            }

            Assert.False(FusedKernel.RunsPairs(loop));
            for (int k = 0; k < 60; k++)
            {
                compiled.Evaluate(inputs, null);
            }

            FusedKernel.WaitForPromotions();
            Assert.Equal(FusedKernel.PairsVectors(plan), FusedKernel.RunsPairs(loop));
            Assert.Equal(before, compiled.Evaluate(inputs, null).ToArray<double>());
        }
    }

    /// <summary>
    /// The fused loop (140,003 elements) and the block interpreter (the same elements in pieces below the fused loop's
    /// threshold) give the same bits for every kind of step the loop covers: which engine runs depends on the size and the
    /// machine, never the answer.
    /// </summary>
    [Theory]
    [InlineData("2*a + 3*b - a*b/c")]
    [InlineData("sqrt(a**2 + b**2) + abs(c)")]
    [InlineData("sin(a)**2 + cos(b) * tan(c)")]
    [InlineData("exp(-a*a) + log(b) + log10(b) + log1p(b) + expm1(c)")]
    [InlineData("sinh(c) + tanh(c) + arccosh(a + 1) + arctan2(a, c) + arcsin(c)")]
    [InlineData("where((a > 0.25) & (a < 0.75) | ~(c >= 0), sin(a), a*2)")]
    [InlineData("i*3 + j % 7 - i // 13 + ((i << 2) ^ j)")]
    [InlineData("k*2 + 1")]
    [InlineData("f*g + sqrt(f*f + g*g) + exp(f) + sin(f) + cos(g)")]
    [InlineData("where(a > b, a, c) * s - s")]
    [InlineData("exp(log(b)) * c")]
    [InlineData("tan(c) - a")]
    [InlineData("sin(c)**2 + cos(c)**2")]
    [InlineData("arctan(c) + arctanh(c)")]
    [InlineData("log1p(b) / expm1(c)")]
    public void TheFusedLoopAndTheInterpreterGiveTheSameBits(string expression)
    {
        const int Count = 140_003, Piece = 60_000;
        var t = Enumerable.Range(0, Count).ToArray();
        var all = new Dictionary<string, Array>
        {
            ["a"] = t.Select(x => ((x % 1000) / 1000.0) + 0.1).ToArray(),
            ["b"] = t.Select(x => ((7L * x % 1000) / 1000.0) + 0.2).ToArray(),
            ["c"] = t.Select(x => ((13L * x % 1000) / 1000.0) - 0.5).ToArray(),
            ["f"] = t.Select(x => (float)(((x % 1000) / 1000.0) + 0.1)).ToArray(),
            ["g"] = t.Select(x => (float)(((7L * x % 1000) / 1000.0) + 0.2)).ToArray(),
            ["i"] = t.Select(x => (long)(x % 10007)).ToArray(),
            ["j"] = t.Select(x => (3L * x % 101) + 1).ToArray(),
            ["k"] = t.Select(x => x % 10007).ToArray(),
        };
        var names = NumExpr.GetVariableNames(expression);
        NDArray Evaluate(int start, int length) => NumExpr.Evaluate(expression, names.ToDictionary(name => name, object? (name) =>
        {
            if (name == "s")
            {
                return 1.5;
            }

            var piece = Array.CreateInstance(all[name].GetType().GetElementType()!, length);
            Array.Copy(all[name], start, piece, 0, length);
            return NDArray.Wrap(piece);
        }));

        // A new loop runs one vector per iteration, and where pairs pay two once it is hot: both are checked.
        var first = Evaluate(0, Count);
        var compiled = NumExpr.Compile(expression);
        var plan = KernelCache.Get([compiled], names.ToDictionary(name => name, name => name == "s" ? NDArray.FromScalar(Scalar.FromFloat64(1.5)) : NDArray.Wrap(all[name])), null).Plan!;
        FusedOrNoVectors.Check(plan.Fused.Value);
        Assert.Equal(FusedKernel.PairsVectors(plan), FusedKernel.PromoteNow(plan.Fused.Value));
        var whole = Evaluate(0, Count);
        for (int start = 0; start < Count; start += Piece)
        {
            var piece = Evaluate(start, Math.Min(Piece, Count - start));
            for (int e = 0; e < piece.Size; e++)
            {
                Assert.True(Equals(whole.GetAt(start + e), piece.GetAt(e)), $"{expression}, element {start + e}: fused {whole.GetAt(start + e)}, interpreter {piece.GetAt(e)}");
                Assert.True(Equals(first.GetAt(start + e), piece.GetAt(e)), $"{expression}, element {start + e}: first fused {first.GetAt(start + e)}, interpreter {piece.GetAt(e)}");
            }
        }
    }
    /// <summary>
    /// A fused loop is compiled once per structure: the same expression on arrays of another length, or with other names,
    /// reuses it; another constant, another dtype or a scalar in place of an array gets a loop of its own; every result
    /// is right.
    /// </summary>
    [Fact]
    public void LoopsAreSharedByPlansOfTheSameStructureOnly()
    {
        Delegate? LoopOf(string expression, Dictionary<string, NDArray> inputs, Func<int, double> expected)
        {
            var compiled = NumExpr.Compile(expression);
            var result = compiled.Evaluate(inputs, null).ToArray<double>();
            for (int e = 0; e < result.Length; e++)
            {
                Assert.True(result[e] == expected(e), $"{expression}, element {e}: {result[e]:R}, expected {expected(e):R}");
            }

            return KernelCache.Get([compiled], inputs, null).Plan!.Fused.Value;
        }

        NDArray Ramp(int length, double scale) => NDArray.Wrap([.. Enumerable.Range(0, length).Select(k => k * scale)]);
        var first = LoopOf("a * 2.5 + b", new() { ["a"] = Ramp(70_001, 0.5), ["b"] = Ramp(70_001, 0.25) }, e => (e * 0.5 * 2.5) + (e * 0.25));
        var longer = LoopOf("a * 2.5 + b", new() { ["a"] = Ramp(90_001, 0.5), ["b"] = Ramp(90_001, 0.25) }, e => (e * 0.5 * 2.5) + (e * 0.25));
        var renamed = LoopOf("x * 2.5 + y", new() { ["x"] = Ramp(80_000, 0.5), ["y"] = Ramp(80_000, 0.25) }, e => (e * 0.5 * 2.5) + (e * 0.25));
        var otherConstant = LoopOf("a * 3.5 + b", new() { ["a"] = Ramp(70_001, 0.5), ["b"] = Ramp(70_001, 0.25) }, e => (e * 0.5 * 3.5) + (e * 0.25));
        var scalar = LoopOf("a * 2.5 + b", new() { ["a"] = Ramp(70_001, 0.5), ["b"] = NDArray.FromScalar(Scalar.FromFloat64(0.75)) }, e => (e * 0.5 * 2.5) + 0.75);
        if (FusedKernel.VectorBytes == 0)
        {
            Assert.All((Delegate?[])[first, longer, renamed, otherConstant, scalar], Assert.Null);
            return;
        }

        Assert.Same(first, longer);
        Assert.Same(first, renamed);
        Assert.NotSame(first, otherConstant);
        Assert.NotSame(first, scalar);
    }

    /// <summary>
    /// A process's first fused loop is compiled with the executor's methods that will run it (KernelPlan.CompileFirst): for
    /// every lane type, the loop's delegate gives the type those methods are compiled for, and they are found and compiled
    /// for it without error.
    /// </summary>
    [Theory]
    [InlineData("x * 2.5 + y", typeof(double))]
    [InlineData("f * 2.5 + g", typeof(float))]
    [InlineData("i * 3 + j", typeof(long))]
    [InlineData("k * 3 + l", typeof(int))]
    [InlineData("z * 2 + w", typeof(System.Numerics.Complex))]
    public void FirstRunIsPreparedForEveryLaneType(string expression, Type lane)
    {
        const int Count = 70_001;
        var inputs = new Dictionary<string, NDArray>
        {
            ["x"] = NDArray.Wrap(new double[Count]),
            ["y"] = NDArray.Wrap(new double[Count]),
            ["f"] = NDArray.Wrap(new float[Count]),
            ["g"] = NDArray.Wrap(new float[Count]),
            ["i"] = NDArray.Wrap(new long[Count]),
            ["j"] = NDArray.Wrap(new long[Count]),
            ["k"] = NDArray.Wrap(new int[Count]),
            ["l"] = NDArray.Wrap(new int[Count]),
            ["z"] = NDArray.Wrap(new System.Numerics.Complex[Count]),
            ["w"] = NDArray.Wrap(new System.Numerics.Complex[Count]),
        };
        var (_, plan) = KernelCache.Get([NumExpr.Compile(expression)], Named(expression, inputs), null);
        var loop = plan!.Fused.Value;
        FusedOrNoVectors.Check(loop);
        if (loop is null)
        {
            return;
        }

        Assert.Equal(lane, loop.GetType().GetGenericArguments()[0]);
        Assert.Null(Record.Exception(() => SlowSeries.Execution.KernelExecutor.PrepareFusedRun(loop)));
    }
}
