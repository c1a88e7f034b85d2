using SlowSeries.Execution;

namespace SlowSeries.Vectorization;

/// <summary>
/// The executor of code generated from <c>[Vectorize]</c> methods: element-wise maps and reductions over spans and
/// index ranges, split into the run-time back-end's fixed chunks and run on <see cref="NumExpr.GetNumThreads"/>
/// threads. Chunks never depend on the thread count and partial results combine in chunk order, so a reduction gives
/// the same bits on 1 or 64 threads.
/// </summary>
// Called by the code the source generator emits, not by hand: hidden from completion lists.
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static unsafe class VectorLoops
{
    /// <summary>Computes one block of a map: every element of <paramref name="destination"/> from the operands' elements.</summary>
    public delegate void Block<T1, TResult>(Operand<T1> a, Span<TResult> destination);

    /// <summary>Reduces one chunk of operands to a partial result.</summary>
    public delegate TResult Chunk<T1, TResult>(Operand<T1> a);

    /// <summary>Computes one block of a map: every element of <paramref name="destination"/> from the operands' elements.</summary>
    public delegate void Block<T1, T2, TResult>(Operand<T1> a, Operand<T2> b, Span<TResult> destination);

    /// <summary>Reduces one chunk of operands to a partial result.</summary>
    public delegate TResult Chunk<T1, T2, TResult>(Operand<T1> a, Operand<T2> b);

    /// <summary>Computes one block of a map: every element of <paramref name="destination"/> from the operands' elements.</summary>
    public delegate void Block<T1, T2, T3, TResult>(Operand<T1> a, Operand<T2> b, Operand<T3> c, Span<TResult> destination);

    /// <summary>Reduces one chunk of operands to a partial result.</summary>
    public delegate TResult Chunk<T1, T2, T3, TResult>(Operand<T1> a, Operand<T2> b, Operand<T3> c);

    /// <summary>Computes one block of a map: every element of <paramref name="destination"/> from the operands' elements.</summary>
    public delegate void Block<T1, T2, T3, T4, TResult>(Operand<T1> a, Operand<T2> b, Operand<T3> c, Operand<T4> d, Span<TResult> destination);

    /// <summary>Reduces one chunk of operands to a partial result.</summary>
    public delegate TResult Chunk<T1, T2, T3, T4, TResult>(Operand<T1> a, Operand<T2> b, Operand<T3> c, Operand<T4> d);

    /// <summary>destination[i] = f(operands[i]) for every i, block by block on the executor's threads.</summary>
    /// <param name="a">An operand: a span (of the destination's or the other spans' length) or a scalar for every element.</param>
    /// <param name="destination">Where the results go.</param>
    /// <param name="block">Computes one block (the generated code).</param>
    /// <param name="names">The operands' names, comma-separated, for error messages.</param>
    /// <exception cref="ArgumentException">A span operand's length differs from the destination's.</exception>
    public static void Map<T1, TResult>(Operand<T1> a, Span<TResult> destination, Block<T1, TResult> block, string names)
        where T1 : unmanaged
        where TResult : unmanaged
    {
        int length = destination.Length;
        CheckLengths(names, length, [a.IsScalar ? -1 : a.Span.Length]);
        fixed (T1* pa = a.Span)
        fixed (TResult* pDestination = destination)
        {
            var ra = Pinned<T1>.Of(a, pa);
            nint target = (nint)pDestination;
            ChunkScheduler.Run(length, ThreadSettings.Threads, (_, first, end) =>
            {
                int start = (int)first, count = (int)(end - first);
                block(ra.Slice(start, count), new Span<TResult>((TResult*)target + start, count));
            });
        }
    }

    /// <summary>Reduces the operands chunk by chunk and combines the partial results in chunk order.</summary>
    /// <param name="a">An operand: a span (of the destination's or the other spans' length) or a scalar for every element.</param>
    /// <param name="chunk">Reduces one chunk to a partial result (the generated code).</param>
    /// <param name="combine">Combines two partial results.</param>
    /// <param name="names">The operands' names, comma-separated, for error messages.</param>
    /// <param name="identity">The result for no elements; null when an empty reduction has no value (min, max).</param>
    /// <exception cref="ArgumentException">Span operands differ in length, or no operand is a span.</exception>
    /// <exception cref="InvalidOperationException">No elements and no identity.</exception>
    /// <param name="progress">Told how many elements (terms) are done (see <see cref="EvaluationProgress"/>); null when nobody listens.</param>
    /// <param name="cancellation">Stops the reduction before its next chunk (<see cref="OperationCanceledException"/>).</param>
    public static TResult Reduce<T1, TResult>(Operand<T1> a, Chunk<T1, TResult> chunk, Func<TResult, TResult, TResult> combine, TResult? identity, string names, IProgress<EvaluationProgress>? progress, CancellationToken cancellation)
        where T1 : unmanaged
        where TResult : struct
    {
        int length = CommonLength(names, [a.IsScalar ? -1 : a.Span.Length]);
        fixed (T1* pa = a.Span)
        {
            var ra = Pinned<T1>.Of(a, pa);
            var partials = new TResult[ChunkScheduler.ChunkCount(length)];
            var counter = ProgressCounter.For(progress, length);
            ChunkScheduler.Run(length, ThreadSettings.Threads, (index, first, end) =>
            {
                int start = (int)first, count = (int)(end - first);
                partials[index] = chunk(ra.Slice(start, count));
            }, counter, cancellation);
            return Combine(partials, combine, identity);
        }
    }

    /// <summary>destination[i] = f(operands[i]) for every i, block by block on the executor's threads.</summary>
    /// <param name="a">An operand: a span (of the destination's or the other spans' length) or a scalar for every element.</param>
    /// <param name="b">An operand, as <paramref name="a"/>.</param>
    /// <param name="destination">Where the results go.</param>
    /// <param name="block">Computes one block (the generated code).</param>
    /// <param name="names">The operands' names, comma-separated, for error messages.</param>
    /// <exception cref="ArgumentException">A span operand's length differs from the destination's.</exception>
    public static void Map<T1, T2, TResult>(Operand<T1> a, Operand<T2> b, Span<TResult> destination, Block<T1, T2, TResult> block, string names)
        where T1 : unmanaged
        where T2 : unmanaged
        where TResult : unmanaged
    {
        int length = destination.Length;
        CheckLengths(names, length, [a.IsScalar ? -1 : a.Span.Length, b.IsScalar ? -1 : b.Span.Length]);
        fixed (T1* pa = a.Span) fixed (T2* pb = b.Span)
        fixed (TResult* pDestination = destination)
        {
            var ra = Pinned<T1>.Of(a, pa);
            var rb = Pinned<T2>.Of(b, pb);
            nint target = (nint)pDestination;
            ChunkScheduler.Run(length, ThreadSettings.Threads, (_, first, end) =>
            {
                int start = (int)first, count = (int)(end - first);
                block(ra.Slice(start, count), rb.Slice(start, count), new Span<TResult>((TResult*)target + start, count));
            });
        }
    }

    /// <summary>Reduces the operands chunk by chunk and combines the partial results in chunk order.</summary>
    /// <param name="a">An operand: a span (of the destination's or the other spans' length) or a scalar for every element.</param>
    /// <param name="b">An operand, as <paramref name="a"/>.</param>
    /// <param name="chunk">Reduces one chunk to a partial result (the generated code).</param>
    /// <param name="combine">Combines two partial results.</param>
    /// <param name="names">The operands' names, comma-separated, for error messages.</param>
    /// <param name="identity">The result for no elements; null when an empty reduction has no value (min, max).</param>
    /// <exception cref="ArgumentException">Span operands differ in length, or no operand is a span.</exception>
    /// <exception cref="InvalidOperationException">No elements and no identity.</exception>
    /// <param name="progress">Told how many elements (terms) are done (see <see cref="EvaluationProgress"/>); null when nobody listens.</param>
    /// <param name="cancellation">Stops the reduction before its next chunk (<see cref="OperationCanceledException"/>).</param>
    public static TResult Reduce<T1, T2, TResult>(Operand<T1> a, Operand<T2> b, Chunk<T1, T2, TResult> chunk, Func<TResult, TResult, TResult> combine, TResult? identity, string names, IProgress<EvaluationProgress>? progress, CancellationToken cancellation)
        where T1 : unmanaged
        where T2 : unmanaged
        where TResult : struct
    {
        int length = CommonLength(names, [a.IsScalar ? -1 : a.Span.Length, b.IsScalar ? -1 : b.Span.Length]);
        fixed (T1* pa = a.Span) fixed (T2* pb = b.Span)
        {
            var ra = Pinned<T1>.Of(a, pa);
            var rb = Pinned<T2>.Of(b, pb);
            var partials = new TResult[ChunkScheduler.ChunkCount(length)];
            var counter = ProgressCounter.For(progress, length);
            ChunkScheduler.Run(length, ThreadSettings.Threads, (index, first, end) =>
            {
                int start = (int)first, count = (int)(end - first);
                partials[index] = chunk(ra.Slice(start, count), rb.Slice(start, count));
            }, counter, cancellation);
            return Combine(partials, combine, identity);
        }
    }

    /// <summary>destination[i] = f(operands[i]) for every i, block by block on the executor's threads.</summary>
    /// <param name="a">An operand: a span (of the destination's or the other spans' length) or a scalar for every element.</param>
    /// <param name="b">An operand, as <paramref name="a"/>.</param>
    /// <param name="c">An operand, as <paramref name="a"/>.</param>
    /// <param name="destination">Where the results go.</param>
    /// <param name="block">Computes one block (the generated code).</param>
    /// <param name="names">The operands' names, comma-separated, for error messages.</param>
    /// <exception cref="ArgumentException">A span operand's length differs from the destination's.</exception>
    public static void Map<T1, T2, T3, TResult>(Operand<T1> a, Operand<T2> b, Operand<T3> c, Span<TResult> destination, Block<T1, T2, T3, TResult> block, string names)
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where TResult : unmanaged
    {
        int length = destination.Length;
        CheckLengths(names, length, [a.IsScalar ? -1 : a.Span.Length, b.IsScalar ? -1 : b.Span.Length, c.IsScalar ? -1 : c.Span.Length]);
        fixed (T1* pa = a.Span) fixed (T2* pb = b.Span) fixed (T3* pc = c.Span)
        fixed (TResult* pDestination = destination)
        {
            var ra = Pinned<T1>.Of(a, pa);
            var rb = Pinned<T2>.Of(b, pb);
            var rc = Pinned<T3>.Of(c, pc);
            nint target = (nint)pDestination;
            ChunkScheduler.Run(length, ThreadSettings.Threads, (_, first, end) =>
            {
                int start = (int)first, count = (int)(end - first);
                block(ra.Slice(start, count), rb.Slice(start, count), rc.Slice(start, count), new Span<TResult>((TResult*)target + start, count));
            });
        }
    }

    /// <summary>Reduces the operands chunk by chunk and combines the partial results in chunk order.</summary>
    /// <param name="a">An operand: a span (of the destination's or the other spans' length) or a scalar for every element.</param>
    /// <param name="b">An operand, as <paramref name="a"/>.</param>
    /// <param name="c">An operand, as <paramref name="a"/>.</param>
    /// <param name="chunk">Reduces one chunk to a partial result (the generated code).</param>
    /// <param name="combine">Combines two partial results.</param>
    /// <param name="names">The operands' names, comma-separated, for error messages.</param>
    /// <param name="identity">The result for no elements; null when an empty reduction has no value (min, max).</param>
    /// <exception cref="ArgumentException">Span operands differ in length, or no operand is a span.</exception>
    /// <exception cref="InvalidOperationException">No elements and no identity.</exception>
    /// <param name="progress">Told how many elements (terms) are done (see <see cref="EvaluationProgress"/>); null when nobody listens.</param>
    /// <param name="cancellation">Stops the reduction before its next chunk (<see cref="OperationCanceledException"/>).</param>
    public static TResult Reduce<T1, T2, T3, TResult>(Operand<T1> a, Operand<T2> b, Operand<T3> c, Chunk<T1, T2, T3, TResult> chunk, Func<TResult, TResult, TResult> combine, TResult? identity, string names, IProgress<EvaluationProgress>? progress, CancellationToken cancellation)
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where TResult : struct
    {
        int length = CommonLength(names, [a.IsScalar ? -1 : a.Span.Length, b.IsScalar ? -1 : b.Span.Length, c.IsScalar ? -1 : c.Span.Length]);
        fixed (T1* pa = a.Span) fixed (T2* pb = b.Span) fixed (T3* pc = c.Span)
        {
            var ra = Pinned<T1>.Of(a, pa);
            var rb = Pinned<T2>.Of(b, pb);
            var rc = Pinned<T3>.Of(c, pc);
            var partials = new TResult[ChunkScheduler.ChunkCount(length)];
            var counter = ProgressCounter.For(progress, length);
            ChunkScheduler.Run(length, ThreadSettings.Threads, (index, first, end) =>
            {
                int start = (int)first, count = (int)(end - first);
                partials[index] = chunk(ra.Slice(start, count), rb.Slice(start, count), rc.Slice(start, count));
            }, counter, cancellation);
            return Combine(partials, combine, identity);
        }
    }

    /// <summary>destination[i] = f(operands[i]) for every i, block by block on the executor's threads.</summary>
    /// <param name="a">An operand: a span (of the destination's or the other spans' length) or a scalar for every element.</param>
    /// <param name="b">An operand, as <paramref name="a"/>.</param>
    /// <param name="c">An operand, as <paramref name="a"/>.</param>
    /// <param name="d">An operand, as <paramref name="a"/>.</param>
    /// <param name="destination">Where the results go.</param>
    /// <param name="block">Computes one block (the generated code).</param>
    /// <param name="names">The operands' names, comma-separated, for error messages.</param>
    /// <exception cref="ArgumentException">A span operand's length differs from the destination's.</exception>
    public static void Map<T1, T2, T3, T4, TResult>(Operand<T1> a, Operand<T2> b, Operand<T3> c, Operand<T4> d, Span<TResult> destination, Block<T1, T2, T3, T4, TResult> block, string names)
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where TResult : unmanaged
    {
        int length = destination.Length;
        CheckLengths(names, length, [a.IsScalar ? -1 : a.Span.Length, b.IsScalar ? -1 : b.Span.Length, c.IsScalar ? -1 : c.Span.Length, d.IsScalar ? -1 : d.Span.Length]);
        fixed (T1* pa = a.Span) fixed (T2* pb = b.Span) fixed (T3* pc = c.Span) fixed (T4* pd = d.Span)
        fixed (TResult* pDestination = destination)
        {
            var ra = Pinned<T1>.Of(a, pa);
            var rb = Pinned<T2>.Of(b, pb);
            var rc = Pinned<T3>.Of(c, pc);
            var rd = Pinned<T4>.Of(d, pd);
            nint target = (nint)pDestination;
            ChunkScheduler.Run(length, ThreadSettings.Threads, (_, first, end) =>
            {
                int start = (int)first, count = (int)(end - first);
                block(ra.Slice(start, count), rb.Slice(start, count), rc.Slice(start, count), rd.Slice(start, count), new Span<TResult>((TResult*)target + start, count));
            });
        }
    }

    /// <summary>Reduces the operands chunk by chunk and combines the partial results in chunk order.</summary>
    /// <param name="a">An operand: a span (of the destination's or the other spans' length) or a scalar for every element.</param>
    /// <param name="b">An operand, as <paramref name="a"/>.</param>
    /// <param name="c">An operand, as <paramref name="a"/>.</param>
    /// <param name="d">An operand, as <paramref name="a"/>.</param>
    /// <param name="chunk">Reduces one chunk to a partial result (the generated code).</param>
    /// <param name="combine">Combines two partial results.</param>
    /// <param name="names">The operands' names, comma-separated, for error messages.</param>
    /// <param name="identity">The result for no elements; null when an empty reduction has no value (min, max).</param>
    /// <exception cref="ArgumentException">Span operands differ in length, or no operand is a span.</exception>
    /// <exception cref="InvalidOperationException">No elements and no identity.</exception>
    /// <param name="progress">Told how many elements (terms) are done (see <see cref="EvaluationProgress"/>); null when nobody listens.</param>
    /// <param name="cancellation">Stops the reduction before its next chunk (<see cref="OperationCanceledException"/>).</param>
    public static TResult Reduce<T1, T2, T3, T4, TResult>(Operand<T1> a, Operand<T2> b, Operand<T3> c, Operand<T4> d, Chunk<T1, T2, T3, T4, TResult> chunk, Func<TResult, TResult, TResult> combine, TResult? identity, string names, IProgress<EvaluationProgress>? progress, CancellationToken cancellation)
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where TResult : struct
    {
        int length = CommonLength(names, [a.IsScalar ? -1 : a.Span.Length, b.IsScalar ? -1 : b.Span.Length, c.IsScalar ? -1 : c.Span.Length, d.IsScalar ? -1 : d.Span.Length]);
        fixed (T1* pa = a.Span) fixed (T2* pb = b.Span) fixed (T3* pc = c.Span) fixed (T4* pd = d.Span)
        {
            var ra = Pinned<T1>.Of(a, pa);
            var rb = Pinned<T2>.Of(b, pb);
            var rc = Pinned<T3>.Of(c, pc);
            var rd = Pinned<T4>.Of(d, pd);
            var partials = new TResult[ChunkScheduler.ChunkCount(length)];
            var counter = ProgressCounter.For(progress, length);
            ChunkScheduler.Run(length, ThreadSettings.Threads, (index, first, end) =>
            {
                int start = (int)first, count = (int)(end - first);
                partials[index] = chunk(ra.Slice(start, count), rb.Slice(start, count), rc.Slice(start, count), rd.Slice(start, count));
            }, counter, cancellation);
            return Combine(partials, combine, identity);
        }
    }

    /// <summary>Reduces the inclusive index range [first, last] chunk by chunk (the chunk function gets [start, end)), and
    /// combines the partial results in chunk order. The range is never materialised.</summary>
    /// <param name="first">The range's first index.</param>
    /// <param name="last">The range's last index (inclusive).</param>
    /// <param name="chunk">Reduces one chunk to a partial result (the generated code).</param>
    /// <param name="combine">Combines two partial results.</param>
    /// <param name="identity">The result for an empty range (last &lt; first); null when it has no value (min, max).</param>
    /// <exception cref="InvalidOperationException">An empty range and no identity.</exception>
    /// <param name="progress">Told how many elements (terms) are done (see <see cref="EvaluationProgress"/>); null when nobody listens.</param>
    /// <param name="cancellation">Stops the reduction before its next chunk (<see cref="OperationCanceledException"/>).</param>
    public static TResult ReduceRange<TResult>(long first, long last, Func<long, long, TResult> chunk, Func<TResult, TResult, TResult> combine, TResult? identity, IProgress<EvaluationProgress>? progress, CancellationToken cancellation)
        where TResult : struct
    {
        if (last < first)
        {
            return identity ?? throw new InvalidOperationException($"the range [{first}, {last}] is empty and this reduction has no identity");
        }

        long size = checked(last - first + 1);
        var partials = new TResult[ChunkScheduler.ChunkCount(size)];
        ChunkScheduler.Run(size, ThreadSettings.Threads, (index, start, end) => partials[index] = chunk(first + start, first + end), ProgressCounter.For(progress, size), cancellation);
        return Combine(partials, combine, identity);
    }

    private static TResult Combine<TResult>(TResult[] partials, Func<TResult, TResult, TResult> combine, TResult? identity)
        where TResult : struct
    {
        if (partials.Length == 0)
        {
            return identity ?? throw new InvalidOperationException("the operands have no elements and this reduction has no identity");
        }

        TResult total = identity is { } start ? combine(start, partials[0]) : partials[0];
        for (int k = 1; k < partials.Length; k++)
        {
            total = combine(total, partials[k]);
        }

        return total;
    }

    private static void CheckLengths(string names, int destinationLength, ReadOnlySpan<int> lengths)
    {
        string[] operandNames = names.Split(',');
        for (int k = 0; k < lengths.Length; k++)
        {
            if (lengths[k] >= 0 && lengths[k] != destinationLength)
            {
                throw new ArgumentException($"operand '{operandNames[k].Trim()}' has {lengths[k]} elements but the destination has {destinationLength}", operandNames[k].Trim());
            }
        }
    }

    private static int CommonLength(string names, ReadOnlySpan<int> lengths)
    {
        string[] operandNames = names.Split(',');
        int common = -1, first = -1;
        for (int k = 0; k < lengths.Length; k++)
        {
            if (lengths[k] < 0)
            {
                continue;
            }

            if (common >= 0 && lengths[k] != common)
            {
                throw new ArgumentException($"operand '{operandNames[k].Trim()}' has {lengths[k]} elements but '{operandNames[first].Trim()}' has {common}", operandNames[k].Trim());
            }

            (common, first) = (lengths[k], k);
        }

        return common >= 0 ? common : throw new ArgumentException($"a reduction needs at least one span operand; {names} are all scalars");
    }

    /// <summary>A pinned operand, as an address that may cross to worker threads.</summary>
    private readonly struct Pinned<T>(nint address, int length, bool isScalar, T value)
        where T : unmanaged
    {
        public static Pinned<T> Of(Operand<T> operand, T* pointer) =>
            operand.IsScalar ? new(0, 0, true, operand.Value) : new((nint)pointer, operand.Span.Length, false, default);

        public Operand<T> Slice(int start, int count) =>
            isScalar ? value : new ReadOnlySpan<T>((T*)address + start, Math.Min(count, length - start));
    }
}
