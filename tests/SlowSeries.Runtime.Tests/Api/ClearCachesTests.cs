using SlowSeries.Arrays;
using SlowSeries.Kernels;

namespace SlowSeries.Runtime.Tests.Api;

/// <summary>
/// After <see cref="NumExpr.ClearCaches"/> a text evaluated before is planned and its loop compiled again (a kernel-cache
/// miss and compile time), then found (a hit, no compile); results are unchanged. In the collection that runs alone, so
/// the counts are this test's own and clearing does not make another test's warm evaluation cold.
/// </summary>
[Collection(Kernels.WarmCachesCollection.Name)]
public class ClearCachesTests
{
    [Fact]
    public void AClearedTextIsPlannedAndCompiledAgainThenFound()
    {
        double[] a = Enumerable.Range(0, 100_000).Select(k => k * 0.001).ToArray();
        const string Expression = "a * 3 + 7.25";
        double[] before = NumExpr.Evaluate(Expression, new { a }).ToArray<double>();

        NumExpr.ClearCaches();
        var (cleared, clearedResult) = Counted(() => NumExpr.Evaluate(Expression, new { a }).ToArray<double>());
        var (again, _) = Counted(() => NumExpr.Evaluate(Expression, new { a }).ToArray<double>());

        Assert.Equal(before, clearedResult);
        Assert.Equal(1, cleared.GetValueOrDefault("slowseries.kernel_cache.misses"));
        Assert.True(cleared.GetValueOrDefault("slowseries.compile.duration") > 0, "the fused loop compiled again");
        Assert.Equal(1, again.GetValueOrDefault("slowseries.kernel_cache.hits"));
        Assert.Equal(0, again.GetValueOrDefault("slowseries.kernel_cache.misses"));
        Assert.Equal(0, again.GetValueOrDefault("slowseries.compile.duration"));
    }

    [Fact]
    public void AClearedStructureCompilesANewLoop()
    {
        var inputs = new Dictionary<string, NDArray> { ["a"] = NDArray.Wrap(new double[100_000]) };
        var plan = KernelCache.Get([NumExpr.Compile("a * 5 - 0.125")], inputs, null).Plan!;
        var loop = FusedKernel.TryCompile(plan, streaming: false);
        Assert.NotNull(loop);
        Assert.Same(loop, FusedKernel.TryCompile(plan, streaming: false));

        NumExpr.ClearCaches();
        Assert.NotSame(loop, FusedKernel.TryCompile(plan, streaming: false));
    }

    private static (Dictionary<string, double> Totals, T Result) Counted<T>(Func<T> run)
    {
        using var totals = new MeterTotals();
        var result = run();
        return (totals.Snapshot(), result);
    }
}
