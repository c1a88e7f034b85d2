using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SlowSeries.Evaluation;

/// <summary>
/// What SlowSeries reports to .NET's diagnostics: the meter <c>SlowSeries</c> (see it with
/// <c>dotnet-counters monitor --counters SlowSeries -n &lt;process&gt;</c>) and the activity source <c>SlowSeries</c> (one
/// span per evaluation, for OpenTelemetry and other listeners). Nothing is recorded while nobody listens: the counters
/// and the source test for listeners first.
/// </summary>
internal static class Telemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "SlowSeries";

    private static readonly string? Version = typeof(Telemetry).Assembly.GetName().Version?.ToString();

    private static readonly Meter Meter = new(Name, Version);

    /// <summary>One span per evaluation (its expressions, elements and engine as tags).</summary>
    public static readonly ActivitySource Activities = new(Name, Version);

    public static readonly Counter<long> Evaluations = Meter.CreateCounter<long>("slowseries.evaluations", "{evaluation}", "Evaluations (an expression, or a group evaluated together)");

    public static readonly Counter<long> Elements = Meter.CreateCounter<long>("slowseries.elements", "{element}", "Result elements computed");

    public static readonly Counter<long> Bytes = Meter.CreateCounter<long>("slowseries.bytes", "By", "Bytes the evaluations read (inputs) and wrote (results)");

    public static readonly Counter<long> CacheHits = Meter.CreateCounter<long>("slowseries.kernel_cache.hits", "{lookup}", "Kernel cache lookups that found a bound expression and its plan");

    public static readonly Counter<long> CacheMisses = Meter.CreateCounter<long>("slowseries.kernel_cache.misses", "{lookup}", "Kernel cache lookups that bound and planned anew");

    public static readonly Histogram<double> CompileTime = Meter.CreateHistogram<double>("slowseries.compile.duration", "ms", "Time to compile a fused loop (System.Linq.Expressions and the JIT)");

    public static readonly Counter<long> InterpreterRuns = Meter.CreateCounter<long>("slowseries.interpreter_runs", "{evaluation}", "Evaluations large enough for the fused loop that ran on the block interpreter or the reference evaluator instead");
}
