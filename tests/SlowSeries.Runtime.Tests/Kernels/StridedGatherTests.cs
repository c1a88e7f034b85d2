using SlowSeries.Arrays;
using SlowSeries.Execution;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// Every other element gathered by whole vectors (<see cref="StridedGather"/>): the same bits as an element-by-element
/// copy (NaN payloads and signed zeros included), never a read past the source's end, and strided views through the
/// executor equal to their contiguous copies. CI runs these at every vector width.
/// </summary>
public class StridedGatherTests
{
    [Theory]
    [InlineData(0, 1000)]
    [InlineData(1, 999)]
    [InlineData(7, 3)]
    [InlineData(0, 0)]
    [InlineData(5, 17)]
    public void EveryOtherCopiesTheBitsAndStopsAtTheSourcesEnd(int offset, int count)
    {
        var random = new Random(offset + count);
        // The source ends exactly at its last strided element, so a vector reading one element beyond it would throw or differ.
        int length = offset + (2 * count) - 1;
        double[] source = [.. Enumerable.Range(0, Math.Max(0, length)).Select(k => k % 11 == 0 ? BitConverter.Int64BitsToDouble(random.NextInt64()) : k % 13 == 0 ? -0.0 : random.NextDouble())];
        var target = new double[count];
        int done = StridedGather.EveryOther(source, offset, target);
        Assert.InRange(done, 0, count);
        for (int k = 0; k < done; k++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(source[offset + (2 * k)]), BitConverter.DoubleToInt64Bits(target[k]));
        }

        // A source too short for one more vector pair: whatever it copied stays within the elements that exist.
        Assert.True(done == 0 || offset + (2 * done) - 2 < source.Length);
    }

    [Theory]
    [InlineData("s*2 + 1")]
    [InlineData("sin(s) + t")]
    [InlineData("sum(s * t)")]
    [InlineData("z.real * z.imag")]
    public void StridedViewsEqualTheirContiguousCopies(string expression)
    {
        const int n = 70_003;
        var random = new Random(9);
        double[] storage = [.. Enumerable.Range(0, (2 * n) + 1).Select(_ => random.NextDouble() - 0.5)];
        long[] integers = [.. Enumerable.Range(0, (2 * n) + 1).Select(_ => random.NextInt64())];
        var strided = new Dictionary<string, NDArray>
        {
            ["s"] = NDArray.Strided(storage, new Shape(n), [2]),
            ["t"] = NDArray.Strided(integers, new Shape(n), [2], offset: 1),
            ["z"] = NDArray.Wrap(Enumerable.Range(0, n).Select(k => new System.Numerics.Complex(storage[2 * k], storage[(2 * k) + 1])).ToArray()),
        };
        var copies = strided.ToDictionary(kv => kv.Key, kv => kv.Key == "z" ? kv.Value : Copy(kv.Value));
        var used = NumExpr.GetVariableNames(expression);
        var fromViews = NumExpr.Compile(expression).Evaluate(strided.Where(kv => used.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value), null);
        var fromCopies = NumExpr.Compile(expression).Evaluate(copies.Where(kv => used.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value), null);
        Assert.Equal(fromCopies.Shape, fromViews.Shape);
        Assert.Equal(fromCopies.ToString(), fromViews.ToString());
        Assert.Equal(fromCopies.ToArray<double>().Select(BitConverter.DoubleToInt64Bits), fromViews.ToArray<double>().Select(BitConverter.DoubleToInt64Bits));
    }

    private static NDArray Copy(NDArray view) => view.DType == DType.Int64 ? NDArray.Wrap(view.ToArray<long>()) : NDArray.Wrap(view.ToArray<double>());
}
