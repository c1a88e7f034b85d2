using System.Numerics;
using System.Runtime.Intrinsics;
using SlowSeries.Arrays;
using SlowSeries.Kernels;
using SlowSeries.Vectorization;
using Xunit.Abstractions;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// complex128 arithmetic, functions, parts, comparisons, where and casts run as typed span steps: the same bits as the
/// reference evaluator (they call the same function per element), special values included, and no element-by-element
/// fallback left in the plan but for constant powers other than whole ones below 100. exp runs on vectors of parts (<c>ComplexExponential</c>): each
/// finite part within 2 ulps of the reference's, infinite and NaN results exact; log likewise within 3 ulps.
/// </summary>
public class ComplexKernelTests(ITestOutputHelper output)
{
    /// <summary>Ulps of log's and exp's, per unit of 1 + |w·log z|, by which a complex power may differ from the reference's.</summary>
    private const double PowerUlps = 4;

    private static readonly Complex[] Specials =
    [
        Complex.Zero, new(-0.0, 0), new(0, -0.0), new(1e308, 1e308), new(1e-310, -1e-310), new(double.PositiveInfinity, 0), new(0, double.NegativeInfinity),
        new(double.NaN, 1), new(1, double.NaN), new(-2.5, 3.75), new(3, 4), new(-1, 0), new(0, 1), new(700, -1),
    ];

    public static TheoryData<string> Expressions =>
    [
        "z*w + z", "z/w - w", "z**w", "z**2.5", "z**-1.5", "z**0.5", "z**-0.75", "z**-3", "z**2", "z**3", "z**7 - w**2", "abs(z)**2", "-z", "abs(z)", "conj(z) * w", "z.real * w.imag", "real(z) + imag(w)", "sqrt(z)", "exp(z)", "log(z)",
        "log10(z)", "log1p(z)", "expm1(z)", "sin(z)", "cos(z)", "cos(w) * 2", "tan(z)", "arcsin(z)", "arccos(z)", "arctan(z)", "sinh(z)", "cosh(z)", "tanh(z)",
        "arcsinh(z)", "arccosh(z)", "arctanh(z)", "z == w", "z != w", "where(a > 0, z, w)", "z + a", "z * i", "a + 1j", "complex(a, z.imag)", "complex(i, a) * z", "complex(a, b) * z", "complex(b, a) + w",
    ];

    /// <summary>
    /// complex(re, im) of float64 inputs and constants runs in the fused loop (its parts interleaved in registers) with the
    /// reference's bits: signed zeros, NaN and infinities in either part pass unchanged.
    /// </summary>
    [Fact]
    public void ComplexOfFloatPartsRunsFusedWithTheReferencesBits()
    {
        double[] special = [-0.0, 0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -1e308];
        var random = new Random(17);
        double[] Values() => Enumerable.Range(0, 70_003).Select(_ => random.Next(3) == 0 ? special[random.Next(special.Length)] : (random.NextDouble() * 4) - 2).ToArray();
        var inputs = new Dictionary<string, NDArray>(StringComparer.Ordinal) { ["a"] = NDArray.Wrap(Values()), ["b"] = NDArray.Wrap(Values()) };
        static (long, long) Bits(Complex z) => (BitConverter.DoubleToInt64Bits(z.Real), BitConverter.DoubleToInt64Bits(z.Imaginary));

        // Float64 constants as parts too (broadcast as (x, +0) pairs; -0.0 kept).
        foreach (string expression in new[] { "complex(a, b) - complex(b, a) * 2", "complex(a, -0.0) * complex(0.5, b) + complex(b, 2.5)" })
        {
            var compiled = NumExpr.Compile(expression);
            var (_, plan) = SlowSeries.Kernels.KernelCache.Get([compiled], inputs, null);
            FusedOrNoVectors.Check(plan!.Fused.Value);
            var fast = compiled.Evaluate(inputs, null).ToArray<Complex>().Select(Bits);
            var reference = compiled.Evaluate(inputs, null, reference: true).ToArray<Complex>().Select(Bits);
            Assert.Equal(reference, fast);
        }
    }

