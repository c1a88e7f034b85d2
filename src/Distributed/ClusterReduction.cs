using System.Diagnostics;

namespace SlowSeries.Distributed;

/// <summary>What a cluster run gave: the result, and how the work went (pieces, retries, time).</summary>
/// <param name="Result">The reduction's value, the same bits as the generated method gives in one process.</param>
/// <param name="Pieces">How many pieces the range was split into (independent of the number of silos).</param>
/// <param name="Retries">How many piece computations failed (a silo died, timed out or refused) and were asked again.</param>
/// <param name="Seconds">Wall-clock time of the run.</param>
/// <param name="PiecesBySilo">How many pieces each silo computed (the ones that arrived), by silo address.</param>
public sealed record ClusterResult(object Result, int Pieces, int Retries, double Seconds, IReadOnlyDictionary<string, int> PiecesBySilo);

/// <summary>
/// Runs a registered range reduction on an Orleans cluster: the range is cut into pieces of a fixed number of chunks
/// (boundaries depend only on the range, never on the cluster), at most <see cref="Concurrency"/> pieces are in flight,
/// a piece that fails is asked again of a new activation (on another silo if its own is gone), and the partials are
/// combined in piece order by <see cref="RangeReduction.Combine"/> — bit-identical to the single-process result for any
/// cluster size and any failures.
/// </summary>
public sealed class ClusterReduction(IGrainFactory grains)
{
    /// <summary>Chunks per piece: 1,024 chunks of 16,384 terms (16.8 million terms, tens of milliseconds of work).</summary>
    public int ChunksPerPiece { get; init; } = 1024;

    /// <summary>Pieces in flight at once (enough to keep every core of a few silos busy).</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>How many times one piece may fail before the run gives up.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>
    /// The wait before a piece's first retry, doubled for each further one (at most 5 s): until membership declares a
    /// dead silo dead, new activations can still be placed on it, and retrying at once would spend every attempt there.
    /// </summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long one piece may take before it is asked again elsewhere (a silo that died without closing its
    /// connections, or stopped answering). A piece is tens of milliseconds of work; the default leaves room for slow
    /// machines.
    /// </summary>
    public TimeSpan PieceTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="reduction"/> over [<paramref name="first"/>, <paramref name="last"/>].</summary>
    /// <param name="reduction">A name registered in <see cref="RangeReductions"/> here and on every silo.</param>
    /// <param name="first">The first term.</param>
    /// <param name="last">The last term (inclusive).</param>
    /// <param name="progress">Told how many terms are done.</param>
    /// <param name="cancellationToken">Stops dispatching; pieces in flight are abandoned.</param>
    /// <exception cref="KeyNotFoundException">The name is not registered in this process.</exception>
    public async Task<ClusterResult> ReduceRange(string reduction, long first, long last, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var local = RangeReductions.Get(reduction);
        var clock = Stopwatch.StartNew();
        long pieceTerms = ChunksPerPiece * RangeReduction.ChunkTerms;
        long total = last < first ? 0 : checked(last - first + 1);
        int pieces = (int)((total + pieceTerms - 1) / pieceTerms);
        var partials = new Array[pieces];
        var silos = new string[pieces];
        int retries = 0;
        long done = 0;
        var reporting = new Lock();
        using var gate = new SemaphoreSlim(Concurrency);
        var tasks = Enumerable.Range(0, pieces).Select(async piece =>
        {
            long start = first + (piece * pieceTerms);
            long end = Math.Min(last, start + pieceTerms - 1);
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                for (int attempt = 0; ; attempt++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    try
                    {
                        // A new key per attempt and per run: a new activation, placed on a silo that is alive now (keys reused
                        // across runs would find the earlier runs' activations, and a silo that joined since would get no work).
                        var grain = grains.GetGrain<IRangeChunkGrain>(Guid.NewGuid());
                        var answer = await grain.Partials(reduction, start, end).WaitAsync(PieceTimeout, cancellationToken).ConfigureAwait(false);
                        partials[piece] = answer.Values;
                        silos[piece] = answer.Silo;
                        break;
                    }
                    catch (Exception error) when (error is not KeyNotFoundException && attempt + 1 < MaxAttempts && !cancellationToken.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref retries);
                        var wait = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(5).Ticks, RetryDelay.Ticks << Math.Min(attempt, 20)));
                        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                gate.Release();
            }

            lock (reporting)
            {
                done += end - start + 1;
                progress?.Report(new EvaluationProgress(done, total));
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var bySilo = silos.GroupBy(silo => silo, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        return new ClusterResult(local.Combine(partials.Length == 0 ? [local.Partials(first, last, cancellationToken)] : partials), pieces, retries, clock.Elapsed.TotalSeconds, bySilo);
    }
}
