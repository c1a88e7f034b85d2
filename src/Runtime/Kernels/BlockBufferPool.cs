using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SlowSeries.Arrays;

namespace SlowSeries.Kernels;

/// <summary>
/// Block buffers lent to a frame for the duration of one evaluation's work on a thread, from the shared array pools.
/// </summary>
/// <remarks>
/// Frames used to own their buffers for as long as their plan was cached: a new expression then allocated a block
/// per constant and per intermediate (40 KB for <c>2*a + 3*b + 17</c> on 1,000 elements), and the 512 cached plans kept
/// up to 20 MB of them alive, so a process evaluating many new expressions ran a gen-2 collection every few hundred
/// (pauses of 2-30 ms, the mean first evaluation 100-275 µs against a median of 25). Lent buffers are reused across
/// plans; a plan keeps only its frames' bookkeeping. A buffer may hold an earlier evaluation's values: every register
/// is written before it is read (constants are filled when lent).
/// </remarks>
internal static class BlockBufferPool
{
    /// <summary>An array of at least <paramref name="length"/> elements of the dtype's CLR type (spelled out per type, as NativeAOT needs).</summary>
    public static Array Rent(DType type, int length) => type switch
    {
        DType.Bool => ArrayPool<bool>.Shared.Rent(length),
        DType.Int32 => ArrayPool<int>.Shared.Rent(length),
        DType.Int64 => ArrayPool<long>.Shared.Rent(length),
        DType.Float32 => ArrayPool<float>.Shared.Rent(length),
        DType.Float64 => ArrayPool<double>.Shared.Rent(length),
        DType.Complex128 => ArrayPool<Complex>.Shared.Rent(length),
        DType.Bytes => ArrayPool<byte[]>.Shared.Rent(length),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Elements a buffer is rented longer by, so that a block fits from its first 64-byte boundary on.</summary>
    public static int AlignmentSlack(DType type) => type == DType.Bytes ? 0 : 64 / type.ItemSize();

    /// <summary>
    /// Elements from the start of <paramref name="buffer"/> to its first 64-byte boundary (0 for byte strings). Pooled
    /// arrays start wherever the collector put them, and a block written by 512-bit stores across cache lines cost about
    /// 6% of `sum(sin(twoPi*a)**2 + cos(twoPi*a)**2)`'s time (1 thread, AVX-512). The collector may move the array later;
    /// the offset is then only a cache-line split again, never a wrong element.
    /// </summary>
    public static int ElementsToAlignment(Array buffer, DType type) => type == DType.Bytes ? 0 : ElementsToAlignment(buffer, type.ItemSize());

    /// <summary>Elements of <paramref name="size"/> bytes from the start of <paramref name="buffer"/> to its first 64-byte boundary.</summary>
    public static unsafe int ElementsToAlignment(Array buffer, int size)
    {
        long misalignment = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer)) % 64;
        return misalignment == 0 || misalignment % size != 0 ? 0 : (int)((64 - misalignment) / size);
    }

    public static void Return(Array buffer)
    {
        switch (buffer)
        {
            case bool[] values: ArrayPool<bool>.Shared.Return(values); break;
            case int[] values: ArrayPool<int>.Shared.Return(values); break;
            case long[] values: ArrayPool<long>.Shared.Return(values); break;
            case float[] values: ArrayPool<float>.Shared.Return(values); break;
            case double[] values: ArrayPool<double>.Shared.Return(values); break;
            case Complex[] values: ArrayPool<Complex>.Shared.Return(values); break;
            // Byte strings are references: a pooled array must not keep an evaluation's strings alive.
            case byte[][] values: ArrayPool<byte[]>.Shared.Return(values, clearArray: true); break;
            default: throw new ArgumentOutOfRangeException(nameof(buffer));
        }
    }
}
