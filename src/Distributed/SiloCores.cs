namespace SlowSeries.Distributed;

/// <summary>
/// The pieces a silo computes at once: one per core it may use, the others wait their turn here. The coordinator keeps
/// more pieces in flight than the cluster has cores (so that no core idles between pieces), and without this gate each
/// would start at once: CPU-bound threads time-sliced over a few cores. Registered per silo by
/// <see cref="ClusterMembership.ConfigureSilo"/> (silos sharing one machine split its cores); a silo configured
/// otherwise (e.g. Orleans' test cluster) uses <see cref="Shared"/>, all of this process's cores.
/// </summary>
public sealed class SiloCores
{
    private readonly SemaphoreSlim gate;

    /// <summary>A gate for <paramref name="cores"/> pieces at once (0 or less: every core of this machine).</summary>
    public SiloCores(int cores)
    {
        Cores = cores > 0 ? cores : Environment.ProcessorCount;
        gate = new SemaphoreSlim(Cores);
    }

    /// <summary>How many pieces this silo computes at once.</summary>
    public int Cores { get; }

    /// <summary>The gate of silos that registered none: every core of the process.</summary>
    public static SiloCores Shared { get; } = new(0);

    /// <summary>The silo's gate, from its services, or <see cref="Shared"/>.</summary>
    public static SiloCores Of(IServiceProvider services) => services?.GetService(typeof(SiloCores)) as SiloCores ?? Shared;

    /// <summary>Runs <paramref name="work"/> on a thread of its own once a core is free.</summary>
    public async Task<T> Run<T>(Func<T> work)
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            // A thread of its own, not the pool's: pieces run for tens of milliseconds, and pool threads held that long
            // would leave Orleans' messaging (which runs there) waiting for the pool to grow, piece after piece.
            return await Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
