namespace SlowSeries.Generator.Tests.Kernels;

/// <summary>
/// Generated range reductions register themselves under stable names when their assembly loads; their chunk partials,
/// computed in any pieces that start on chunk boundaries and combined in order, give the generated method's own bits
/// (what a cluster of processes relies on).
/// </summary>
public class RangeReductionRegistryTests
{
    private const string Sum = "SlowSeries.Generator.Tests.Kernels.TestKernels.CombinedSum";

    [Fact]
    public void EveryRangeReductionOfAnIndexOnlyMethodIsRegisteredByItsFullName()
    {
        foreach (string reduction in new[] { "Sum", "Product", "Min", "Max" })
        {
            var found = RangeReductions.Get("SlowSeries.Generator.Tests.Kernels.TestKernels.Combined" + reduction);
            Assert.Equal(typeof(double), found.ResultType);
            Assert.Equal("SlowSeries.Generator.Tests.Kernels.TestKernels.Combined" + reduction, found.Name);
        }

        Assert.Contains(Sum, RangeReductions.Names);
    }

    [Theory]
    [InlineData(1L, 1_000_000L)]
    [InlineData(-70_000L, 123_457L)]
    [InlineData(5L, 5L)]
    public void PartialsInPiecesCombineToTheMethodsOwnBits(long first, long last)
    {
        var reduction = RangeReductions.Get(Sum);
        double expected = TestKernels.CombinedSum(first, last);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits((double)reduction.Combine([reduction.Partials(first, last)])));

        // Pieces of 3 chunks, computed last piece first (as workers may finish), combined in range order.
        long piece = 3 * RangeReduction.ChunkTerms;
        var starts = new List<long>();
        for (long start = first; start <= last; start += piece)
        {
            starts.Add(start);
        }

        var pieces = new Array[starts.Count];
        for (int k = starts.Count - 1; k >= 0; k--)
        {
            pieces[k] = reduction.Partials(starts[k], Math.Min(last, starts[k] + piece - 1));
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits((double)reduction.Combine(pieces)));
    }

    [Fact]
    public void EmptyRangesAndUnknownNamesAreClearErrors()
    {
        Assert.Equal(0.0, (double)RangeReductions.Get(Sum).Combine([RangeReductions.Get(Sum).Partials(10, 9)]));
        var min = RangeReductions.Get("SlowSeries.Generator.Tests.Kernels.TestKernels.CombinedMin");
        Assert.Contains("no identity", Assert.Throws<InvalidOperationException>(() => min.Combine([min.Partials(10, 9)])).Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<KeyNotFoundException>(() => RangeReductions.Get("Course.Series.Nothing"));
        Assert.Contains("'Course.Series.Nothing'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains(Sum, unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RangeReductions.Get(Sum).Combine([new long[] { 1 }]));
    }
}
