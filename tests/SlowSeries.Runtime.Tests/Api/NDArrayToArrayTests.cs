using System.Numerics;
using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Api;

/// <summary>
/// <see cref="NDArray.ToArray{T}"/> copies typed storage directly (contiguous views as one block, others element by
/// element in C order) and keeps the general path for storage of another shape (a rank-2 .NET array, byte strings).
/// </summary>
public class NDArrayToArrayTests
{
    private static readonly double[] Storage = [.. Enumerable.Range(0, 12).Select(i => i * 1.5)];

    [Fact]
    public void AContiguousViewWithAnOffsetCopiesItsOwnElements()
    {
        var view = NDArray.Strided(Storage, new Shape(2, 3), [3, 1], offset: 4);
        Assert.Equal([6.0, 7.5, 9, 10.5, 12, 13.5], view.ToArray<double>());
    }

    [Fact]
    public void AStridedViewCopiesInCOrder()
    {
        var columns = NDArray.Strided(Storage, new Shape(3, 2), [1, 6], offset: 1);
        Assert.Equal([1.5, 10.5, 3, 12, 4.5, 13.5], columns.ToArray<double>());
        var everyOther = NDArray.Strided(Storage, new Shape(4), [3]);
        Assert.Equal([0.0, 4.5, 9, 13.5], everyOther.ToArray<double>());
    }

    [Fact]
    public void EveryDTypeAndARankTwoArrayRoundTrip()
    {
        Assert.Equal([true, false, true], NDArray.Wrap(new[] { true, false, true }).ToArray<bool>());
        Assert.Equal([1, -2], NDArray.Wrap(new[] { 1, -2 }).ToArray<int>());
        Assert.Equal([long.MaxValue], NDArray.Wrap(new[] { long.MaxValue }).ToArray<long>());
        Assert.Equal([1.5f], NDArray.Wrap(new[] { 1.5f }).ToArray<float>());
        Assert.Equal([new Complex(1, -2)], NDArray.Wrap(new[] { new Complex(1, -2) }).ToArray<Complex>());
        byte[][] strings = [[1, 2], []];
        Assert.Equal(strings, NDArray.Wrap(strings).ToArray<byte[]>());
        Assert.Equal([1.0, 2, 3, 4, 5, 6], NDArray.Wrap(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }).ToArray<double>());
    }

    [Fact]
    public void AnotherElementTypeIsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => NDArray.Wrap(new[] { 1.0 }).ToArray<float>());
        Assert.Contains("float64", error.Message, StringComparison.Ordinal);
    }
}
