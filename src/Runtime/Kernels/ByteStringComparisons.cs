using System.Runtime.CompilerServices;
using SlowSeries.Language.Operators;

namespace SlowSeries.Kernels;

/// <summary>
/// Comparisons of byte strings (NumPy's <c>S</c> dtype, trailing NULs stripped as NumPy strips them), a block at a time:
/// lexicographic by unsigned byte, a prefix before the longer string, as the reference orders them — each pair by
/// .NET's vectorised span comparison. Through boxed scalars, `s == t` on 1e7 eight-byte strings took 345 ms against
/// NumExpr's 32 (2 threads).
/// </summary>
internal static class ByteStringComparisons
{
    public static KernelStep? TryCreate(Operation op, int[] inputs, int output)
    {
        BinarySpan<byte[], byte[], bool>? compare = op switch
        {
            Operation.Equal => Equal,
            Operation.NotEqual => NotEqual,
            Operation.Less => Less,
            Operation.LessEqual => LessEqual,
            Operation.GreaterEqual => GreaterEqual,
            Operation.Greater => Greater,
            _ => null,
        };
        return compare is null ? null : new BinarySpanStep<byte[], byte[], bool>(op.ToString(), compare, inputs[0], inputs[1], output);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Equal(ReadOnlySpan<byte[]> a, ReadOnlySpan<byte[]> b, Span<bool> result)
    {
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = a[i].AsSpan().SequenceEqual(b[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NotEqual(ReadOnlySpan<byte[]> a, ReadOnlySpan<byte[]> b, Span<bool> result)
    {
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = !a[i].AsSpan().SequenceEqual(b[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Less(ReadOnlySpan<byte[]> a, ReadOnlySpan<byte[]> b, Span<bool> result)
    {
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = a[i].AsSpan().SequenceCompareTo(b[i]) < 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LessEqual(ReadOnlySpan<byte[]> a, ReadOnlySpan<byte[]> b, Span<bool> result)
    {
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = a[i].AsSpan().SequenceCompareTo(b[i]) <= 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GreaterEqual(ReadOnlySpan<byte[]> a, ReadOnlySpan<byte[]> b, Span<bool> result)
    {
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = a[i].AsSpan().SequenceCompareTo(b[i]) >= 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Greater(ReadOnlySpan<byte[]> a, ReadOnlySpan<byte[]> b, Span<bool> result)
    {
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = a[i].AsSpan().SequenceCompareTo(b[i]) > 0;
        }
    }
}
