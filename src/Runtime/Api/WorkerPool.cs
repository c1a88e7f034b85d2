namespace SlowSeries;

/// <summary>
/// A map over items on N worker threads of its own, like Python's <c>Pool(N).map</c>: the workers take items in order
/// and the results come back in input order. Meant for coarse tasks (partial sums, I/O-bound calls): a task that waits
/// holds its worker, so N workers run N waits at once whatever the number of cores.
/// </summary>
public static class WorkerPool
{
    /// <summary>Applies <paramref name="function"/> to every item on <paramref name="workers"/> threads.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one worker.</exception>
    /// <exception cref="AggregateException">A call threw; the other workers finish their current items and stop.</exception>
    public static TResult[] Map<T, TResult>(IReadOnlyList<T> items, Func<T, TResult> function, int workers)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var results = new TResult[items.Count];
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        int next = -1;
        var threads = Enumerable.Range(0, Math.Min(workers, Math.Max(1, items.Count))).Select(_ => new Thread(() =>
        {
            int index;
            while (errors.IsEmpty && (index = Interlocked.Increment(ref next)) < items.Count)
            {
                try
                {
                    results[index] = function(items[index]);
                }
                catch (Exception error)
                {
                    errors.Enqueue(error);
                }
            }
        })
        { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return errors.IsEmpty ? results : throw new AggregateException(errors);
    }
}
