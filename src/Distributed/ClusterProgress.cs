namespace SlowSeries.Distributed;

/// <summary>How a cluster run stands, reported each time a piece arrives (see <see cref="ClusterCoordinator.PieceProgress"/>).</summary>
/// <param name="PiecesDone">Pieces whose results have arrived.</param>
/// <param name="Pieces">Pieces in the run.</param>
/// <param name="Retries">Piece computations that failed or timed out so far and were asked again.</param>
/// <param name="PiecesBySilo">Arrived pieces by the silo that computed them.</param>
public sealed record ClusterProgress(int PiecesDone, int Pieces, int Retries, IReadOnlyDictionary<string, int> PiecesBySilo);
