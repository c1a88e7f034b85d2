namespace SlowSeries.Distributed;

/// <summary>Computes one piece of an expression over <c>.npy</c> files every silo can read.</summary>
public interface IExpressionPieceGrain : IGrainWithGuidKey
{
    /// <summary>Reads the piece's slices, evaluates, and writes the element-wise result's slice or returns the partials.</summary>
    Task<ExpressionPieceResult> Compute(ExpressionPiece piece);
}
