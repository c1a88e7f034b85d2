namespace SlowSeries.Execution;

/// <summary>
/// Splits an iteration space into fixed chunks and runs them on up to N threads. The chunk size never depends on
/// the thread count, so anything combined per chunk in chunk order (reductions) is the same for 1 or 64 threads.
/// A space of one chunk runs inline on the caller's thread.
/// </summary>
internal static class ChunkScheduler
{
    public const long ChunkElements = 16_384;

    public static long ChunkCount(long size) => (size + ChunkElements - 1) / ChunkElements;

    /// <summary>Runs <paramref name="chunk"/>(index, start, end) for every chunk.</summary>
    public static void Run(long size, int threads, Action<long, long, long> chunk, ProgressCounter? progress = null, CancellationToken cancellation = default) =>
        Run<object?>(size, threads, static () => null, (_, c, start, end) => chunk(c, start, end), static _ => { }, progress, cancellation);

    /// <summary>
    /// Runs <paramref name="chunk"/>(worker state, index, start, end) for every chunk. Each thread that takes part calls
    /// <paramref name="enter"/> before its first chunk and <paramref name="leave"/> after its last, also on failure:
    /// state such as a kernel frame then stays with one core for all the chunks that core runs, rather than moving
    /// between cores' caches chunk after chunk. A cancellation is seen before each chunk: the run stops within one chunk
    /// per thread and throws <see cref="OperationCanceledException"/>. Each finished chunk counts towards
    /// <paramref name="progress"/>.
    /// </summary>
    public static void Run<TWorker>(long size, int threads, Func<TWorker> enter, Action<TWorker, long, long, long> chunk, Action<TWorker> leave, ProgressCounter? progress = null, CancellationToken cancellation = default)
    {
        long chunks = ChunkCount(size);
        if (chunks == 0)
        {
            return;
        }

        if (chunks == 1 || threads <= 1)
        {
            var worker = enter();
            try
            {
                for (long c = 0; c < chunks; c++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    long end = Math.Min(size, (c + 1) * ChunkElements);
                    chunk(worker, c, c * ChunkElements, end);
                    progress?.Add(end - (c * ChunkElements));
                }
            }
            finally
            {
                leave(worker);
            }

            return;
        }

        // Workers claim chunks in order; MaxDegreeOfParallelism caps the threads at exactly N.
        long next = -1;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
        Parallel.For(0, (int)Math.Min(threads, chunks), options, _ =>
        {
            var worker = enter();
            try
            {
                long c;
                while ((c = Interlocked.Increment(ref next)) < chunks)
                {
                    cancellation.ThrowIfCancellationRequested();
                    long end = Math.Min(size, (c + 1) * ChunkElements);
                    chunk(worker, c, c * ChunkElements, end);
                    progress?.Add(end - (c * ChunkElements));
                }
            }
            finally
            {
                leave(worker);
            }
        });
    }
}