    [Theory]
    [MemberData(nameof(Expressions))]
    public void KernelsGiveTheReferencesBits(string expression)
    {
        var random = new Random(expression.Length);
        int n = 20_011;
        var z = Enumerable.Range(0, n).Select(k => k < Specials.Length ? Specials[k] : new Complex((random.NextDouble() * 20) - 10, (random.NextDouble() * 20) - 10)).ToArray();
        var w = Enumerable.Range(0, n).Select(k => k < Specials.Length ? Specials[(k * 5) % Specials.Length] : new Complex((random.NextDouble() * 6) - 3, (random.NextDouble() * 6) - 3)).ToArray();
        var a = Enumerable.Range(0, n).Select(k => (random.NextDouble() * 4) - 2).ToArray();
        var i = Enumerable.Range(0, n).Select(k => (long)random.Next(-1000, 1000)).ToArray();
        double[] realSpecials = [-0.0, 0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -1e308];
        var b = Enumerable.Range(0, n).Select(k => k < realSpecials.Length ? realSpecials[k] : (random.NextDouble() * 4) - 2).ToArray();
        var inputs = new Dictionary<string, NDArray>(StringComparer.Ordinal)
        {
            ["z"] = NDArray.Wrap(z),
            ["w"] = NDArray.Wrap(w),
            ["a"] = NDArray.Wrap(a),
            ["i"] = NDArray.Wrap(i),
            ["b"] = NDArray.Wrap(b),
        };
        var used = inputs.Where(kv => NumExpr.GetVariableNames(expression).Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);

        Assert.DoesNotContain("element by element", NumExpr.Explain(expression, used), StringComparison.Ordinal);

        var fast = NumExpr.Compile(expression).Evaluate(used, null);
        var reference = NumExpr.Compile(expression).Evaluate(used, null, reference: true);
        Assert.Equal(reference.DType, fast.DType);
        // exp, log, sin, cos, tan and the hyperbolic functions run our vector exp, sin/cos, tan, log, log1p, hypot, atan2,
        // sinh and cosh (each within 1-2 ulps of System.Math's); exp(z)'s parts are exp(x)·cos(y) and exp(x)·sin(y), two
        // 1-ulp factors and a rounding; tan and tanh are quotients of three such factors' products and sums (measured:
        // 6 and 7 ulps at worst on these 20,011 elements).
        double ulps = expression switch { "exp(z)" => 3, "log(z)" => 3, "sin(z)" or "cos(z)" or "cos(w) * 2" or "sinh(z)" or "cosh(z)" => 4, "tan(z)" or "tanh(z)" => 8, "arcsin(z)" or "arccos(z)" or "arcsinh(z)" or "arccosh(z)" => 2, "arctan(z)" or "arctanh(z)" => 4, "log10(z)" or "log1p(z)" or "expm1(z)" => 4, _ => 0 };
        // Powers other than whole ones are exp(w·log z) (ComplexPower): log's and exp's errors, the first carried into the
        // result's logarithm as an absolute error of up to |w·log z| times it. Measured against the result's magnitude.
        double worstPower = 0, worstParts = 0;
        bool normwise = expression is "log1p(z)" or "expm1(z)";
        double? exponent = expression switch { "z**w" => null, "z**-1.5" => -1.5, "z**-0.75" => -0.75, _ => double.NaN };
        for (long k = 0; k < fast.Size; k++)
        {
            var (mine, theirs) = (fast.GetAt(k), reference.GetAt(k));
            bool same = mine.Equals(theirs) || (mine.ToString() == theirs.ToString());
            if (!same && (exponent is not { } c || !double.IsNaN(c)))
            {
                var power = exponent is { } real ? new Complex(real, 0) : w[k];
                double allowed = PowerUlps * (1 + Complex.Abs(power * Complex.Log(z[k])));
                double distance = Differential.Agreement.Distance(mine, theirs);
                worstPower = Math.Max(worstPower, distance / allowed);
                Assert.True(distance <= allowed, $"{expression} at {k}: {mine} vs the reference's {theirs}: {distance:G3} ulps of its magnitude > {allowed:G3}");
                continue;
            }

            // arctan and arctanh subtract two logarithms: a part that cancels keeps their absolute error, so those are
            // measured against the result's magnitude, as the differential tests measure every complex result.
            double parts = normwise ? Differential.Agreement.Distance(mine, theirs) : Math.Max(
                Differential.Agreement.UlpDistance(mine.Complex.Real, theirs.Complex.Real, DType.Float64),
                Differential.Agreement.UlpDistance(mine.Complex.Imaginary, theirs.Complex.Imaginary, DType.Float64));
            bool close = ulps > 0 && double.IsFinite(theirs.Complex.Real) && double.IsFinite(theirs.Complex.Imaginary) && parts <= ulps;
            worstParts = same ? worstParts : Math.Max(worstParts, parts);
            Assert.True(same || close, $"{expression} at {k}: {mine} vs the reference's {theirs}");
        }

        output.WriteLine(exponent is not { } constant || !double.IsNaN(constant)
            ? $"{expression}: worst distance {worstPower:F3} of the bound"
            : $"{expression}: worst part {worstParts:F1} ulps (bound {ulps})");
    }

