using Orleans.Runtime.Placement;

namespace SlowSeries.Distributed;

/// <summary>
/// Which silo a run's next piece goes to: the active silo with the fewest of the run's pieces in flight, passed to
/// Orleans as the placement hint of the piece's new activation. Random placement (the grains' own strategy, and the
/// fallback here) piles pieces up unevenly: with 4 in flight on 2 silos (the cluster command's default), one silo got
/// 54–66 of a run's 120 pieces, one core idled while the other had two queued, and the run took 3.0–3.45 s for 2.7 s of
/// computing per core (2e9 terms of the slow series); sent this way, 60 and 60 in 2.9–3.0 s. A silo that failed or
/// timed out a piece of this run gets no further pieces while another silo is active, and a silo that stopped answering
/// keeps its pieces counted in flight until they time out, so the new ones go elsewhere.
/// </summary>
internal sealed class PiecePlacement(IGrainFactory grains)
{
    private readonly Lock gate = new();
    private readonly Dictionary<SiloAddress, int> inFlight = [];
    private readonly Dictionary<SiloAddress, int> assigned = [];
    private readonly HashSet<SiloAddress> failed = [];
    private SiloAddress[] active = [];

    /// <summary>Rereads the active silos from the cluster's membership; without an answer, pieces are placed by Orleans.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        SiloAddress[] silos;
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            silos = [.. hosts.Keys];
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            silos = [];
        }

        SetActive(silos);
    }

    /// <summary>The silos pieces may go to from now on.</summary>
    public void SetActive(IEnumerable<SiloAddress> silos)
    {
        lock (gate)
        {
            active = [.. silos];
        }
    }

    /// <summary>The silo for a piece about to be sent (counted in flight until <see cref="Release"/>), or null: Orleans places it.</summary>
    public SiloAddress? Take()
    {
        lock (gate)
        {
            var candidates = active.Where(silo => !failed.Contains(silo)).ToList();
            if (candidates.Count == 0)
            {
                return null;
            }

            // Fewest in flight, then fewest sent so far (so that equal silos alternate), then a fixed order.
            var chosen = candidates
                .OrderBy(silo => inFlight.GetValueOrDefault(silo))
                .ThenBy(silo => assigned.GetValueOrDefault(silo))
                .ThenBy(silo => silo.ToParsableString(), StringComparer.Ordinal)
                .First();
            inFlight[chosen] = inFlight.GetValueOrDefault(chosen) + 1;
            assigned[chosen] = assigned.GetValueOrDefault(chosen) + 1;
            return chosen;
        }
    }

    /// <summary>A piece sent to <paramref name="silo"/> answered, or failed (<paramref name="succeeded"/> false: no more pieces go there).</summary>
    public void Release(SiloAddress? silo, bool succeeded)
    {
        if (silo is null)
        {
            return;
        }

        lock (gate)
        {
            inFlight[silo] = inFlight.GetValueOrDefault(silo) - 1;
            if (!succeeded)
            {
                failed.Add(silo);
            }
        }
    }

    /// <summary>Sends the next call from this asynchronous flow to <paramref name="silo"/> (null: wherever Orleans places it).</summary>
    public static void Hint(SiloAddress? silo)
    {
        if (silo is null)
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
        else
        {
            RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        }
    }
}
