namespace SlowSeries.Distributed;

/// <summary>What a cluster run gave: the result, and how the work went (pieces, retries, time).</summary>
/// <param name="Result">The run's value: a range reduction's or an expression's reduction (the same bits as one process gives), or the header of the .npy file an element-wise expression filled.</param>
/// <param name="Pieces">How many pieces the work was cut into (independent of the number of silos).</param>
/// <param name="Retries">How many piece computations failed (a silo died, timed out or refused) and were asked again.</param>
/// <param name="Seconds">Wall-clock time of the run.</param>
/// <param name="PiecesBySilo">How many pieces each silo computed (the ones that arrived), by silo address.</param>
public sealed record ClusterResult(object Result, int Pieces, int Retries, double Seconds, IReadOnlyDictionary<string, int> PiecesBySilo)
{
    /// <summary>
    /// Seconds the silos spent computing the pieces that arrived, summed (their waits for a core, the messaging and the
    /// coordinator's work excluded): against <see cref="Seconds"/> times the cluster's cores, the dispatch's overhead.
    /// </summary>
    public double ComputeSeconds { get; init; }
}
