using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Execution;

/// <summary>
/// Dead large results are collected before the next is allocated, where a collection pays (it frees about a result's
/// worth and pauses briefly); where it does not, the tries grow exponentially rarer.
/// </summary>
public class LargeResultReclaimerTests
{
    private const long Result = 80L << 20;

    private static readonly TimeSpan Brief = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void DroppedResultsAreCollectedBeforeEachNextOne()
    {
        int collections = 0;
        var reclaimer = new LargeResultReclaimer(() => { collections++; return (Result, Brief); }, LargeResultReclaimer.LeastPausePerMiB);
        var collected = Enumerable.Range(0, 10).Select(_ => reclaimer.Allocating(Result)).ToList();

        // The first result has nothing before it; every later one finds the one before dead.
        Assert.Equal([false, .. Enumerable.Repeat(true, 9)], collected);
        Assert.Equal(9, collections);
    }

    [Fact]
    public void KeptResultsAreTriedExponentiallyRarely()
    {
        var reclaimer = new LargeResultReclaimer(() => (0, Brief), LargeResultReclaimer.LeastPausePerMiB);
        var collectedAt = Enumerable.Range(0, 64).Where(_ => reclaimer.Allocating(Result)).ToList();

        // Each try that frees nothing doubles the bytes required before the next: after results 1, 3, 7, 15, 31, 63.
        Assert.Equal([1, 3, 7, 15, 31, 63], collectedAt);
    }

    [Fact]
    public void LongPausesBackOffAndAPayingCollectionResetsTheWait()
    {
        var pause = TimeSpan.FromMilliseconds(50); // over 0.25 ms per MiB of an 80 MiB result
        var reclaimer = new LargeResultReclaimer(() => (Result, pause), LargeResultReclaimer.LeastPausePerMiB);
        Assert.False(reclaimer.Allocating(Result));
        Assert.True(reclaimer.Allocating(Result));
        Assert.False(reclaimer.Allocating(Result));
        Assert.True(reclaimer.Allocating(Result));

        // The doubled wait holds until a collection pays; after one that does, the next result collects again.
        pause = Brief;
        Assert.False(reclaimer.Allocating(Result));
        Assert.False(reclaimer.Allocating(Result));
        Assert.False(reclaimer.Allocating(Result));
        Assert.True(reclaimer.Allocating(Result));
        Assert.True(reclaimer.Allocating(Result));
    }

    [Fact]
    public void ResultsOfVariousSizesWaitForAResultsWorth()
    {
        int collections = 0;
        var reclaimer = new LargeResultReclaimer(() => { collections++; return (long.MaxValue, Brief); }, LargeResultReclaimer.LeastPausePerMiB);
        Assert.False(reclaimer.Allocating(Result));
        Assert.False(reclaimer.Allocating(2 * Result)); // one 80 MiB result could not make room for 160
        Assert.True(reclaimer.Allocating(Result));
        Assert.Equal(1, collections);
    }

    [Fact]
    public void AnEvaluationRecordsTheLargeResultItAllocates()
    {
        double[] a = new double[(int)(LargeResultReclaimer.MinimumBytes / sizeof(double)) + 1];
        long before = LargeResultReclaimer.Process.Results;
        var result = NumExpr.Evaluate("a * 2", new Dictionary<string, object?> { ["a"] = a });
        Assert.Equal(a.Length, result.Shape.Size);
        Assert.True(LargeResultReclaimer.Process.Results > before, "the evaluation allocated a 1 MiB result unrecorded");
    }
}
