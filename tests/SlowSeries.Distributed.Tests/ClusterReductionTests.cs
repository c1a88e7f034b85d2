using Orleans.TestingHost;
using SlowSeries.Samples.Workloads;
using Xunit.Abstractions;

namespace SlowSeries.Distributed.Tests;

/// <summary>
/// The course's series on a three-silo Orleans test cluster (in this process, on loopback): the single-process bits for
/// any piece size, also when a silo is killed mid-run (the lost pieces are retried elsewhere), and a clear error for an
/// unknown reduction, after which the cluster still serves.
/// </summary>
public sealed class ClusterReductionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Slow = "SlowSeries.Samples.Workloads.SeriesKernels.CombinedSum";
    private const string Trigonometric = "SlowSeries.Samples.Workloads.SeriesKernels.TrigonometricTermSum";
    private TestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder { Options = { InitialSilosCount = 3 } };
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task BothSeriesGiveTheSingleProcessBitsWhateverThePieces()
    {
        const long N = 20_000_000;
        foreach (var (name, expected) in new[] { (Slow, SeriesKernels.CombinedSum(1, N)), (Trigonometric, SeriesKernels.TrigonometricTermSum(1, N)) })
        {
            foreach (int chunksPerPiece in new[] { 1, 7, 1024 })
            {
                var run = await new ClusterReduction(cluster.GrainFactory) { ChunksPerPiece = chunksPerPiece }.ReduceRange(name, 1, N);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits((double)run.Result));
                Assert.Equal((int)((N + (chunksPerPiece * RangeReduction.ChunkTerms) - 1) / (chunksPerPiece * RangeReduction.ChunkTerms)), run.Pieces);
                Assert.Equal(0, run.Retries);
                Assert.Equal(run.Pieces, run.PiecesBySilo.Values.Sum());
                if (chunksPerPiece == 1)
                {
                    // 1,221 pieces, each sent to the silo with the fewest in flight: every silo computes its share.
                    Assert.Equal(3, run.PiecesBySilo.Count);
                    Assert.All(run.PiecesBySilo.Values, pieces => Assert.InRange(pieces, run.Pieces / 4, run.Pieces / 2));
                }

            }
        }
    }

    [Fact]
    public async Task ASiloKilledMidRunCostsRetriesNotBits()
    {
        const long N = 120_000_000;
        double expected = SeriesKernels.CombinedSum(1, N);

        // Killed when a quarter of the terms are in: with 24 pieces in flight over 3 silos, each sent to the silo with the
        // fewest in flight, the killed one holds about a third of them, and those fail and are asked again elsewhere.
        var coordinator = new ClusterReduction(cluster.GrainFactory) { ChunksPerPiece = 16, Concurrency = 24, PieceTimeout = TimeSpan.FromSeconds(2) };
        Task? killing = null;
        var progress = new SynchronousProgress(done =>
        {
            if (killing is null && done.Fraction >= 0.25)
            {
                killing = cluster.KillSiloAsync(cluster.SecondarySilos[0]);
            }
        });
        var run = await coordinator.ReduceRange(Slow, 1, N, progress);
        await killing!;
        output.WriteLine($"{run.Pieces} pieces, {run.Retries} retries, {run.Seconds:F2} s; by silo: {string.Join(", ", run.PiecesBySilo.Select(kv => $"{kv.Key} {kv.Value}"))}");
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits((double)run.Result));
        Assert.Equal(458, run.Pieces);
        Assert.True(run.Retries > 0, "no piece was lost with the killed silo");
    }

    /// <summary>Reports on the reporting thread (Progress&lt;T&gt; would post to the thread pool, after the run may have ended).</summary>
    private sealed class SynchronousProgress(Action<EvaluationProgress> report) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => report(value);
    }

    [Fact]
    public async Task AnUnknownReductionIsOneClearErrorAndTheClusterServesOn()
    {
        var coordinator = new ClusterReduction(cluster.GrainFactory);
        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => coordinator.ReduceRange("Course.Series.Nothing", 1, 100));
        Assert.Contains("'Course.Series.Nothing'", error.Message, StringComparison.Ordinal);
        var run = await coordinator.ReduceRange(Slow, 1, 1_000_000);
        Assert.Equal(BitConverter.DoubleToInt64Bits(SeriesKernels.CombinedSum(1, 1_000_000)), BitConverter.DoubleToInt64Bits((double)run.Result));
    }
}
