namespace SlowSeries.Execution;

/// <summary>
/// Splits an iteration space into fixed chunks and runs them on up to N threads. The chunk size never depends on
/// the thread count, so anything combined per chunk in chunk order (reductions) is the same for 1 or 64 threads.
/// A space of one chunk runs inline on the caller's thread.
/// </summary>
internal static class ChunkScheduler
{
    public const long ChunkElements = 16_384;

    /// <summary>The most chunks one call of a merging run covers (see the parameter merge of Run).</summary>
    private const long MaxMergedChunks = 4;

    public static long ChunkCount(long size) => (size + ChunkElements - 1) / ChunkElements;

    /// <summary>Runs <paramref name="chunk"/>(index, start, end) for every chunk.</summary>
    public static void Run(long size, int threads, Action<long, long, long> chunk, ProgressCounter? progress = null, CancellationToken cancellation = default) =>
        Run<object?>(size, threads, static () => null, (_, c, start, end) => chunk(c, start, end), static _ => { }, progress, cancellation);

    /// <summary>
    /// Runs <paramref name="chunk"/>(worker state, index, start, end) for every chunk. Each thread that takes part calls
    /// <paramref name="enter"/> before its first chunk and <paramref name="leave"/> after its last, also on failure:
    /// state such as a kernel frame then stays with one core for all the chunks that core runs, rather than moving
    /// between cores' caches chunk after chunk. A cancellation is seen before each call: the run stops within one call
    /// (a chunk, or a merged run of chunks) per thread and throws <see cref="OperationCanceledException"/>. Each
    /// finished chunk counts towards <paramref name="progress"/>. With <paramref name="merge"/>, for work that combines
    /// nothing per chunk, neighbouring chunks may run as one call (the index passed is then the first one's): a streaming
    /// loop's prefetches run ahead of its loads only after its first lines, and each call sets up anew.
    /// </summary>
    public static void Run<TWorker>(long size, int threads, Func<TWorker> enter, Action<TWorker, long, long, long> chunk, Action<TWorker> leave, ProgressCounter? progress = null, CancellationToken cancellation = default, bool merge = false)
    {
        long chunks = ChunkCount(size);
        if (chunks == 0)
        {
            return;
        }

        // Runs of several chunks only while every thread still gets at least eight of them (the last ones balance out).
        long run = merge ? Math.Clamp(chunks / (8L * Math.Max(1, threads)), 1, MaxMergedChunks) : 1;
        long runs = (chunks + run - 1) / run;
        if (chunks == 1 || threads <= 1)
        {
            var worker = enter();
            try
            {
                for (long r = 0; r < runs; r++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    long start = r * run * ChunkElements, end = Math.Min(size, start + (run * ChunkElements));
                    chunk(worker, r * run, start, end);
                    progress?.Add(end - start);
                }
            }
            finally
            {
                leave(worker);
            }

            return;
        }

        // Workers claim runs of chunks in order; MaxDegreeOfParallelism caps the threads at exactly N.
        long next = -1;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
        Parallel.For(0, (int)Math.Min(threads, runs), options, _ =>
        {
            var worker = enter();
            try
            {
                long r;
                while ((r = Interlocked.Increment(ref next)) < runs)
                {
                    cancellation.ThrowIfCancellationRequested();
                    long start = r * run * ChunkElements, end = Math.Min(size, start + (run * ChunkElements));
                    chunk(worker, r * run, start, end);
                    progress?.Add(end - start);
                }
            }
            finally
            {
                leave(worker);
            }
        });
    }
}
