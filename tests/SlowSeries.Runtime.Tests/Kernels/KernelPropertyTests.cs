using CsCheck;
using SlowSeries.Arrays;
using SlowSeries.Language.Diagnostics;
using SlowSeries.Runtime.Tests.Differential;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// Random expressions over random dtypes and broadcastable shapes (zero-length, 0-d, strided, lengths around the
/// vector width, block and chunk sizes): the kernels must equal the reference evaluator.
/// </summary>
public class KernelPropertyTests
{
    private static readonly Shape[] Shapes =
    [
        new(0), new(1), new(7), new(8), new(9), new(1023), new(1025), new(16_387), new(3, 1025), new(2, 3, 7), new(5, 0, 3), new(2, 16_390),
    ];

    private static readonly string[] Variables = ["a", "b", "i", "l", "m"];

    /// <summary>Bound on |values| inside inexact cases: inputs reach 1e4 (l), exp of inputs 2.2e4.</summary>
    private const double LargestMagnitude = 3e4;

    private static readonly string[] ExactBinary = ["+", "-", "*", "<", "<=", "==", "!=", ">", ">=", "&", "|", "^", "//", "%", "<<", ">>"];

    private static readonly string[] ExactFunctions = ["-", "~", "abs", "copy", "ones_like", "ceil", "floor", "trunc", "isnan", "sign", "real"];

    private static readonly string[] FloatBinary = ["+", "-", "*", "/"];

    /// <summary>Well-conditioned on the inputs' range, applied to inputs only: errors stay near the functions' own ulps.</summary>
    private static readonly string[] FloatFunctions = ["sin", "cos", "exp", "log", "sqrt", "arctan", "log1p", "expm1", "tanh", "arcsinh", "abs"];

    [Fact]
    public void ExactOperationsAreBitForBitTheReference() =>
        Cases(exact: true, depth: 3).Sample(c => Agree(c, exact: true), iter: 400, threads: 1);

    [Fact]
    public void FloatingPointFunctionsAgreeWithTheReferenceWithinTheirAccuracy() =>
        Cases(exact: false, depth: 1).Sample(c => Agree(c, exact: false), iter: 300, threads: 1);

    [Fact]
    public void ReductionsGiveTheSameBitsForAnyThreadCount()
    {
        double[] x = Enumerable.Range(0, 1_000_003).Select(k => Math.Sin(k) * (k % 17)).ToArray();
        int original = NumExpr.GetNumThreads();
        try
        {
            var results = new[] { 1, 2, 4, 8 }.Select(threads =>
            {
                NumExpr.SetNumThreads(threads);
                return (NumExpr.Evaluate("sum(x * 1.5 + 1)", new { x }).Item<double>(), NumExpr.Evaluate("prod(1 + x * 1e-7)", new { x }).Item<double>());
            }).ToList();
            Assert.All(results, r => Assert.Equal(BitConverter.DoubleToInt64Bits(results[0].Item1), BitConverter.DoubleToInt64Bits(r.Item1)));
            Assert.All(results, r => Assert.Equal(BitConverter.DoubleToInt64Bits(results[0].Item2), BitConverter.DoubleToInt64Bits(r.Item2)));
        }
        finally
        {
            NumExpr.SetNumThreads(original);
        }
    }

