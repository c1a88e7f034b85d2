using SlowSeries.Arrays;

namespace SlowSeries.Distributed;

/// <summary>
/// A piece of an expression over <c>.npy</c> files, computed on the silo's threads from the slices it reads (never the
/// whole files, so arrays larger than one machine's memory work). Placed at random and stateless, as
/// <see cref="RangeChunkGrain"/>.
/// </summary>
[Orleans.Placement.RandomPlacement]
public sealed class ExpressionPieceGrain(IServiceProvider services) : Grain, IExpressionPieceGrain
{
    /// <inheritdoc/>
    public Task<ExpressionPieceResult> Compute(ExpressionPiece piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        string silo = RuntimeIdentity;
        DeactivateOnIdle();
        return SiloCores.Of(services).Run(() =>
        {
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            var variables = piece.ReadVariables();
            var expression = NumExpr.Compile(piece.Expression);
            if (piece.Output is null)
            {
                return ExpressionPieceResult.From(expression.EvaluatePartials(variables), silo) with { ComputeSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds };
            }

            NpyFile.WriteElements(piece.Output, piece.Start, expression.Evaluate(variables));
            return new ExpressionPieceResult(null, 0, null, null, silo) { ComputeSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds };
        });
    }
}
