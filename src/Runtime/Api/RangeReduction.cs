using SlowSeries.Execution;

namespace SlowSeries;

/// <summary>
/// A generated <c>[Vectorize]</c> range reduction (e.g. <c>CombinedSum(first, last)</c>) found by its stable name
/// (<see cref="RangeReductions"/>), split into the partial results of its fixed chunks. Any process running the same
/// assemblies computes the same partials for the same chunks, and <see cref="Combine"/> folds them in chunk order as
/// the method itself does: partials computed anywhere — other threads, processes or machines — and combined here give
/// the method's own bits.
/// </summary>
public abstract class RangeReduction
{
    private protected RangeReduction(string name, Type resultType)
    {
        Name = name;
        ResultType = resultType;
    }

    /// <summary>How many terms each partial covers: chunk k of [first, last] starts at first + k · ChunkTerms.</summary>
    public static long ChunkTerms => ChunkScheduler.ChunkElements;

    /// <summary>The stable name, the generated method's full name (e.g. <c>SlowSeries.Samples.Workloads.SeriesKernels.CombinedSum</c>).</summary>
    public string Name { get; }

    /// <summary>The type of the result and of each partial (double, float, long or int).</summary>
    public Type ResultType { get; }

    /// <summary>
    /// The partial results of the chunks of [<paramref name="first"/>, <paramref name="last"/>], in order, computed on this
    /// process's threads. For the partials of a larger range, <paramref name="first"/> must be that range's first term
    /// plus a multiple of <see cref="ChunkTerms"/>.
    /// </summary>
    public abstract Array Partials(long first, long last, CancellationToken cancellationToken = default);

    /// <summary>The partials of consecutive chunks, in order, folded as the generated method folds them; its result, boxed.</summary>
    /// <exception cref="InvalidOperationException">No partials and the reduction has no identity (min, max).</exception>
    public abstract object Combine(IReadOnlyList<Array> partials);
}

/// <summary>A range reduction whose partials and result are <typeparamref name="TResult"/>.</summary>
internal sealed class RangeReduction<TResult>(string name, Func<long, long, TResult> chunk, Func<TResult, TResult, TResult> combine, TResult? identity)
    : RangeReduction(name, typeof(TResult))
    where TResult : struct
{
    public override Array Partials(long first, long last, CancellationToken cancellationToken = default)
    {
        if (last < first)
        {
            return Array.Empty<TResult>();
        }

        long size = checked(last - first + 1);
        var partials = new TResult[ChunkScheduler.ChunkCount(size)];
        ChunkScheduler.Run(size, ThreadSettings.Threads, (index, start, end) => partials[index] = chunk(first + start, first + end), cancellation: cancellationToken);
        return partials;
    }

    public override object Combine(IReadOnlyList<Array> partials)
    {
        ArgumentNullException.ThrowIfNull(partials);
        TResult? total = identity;
        foreach (var block in partials)
        {
            if (block is not TResult[] values)
            {
                throw new ArgumentException($"'{Name}' combines {typeof(TResult).Name} partials, not {block.GetType().Name}", nameof(partials));
            }

            foreach (var value in values)
            {
                total = total is { } sum ? combine(sum, value) : value;
            }
        }

        return total ?? throw new InvalidOperationException($"'{Name}' over an empty range has no value: it has no identity");
    }
}
