namespace SlowSeries.Execution;

/// <summary>
/// Counts the elements the chunks of one run have finished and reports them to the caller's
/// <see cref="IProgress{T}"/>: at most once per percent and at the end, in increasing order even when workers finish
/// out of order. Chunks finish thousands of times a second; reporting each would cost more than the work on small ones.
/// </summary>
internal sealed class ProgressCounter
{
    private readonly IProgress<EvaluationProgress> progress;
    private readonly long total;
    private readonly Lock reporting = new();
    private long done;
    private long reported = -1;

    private ProgressCounter(IProgress<EvaluationProgress> progress, long total)
    {
        this.progress = progress;
        this.total = total;
    }

    /// <summary>A counter for a run of <paramref name="total"/> elements, or null when nobody listens.</summary>
    public static ProgressCounter? For(IProgress<EvaluationProgress>? progress, long total) =>
        progress is null ? null : new(progress, total);

    /// <summary>Records <paramref name="elements"/> more as done, reporting when a new percent (or the end) is reached.</summary>
    public void Add(long elements)
    {
        long now = Interlocked.Add(ref done, elements);
        long before = now - elements;
        if (now != total && Percent(now) == Percent(before))
        {
            return;
        }

        lock (reporting)
        {
            long latest = Interlocked.Read(ref done);
            if (latest > reported)
            {
                reported = latest;
                progress.Report(new EvaluationProgress(latest, total));
            }
        }
    }

    private long Percent(long elements) => total == 0 ? 100 : elements * 100 / total;
}
