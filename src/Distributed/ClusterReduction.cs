namespace SlowSeries.Distributed;

/// <summary>
/// Runs a registered range reduction on an Orleans cluster: the range is cut into pieces of a fixed number of chunks
/// (boundaries depend only on the range, never on the cluster) and the partials are combined in piece order by
/// <see cref="RangeReduction.Combine"/> — bit-identical to the single-process result for any cluster size and any
/// failures (see <see cref="ClusterCoordinator"/> for the dispatch and the retries).
/// </summary>
public sealed class ClusterReduction(IGrainFactory grains) : ClusterCoordinator(grains)
{
    /// <summary>Chunks per piece: 1,024 chunks of 16,384 terms (16.8 million terms, tens of milliseconds of work).</summary>
    public int ChunksPerPiece { get; init; } = 1024;

    /// <summary>Runs <paramref name="reduction"/> over [<paramref name="first"/>, <paramref name="last"/>].</summary>
    /// <param name="reduction">A name registered in <see cref="RangeReductions"/> here and on every silo.</param>
    /// <param name="first">The first term.</param>
    /// <param name="last">The last term (inclusive).</param>
    /// <param name="progress">Told how many terms are done.</param>
    /// <param name="cancellationToken">Stops dispatching; pieces in flight are abandoned.</param>
    /// <exception cref="KeyNotFoundException">The name is not registered in this process or on a silo.</exception>
    public async Task<ClusterResult> ReduceRange(string reduction, long first, long last, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var local = RangeReductions.Get(reduction);
        long pieceTerms = ChunksPerPiece * RangeReduction.ChunkTerms;
        long total = last < first ? 0 : checked(last - first + 1);
        int pieces = (int)((total + pieceTerms - 1) / pieceTerms);
        long StartOf(int piece) => first + (piece * pieceTerms);
        long EndOf(int piece) => Math.Min(last, StartOf(piece) + pieceTerms - 1);
        var run = await Dispatch(
            pieces,
            async (piece, key) =>
            {
                var answer = await Grains.GetGrain<IRangeChunkGrain>(key).Partials(reduction, StartOf(piece), EndOf(piece)).ConfigureAwait(false);
                return (answer.Values, answer.Silo, answer.ComputeSeconds);
            },
            piece => EndOf(piece) - StartOf(piece) + 1,
            error => error is KeyNotFoundException,
            progress,
            cancellationToken).ConfigureAwait(false);
        return run.ToResult(local.Combine(pieces == 0 ? [local.Partials(first, last, cancellationToken)] : run.Values));
    }
}
