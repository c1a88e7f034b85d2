using SlowSeries.Arrays;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Semantics;

namespace SlowSeries;

/// <summary>
/// A reduction of a whole operand (<c>sum</c>, <c>prod</c>, <c>min</c> or <c>max</c> without an axis) cut at fixed
/// chunks of 16,384 elements of its flat operand: one value per chunk, each the chunk's reduction exactly as
/// <see cref="CompiledExpression.Evaluate(object?, NDArray?, IProgress{EvaluationProgress}?, CancellationToken)"/>
/// computes it. The partials of consecutive pieces of the inputs — each piece starting on a chunk boundary, computed
/// anywhere, on any number of machines — folded in order by <see cref="Combine"/> give the bits of one evaluation over
/// the whole inputs (what a cluster needs to split a reduction without changing its answer).
/// </summary>
public sealed class ReductionPartials
{
    /// <summary>Partials as computed elsewhere (e.g. received from another machine).</summary>
    /// <param name="reduction">The reduction's function name: <c>sum</c>, <c>prod</c>, <c>min</c> or <c>max</c>.</param>
    /// <param name="operandType">The dtype of the reduced operand (the partials' own).</param>
    /// <param name="values">One partial per chunk, in order.</param>
    /// <exception cref="ArgumentException">The name is not a reduction, or a value is not of <paramref name="operandType"/>.</exception>
    public ReductionPartials(string reduction, DType operandType, IReadOnlyList<Scalar> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!OperatorTable.TryGetFunction(reduction, out var info) || !info.IsReduction)
        {
            throw new ArgumentException($"'{reduction}' is not a reduction (sum, prod, min, max)", nameof(reduction));
        }

        foreach (var value in values)
        {
            if (value.Type != operandType)
            {
                throw new ArgumentException($"partials of {operandType.Name()} cannot include a {value.Type.Name()} value", nameof(values));
            }
        }

        Operation = info.Operation;
        Reduction = info.Name;
        OperandType = operandType;
        Values = values;
    }

    /// <summary>The reduction's function name (<c>sum</c>, <c>prod</c>, <c>min</c>, <c>max</c>).</summary>
    public string Reduction { get; }

    /// <summary>The dtype of the reduced operand and of every partial.</summary>
    public DType OperandType { get; }

    /// <summary>One value per chunk of 16,384 elements (the last may be shorter), in order.</summary>
    public IReadOnlyList<Scalar> Values { get; }

    /// <summary>The elements one partial covers (every chunk but an operand's last).</summary>
    public const long ChunkElements = Execution.ChunkScheduler.ChunkElements;

    internal Operation Operation { get; }

    /// <summary>
    /// Folds the partials of consecutive pieces, in the order given, into the reduction's value: the same bits as one
    /// evaluation over the pieces' inputs joined end to end.
    /// </summary>
    /// <exception cref="ArgumentException">The pieces are of different reductions or dtypes, or there are none.</exception>
    /// <exception cref="ExpressionEvaluationException">min or max of no element at all (they have no identity).</exception>
    public static Scalar Combine(IReadOnlyList<ReductionPartials> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        if (pieces.Count == 0)
        {
            throw new ArgumentException("there are no partials to combine", nameof(pieces));
        }

        var first = pieces[0];
        if (pieces.FirstOrDefault(piece => piece.Operation != first.Operation || piece.OperandType != first.OperandType) is { } odd)
        {
            throw new ArgumentException($"partials of {first.Reduction} of {first.OperandType.Name()} cannot be combined with partials of {odd.Reduction} of {odd.OperandType.Name()}", nameof(pieces));
        }

        return ScalarSemantics.Fold(first.Operation, first.OperandType, pieces.SelectMany(piece => piece.Values))
            ?? throw new ExpressionEvaluationException(first.Reduction + "(…)", $"{first.Reduction}() of an empty operand has no value: it has no identity", -1, 0);
    }
}