    /// <summary>
    /// Plans of complex values (and float64 inputs cast to them), from the fused loop's size on: (re, im) pairs in float64
    /// lanes give the reference's bits, special values in every lane, partial last vectors, uniform scalars, an offset view
    /// and strided views (gathered into blocks) included.
    /// </summary>
    [Theory]
    [InlineData("z*w + z")]
    [InlineData("-z + w*(1+2j) - 3")]
    [InlineData("z**2 - conj(w)*2j")]
    [InlineData("z*q - w")]
    [InlineData("o*2 + z")]
    [InlineData("v*w - o")]
    [InlineData("z*a + w")]
    [InlineData("a - z*t")]
    [InlineData("z*r + a")]
    [InlineData("z/w + z")]
    [InlineData("(z - w) / (z + 1) * q")]
    [InlineData("abs(z) + w")]
    [InlineData("abs(z*w - o) * q")]
    [InlineData("abs(v) - a")]

    // float64 values computed in the loop, each number's in both lanes of its pair: parts, comparisons, where.
    [InlineData("where(z.real > 0.5, z, w)")]
    [InlineData("where((a > 0) & (z.imag < 1), z * a, w - t)")]
    [InlineData("where(a*a + r > 2, z, q) * 2")]
    [InlineData("complex(sqrt(abs(a)), z.real) / w")]
    [InlineData("z * (a * 2 - 1) + conj(w)")]
    [InlineData("where(~(w.imag >= t), complex(z.imag, a), o)")]
    public void FusedComplexLoopsGiveTheReferencesBits(string expression)
    {
        const int n = 70_003;
        var random = new Random(expression.Length);
        Complex Value(int k) => k % 89 < Specials.Length ? Specials[k % 89] : new Complex((random.NextDouble() * 20) - 10, (random.NextDouble() * 20) - 10);
        Complex[] Values(int count) => [.. Enumerable.Range(0, count).Select(Value)];
        var inputs = new Dictionary<string, NDArray>(StringComparer.Ordinal)
        {
            ["z"] = NDArray.Wrap(Values(n)),
            ["w"] = NDArray.Wrap(Values(n)),
            ["q"] = NDArray.FromScalar(Scalar.FromComplex(new Complex(-0.75, 2.5))),
            ["o"] = NDArray.Strided(Values(n + 3), new Shape(n), [1], offset: 3),
            ["v"] = NDArray.Strided(Values(2 * n), new Shape(n), [2], offset: 1),

            // float64 operands, cast to complex as (x, +0) pairs: contiguous, a uniform scalar, and every other element.
            ["a"] = NDArray.Wrap([.. Enumerable.Range(0, n).Select(k => k % 89 < Specials.Length ? Specials[k % 89].Real : (random.NextDouble() * 8) - 4)]),
            ["t"] = NDArray.FromScalar(Scalar.FromFloat64(-2.5)),
            ["r"] = NDArray.Strided(Enumerable.Range(0, 2 * n).Select(k => (random.NextDouble() * 8) - 4).ToArray(), new Shape(n), [2]),
        };
        var used = inputs.Where(kv => NumExpr.GetVariableNames(expression).Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var compiled = NumExpr.Compile(expression);
        var fast = compiled.Evaluate(used, null);
        var reference = compiled.Evaluate(used, null, reference: true);
        var (_, plan) = SlowSeries.Kernels.KernelCache.Get([compiled], used, null);
        FusedOrNoVectors.Check(plan!.Fused.Value);
        for (long k = 0; k < fast.Size; k++)
        {
            var (mine, theirs) = (fast.GetAt(k).Complex, reference.GetAt(k).Complex);
            Assert.True(SameBits(mine.Real, theirs.Real) && SameBits(mine.Imaginary, theirs.Imaginary), $"{expression} at {k}: {mine} vs the reference's {theirs}");
        }
    }

    /// <summary>Every pair of special values at every lane position, for the operators that run on whole vectors.</summary>
    [Theory]
    [InlineData("z / w")]
    [InlineData("z * w")]
    [InlineData("z + w")]
    [InlineData("z - w")]
    public void OperatorsGiveTheReferencesBitsForEveryPairOfSpecialValues(string expression)
    {
        Complex[] values = [.. Specials, new(2, 1e-300), new(1e-300, 2), new(-3, -3), new(5e-324, 0), new(0, -5e-324)];
        var pairs = (from first in values from second in values select (first, second)).ToList();
        // Offsets 0..3 put each pair in every lane of a 512-bit vector of four complex numbers.
        for (int offset = 0; offset < 4; offset++)
        {
            var z = NDArray.Wrap([.. Enumerable.Repeat(Complex.One, offset).Concat(pairs.Select(p => p.first))]);
            var w = NDArray.Wrap([.. Enumerable.Repeat(Complex.One, offset).Concat(pairs.Select(p => p.second))]);
            var inputs = new Dictionary<string, NDArray>(StringComparer.Ordinal) { ["z"] = z, ["w"] = w };
            var fast = NumExpr.Compile(expression).Evaluate(inputs, null);
            var reference = NumExpr.Compile(expression).Evaluate(inputs, null, reference: true);
            for (long k = 0; k < fast.Size; k++)
            {
                var (mine, theirs) = (fast.GetAt(k).Complex, reference.GetAt(k).Complex);
                Assert.True(SameBits(mine.Real, theirs.Real) && SameBits(mine.Imaginary, theirs.Imaginary), $"{expression} at {k} (offset {offset}): {mine} vs the reference's {theirs}");
            }
        }
    }

    /// <summary>
    /// The paired quotients the loops narrower than 512 bits run (two vectors' numbers sharing each division) give the
    /// scalar function's bits for every pair of special values in every lane, whatever this process's width (the fused
    /// loop's pairs are checked at that width by the tests above, here the forms themselves, and the span loop).
    /// </summary>
    [Fact]
    public void PairedQuotientsGiveTheScalarFunctionsBits()
    {
        Complex[] values = [.. Specials, new(2, 1e-300), new(1e-300, 2), new(-3, -3), new(5e-324, 0), new(0, -5e-324), new(-0.0, -0.0), new(double.NegativeInfinity, double.PositiveInfinity), new(double.NaN, 0), new(-0.0, double.NaN)];
        var random = new Random(23);
        var pairs = (from first in values from second in values select (first, second))
            .Concat(Enumerable.Range(0, 2_000).Select(_ => (first: new Complex(random.NextDouble() - 0.5, random.NextDouble() * 1e10), second: new Complex(random.NextDouble() * 1e-5, random.NextDouble() - 0.5))))
            .ToList();
        var expected = pairs.Select(pair => SlowSeries.Language.Semantics.ScalarSemantics.ComplexValue(SlowSeries.Language.Operators.Operation.TrueDivide, pair.first, pair.second)).ToArray();
        double[] Parts(IEnumerable<Complex> numbers) => [.. numbers.SelectMany(number => new[] { number.Real, number.Imaginary })];
        var (x, y) = (Parts(pairs.Select(pair => pair.first)), Parts(pairs.Select(pair => pair.second)));
        // Every number at each position of a 256-bit and a 128-bit pair (k steps by two numbers).
        for (int k = 0; k + 8 <= x.Length; k += 4)
        {
            CheckPair<VectorWidth256, Vector256<double>, Vector256<long>>(k, "256-bit");
            CheckPair<VectorWidth128, Vector128<double>, Vector128<long>>(k, "128-bit");
        }

        void CheckPair<W, TDouble, TLong>(int k, string width)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            var quotients = ComplexDivision.QuotientPair<W, TDouble, TLong>(
                new VectorPair<TDouble> { Low = W.LoadUnsafe(in x[k]), High = W.LoadUnsafe(in x[k + W.Count]) },
                new VectorPair<TDouble> { Low = W.LoadUnsafe(in y[k]), High = W.LoadUnsafe(in y[k + W.Count]) });
            var results = new double[2 * W.Count];
            W.StoreUnsafe(quotients.Low, ref results[0]);
            W.StoreUnsafe(quotients.High, ref results[W.Count]);
            for (int j = k; j < k + (2 * W.Count); j++)
            {
                Assert.True(SameBits(results[j - k], j % 2 == 0 ? expected[j / 2].Real : expected[j / 2].Imaginary), $"{width} pair at {j / 2}: {pairs[j / 2].first} / {pairs[j / 2].second}");
            }
        }

        // The span loop (pairs, then the scalar function for the last numbers), in place over its dividend as well.
        foreach (int count in new[] { pairs.Count, pairs.Count - 1, pairs.Count - 3, 1 })
        {
            var dividends = pairs.Take(count).Select(pair => pair.first).ToArray();
            ComplexDivision.Divide(dividends, [.. pairs.Take(count).Select(pair => pair.second)], dividends);
            for (int k = 0; k < count; k++)
            {
                Assert.True(SameBits(dividends[k].Real, expected[k].Real) && SameBits(dividends[k].Imaginary, expected[k].Imaginary), $"span loop ({count}) at {k}: {pairs[k].first} / {pairs[k].second}");
            }
        }
    }

