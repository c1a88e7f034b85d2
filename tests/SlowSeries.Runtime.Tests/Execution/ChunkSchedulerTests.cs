using System.Collections.Concurrent;
using SlowSeries.Execution;

namespace SlowSeries.Runtime.Tests.Execution;

/// <summary>
/// The scheduler's calls cover the iteration space exactly once, start on chunk boundaries and name their first chunk;
/// merged runs span at most four chunks and never leave a thread fewer than eight of them; unmerged calls (reductions
/// combine per chunk) are exactly one chunk each.
/// </summary>
public class ChunkSchedulerTests
{
    private const long Chunk = ChunkScheduler.ChunkElements;

    public static TheoryData<long, int, bool> Spaces => new()
    {
        { 1, 2, true },
        { Chunk, 2, true },
        { (3 * Chunk) + 5, 2, true },
        { 16 * Chunk, 2, true },
        { (64 * Chunk) + 1, 2, true },
        { (611 * Chunk) - 7, 2, true },
        { (611 * Chunk) - 7, 1, true },
        { (611 * Chunk) - 7, 3, false },
        { (40 * Chunk) + 3, 1, false },
    };

    [Theory]
    [MemberData(nameof(Spaces))]
    public void CallsCoverTheSpaceOnceFromChunkBoundaries(long size, int threads, bool merge)
    {
        var calls = new ConcurrentBag<(long Index, long Start, long End)>();
        ChunkScheduler.Run<object?>(size, threads, static () => null, (_, index, start, end) => calls.Add((index, start, end)), static _ => { }, merge: merge);

        var ordered = calls.OrderBy(call => call.Start).ToList();
        long expected = 0;
        foreach (var (index, start, end) in ordered)
        {
            Assert.Equal(expected, start);
            Assert.Equal(start, index * Chunk);
            Assert.True(end > start && end <= size, $"call [{start}, {end}) in a space of {size}");
            long chunks = (end - start + Chunk - 1) / Chunk;
            Assert.True(merge ? chunks <= 4 : chunks == 1, $"call [{start}, {end}) spans {chunks} chunks (merge: {merge})");
            if (merge && chunks > 1)
            {
                Assert.True(ChunkScheduler.ChunkCount(size) >= 8L * chunks * threads, $"{chunks}-chunk runs leave {threads} threads fewer than eight chunks each of {ChunkScheduler.ChunkCount(size)}");
            }

            expected = end;
        }

        Assert.Equal(size, expected);
    }

    [Fact]
    public void LargeMergedSpacesRunInRunsOfFourChunks()
    {
        var lengths = new ConcurrentBag<long>();
        ChunkScheduler.Run<object?>(611 * Chunk, 2, static () => null, (_, _, start, end) => lengths.Add(end - start), static _ => { }, merge: true);
        Assert.All(lengths.OrderBy(length => length).Skip(1), length => Assert.Equal(4 * Chunk, length));
    }
}
