using System.Diagnostics;

namespace SlowSeries.Distributed;

/// <summary>
/// What every SlowSeries cluster run shares: the work cut into pieces whose boundaries depend only on the work, at most
/// <see cref="Concurrency"/> pieces in flight, a piece that fails or times out asked again of a new grain activation
/// (on another silo if its own is gone) after a growing wait, and the results kept in piece order, so that what is
/// combined from them does not depend on the cluster's size or on failures.
/// </summary>
public abstract class ClusterCoordinator(IGrainFactory grains)
{
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

    /// <summary>Told, as each piece arrives, the pieces done, per silo, and the retries so far (e.g. for a progress bar).</summary>
    public IProgress<ClusterProgress>? PieceProgress { get; init; }

    /// <summary>The cluster's grains.</summary>
    protected IGrainFactory Grains { get; } = grains;

    /// <summary>
    /// Runs <paramref name="compute"/> for pieces 0 … <paramref name="pieces"/> − 1 (each call gets a new grain key: a
    /// new activation, placed on a silo that is alive now; keys reused across attempts or runs would find old
    /// activations) and returns the results in piece order. An exception for which <paramref name="isPermanent"/> holds
    /// ends the run at once: asking again would give the same answer.
    /// </summary>
    private protected async Task<PieceResults<T>> Dispatch<T>(
        int pieces,
        Func<int, Guid, Task<(T Value, string Silo, double ComputeSeconds)>> compute,
        Func<int, long> elementsOf,
        Func<Exception, bool> isPermanent,
        IProgress<EvaluationProgress>? progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var results = new T[pieces];
        var silos = new string[pieces];
        var computeSeconds = new double[pieces];
        long total = Enumerable.Range(0, pieces).Sum(elementsOf);
        int retries = 0;
        long done = 0;
        int piecesDone = 0;
        var arrivedBySilo = new Dictionary<string, int>(StringComparer.Ordinal);
        var reporting = new Lock();
        using var gate = new SemaphoreSlim(Concurrency);
        var placement = new PiecePlacement(Grains);
        await placement.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var tasks = Enumerable.Range(0, pieces).Select(async piece =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                for (int attempt = 0; ; attempt++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var target = placement.Take();
                    bool succeeded = false;
                    try
                    {
                        PiecePlacement.Hint(target);
                        (results[piece], silos[piece], computeSeconds[piece]) = await compute(piece, Guid.NewGuid()).WaitAsync(PieceTimeout, cancellationToken).ConfigureAwait(false);
                        succeeded = true;
                        break;
                    }
                    catch (Exception error) when (!isPermanent(error) && attempt + 1 < MaxAttempts && !cancellationToken.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref retries);
                        placement.Release(target, succeeded: false);
                        target = null;
                        var wait = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(5).Ticks, RetryDelay.Ticks << Math.Min(attempt, 20)));
                        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);

                        // A dead silo leaves the membership's active list once declared dead.
                        await placement.RefreshAsync(cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        placement.Release(target, succeeded);
                    }
                }
            }
            finally
            {
                gate.Release();
            }

            lock (reporting)
            {
                done += elementsOf(piece);
                piecesDone++;
                arrivedBySilo[silos[piece]] = arrivedBySilo.GetValueOrDefault(silos[piece]) + 1;
                progress?.Report(new EvaluationProgress(done, total));
                PieceProgress?.Report(new ClusterProgress(piecesDone, pieces, Volatile.Read(ref retries), new Dictionary<string, int>(arrivedBySilo, StringComparer.Ordinal)));
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var bySilo = silos.GroupBy(silo => silo, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        return new PieceResults<T>(results, retries, clock.Elapsed.TotalSeconds, computeSeconds.Sum(), bySilo);
    }

    /// <summary>The results of every piece in order, and how the run went.</summary>
    private protected sealed record PieceResults<T>(T[] Values, int Retries, double Seconds, double ComputeSeconds, IReadOnlyDictionary<string, int> PiecesBySilo)
    {
        public ClusterResult ToResult(object result) => new(result, Values.Length, Retries, Seconds, PiecesBySilo) { ComputeSeconds = ComputeSeconds };
    }
}
