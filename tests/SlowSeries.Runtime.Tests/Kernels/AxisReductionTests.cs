using SlowSeries.Arrays;
using SlowSeries.Execution;
using SlowSeries.Runtime.Tests.Differential;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// Reductions along an axis in the kernels equal the reference on shapes that cross blocks and rows; the largest
/// shapes (from 65,536 elements) run the float64 operand through the fused loop; rows and slabs shorter than a block are
/// computed several to a block ([2050, 3], [33000, 2], [700, 100]).
/// </summary>
public class AxisReductionTests
{
    public static TheoryData<string, int[], int> Cases()
    {
        var data = new TheoryData<string, int[], int>();
        foreach (string reduction in new[] { "sum", "prod", "min", "max" })
        {
            foreach (int[] shape in new[] { new[] { 3, 1025 }, new[] { 2, 3, 7 }, new[] { 5, 0, 3 }, new[] { 2050, 3 }, new[] { 4, 2, 1500 }, new[] { 3, 70_001 }, new[] { 33_000, 2 }, new[] { 700, 100 } })
            {
                for (int axis = -1; axis < shape.Length; axis++)
                {
                    data.Add(reduction, shape, axis);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AxisReductionsEqualTheReference(string reduction, int[] dimensions, int axis)
    {
        var shape = new Shape(dimensions);
        var random = new Random(dimensions.Sum() + axis);
        var integers = NDArray.Wrap(Enumerable.Range(0, (int)shape.Size).Select(_ => (long)random.Next(-3, 4)).ToArray(), dimensions);
        var reals = NDArray.Wrap(Enumerable.Range(0, (int)shape.Size).Select(_ => (random.NextDouble() * 2) - 1).ToArray(), dimensions);
        string axisText = axis < 0 ? "" : $", axis={axis}";
        foreach (var (expression, exact) in new[] { ($"{reduction}(k * 2 + 1{axisText})", true), ($"{reduction}(x * 0.5 + 1{axisText})", false) })
        {
            var inputs = new Dictionary<string, NDArray> { ["k"] = integers, ["x"] = reals };
            var compiled = NumExpr.Compile(expression);
            NDArray reference;
            try
            {
                reference = compiled.Evaluate(inputs, null, reference: true);
            }
            catch (ExpressionEvaluationException)
            {
                Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate(inputs, null));
                continue;
            }

            var fast = compiled.Evaluate(inputs, null);
            Assert.Equal(reference.Shape, fast.Shape);
            Assert.Equal(reference.DType, fast.DType);
            using var theirs = reference.Offsets().GetEnumerator();
            foreach (long offset in fast.Offsets())
            {
                theirs.MoveNext();
                double ulps = Agreement.Distance(fast.GetAt(offset), reference.GetAt(theirs.Current));
                // The kernels combine in another order than the reference's one running total: along an axis a few ulps
                // per element; a full reduction groups its operands in fixed partials (FixedLayoutReduction), and with
                // every operand in [0.5, 1.5] each order is within (size − 1) roundings of the exact result.
                double bound = exact ? 0 : axis < 0 ? shape.Size : 2 * dimensions[axis];
                Assert.True(ulps <= bound, $"{expression} on {shape}: {fast.GetAt(offset)} vs {reference.GetAt(theirs.Current)} ({ulps} ulps)");
            }
        }
    }

    /// <summary>
    /// An axis reduction accumulates each output element in index order whatever the threads: 1, 2 and 3 threads give
    /// the same bits (slabs folded several to a block, and blocks of one slab, along every axis).
    /// </summary>
    [Theory]
    [InlineData("sum(x * 0.5 + 1, axis=0)", new[] { 700, 100 })]
    [InlineData("prod(x * 0.001 + 1, axis=0)", new[] { 3, 70_001 })]
    [InlineData("max(sin(x), axis=1)", new[] { 2, 300, 129 })]
    [InlineData("sum(x, axis=0)", new[] { 1000, 97 })]
    [InlineData("sum(x * x, axis=0)", new[] { 20_000, 10 })]
    [InlineData("sum(x, axis=1)", new[] { 2, 40_000, 3 })]
    public void AxisReductionsGiveTheSameBitsAtAnyThreadCount(string expression, int[] dimensions)
    {
        var random = new Random(5);
        var x = NDArray.Wrap(Enumerable.Range(0, dimensions.Aggregate(1, (a, b) => a * b)).Select(_ => (random.NextDouble() * 2) - 1).ToArray(), dimensions);
        var results = new List<double[]>();
        foreach (int threads in new[] { 1, 2, 3 })
        {
            int previous = NumExpr.SetNumThreads(threads);
            try
            {
                results.Add(NumExpr.Evaluate(expression, new { x }).ToArray<double>());
            }
            finally
            {
                NumExpr.SetNumThreads(previous);
            }
        }

        Assert.Equal(results[0].Select(BitConverter.DoubleToInt64Bits), results[1].Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(results[0].Select(BitConverter.DoubleToInt64Bits), results[2].Select(BitConverter.DoubleToInt64Bits));
    }

    /// <summary>
    /// An input reduced along an axis where it is (no step to compute; rows and slabs taken many to a group) gives the
    /// bits of the same operand computed block by block, and written into a caller's buffer holding other values (the
    /// kernel writes it in place) gives them too.
    /// </summary>
    [Theory]
    [InlineData("sum", new[] { 3000, 100 }, 0)]
    [InlineData("sum", new[] { 3000, 100 }, 1)]
    [InlineData("prod", new[] { 700, 100 }, 1)]
    [InlineData("prod", new[] { 700, 100 }, 0)]
    [InlineData("sum", new[] { 5000, 40 }, 0)]
    [InlineData("min", new[] { 3000, 100 }, 1)]
    [InlineData("max", new[] { 3000, 100 }, 0)]
    [InlineData("sum", new[] { 2, 40_000, 3 }, 1)]
    [InlineData("sum", new[] { 2, 4_000, 30 }, 2)]
    [InlineData("max", new[] { 1000, 97 }, 0)]
    public void AnInputReducedInPlaceGivesTheBitsOfTheComputedOperand(string reduction, int[] dimensions, int axis)
    {
        var random = new Random(7);
        var x = NDArray.Wrap(Enumerable.Range(0, dimensions.Aggregate(1, (a, b) => a * b)).Select(_ => (random.NextDouble() * 0.2) + 0.9).ToArray(), dimensions);
        // A scalar input, not a literal: the planner keeps the multiplication, so the operand is computed.
        var computed = NumExpr.Evaluate($"{reduction}(x * one, axis={axis})", new { x, one = 1.0 }).ToArray<double>();
        var inPlaceResult = NumExpr.Evaluate($"{reduction}(x, axis={axis})", new { x });
        var inPlace = inPlaceResult.ToArray<double>();
        var destination = Enumerable.Repeat(double.NaN, inPlace.Length).ToArray();
        NumExpr.Evaluate($"{reduction}(x, axis={axis})", new { x }, NDArray.Wrap(destination, [.. inPlaceResult.Shape.Dimensions]));

        Assert.Equal(computed.Select(BitConverter.DoubleToInt64Bits), inPlace.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(computed.Select(BitConverter.DoubleToInt64Bits), destination.Select(BitConverter.DoubleToInt64Bits));
    }

    /// <summary>
    /// A view whose rows lie apart in its array (<c>m[:, 3:53]</c>, rows of 100), reduced along its rows where they lie,
    /// gives the bits of its contiguous copy reduced, for each reduction and dtype, and of the view computed block by
    /// block (a step in the operand), with rows fewer and more than a block holds.
    /// </summary>
    [Theory]
    [InlineData("sum", 50, 100, 20_001)]
    [InlineData("prod", 50, 100, 2_001)]
    [InlineData("min", 7, 9, 30_001)]
    [InlineData("max", 300, 1_000, 701)]
    [InlineData("sum", 5_000, 5_003, 21)]
    public void RowsApartInTheirArrayReducedWhereTheyLieGiveTheBitsOfACopy(string reduction, int columns, int rowStride, int rows)
    {
        var random = new Random(columns + rows);
        double[] store = [.. Enumerable.Range(0, (rows * rowStride) + 3).Select(_ => (random.NextDouble() * 0.2) + 0.9)];
        double[] copy = [.. Enumerable.Range(0, rows * columns).Select(k => store[3 + ((k / columns) * rowStride) + (k % columns)])];
        var view = NDArray.Strided(store, new Shape(rows, columns), [rowStride, 1], 3);
        var whereTheyLie = NumExpr.Evaluate($"{reduction}(v, axis=1)", new { v = view }).ToArray<double>();
        Assert.Equal(NumExpr.Evaluate($"{reduction}(v, axis=1)", new { v = NDArray.Wrap(copy, rows, columns) }).ToArray<double>().Select(BitConverter.DoubleToInt64Bits), whereTheyLie.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(NumExpr.Evaluate($"{reduction}(v * one, axis=1)", new { v = view, one = 1.0 }).ToArray<double>().Select(BitConverter.DoubleToInt64Bits), whereTheyLie.Select(BitConverter.DoubleToInt64Bits));

        long[] counts = [.. store.Select(v => (long)(v * 1e6))];
        int[] small = [.. store.Select(v => (int)(v * 100))];
        float[] singles = [.. store.Select(v => (float)v)];
        NDArray View<T>(T[] values) => NDArray.Strided(values, new Shape(rows, columns), [rowStride, 1], 3);
        NDArray Copy<T>(T[] values) => NDArray.Wrap(copy.Select((_, k) => values[3 + ((k / columns) * rowStride) + (k % columns)]).ToArray(), rows, columns);
        Assert.Equal(NumExpr.Evaluate($"{reduction}(v, axis=1)", new { v = Copy(counts) }).ToArray<long>(), NumExpr.Evaluate($"{reduction}(v, axis=1)", new { v = View(counts) }).ToArray<long>());
        Assert.Equal(NumExpr.Evaluate($"{reduction}(v, axis=1)", new { v = Copy(small) }).ToArray<int>(), NumExpr.Evaluate($"{reduction}(v, axis=1)", new { v = View(small) }).ToArray<int>());
        Assert.Equal(NumExpr.Evaluate($"{reduction}(v, axis=1)", new { v = Copy(singles) }).ToArray<float>().Select(BitConverter.SingleToInt32Bits), NumExpr.Evaluate($"{reduction}(v, axis=1)", new { v = View(singles) }).ToArray<float>().Select(BitConverter.SingleToInt32Bits));
    }

    /// <summary>
    /// Rows of one to five elements (points, pixels) over more rows than a block holds, contiguous, as views of wider
    /// rows (the RGB of RGBA) and computed: each row's sum and product the bits of the fixed layout for the row alone, its
    /// minimum and maximum the row's least and greatest element.
    /// </summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(3, 4)]
    [InlineData(4, 4)]
    [InlineData(4, 7)]
    [InlineData(5, 5)]
    public void ShortRowsReduceEachRowAlone(int columns, int rowStride)
    {
        const int Rows = 70_001;
        var random = new Random((columns * 10) + rowStride);
        double[] store = [.. Enumerable.Range(0, Rows * rowStride).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 7)))];
        var view = columns == rowStride ? NDArray.Wrap(store, Rows, columns) : NDArray.Strided(store, new Shape(Rows, columns), [rowStride, 1], 0);
        long[] expectedSums = [.. Enumerable.Range(0, Rows).Select(r => BitConverter.DoubleToInt64Bits(FixedLayoutReduction.Sum<double>(store.AsSpan(r * rowStride, columns))))];
        long[] expectedProducts = [.. Enumerable.Range(0, Rows).Select(r => BitConverter.DoubleToInt64Bits(FixedLayoutReduction.Product<double>(store.AsSpan(r * rowStride, columns))))];
        double[] expectedMinima = [.. Enumerable.Range(0, Rows).Select(r => store.AsSpan(r * rowStride, columns).ToArray().Min())];
        double[] expectedMaxima = [.. Enumerable.Range(0, Rows).Select(r => store.AsSpan(r * rowStride, columns).ToArray().Max())];
        foreach (string operand in new[] { "v", "v * one" })
        {
            Assert.Equal(expectedMinima, NumExpr.Evaluate($"min({operand}, axis=1)", new { v = view, one = 1.0 }).ToArray<double>());
            Assert.Equal(expectedMaxima, NumExpr.Evaluate($"max({operand}, axis=1)", new { v = view, one = 1.0 }).ToArray<double>());
            Assert.Equal(expectedSums, NumExpr.Evaluate($"sum({operand}, axis=1)", new { v = view, one = 1.0 }).ToArray<double>().Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(expectedProducts, NumExpr.Evaluate($"prod({operand}, axis=1)", new { v = view, one = 1.0 }).ToArray<double>().Select(BitConverter.DoubleToInt64Bits));
        }
    }
}
