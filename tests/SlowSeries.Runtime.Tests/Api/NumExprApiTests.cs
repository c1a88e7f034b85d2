using System.Numerics;
using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Api;

public class NumExprApiTests
{
    [Fact]
    public void AnonymousObjectsAndDictionariesBothSupplyVariables()
    {
        double[] a = [1, 2, 3];
        int[] b = [10, 20, 30];
        var fromObject = NumExpr.Evaluate("2*a + 3*b", new { a, b }).ToArray<double>();
        var fromDictionary = NumExpr.Evaluate("2*a + 3*b", new Dictionary<string, object?> { ["a"] = a, ["b"] = b }).ToArray<double>();
        Assert.Equal([32.0, 64, 96], fromObject);
        Assert.Equal(fromObject, fromDictionary);
    }

    /// <summary>
    /// An object typed as object reaches the non-generic overload and is read by its run-time type; one with no public
    /// properties (what trimming leaves of an anonymous object) is refused with the remedy, not read as "no variables".
    /// </summary>
    [Fact]
    public void ObjectsTypedAsObjectAreReadByTheirRunTimeTypeAndAnEmptyOneIsRefused()
    {
        double[] a = [1, 2, 3];
        object boxed = new { a };
        Assert.Equal([2.0, 4, 6], NumExpr.Evaluate("a * 2", boxed).ToArray<double>());
        Assert.Equal([2.0, 4, 6], NumExpr.Compile("a * 2").Evaluate(boxed).ToArray<double>());
        var error = Assert.Throws<ArgumentException>(() => NumExpr.Evaluate("1 + 2", new object()));
        Assert.Contains("shows no public properties", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, NumExpr.Evaluate("1 + 2").Item<int>());
        Assert.Equal(3, NumExpr.Evaluate("1 + 2", null).Item<int>());
    }

    /// <summary>Memory of every element type is read as a view, each spelled out (no reflection NativeAOT could lose).</summary>
    [Fact]
    public void MemoryOfEveryElementTypeIsAView()
    {
        Assert.Equal([3L, 4], NumExpr.Evaluate("x + 1", new { x = new long[] { 1, 2, 3 }.AsMemory(1) }).ToArray<long>());
        Assert.Equal([5, 6], NumExpr.Evaluate("x + 1", new { x = (ReadOnlyMemory<int>)new[] { 4, 5 } }).ToArray<int>());
        Assert.Equal([2f], NumExpr.Evaluate("x * 2", new { x = new float[] { 1 }.AsMemory() }).ToArray<float>());
        Assert.Equal([false, true], NumExpr.Evaluate("~x", new { x = new[] { true, false }.AsMemory() }).ToArray<bool>());
        Assert.Equal([new Complex(2, 2)], NumExpr.Evaluate("x * 2", new { x = new[] { new Complex(1, 1) }.AsMemory() }).ToArray<Complex>());
    }

    [Fact]
    public void MultidimensionalArraysKeepTheirShapeWithoutCopying()
    {
        var m = new double[,] { { 1, 2, 3 }, { 4, 5, 6 } };
        var view = NDArray.Wrap(m);
        Assert.Equal(new Shape(2, 3), view.Shape);
        m[1, 2] = 60;
        var result = NumExpr.Evaluate("m * 10", new { m = view });
        Assert.Equal(new Shape(2, 3), result.Shape);
        Assert.Equal([10.0, 20, 30, 40, 50, 600], result.ToArray<double>());
        Assert.Equal(new[] { 5.0, 7, 63 }, NumExpr.Evaluate("sum(m, axis=0)", new { m }).ToArray<double>());
    }

    [Fact]
    public void MemorySlicesAreViews()
    {
        double[] buffer = [0, 1, 2, 3, 4, 5];
        var result = NumExpr.Evaluate("x + 1", new { x = buffer.AsMemory(2, 3) });
        Assert.Equal([3.0, 4, 5], result.ToArray<double>());
        var readOnly = NumExpr.Evaluate("x * 2", new { x = (ReadOnlyMemory<double>)buffer.AsMemory(4) });
        Assert.Equal([8.0, 10], readOnly.ToArray<double>());
    }

    [Fact]
    public void StridedAndBroadcastViewsAreReadThroughTheirStrides()
    {
        double[] data = Enumerable.Range(0, 12).Select(i => (double)i).ToArray();
        var everyThird = NDArray.Strided(data, new Shape(4), [3], 1);
        Assert.Equal([1.0, 4, 7, 10], NumExpr.Evaluate("x", new { x = everyThird }).ToArray<double>());
        var transposed = NDArray.Strided(data, new Shape(4, 3), [1, 4], 0);
        Assert.Equal([0.0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11], NumExpr.Evaluate("t + 0", new { t = transposed }).ToArray<double>());
        var row = NDArray.Wrap(new[] { 1.0, 2, 3 }).BroadcastTo(new Shape(2, 3));
        Assert.Equal([0, 0], row.Strides.Take(1).Concat([0]).ToArray());
        Assert.Equal([2.0, 4, 6, 2, 4, 6], NumExpr.Evaluate("r * 2", new { r = row }).ToArray<double>());
    }

