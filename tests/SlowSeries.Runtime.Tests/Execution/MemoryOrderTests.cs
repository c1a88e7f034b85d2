using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Execution;

/// <summary>
/// Inputs laid out with permuted axes (a transposed matrix, a Fortran-ordered array) are walked in their memory order:
/// the same values as in the logical order, results laid out as the inputs are, reductions along the caller's axis, an
/// output of the inputs' layout written in place and one in C order still written right.
/// </summary>
public class MemoryOrderTests
{
    private const int Rows = 300, Columns = 700;

    [Theory]
    [InlineData("t * 2 + 1")]
    [InlineData("sin(t) * u - t")]
    [InlineData("where(t > u, t, u * 0.5)")]
    [InlineData("t > 0.25")]
    public void ElementWiseResultsAreTheLogicalOrdersValuesLaidOutAsTheInputs(string expression)
    {
        var (t, u) = Transposed();
        var result = NumExpr.Evaluate(expression, new { t, u });
        var logical = NumExpr.Evaluate(expression, new { t = Copy(t), u = Copy(u) });

        Assert.Equal(new Shape(Columns, Rows), result.Shape);
        Assert.Equal(t.Strides, result.Strides);
        Assert.Equal(logical.DType, result.DType);
        if (result.DType == DType.Bool)
        {
            Assert.Equal(logical.ToArray<bool>(), result.ToArray<bool>());
        }
        else
        {
            Assert.Equal(logical.ToArray<double>(), result.ToArray<double>());
        }
    }

    [Theory]
    [InlineData("sum(t, axis=0)")]
    [InlineData("sum(t * u, axis=1)")]
    [InlineData("max(t - u, axis=0)")]
    [InlineData("min(t, axis=-1)")]
    [InlineData("prod(t * 0.01 + 1, axis=1)")]
    [InlineData("sum(t)")]
    public void ReductionsRunAlongTheCallersAxis(string expression)
    {
        var (t, u) = Transposed();
        var result = NumExpr.Evaluate(expression, new { t, u });
        var reference = NumExpr.Compile(expression).Evaluate(new Dictionary<string, NDArray> { ["t"] = Copy(t), ["u"] = Copy(u) }, null, reference: true);

        Assert.Equal(reference.Shape, result.Shape);
        AssertSameUpToTheSumsOrder(expression, result, reference);
    }

    [Theory]
    [InlineData("t * row + column")]
    [InlineData("where(t > row, t, column * 2)")]
    [InlineData("sum(t * row, axis=0)")]
    [InlineData("max(t - column, axis=1)")]
    public void BroadcastRowsAndColumnsKeepBroadcastingInTheMemoryOrder(string expression)
    {
        var (t, _) = Transposed();
        var random = new Random(7);
        var row = NDArray.Wrap(Enumerable.Range(0, Rows).Select(_ => random.NextDouble()).ToArray());
        var column = NDArray.Wrap(Enumerable.Range(0, Columns).Select(_ => random.NextDouble()).ToArray(), Columns, 1);
        var result = NumExpr.Evaluate(expression, new { t, row, column });
        var logical = NumExpr.Evaluate(expression, new { t = Copy(t), row, column });

        Assert.Equal(logical.Shape, result.Shape);
        if (result.Rank == 2)
        {
            Assert.Equal(t.Strides, result.Strides);
            Assert.Equal(logical.ToArray<double>(), result.ToArray<double>());
            return;
        }

        AssertSameUpToTheSumsOrder(expression, result, logical);
    }

    [Fact]
    public void ThreeDimensionalLayoutsAreWalkedInTheirOrderToo()
    {
        // A C-ordered (5, 6, 7) array seen with axes (2, 0, 1): shape (7, 5, 6), strides (1, 42, 7).
        var data = Enumerable.Range(0, 210).Select(n => Math.Sqrt(n) - 3).ToArray();
        var permuted = NDArray.Strided(data, new Shape(7, 5, 6), [1, 42, 7]);
        var copy = Copy(permuted);
        Assert.Equal(NumExpr.Evaluate("x * x - 1", new { x = copy }).ToArray<double>(), NumExpr.Evaluate("x * x - 1", new { x = permuted }).ToArray<double>());
        for (int axis = 0; axis < 3; axis++)
        {
            string expression = $"max(x * 2, axis={axis})";
            var ours = NumExpr.Evaluate(expression, new { x = permuted });
            var theirs = NumExpr.Evaluate(expression, new { x = copy });
            Assert.Equal(theirs.Shape, ours.Shape);
            Assert.Equal(theirs.ToArray<double>(), ours.ToArray<double>());
        }
    }

