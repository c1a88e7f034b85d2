namespace SlowSeries.Arrays;

/// <summary>
/// Before a result of 1 MiB or more is allocated, a full blocking collection when the large results allocated since the
/// last one may lie dead — as NumPy frees an array the moment its last reference goes, and the C allocator hands its
/// memory to the next one.
/// </summary>
/// <remarks>
/// <para>
/// Without it, a loop that evaluates without <c>out</c> and drops each result (`r = evaluate("2*a + 3*b")`, NumExpr's usual
/// use) allocated every result in memory new to the process: the collector runs in the background, the heap grows into
/// fresh pages while it does, and it hands freed regions back to the OS. Each fresh page is faulted in and cleared by the
/// kernel on its first write (72% of the time in a profile). On the Zen 5 VM (1e7 float64, 2 threads, 1.5 GB of inputs
/// alive): 81–109 ms per evaluation against 4.0–4.6 into a reused <c>out</c> and NumExpr's 13 without one; the runtime's
/// own settings (<c>GCRetainVM</c>, non-concurrent, the segments collector) left it at 44–96 ms; a blocking collection
/// before every other result, 4.6–6.2.
/// </para>
/// <para>
/// A collection pays only when it frees about a result's worth and pauses no longer than faulting in the result's fresh
/// pages would take here (<see cref="FreshMemoryCostPerMiB"/>); where the caller keeps its results, or its heap is large
/// enough that a full collection pauses long, the bytes of large results required before the next try
/// double each time. Turned off by the AppContext switch <see cref="Switch"/> set to false.
/// </para>
/// </remarks>
internal sealed class LargeResultReclaimer
{
    /// <summary>The AppContext switch that turns the collections off when false.</summary>
    public const string Switch = "SlowSeries.Arrays.ReclaimBeforeLargeResults";

    /// <summary>
    /// Results smaller than this never collect: in the large-object heap, yet so small that even where a collection
    /// would pay, it would save little (clearing a fresh MiB takes ~0.1 ms on bare metal).
    /// </summary>
    public const long MinimumBytes = 1L << 20;

    /// <summary>
    /// The least pause per MiB of the result a collection may take and still pay: about what faulting in and clearing a
    /// fresh MiB costs on bare metal (4 KiB pages ~1.5 µs each; huge pages ~0.1 ms per MiB).
    /// </summary>
    public static readonly TimeSpan LeastPausePerMiB = TimeSpan.FromMilliseconds(0.25);

    /// <summary>The most, however slowly fresh memory faults in.</summary>
    public static readonly TimeSpan MostPausePerMiB = TimeSpan.FromMilliseconds(2);

    private static readonly bool Enabled = !AppContext.TryGetSwitch(Switch, out bool enabled) || enabled;

    private readonly Func<(long Freed, TimeSpan Pause)> collect;

    private readonly TimeSpan pausePerMiB;

    private readonly Lock gate = new();

    private long allocatedSinceCollection;

    private long required;

    private long results;

    /// <summary>How many large results were recorded.</summary>
    public long Results => Interlocked.Read(ref results);

    /// <param name="collect">A full blocking collection: the bytes it freed and how long it paused.</param>
    /// <param name="pausePerMiB">The longest pause per MiB of the result with which a collection pays.</param>
    public LargeResultReclaimer(Func<(long Freed, TimeSpan Pause)> collect, TimeSpan pausePerMiB)
    {
        this.collect = collect;
        this.pausePerMiB = pausePerMiB;
    }

    /// <summary>The process's reclaimer, which <see cref="BeforeAllocating"/> serves (made at the first large result).</summary>
    internal static LargeResultReclaimer Process => ProcessWide.Instance;

    /// <summary>Called before a result of <paramref name="bytes"/> is allocated: collects first where that pays.</summary>
    public static void BeforeAllocating(long bytes)
    {
        if (Enabled && bytes >= MinimumBytes)
        {
            _ = Process.Allocating(bytes);
        }
    }

    /// <summary>
    /// Records a large result about to be allocated; first collects when at least a result's worth (and at least the bytes
    /// required after collections that did not pay) was allocated since the last collection. True when it collected.
    /// </summary>
    public bool Allocating(long bytes)
    {
        lock (gate)
        {
            bool collects = allocatedSinceCollection >= Math.Max(bytes, required);
            if (collects)
            {
                var (freed, pause) = collect();
                bool paid = freed >= bytes / 2 && pause <= pausePerMiB * (bytes / (double)(1 << 20));
                required = paid ? 0 : Math.Min(Math.Max(required, bytes) * 2, long.MaxValue / 4);
                allocatedSinceCollection = 0;
            }

            allocatedSinceCollection += bytes;
            results++;
            return collects;
        }
    }

    /// <summary>
    /// What faulting in fresh memory of the large-object heap costs here, per MiB: a new 1 MiB array's pages touched one
    /// by one, timed once, within <see cref="LeastPausePerMiB"/> and <see cref="MostPausePerMiB"/> (an array placed in
    /// memory already faulted in measures near nothing, and the least applies). 4 MiB of float32 results, with full
    /// collections pausing 1–2.5 ms on the VM, paid only past the least: `f*2 + g` on 1e6 without `out` 6.5–8 ms with
    /// the least budget, 1.8 with the timed one (NumExpr 0.7–1.0).
    /// </summary>
    private static TimeSpan FreshMemoryCostPerMiB()
    {
        var scratch = GC.AllocateUninitializedArray<byte>(1 << 20);
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        for (int page = 0; page < scratch.Length; page += 4096)
        {
            scratch[page] = 1;
        }

        var cost = System.Diagnostics.Stopwatch.GetElapsedTime(start);
        GC.KeepAlive(scratch);
        return TimeSpan.FromTicks(Math.Clamp(cost.Ticks, LeastPausePerMiB.Ticks, MostPausePerMiB.Ticks));
    }

    private static (long Freed, TimeSpan Pause) CollectFully()
    {
        long before = GC.GetTotalMemory(forceFullCollection: false);
        var paused = GC.GetTotalPauseDuration();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        return (before - GC.GetTotalMemory(forceFullCollection: false), GC.GetTotalPauseDuration() - paused);
    }

    /// <summary>Holds the process's reclaimer, so that its fresh-memory timing runs at the first large result, not the first result.</summary>
    private static class ProcessWide
    {
        internal static readonly LargeResultReclaimer Instance = new(CollectFully, FreshMemoryCostPerMiB());
    }
}