    [Fact]
    public void ManyThreadsEvaluatingManyExpressionsAtOnceGetTheirOwnAnswers()
    {
        double[] x = Enumerable.Range(0, 50_000).Select(k => k * 0.001).ToArray();
        int failures = 0;
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            string expression = (k % 4) switch
            {
                0 => $"x * {k} + 1",
                1 => $"sum(x + {k})",
                2 => $"where(x > {k % 50}, x, {k})",
                _ => $"sin(x) ** 2 + cos(x) ** 2 + {k}",
            };
            var fast = NumExpr.Compile(expression).Evaluate(new { x });
            var reference = Reference(expression, new Dictionary<string, NDArray> { ["x"] = NDArray.Wrap(x) });
            if (Worst(fast, reference) > 64)
            {
                Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
    }

    /// <summary>Inexact cases stay shallow (one operator over function results): deeper random compositions find
    /// cancellations where any two correct implementations differ by more than their ulps.</summary>
    private static Gen<PropertyCase> Cases(bool exact, int depth) =>
        Gen.Select(Expression(depth, exact), Gen.Int[0, Shapes.Length - 1], Gen.Int[0, 1_000_000], Gen.Int[0, 255], (e, s, seed, layout) => new PropertyCase(e, s, seed, layout));

    private static Gen<string> Expression(int depth, bool exact)
    {
        var leaf = Gen.OneOfConst(Variables.Concat(exact ? ["2", "-3", "True", "7"] : ["0.5", "2", "1.5"]).ToArray());
        if (!exact)
        {
            var functionOfInput = Gen.Select(Gen.OneOfConst(FloatFunctions), Gen.OneOfConst("a", "b", "i", "l"), (f, x) => $"{f}({x})");
            var operand = Gen.Frequency((1, leaf), (2, functionOfInput));
            return depth == 0
                ? operand
                : Gen.Frequency((1, operand), (3, Gen.Select(Expression(depth - 1, exact), Gen.OneOfConst(FloatBinary), Expression(depth - 1, exact), (x, op, y) => $"({x} {op} {y})")));
        }

        if (depth == 0)
        {
            return leaf;
        }

        var inner = Expression(depth - 1, exact);
        var binary = Gen.Select(inner, Gen.OneOfConst(ExactBinary), inner, (x, op, y) => $"({x} {op} {y})");
        var unary = Gen.Select(Gen.OneOfConst(ExactFunctions), inner, (f, x) => $"{f}({x})");
        var where = Gen.Select(inner, inner, inner, (c, x, y) => $"where({c} > 1, {x}, {y})");
        var power = Gen.Select(inner, Gen.OneOfConst("2", "3", "0.5", "-1", "2.5"), (x, p) => $"({x}) ** {p}");
        return Gen.Frequency((3, leaf), (4, binary), (2, unary), (1, where), (1, power));
    }

    private static bool Agree(PropertyCase testCase, bool exact)
    {
        var inputs = Inputs(testCase);
        NDArray? reference;
        try
        {
            reference = Reference(testCase.Expression, inputs);
        }
        catch (ExpressionException expected)
        {
            var actual = Assert.ThrowsAny<ExpressionException>(() => NumExpr.Compile(testCase.Expression).Evaluate(inputs.ToDictionary(kv => kv.Key, kv => (object?)kv.Value)));
            Assert.Equal(expected.GetType(), actual.GetType());
            return true;
        }

        var fast = NumExpr.Compile(testCase.Expression).Evaluate(inputs.ToDictionary(kv => kv.Key, kv => (object?)kv.Value));
        Assert.Equal(reference.DType, fast.DType);
        Assert.Equal(reference.Shape, fast.Shape);
        // An inexact result is also accepted within 64 ulps of the largest magnitude in the computation (inputs up to
        // 1e4, exp up to 2.2e4): differences at that scale survive subtraction as large relative errors.
        bool float32 = testCase.Expression.Contains('b', StringComparison.Ordinal) || fast.DType == DType.Float32;
        double worst = Worst(fast, reference, 64 * LargestMagnitude * (float32 ? Math.Pow(2, -23) : Math.Pow(2, -52)));
        // Inexact: TensorPrimitives' functions are a few ulps from System.Math's, and operations after them carry that
        // on; float32 intermediates (variable b) carry float32's precision into float64 results.
        double limit = exact ? 0
            : fast.DType == DType.Float32 ? 64
            : testCase.Expression.Contains('b', StringComparison.Ordinal) ? 64 * Math.Pow(2, 29) : 64;
        Assert.True(worst <= limit, $"{testCase}: {worst} ulps (limit {limit})");
        return true;
    }

    /// <summary>Largest distance in ulps; an absolute difference below <paramref name="absolute"/> counts as agreement for inexact results.</summary>
    private static double Worst(NDArray fast, NDArray reference, double absolute = 0)
    {
        double worst = 0;
        using var theirs = reference.Offsets().GetEnumerator();
        foreach (long offset in fast.Offsets())
        {
            theirs.MoveNext();
            Scalar mine = fast.GetAt(offset), expected = reference.GetAt(theirs.Current);
            double distance = Agreement.Distance(mine, expected);
            if (distance > 0 && mine.Type is DType.Float32 or DType.Float64 && Math.Abs(mine.Real - expected.Real) <= absolute)
            {
                continue;
            }

            worst = Math.Max(worst, distance);
        }

        return worst;
    }

    private static NDArray Reference(string expression, IReadOnlyDictionary<string, NDArray> inputs) =>
        NumExpr.Compile(expression).Evaluate(inputs, null, reference: true);

    /// <summary>Each variable: the full shape, a broadcast (size-1 or missing axes), a strided view, or a 0-d scalar.</summary>
    private static Dictionary<string, NDArray> Inputs(PropertyCase testCase)
    {
        var random = new Random(testCase.Seed);
        var shape = Shapes[testCase.Shape];
        var inputs = new Dictionary<string, NDArray>(StringComparer.Ordinal);
        for (int v = 0; v < Variables.Length; v++)
        {
            int layout = (testCase.Layout >> (v % 4 * 2)) & 3;
            Shape own = layout == 1 && shape.Rank > 0
                ? new Shape(shape.Dimensions.Skip(1).Select((d, k) => k % 2 == 0 ? d : 1).ToArray())
                : layout == 3 ? Shape.Scalar : shape;
            int stride = layout == 2 ? 2 : 1;
            long size = own.Size * stride;
            DType type = Variables[v] switch { "a" => DType.Float64, "b" => DType.Float32, "i" => DType.Int32, "l" => DType.Int64, _ => DType.Bool };
            var storage = NDArray.Zeros(type, new Shape((int)Math.Max(1, size)));
            for (long k = 0; k < storage.Size; k++)
            {
                double value = Math.Round((random.NextDouble() * 20) - 10, 2);
                storage.SetAt(k, type switch
                {
                    DType.Float64 => Scalar.FromFloat64(k % 97 == 5 ? double.NaN : value),
                    DType.Float32 => Scalar.FromFloat32((float)value),
                    DType.Int32 => Scalar.FromInt32((int)value),
                    DType.Int64 => Scalar.FromInt64((long)(value * 1000)),
                    _ => Scalar.FromBool(value > 0),
                });
            }

            var strides = NDArray.ContiguousStrides(own).Select(s => s * stride).ToArray();
            inputs[Variables[v]] = storage.View(own, strides, 0);
        }

        return inputs;
    }

    private sealed record PropertyCase(string Expression, int Shape, int Seed, int Layout)
    {
        public override string ToString() => $"'{Expression}' on shape {Shapes[Shape]}, seed {Seed}, layout {Layout}";
    }
}