    [Fact]
    public void OutputsOfTheInputsLayoutAreWrittenInPlaceAndOthersStillRight()
    {
        var (t, u) = Transposed();
        var expected = NumExpr.Evaluate("t * u + 1", new { t = Copy(t), u = Copy(u) }).ToArray<double>();

        var fortran = NDArray.Strided(new double[Rows * Columns], new Shape(Columns, Rows), [1, Columns]);
        var returned = NumExpr.Evaluate("t * u + 1", new { t, u }, fortran);
        Assert.Same(fortran, returned);
        Assert.Equal(expected, fortran.ToArray<double>());

        var cOrdered = NDArray.Zeros(DType.Float64, new Shape(Columns, Rows));
        Assert.Same(cOrdered, NumExpr.Evaluate("t * u + 1", new { t, u }, cOrdered));
        Assert.Equal(expected, cOrdered.ToArray<double>());

        // A reduction's output of rank one is written in the memory order too: the bits of the evaluation without one
        // (in the logical order, the sums add in another order, and some differ in their last bits).
        var sums = NDArray.Zeros(DType.Float64, new Shape(Columns));
        NumExpr.Evaluate("sum(t, axis=1)", new { t }, sums);
        var inMemoryOrder = NumExpr.Evaluate("sum(t, axis=1)", new { t }).ToArray<double>();
        Assert.Equal(inMemoryOrder.Select(BitConverter.DoubleToInt64Bits), sums.ToArray<double>().Select(BitConverter.DoubleToInt64Bits));
        Assert.NotEqual(inMemoryOrder.Select(BitConverter.DoubleToInt64Bits), NumExpr.Evaluate("sum(t, axis=1)", new { t = Copy(t) }).ToArray<double>().Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void MixedLayoutsAndErrorsKeepTheCallersOrder()
    {
        var (t, _) = Transposed();
        var c = Copy(t);
        Assert.Equal(NumExpr.Evaluate("t + c", new { t = c, c }).ToArray<double>(), NumExpr.Evaluate("t + c", new { t, c }).ToArray<double>());

        // One element of a higher rank adds an axis to the result: evaluated as it is.
        var one = NDArray.Wrap(new[] { 0.5 }, 1, 1, 1);
        var widened = NumExpr.Evaluate("t + one", new { t, one });
        Assert.Equal(new Shape(1, Columns, Rows), widened.Shape);
        Assert.Equal(NumExpr.Evaluate("t + one", new { t = c, one }).ToArray<double>(), widened.ToArray<double>());

        var error = Assert.Throws<ExpressionShapeException>(() => NumExpr.Evaluate("sum(t, axis=2)", new { t }));
        Assert.Contains($"({Columns}, {Rows})", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Sums add in the memory order: within a few ulps of another order's; maxima and minima exactly.</summary>
    private static void AssertSameUpToTheSumsOrder(string expression, NDArray result, NDArray reference)
    {
        var ours = result.ToArray<double>();
        var theirs = reference.ToArray<double>();
        for (int k = 0; k < ours.Length; k++)
        {
            Assert.True(Math.Abs(ours[k] - theirs[k]) <= 1e-13 * Math.Abs(theirs[k]), $"{expression}[{k}]: {ours[k]:R} against {theirs[k]:R}");
        }
    }

    /// <summary>Two (Columns, Rows) transposes of C-ordered (Rows, Columns) matrices.</summary>
    private static (NDArray T, NDArray U) Transposed()
    {
        var random = new Random(3);
        NDArray Matrix() => NDArray.Strided(Enumerable.Range(0, Rows * Columns).Select(_ => random.NextDouble()).ToArray(), new Shape(Columns, Rows), [1, Columns]);
        return (Matrix(), Matrix());
    }

    /// <summary>A C-ordered copy of <paramref name="array"/>'s values.</summary>
    private static NDArray Copy(NDArray array) => NDArray.Wrap(array.ToArray<double>(), [.. array.Shape.Dimensions]);
}
