using SlowSeries.Arrays;

namespace SlowSeries.Language.Binding;

/// <summary>A bound expression: its tree, its inputs in first-use order, and its source text for messages.</summary>
internal sealed record BoundExpression(string Text, BoundNode Root, IReadOnlyList<VariableSignature> Variables)
{
    public DType Type => Root.Type;

    public Shape Shape => Root.Shape;
}
