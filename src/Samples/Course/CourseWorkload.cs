namespace SlowSeries.Samples.Course;

/// <summary>How a workload is run: its size, the thread counts to sweep, one variant or all, and the repeat count.</summary>
/// <param name="N">The problem size (terms, elements or grid scale); null for the workload's default.</param>
public sealed record WorkloadOptions(long? N, IReadOnlyList<int> Threads, string? Variant, int Repeats)
{
    /// <summary>Told how far each long evaluation has come (the main job's progress bar); null when nobody shows it.</summary>
    public IProgress<SlowSeries.EvaluationProgress>? Progress { get; init; }
}

/// <summary>One timed variant: its median time, its result and whether that result matches the reference.</summary>
/// <param name="Note">How to read the time, e.g. that a slow baseline ran on a smaller size and was scaled up.</param>
public sealed record Measurement(
    string Workload,
    string Variant,
    int Threads,
    long N,
    double MedianSeconds,
    double? Result,
    double? Reference,
    double Tolerance,
    string Note = "")
{
    /// <summary>True when there is nothing to check or the result is within the relative tolerance of the reference.</summary>
    public bool Matches => Result is not { } result || Reference is not { } reference
        || Math.Abs(result - reference) <= Tolerance * Math.Max(1e-300, Math.Abs(reference));
}

/// <summary>A workload of the course, run through SlowSeries, with the variants the course compares.</summary>
public abstract class CourseWorkload
{
    /// <summary>The name on the command line.</summary>
    public abstract string Name { get; }

    /// <summary>One line on what the course does with it.</summary>
    public abstract string Title { get; }

    /// <summary>The size used when none is given.</summary>
    public abstract long DefaultN { get; }

    /// <summary>
    /// About how many bytes <see cref="Run"/> holds at its peak at size <paramref name="n"/>, all variants (the process's
    /// maximum resident size, measured with <c>/usr/bin/time -v</c> at two sizes, less the 50 MB of an idle process).
    /// The main job scales a workload down where this exceeds the memory available.
    /// </summary>
    public virtual long PeakBytes(long n) => 0;

    /// <summary>The variants, fastest-to-write baselines first.</summary>
    public abstract IReadOnlyList<string> Variants { get; }

    /// <summary>Runs the selected variants; <paramref name="log"/> receives the course's printed lines.</summary>
    public abstract IEnumerable<Measurement> Run(WorkloadOptions options, TextWriter log);

    /// <summary>Whether <paramref name="variant"/> is selected by the options.</summary>
    protected static bool Selected(WorkloadOptions options, string variant) => options.Variant is null || options.Variant == variant;

    /// <summary>Runs <paramref name="body"/> with the run-time's thread count set, restoring it afterwards.</summary>
    protected static T WithThreads<T>(int threads, Func<T> body)
    {
        int original = NumExpr.GetNumThreads();
        NumExpr.SetNumThreads(threads);
        try
        {
            return body();
        }
        finally
        {
            NumExpr.SetNumThreads(original);
        }
    }
}