    /// <summary>
    /// sqrt on vectors of parts (<c>ComplexSquareRoot</c>): the reference's bits for parts of every magnitude — the range
    /// the vectors take, zeros of both signs, and the subnormal, huge and non-finite parts the scalar function takes — at
    /// every lane position; and the reference is right: exact where the root is exact, on the principal branch (real
    /// part ≥ 0, the imaginary part with y's sign), and its square within 3 ulps of |z| of z.
    /// </summary>
    [Fact]
    public void SquareRootsOfEveryMagnitudeGiveTheReferencesBitsAndSquareBack()
    {
        var random = new Random(5);
        double Part()
        {
            int kind = random.Next(12);
            double sign = random.Next(2) == 0 ? -1 : 1;
            return kind switch
            {
                0 => sign * 0.0,
                1 => sign * double.Epsilon * random.Next(1, 1 << 20),
                2 => sign * double.MaxValue * random.NextDouble(),
                _ => sign * random.NextDouble() * Math.Pow(2, random.Next(-1074, 1023)),
            };
        }

        Complex[] values = [.. Specials, .. Enumerable.Range(0, 40_000).Select(_ => new Complex(Part(), Part()))];
        for (int offset = 0; offset < 8; offset++)
        {
            var z = NDArray.Wrap([.. Enumerable.Repeat(Complex.One, offset).Concat(values)]);
            var inputs = new Dictionary<string, NDArray>(StringComparer.Ordinal) { ["z"] = z };
            var fast = NumExpr.Compile("sqrt(z)").Evaluate(inputs, null);
            var reference = NumExpr.Compile("sqrt(z)").Evaluate(inputs, null, reference: true);
            for (long k = 0; k < fast.Size; k++)
            {
                var (mine, theirs) = (fast.GetAt(k).Complex, reference.GetAt(k).Complex);
                Assert.True(SameBits(mine.Real, theirs.Real) && SameBits(mine.Imaginary, theirs.Imaginary), $"sqrt at {k} (offset {offset}) of {z.GetAt(k).Complex}: {mine} vs the reference's {theirs}");
            }
        }

        (Complex Z, Complex Root)[] exact = [(new(3, 4), new(2, 1)), (new(-4, -0.0), new(0, -2)), (new(-4, 0), new(0, 2)), (new(0, -0.0), new(0, -0.0)), (new(0, 2), new(1, 1)), (new(-3, -4), new(1, -2)), (new(1e300, 0), new(1e150, 0))];
        var roots = NumExpr.Compile("sqrt(z)").Evaluate(new Dictionary<string, NDArray> { ["z"] = NDArray.Wrap([.. exact.Select(e => e.Z)]) }, null, reference: true);
        for (int k = 0; k < exact.Length; k++)
        {
            var root = roots.GetAt(k).Complex;
            Assert.True(SameBits(root.Real, exact[k].Root.Real) && SameBits(root.Imaginary, exact[k].Root.Imaginary), $"sqrt{exact[k].Z} = {root}, not {exact[k].Root}");
        }

        var principal = NumExpr.Compile("sqrt(z)").Evaluate(new Dictionary<string, NDArray> { ["z"] = NDArray.Wrap(values) }, null, reference: true);
        double worst = 0;
        for (int k = 0; k < values.Length; k++)
        {
            var (value, root) = (values[k], principal.GetAt(k).Complex);
            if (!double.IsFinite(value.Real) || !double.IsFinite(value.Imaginary) || Complex.Abs(value) is < 1e-290 or > 1e290)
            {
                continue;
            }

            Assert.True(root.Real >= 0 && double.IsNegative(root.Imaginary) == double.IsNegative(value.Imaginary), $"sqrt{value} = {root}: not the principal branch");
            worst = Math.Max(worst, Complex.Abs((root * root) - value) / Complex.Abs(value) / Math.Pow(2, -52));
        }

        Assert.True(worst <= 3, $"a root squares back to within {worst:F2} ulps of |z|");
    }

