using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Api;

/// <summary>
/// A whole-operand reduction computed piece by piece (inputs cut on chunk boundaries, as a cluster cuts them) and its
/// partials combined in order: the bits of one evaluation over the whole inputs, for every reduction and dtype.
/// </summary>
public class ReductionPartialsTests
{
    private const int N = 300_001; // 18 whole chunks and a short one

    public static TheoryData<string> Expressions => new()
    {
        "sum(a*b + 1)", "sum(sin(a)**2)", "prod(1 + a*1e-6)", "min(a - b)", "max(a*b)",
        "sum(f*2)", "max(f)", "sum(i % 7)", "sum(k*3)", "min(i - 5000)", "sum(where(a > b, 1, 0))", "sum(z*z + 1)", "prod(1 + z*1e-6)", "sum(abs(z))",
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public void PiecesOnChunkBoundariesCombineToTheWholeEvaluationsBits(string expression)
    {
        var whole = Inputs(0, N);
        var expected = NumExpr.Evaluate(expression, whole).GetAt(0);

        // Pieces of 1, 5, 3 and 2 chunks, then the rest, as a cluster might cut them (never depending on its size).
        var pieces = new List<ReductionPartials>();
        long start = 0;
        foreach (long chunks in new long[] { 1, 5, 3, 2, 100 })
        {
            long end = Math.Min(N, start + (chunks * ReductionPartials.ChunkElements));
            pieces.Add(NumExpr.Compile(expression).EvaluatePartials(Inputs((int)start, (int)(end - start))));
            start = end;
        }

        Assert.Equal(19, pieces.Sum(piece => piece.Values.Count));
        var combined = ReductionPartials.Combine(pieces);
        Assert.Equal(expected.Type, combined.Type);
        Assert.Equal(Bits(expected), Bits(combined));

        // Received from elsewhere: rebuilt from their reduction, dtype and values, the same.
        var rebuilt = pieces.Select(piece => new ReductionPartials(piece.Reduction, piece.OperandType, [.. piece.Values])).ToList();
        Assert.Equal(Bits(expected), Bits(ReductionPartials.Combine(rebuilt)));
    }

    [Theory]
    [InlineData("sum(a*b + x)")]
    [InlineData("prod(1 + a*x*1e-6)")]
    [InlineData("max(a*x)")]
    public void TwoDimensionalInputsWithScalarsCutIntoOneDimensionalPiecesGiveTheSameBits(string expression)
    {
        // As a cluster evaluates .npy files: the whole (301, 1001) arrays in one process, flat slices on the silos.
        const int Rows = 301, Columns = 1001;
        var flat = Inputs(0, Rows * Columns);
        var x = NDArray.FromScalar(Scalar.FromFloat64(0.5));
        var whole = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["a"] = NDArray.Wrap((double[])flat["a"]!, Rows, Columns),
            ["b"] = NDArray.Wrap((double[])flat["b"]!, Rows, Columns),
            ["x"] = x,
        };
        var expected = NumExpr.Evaluate(expression, whole).GetAt(0);
        var pieces = new List<ReductionPartials>();
        for (long start = 0; start < Rows * Columns; start += 3 * ReductionPartials.ChunkElements)
        {
            var piece = Inputs((int)start, (int)Math.Min(3 * ReductionPartials.ChunkElements, (Rows * Columns) - start));
            piece["x"] = x;
            pieces.Add(NumExpr.Compile(expression).EvaluatePartials(piece));
        }

        Assert.Equal(Bits(expected), Bits(ReductionPartials.Combine(pieces)));
    }

    [Fact]
    public void OnlyWholeOperandReductionsOfContiguousInputsHavePartials()
    {
        var inputs = Inputs(0, 1000);
        Assert.Contains("shape (1000,)", Assert.Throws<ExpressionShapeException>(() => NumExpr.Compile("a*b").EvaluatePartials(inputs)).Message, StringComparison.Ordinal);
        var m = NDArray.Wrap(new double[1000], 10, 100);
        Assert.Contains("shape (10,)", Assert.Throws<ExpressionShapeException>(() => NumExpr.Compile("sum(m, axis=1)").EvaluatePartials(new { m })).Message, StringComparison.Ordinal);
        var s = NDArray.Strided(new double[2000], new Shape(1000), [2]);
        Assert.Contains("'s' (1000,) (strided)", Assert.Throws<ExpressionShapeException>(() => NumExpr.Compile("sum(s)").EvaluatePartials(new { s })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ReductionPartials("cumsum", DType.Float64, []));
        Assert.Throws<ArgumentException>(() => new ReductionPartials("sum", DType.Float64, [Scalar.FromInt64(1)]));
        Assert.Throws<ArgumentException>(() => ReductionPartials.Combine([new ReductionPartials("sum", DType.Float64, []), new ReductionPartials("max", DType.Float64, [])]));
        Assert.Throws<ExpressionEvaluationException>(() => ReductionPartials.Combine([new ReductionPartials("max", DType.Float64, [])]));
    }

    private static long Bits(Scalar value) => value.Type switch
    {
        DType.Float64 or DType.Float32 => BitConverter.DoubleToInt64Bits(value.Real),
        DType.Complex128 => BitConverter.DoubleToInt64Bits(value.Complex.Real) ^ (BitConverter.DoubleToInt64Bits(value.Complex.Imaginary) * 31),
        _ => value.Integer,
    };

    /// <summary>Elements [start, start + count) of the inputs, built by formula (the same values whatever the cut).</summary>
    private static Dictionary<string, object?> Inputs(int start, int count)
    {
        double A(int t) => (t % 1000 / 1000.0) + 0.1;
        double B(int t) => (7L * t % 1000 / 1000.0) + 0.2;
        var range = Enumerable.Range(start, count);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["a"] = range.Select(A).ToArray(),
            ["b"] = range.Select(B).ToArray(),
            ["f"] = range.Select(t => (float)A(t)).ToArray(),
            ["i"] = range.Select(t => (long)(t % 10007)).ToArray(),
            ["k"] = range.Select(t => t % 10007).ToArray(),
            ["z"] = range.Select(t => new System.Numerics.Complex(A(t), B(t))).ToArray(),
        };
    }
}
