using SlowSeries.Arrays;

namespace SlowSeries.Distributed;

/// <summary>
/// One piece of an expression over <c>.npy</c> files, as it travels to a silo: elements [<see cref="Start"/>,
/// <see cref="Start"/> + <see cref="Count"/>) of every file (their flat C-order index), the literals as written, and
/// where an element-wise result goes (null for a reduction, whose chunk partials come back instead).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ExpressionPiece(
    [property: Id(0)] string Expression,
    [property: Id(1)] Dictionary<string, string> Files,
    [property: Id(2)] Dictionary<string, string> Literals,
    [property: Id(3)] long Start,
    [property: Id(4)] int Count,
    [property: Id(5)] string? Output)
{
    /// <summary>The expression's variables for this piece: each file's slice (only its bytes read) and each literal.</summary>
    public Dictionary<string, object?> ReadVariables()
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, path) in Files)
        {
            variables[name] = NpyFile.ReadElements(path, Start, Count);
        }

        foreach (var (name, literal) in Literals)
        {
            variables[name] = NDArray.FromScalar(Scalar.Parse(literal));
        }

        return variables;
    }
}