    /// <summary>
    /// log near the unit circle, where ln|z| is tiny and log(hypot(x, y)) keeps few digits: the real part within 4 ulps of
    /// ½·log1p(d) for d = x² + y² − 1 computed exactly (big integers), on the vectors and in the reference; and every part
    /// of the vectors' results within 3 ulps of the reference's.
    /// </summary>
    [Fact]
    public void LogarithmsNearTheUnitCircleKeepTheirDigits()
    {
        var random = new Random(9);
        var values = Enumerable.Range(0, 5_000).Select(_ =>
        {
            double angle = random.NextDouble() * 2 * Math.PI, radius = 1 + ((random.NextDouble() - 0.5) * Math.Pow(10, -random.Next(6, 20)));
            return new Complex(radius * Math.Cos(angle), radius * Math.Sin(angle));
        }).ToArray();
        var inputs = new Dictionary<string, NDArray>(StringComparer.Ordinal) { ["z"] = NDArray.Wrap(values) };
        var fast = NumExpr.Compile("log(z)").Evaluate(inputs, null);
        var reference = NumExpr.Compile("log(z)").Evaluate(inputs, null, reference: true);
        for (int k = 0; k < values.Length; k++)
        {
            double d = ExactSquaresMinusOne(values[k].Real, values[k].Imaginary);
            double expected = 0.5 * (d - (d * d / 2) + (d * d * d / 3) - (d * d * d * d / 4));
            var (mine, theirs) = (fast.GetAt(k).Complex, reference.GetAt(k).Complex);
            Assert.True(Differential.Agreement.UlpDistance(theirs.Real, expected, DType.Float64) <= 4, $"log{values[k]}: the reference's real part {theirs.Real:R}, expected {expected:R}");
            Assert.True(Differential.Agreement.UlpDistance(mine.Real, expected, DType.Float64) <= 4, $"log{values[k]}: the real part {mine.Real:R}, expected {expected:R}");
            Assert.True(Differential.Agreement.UlpDistance(mine.Imaginary, theirs.Imaginary, DType.Float64) <= 3, $"log{values[k]}: the imaginary part {mine.Imaginary:R}, the reference's {theirs.Imaginary:R}");
        }
    }

    /// <summary>x² + y² − 1 rounded once, from the exact value in big integers.</summary>
    private static double ExactSquaresMinusOne(double x, double y)
    {
        // A finite double is m·2^(e − 1075) with integer m: v·2^1074 is an integer, and so is every term at the scale 2^(2·1074).
        static BigInteger Scaled(double v)
        {
            long bits = BitConverter.DoubleToInt64Bits(Math.Abs(v));
            long exponent = bits >> 52, mantissa = bits & ((1L << 52) - 1);
            return exponent == 0 ? mantissa : new BigInteger(mantissa | (1L << 52)) << (int)(exponent - 1);
        }

        var exact = (Scaled(x) * Scaled(x)) + (Scaled(y) * Scaled(y)) - (BigInteger.One << (2 * 1074));
        int shift = Math.Max(0, (int)exact.GetBitLength() - 60);
        return Math.ScaleB((double)(exact >> shift), shift - (2 * 1074));
    }

    private static bool SameBits(double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y) || (double.IsNaN(x) && double.IsNaN(y));
}
