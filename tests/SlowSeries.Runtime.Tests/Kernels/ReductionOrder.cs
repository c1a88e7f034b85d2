using SlowSeries.Arrays;
using SlowSeries.Execution;
using SlowSeries.Kernels;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Semantics;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// The order the kernels promise for a reduction of a whole operand: each block of <see cref="KernelCompiler.ReductionBlockSize"/>
/// elements reduced on its own, blocks folded in order within a chunk, chunks folded in order.
/// </summary>
internal static class ReductionOrder
{
    public static Scalar Blockwise<T>(Operation reduction, DType type, T[] elements, Func<ReadOnlySpan<T>, Scalar> reduceBlock)
    {
        var chunks = new List<Scalar>();
        for (long chunk = 0; chunk * ChunkScheduler.ChunkElements < elements.Length; chunk++)
        {
            int start = (int)(chunk * ChunkScheduler.ChunkElements);
            int end = (int)Math.Min(elements.Length, start + ChunkScheduler.ChunkElements);
            Scalar? partial = null;
            for (int block = start; block < end; block += KernelCompiler.ReductionBlockSize)
            {
                var part = reduceBlock(elements.AsSpan(block, Math.Min(KernelCompiler.ReductionBlockSize, end - block)));
                partial = partial is { } p ? ScalarSemantics.Accumulate(reduction, p, part) : part;
            }

            chunks.Add(partial!.Value);
        }

        return ScalarSemantics.Fold(reduction, type, chunks)!.Value;
    }
}
