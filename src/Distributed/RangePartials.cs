namespace SlowSeries.Distributed;

/// <summary>
/// The partial results of consecutive chunks of a range reduction, as they travel from a silo to the coordinator: one
/// array of the reduction's result type (the others null).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record RangePartials(
    [property: Id(0)] double[]? Doubles,
    [property: Id(1)] float[]? Singles,
    [property: Id(2)] long[]? Longs,
    [property: Id(3)] int[]? Integers)
{
    /// <summary>The silo that computed them (its address), for the per-silo counts a run reports.</summary>
    [Id(4)]
    public string Silo { get; init; } = string.Empty;

    /// <summary>Seconds the silo spent computing them (its waiting for a free core not counted).</summary>
    [Id(5)]
    public double ComputeSeconds { get; init; }

    /// <summary>The partials as the array <see cref="RangeReduction.Combine"/> takes.</summary>
    public Array Values => (Array?)Doubles ?? (Array?)Singles ?? (Array?)Longs ?? Integers ?? throw new InvalidOperationException("no partials");

    /// <summary>Wraps the partials a <see cref="RangeReduction"/> computed.</summary>
    public static RangePartials From(Array partials) => partials switch
    {
        double[] values => new(values, null, null, null),
        float[] values => new(null, values, null, null),
        long[] values => new(null, null, values, null),
        int[] values => new(null, null, null, values),
        _ => throw new ArgumentException($"partials of {partials.GetType().Name} cannot travel", nameof(partials)),
    };
}
