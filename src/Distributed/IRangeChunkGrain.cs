namespace SlowSeries.Distributed;

/// <summary>Computes the chunk partials of one piece of a registered range reduction, on whichever silo hosts it.</summary>
public interface IRangeChunkGrain : IGrainWithGuidKey
{
    /// <summary>The partials of [<paramref name="first"/>, <paramref name="last"/>] of the reduction named <paramref name="reduction"/>.</summary>
    /// <exception cref="KeyNotFoundException">The silo has no reduction of that name (its message lists the ones it has).</exception>
    Task<RangePartials> Partials(string reduction, long first, long last);
}