    [Fact]
    public void ScalarsStringsAndComplexNumbersAreVariablesToo()
    {
        Assert.Equal(7.5, NumExpr.Evaluate("x * 3", new { x = 2.5 }).Item<double>());
        Assert.Equal(6, NumExpr.Evaluate("n * 3", new { n = 2 }).Item<int>());
        Assert.True(NumExpr.Evaluate("contains(s, 'ell')", new { s = "hello" }).Item<bool>());
        Assert.Equal([true, false], NumExpr.Evaluate("contains(words, needle)", new { words = new[] { "hello", "world" }, needle = "ell" }).ToArray<bool>());
        Assert.Equal(new Complex(-4, 0), NumExpr.Evaluate("z * z", new { z = new Complex(0, 2) }).Item<Complex>());
    }

    [Fact]
    public void OutputBuffersReceiveTheResultAndMayBeWider()
    {
        double[] a = [1, 2, 3];
        double[] result = new double[3];
        var returned = NumExpr.Evaluate("a * a", new { a }, result);
        Assert.Equal([1.0, 4, 9], result);
        Assert.Same(result, returned.Data);

        double[] wider = new double[3];
        NumExpr.Evaluate("i * 2", new { i = new[] { 1, 2, 3 } }, wider);
        Assert.Equal([2.0, 4, 6], wider);

        double[] storage = new double[6];
        var strided = NDArray.Strided(storage, new Shape(3), [2], 0);
        NumExpr.Evaluate("a + 1", new { a }, strided);
        Assert.Equal([2.0, 0, 3, 0, 4, 0], storage);

        // An axis reduction is computed apart and copied in (contiguous: one block copy; strided: element by element).
        double[] rows = [.. Enumerable.Range(0, 12).Select(k => (double)k)];
        double[] sums = new double[4];
        NumExpr.Evaluate("sum(m, axis=1)", new { m = NDArray.Wrap(rows, 4, 3) }, sums);
        Assert.Equal([3.0, 12, 21, 30], sums);
        double[] spaced = new double[8];
        NumExpr.Evaluate("sum(m, axis=1)", new { m = NDArray.Wrap(rows, 4, 3) }, NDArray.Strided(spaced, new Shape(4), [2], 1));
        Assert.Equal([0.0, 3, 0, 12, 0, 21, 0, 30], spaced);
    }

    [Fact]
    public void CompiledExpressionsReevaluateWithNewInputs()
    {
        var compiled = NumExpr.Compile("where(x > limit, limit, x)");
        Assert.Equal(["x", "limit"], compiled.VariableNames);
        Assert.Equal([1.0, 2, 2], compiled.Evaluate(new { x = new[] { 1.0, 2, 3 }, limit = 2.0 }).ToArray<double>());
        Assert.Equal([5, 0], compiled.Evaluate(new { x = new[] { 7, 0 }, limit = 5 }).ToArray<int>());
    }

    [Fact]
    public void VariableNamesComeInFirstUseOrder() =>
        Assert.Equal(["b", "a", "c"], NumExpr.GetVariableNames("b * sin(a) + b / c"));

    [Fact]
    public void ResultsDoNotDependOnTheNumberOfThreads()
    {
        double[] x = Enumerable.Range(0, 100_003).Select(i => Math.Sin(i) * 1e3).ToArray();
        int original = NumExpr.GetNumThreads();
        try
        {
            NumExpr.SetNumThreads(1);
            var serial = NumExpr.Evaluate("sin(x)**2 + x / 7", new { x }).ToArray<double>();
            double serialSum = NumExpr.Evaluate("sum(x * 0.1)", new { x }).Item<double>();
            NumExpr.SetNumThreads(4);
            Assert.Equal(serial, NumExpr.Evaluate("sin(x)**2 + x / 7", new { x }).ToArray<double>());
            Assert.Equal(serialSum, NumExpr.Evaluate("sum(x * 0.1)", new { x }).Item<double>());
        }
        finally
        {
            NumExpr.SetNumThreads(original);
        }
    }

    [Fact]
    public void ConcurrentEvaluationsAreIndependent()
    {
        var failures = 0;
        Parallel.For(0, 64, k =>
        {
            double[] a = Enumerable.Range(0, 1000).Select(i => (double)(i + k)).ToArray();
            var result = NumExpr.Evaluate($"a * {k} + 1", new { a }).ToArray<double>();
            if (result.Where((v, i) => v != ((i + k) * k) + 1).Any())
            {
                Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void ReductionsMatchClosedForms()
    {
        long[] k = Enumerable.Range(1, 1000).Select(i => (long)i).ToArray();
        Assert.Equal(500_500L, NumExpr.Evaluate("sum(k)", new { k }).Item<long>());
        Assert.Equal(1000L, NumExpr.Evaluate("max(k)", new { k }).Item<long>());
        Assert.Equal(3628800L, NumExpr.Evaluate("prod(k)", new { k = k.Take(10).ToArray() }).Item<long>());
        double harmonic = NumExpr.Evaluate("sum(1.0 / k)", new { k }).Item<double>();
        Assert.True(Math.Abs(harmonic - 7.485470860550345) < 1e-13, $"H(1000) = {harmonic}");
    }

    [Fact]
    public void ZeroLengthInputsGiveZeroLengthResults()
    {
        var empty = NumExpr.Evaluate("a * 2 + 1", new { a = Array.Empty<double>() });
        Assert.Equal(new Shape(0), empty.Shape);
        Assert.Equal(0.0, NumExpr.Evaluate("sum(a)", new { a = Array.Empty<double>() }).Item<double>());
    }
}
