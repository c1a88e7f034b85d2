using SlowSeries.Language.Binding;

namespace SlowSeries.Kernels;

/// <summary>Canonical text of bound subtrees: equal text means the same computation (the key for sharing hoisted terms).</summary>
internal static class BoundText
{
    public static string Canonical(BoundNode node) => node switch
    {
        BoundConstant constant => $"{constant.Value}:{constant.Type}",
        BoundVariable variable => variable.Name,
        BoundCast cast => $"{cast.Type}({Canonical(cast.Operand)})",
        BoundOperation operation => $"{operation.Operator.Operation}:{operation.Type}({string.Join(",", operation.Operands.Select(Canonical))})",
        BoundReduction reduction => $"{reduction.Operator.Operation}:{reduction.Axis}({Canonical(reduction.Operand)})",
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    public static IReadOnlyList<VariableSignature> Variables(BoundNode node)
    {
        var found = new Dictionary<string, VariableSignature>(StringComparer.Ordinal);
        Collect(node, found);
        return found.Values.ToList();
    }

    private static void Collect(BoundNode node, Dictionary<string, VariableSignature> found)
    {
        switch (node)
        {
            case BoundVariable variable:
                found.TryAdd(variable.Name, new VariableSignature(variable.Name, variable.Type, variable.Shape));
                break;
            case BoundCast cast:
                Collect(cast.Operand, found);
                break;
            case BoundOperation operation:
                foreach (var operand in operation.Operands)
                {
                    Collect(operand, found);
                }

                break;
            case BoundReduction reduction:
                Collect(reduction.Operand, found);
                break;
        }
    }
}
