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

    public static void Run(long size, int threads, Action<long, long, long> chunk)
    {
        long chunks = ChunkCount(size);
        if (chunks <= 1 || threads <= 1)
        {
            for (long c = 0; c < chunks; c++)
            {
                chunk(c, c * ChunkElements, Math.Min(size, (c + 1) * ChunkElements));
            }

            return;
        }

        // Workers claim chunks in order; MaxDegreeOfParallelism caps the threads at exactly N.
        long next = -1;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, (int)Math.Min(threads, chunks), options, _ =>
        {
            long c;
            while ((c = Interlocked.Increment(ref next)) < chunks)
            {
                chunk(c, c * ChunkElements, Math.Min(size, (c + 1) * ChunkElements));
            }
        });
    }
}
