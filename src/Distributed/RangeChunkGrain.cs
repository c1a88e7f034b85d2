namespace SlowSeries.Distributed;

/// <summary>
/// A piece of a range reduction, computed on the silo's threads. Placed at random, so that the pieces of one run spread
/// over the silos, and stateless: a piece whose silo died is simply asked of another activation.
/// </summary>
[Orleans.Placement.RandomPlacement]
public sealed class RangeChunkGrain(IServiceProvider services) : Grain, IRangeChunkGrain
{
    /// <inheritdoc/>
    public Task<RangePartials> Partials(string reduction, long first, long last)
    {
        // The work is CPU-bound and long: run it off the grain scheduler's thread, one piece per core.
        // Each activation serves one piece (its key is never used again): it goes as soon as it has answered.
        string silo = RuntimeIdentity;
        DeactivateOnIdle();
        return SiloCores.Of(services).Run(() =>
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            var partials = RangeReductions.Get(reduction).Partials(first, last);
            return RangePartials.From(partials) with { Silo = silo, ComputeSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds };
        });
    }
}
