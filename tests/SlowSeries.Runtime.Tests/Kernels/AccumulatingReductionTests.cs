using SlowSeries.Arrays;
using SlowSeries.Execution;
using SlowSeries.Kernels;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Semantics;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// Whole reductions whose loop keeps the fixed layout's partials in vector registers (FusedKernel.TryCompileAccumulating):
/// the same bits as computing the operand element-wise and folding it block by block in chunk order, for every dtype the
/// loop takes, each reduction, operands with and without functions (whose loop rotates its accumulators), lengths whose
/// blocks end inside a group of partials, and any thread count.
/// </summary>
public class AccumulatingReductionTests
{
    public static TheoryData<string, string, int> Cases()
    {
        var cases = new TheoryData<string, string, int>();
        foreach (string reduction in new[] { "sum", "prod", "min", "max" })
        {
            foreach (string operand in new[] { "a*b - c", "f*g + h", "i*3 - j", "k + l - 7", "exp(a*1e-3) - b", "sin(f) * g" })
            {
                foreach (int length in new[] { 200_003, 65_536 + (32 * 5), 70_001 })
                {
                    cases.Add(reduction, operand, length);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheRegisterLoopGivesTheBitsOfTheBlockwiseFold(string reduction, string operand, int length)
    {
        var inputs = Inputs(length, reduction == "prod");
        var compiled = NumExpr.Compile($"{reduction}({operand})");
        var (_, plan) = KernelCache.Get([compiled], inputs, null);
        // Transcendental operands fold in registers only with 512-bit vectors (the accumulators rotate; see
        // FusedKernel.RotatesAccumulators); narrower, they are stored into the block and folded from there.
        bool transcendental = operand.Contains('(', StringComparison.Ordinal);
        Assert.Equal(plan!.Fused.Value is not null && (!transcendental || FusedKernel.VectorBytes == 64), plan.FusedAccumulating.Value is not null);
        if (operand == "a*b - c")
        {
            FusedOrNoVectors.Check(plan.FusedAccumulating.Value);
        }

        var elements = NumExpr.Compile(operand).Evaluate(inputs, null);
        var expected = BlockwiseFold(OperationOf(reduction), elements);
        int original = NumExpr.GetNumThreads();
        try
        {
            foreach (int threads in new[] { 1, 2, 3 })
            {
                NumExpr.SetNumThreads(threads);
                var actual = compiled.Evaluate(inputs, null);
                Assert.Equal(expected.Type, actual.DType);
                Assert.Equal(Bits(expected), Bits(actual.GetAt(0)));
            }
        }
        finally
        {
            NumExpr.SetNumThreads(original);
        }
    }

    [Theory]
    [InlineData("max", 200_001)]
    [InlineData("min", 199_999)]
    [InlineData("max", 5)]
    [InlineData("min", 100_000)]
    public void ANaNAnywhereIsTheExtremum(string reduction, int at)
    {
        var inputs = Inputs(200_003, product: false);
        double[] a = inputs["a"].ToArray<double>();
        a[at] = double.NaN;
        inputs["a"] = NDArray.Wrap(a);
        Assert.True(double.IsNaN(NumExpr.Evaluate($"{reduction}(a*b - c)", inputs).Item<double>()));
    }

    [Theory]
    [InlineData("max", "0.0")]
    [InlineData("min", "-0.0")]
    public void SignedZerosFollowMathMaxAndMin(string reduction, string expected)
    {
        // Every element −0 but one +0 (maximum: +0), or every element +0 but one −0 (minimum: −0), the odd one in a tail.
        int length = 200_003;
        double[] zeros = new double[length];
        Array.Fill(zeros, reduction == "max" ? -0.0 : 0.0);
        zeros[length - 2] = reduction == "max" ? 0.0 : -0.0;
        var inputs = new Dictionary<string, NDArray> { ["z"] = NDArray.Wrap(zeros) };
        double result = NumExpr.Evaluate($"{reduction}(z * 1.0)", inputs).Item<double>();
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(result));
    }

    private static Dictionary<string, NDArray> Inputs(int length, bool product)
    {
        var random = new Random(length);

        // Magnitudes spread over many binades, so that a sum in another order has other bits; near 1 for products.
        double Real() => product ? 1 + ((random.NextDouble() - 0.5) * 1e-3) : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4));
        double[] Reals() => Enumerable.Range(0, length).Select(_ => Real()).ToArray();
        float[] Singles() => Enumerable.Range(0, length).Select(_ => (float)Real()).ToArray();
        return new Dictionary<string, NDArray>
        {
            ["a"] = NDArray.Wrap(Reals()),
            ["b"] = NDArray.Wrap(Reals()),
            ["c"] = NDArray.Wrap(Reals()),
            ["f"] = NDArray.Wrap(Singles()),
            ["g"] = NDArray.Wrap(Singles()),
            ["h"] = NDArray.Wrap(Singles()),
            ["i"] = NDArray.Wrap(Enumerable.Range(0, length).Select(_ => random.NextInt64(-1L << 40, 1L << 40)).ToArray()),
            ["j"] = NDArray.Wrap(Enumerable.Range(0, length).Select(_ => random.NextInt64(-1L << 40, 1L << 40)).ToArray()),
            ["k"] = NDArray.Wrap(Enumerable.Range(0, length).Select(_ => random.Next(-1 << 30, 1 << 30)).ToArray()),
            ["l"] = NDArray.Wrap(Enumerable.Range(0, length).Select(_ => random.Next(-1 << 30, 1 << 30)).ToArray()),
        };
    }

    private static Operation OperationOf(string reduction) => reduction switch
    {
        "sum" => Operation.Sum,
        "prod" => Operation.Prod,
        "min" => Operation.Min,
        _ => Operation.Max,
    };

    /// <summary>
    /// Each block of the layout reduced on its own (sums and products in the fixed layout, extrema in any order), blocks
    /// in order within a chunk, chunks folded in order.
    /// </summary>
    private static Scalar BlockwiseFold(Operation reduction, NDArray elements) => elements.DType switch
    {
        DType.Float64 => BlockwiseFold(reduction, elements.ToArray<double>(), DType.Float64, Scalar.FromFloat64),
        DType.Float32 => BlockwiseFold(reduction, elements.ToArray<float>(), DType.Float32, Scalar.FromFloat32),
        DType.Int64 => BlockwiseFold(reduction, elements.ToArray<long>(), DType.Int64, Scalar.FromInt64),
        _ => BlockwiseFold(reduction, elements.ToArray<int>(), DType.Int32, Scalar.FromInt32),
    };

    private static Scalar BlockwiseFold<T>(Operation reduction, T[] elements, DType type, Func<T, Scalar> toScalar)
        where T : unmanaged, System.Numerics.INumber<T> =>
        ReductionOrder.Blockwise(reduction, type, elements, values => toScalar(reduction switch
        {
            Operation.Sum => FixedLayoutReduction.Sum<T>(values),
            Operation.Prod => FixedLayoutReduction.Product<T>(values),
            Operation.Min => Extremum(values, T.Min),
            _ => Extremum(values, T.Max),
        }));

    private static T Extremum<T>(ReadOnlySpan<T> values, Func<T, T, T> pick)
    {
        T result = values[0];
        foreach (var value in values[1..])
        {
            result = pick(result, value);
        }

        return result;
    }

    private static long Bits(Scalar value) => value.Type switch
    {
        DType.Float64 or DType.Float32 => BitConverter.DoubleToInt64Bits(value.Real),
        _ => value.Integer,
    };
}
