using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SlowSeries.Evaluation;

/// <summary>
/// What SlowSeries reports to .NET's diagnostics: the meter <c>SlowSeries</c> (see it with
/// <c>dotnet-counters monitor --counters SlowSeries -n &lt;process&gt;</c>) and the activity source <c>SlowSeries</c> (one
/// span per evaluation, for OpenTelemetry and other listeners). Nothing is recorded while nobody listens: the counters
/// and the source test for listeners first.
/// </summary>
/// <remarks>
/// The meter and the activity source are created on the thread pool from the first parse on (<see cref="Start"/>): the
/// first <see cref="Meter"/> in a process costs 13 ms and the first <see cref="ActivitySource"/> 10 (.NET sets up its
/// metrics and tracing), and on the caller's thread both fell on the process's first evaluation. Measurements made
/// before the meter exists are kept and recorded as soon as it does; an evaluation that starts before the source exists
/// creates it (or waits for it), so a listener attached from the start still sees every evaluation and every span.
/// </remarks>
internal static class Telemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "SlowSeries";

    private static readonly string? Version = typeof(Telemetry).Assembly.GetName().Version?.ToString();

    /// <summary>One span per evaluation (its expressions, elements and engine as tags).</summary>
    public static ActivitySource Activities => Volatile.Read(ref activities) ?? CreateActivities();

    private static ActivitySource? activities;

    private static int started;

    private static volatile Instruments? instruments;

    // Measurements made before the meter exists (see the remarks).
    private static long pendingEvaluations, pendingElements, pendingBytes, pendingHits, pendingMisses, pendingInterpreterRuns;
    private static readonly ConcurrentQueue<double> PendingCompileTimes = new();

    static Telemetry() => Start();

    /// <summary>Starts creating the meter and the activity source on the thread pool, once per process (see the remarks).</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static _ => Publish(), null);
        }
    }

    /// <summary>Whether an evaluation's counts are wanted: a listener enabled the meter, or the meter does not exist yet.</summary>
    public static bool Listening => instruments is not { } created || created.Evaluations.Enabled;

    /// <summary>Creates the meter now if it does not exist yet (tests that listen from a process's first evaluation).</summary>
    public static void EnsurePublished()
    {
        if (instruments is null)
        {
            Publish();
        }
    }

    public static void CountEvaluation(long elements, long bytes, bool interpreted)
    {
        if (instruments is { } created)
        {
            created.Evaluations.Add(1);
            created.Elements.Add(elements);
            created.Bytes.Add(bytes);
            if (interpreted)
            {
                created.InterpreterRuns.Add(1);
            }

            return;
        }

        Interlocked.Increment(ref pendingEvaluations);
        Interlocked.Add(ref pendingElements, elements);
        Interlocked.Add(ref pendingBytes, bytes);
        Interlocked.Add(ref pendingInterpreterRuns, interpreted ? 1 : 0);
        FlushIfPublished();
    }

    public static void CountCacheLookup(bool hit)
    {
        if (instruments is { } created)
        {
            (hit ? created.CacheHits : created.CacheMisses).Add(1);
            return;
        }

        Interlocked.Increment(ref hit ? ref pendingHits : ref pendingMisses);
        FlushIfPublished();
    }

    public static void RecordCompileTime(double milliseconds)
    {
        if (instruments is { } created)
        {
            created.CompileTime.Record(milliseconds);
            return;
        }

        PendingCompileTimes.Enqueue(milliseconds);
        FlushIfPublished();
    }

    private static ActivitySource CreateActivities()
    {
        lock (Creating)
        {
            return activities ??= new ActivitySource(Name, Version);
        }
    }

    private static readonly object Creating = new();

    private static void Publish()
    {
        _ = CreateActivities();
        lock (PendingCompileTimes)
        {
            instruments ??= new Instruments(new Meter(Name, Version));
        }

        FlushIfPublished();
    }

    // Called after every pending measurement and once the meter exists: whichever comes last records what is pending, and
    // Interlocked.Exchange hands each count to one caller only.
    private static void FlushIfPublished()
    {
        if (instruments is not { } created)
        {
            return;
        }

        Add(created.Evaluations, ref pendingEvaluations);
        Add(created.Elements, ref pendingElements);
        Add(created.Bytes, ref pendingBytes);
        Add(created.CacheHits, ref pendingHits);
        Add(created.CacheMisses, ref pendingMisses);
        Add(created.InterpreterRuns, ref pendingInterpreterRuns);
        while (PendingCompileTimes.TryDequeue(out double milliseconds))
        {
            created.CompileTime.Record(milliseconds);
        }

        static void Add(Counter<long> counter, ref long pending)
        {
            long value = Interlocked.Exchange(ref pending, 0);
            if (value != 0)
            {
                counter.Add(value);
            }
        }
    }

    private sealed class Instruments(Meter meter)
    {
        public Counter<long> Evaluations { get; } = meter.CreateCounter<long>("slowseries.evaluations", "{evaluation}", "Evaluations (an expression, or a group evaluated together)");

        public Counter<long> Elements { get; } = meter.CreateCounter<long>("slowseries.elements", "{element}", "Result elements computed");

        public Counter<long> Bytes { get; } = meter.CreateCounter<long>("slowseries.bytes", "By", "Bytes the evaluations read (inputs) and wrote (results)");

        public Counter<long> CacheHits { get; } = meter.CreateCounter<long>("slowseries.kernel_cache.hits", "{lookup}", "Kernel cache lookups that found a bound expression and its plan");

        public Counter<long> CacheMisses { get; } = meter.CreateCounter<long>("slowseries.kernel_cache.misses", "{lookup}", "Kernel cache lookups that bound and planned anew");

        public Histogram<double> CompileTime { get; } = meter.CreateHistogram<double>("slowseries.compile.duration", "ms", "Time to compile a fused loop (System.Linq.Expressions and the JIT)");

        public Counter<long> InterpreterRuns { get; } = meter.CreateCounter<long>("slowseries.interpreter_runs", "{evaluation}", "Evaluations large enough for the fused loop that ran on the block interpreter or the reference evaluator instead");
    }
}
