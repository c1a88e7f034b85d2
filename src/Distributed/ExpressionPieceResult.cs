using SlowSeries.Arrays;

namespace SlowSeries.Distributed;

/// <summary>
/// What a silo sends back for an <see cref="ExpressionPiece"/>: for a reduction, its chunk partials (real values in
/// <see cref="Reals"/>, integers in <see cref="Integers"/>, exactly); for an element-wise piece, only the silo.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ExpressionPieceResult(
    [property: Id(0)] string? Reduction,
    [property: Id(1)] int OperandType,
    [property: Id(2)] double[]? Reals,
    [property: Id(3)] long[]? Integers,
    [property: Id(4)] string Silo)
{
    /// <summary>Seconds the silo spent reading, computing and writing the piece (its wait for a free core not counted).</summary>
    [Id(5)]
    public double ComputeSeconds { get; init; }

    /// <summary>Packs a reduction's partials (float64 and float32 travel as doubles, which hold them exactly).</summary>
    public static ExpressionPieceResult From(ReductionPartials partials, string silo)
    {
        ArgumentNullException.ThrowIfNull(partials);
        bool integer = partials.OperandType is DType.Int32 or DType.Int64 or DType.Bool;
        if (!integer && partials.OperandType is not (DType.Float64 or DType.Float32))
        {
            throw new ArgumentException($"partials of {partials.OperandType.Name()} cannot travel yet", nameof(partials));
        }

        return new(
            partials.Reduction,
            (int)partials.OperandType,
            integer ? null : [.. partials.Values.Select(value => value.Real)],
            integer ? [.. partials.Values.Select(value => value.Integer)] : null,
            silo);
    }

    /// <summary>The partials again, as <see cref="ReductionPartials.Combine"/> takes them.</summary>
    public ReductionPartials ToPartials()
    {
        var type = (DType)OperandType;
        IReadOnlyList<Scalar> values = type switch
        {
            DType.Float64 => [.. Reals!.Select(Scalar.FromFloat64)],
            DType.Float32 => [.. Reals!.Select(value => Scalar.FromFloat32((float)value))],
            DType.Int64 => [.. Integers!.Select(Scalar.FromInt64)],
            DType.Int32 => [.. Integers!.Select(value => Scalar.FromInt32((int)value))],
            DType.Bool => [.. Integers!.Select(value => Scalar.FromBool(value != 0))],
            _ => throw new InvalidOperationException($"partials of {type.Name()} cannot travel"),
        };
        return new ReductionPartials(Reduction ?? throw new InvalidOperationException("an element-wise piece has no partials"), type, values);
    }
}
