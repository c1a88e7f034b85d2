using SlowSeries.Arrays;

namespace SlowSeries.Evaluation;

/// <summary>
/// Results computed aside and then copied into the caller's output (a plan that can fail once started, such as an
/// integer power, must not leave a half-written output; a cancellable evaluation likewise): the last such buffer per
/// dtype is kept for the next evaluation of that size, held weakly so that a full collection frees it. A fresh 80 MB
/// array per evaluation spent more time in page faults than in computing: `i**j` on 1e7 int64 into `out` took 142 ms,
/// the power itself 20 ms (2 threads).
/// </summary>
internal static class ScratchResults
{
    /// <summary>Smaller results are allocated each time: they cost no page faults worth keeping memory for.</summary>
    public const long MinimumSize = 1 << 16;

    private static readonly WeakReference<Array>?[] Slots = new WeakReference<Array>?[Enum.GetValues<DType>().Length];

    /// <summary>A C-ordered array of the dtype and shape whose contents are to be overwritten, reused when one is kept.</summary>
    public static NDArray Rent(DType type, Shape shape)
    {
        if (type != DType.Bytes && shape.Size >= MinimumSize
            && Interlocked.Exchange(ref Slots[(int)type], null) is { } slot
            && slot.TryGetTarget(out var data) && data.LongLength == shape.Size)
        {
            return NDArray.OverStorage(type, data, shape);
        }

        return NDArray.ToOverwrite(type, shape);
    }

    /// <summary>Keeps a rented array for the next <see cref="Rent"/> (byte strings, which hold references, are not kept).</summary>
    public static void Return(NDArray scratch)
    {
        if (scratch.DType != DType.Bytes && scratch.Size >= MinimumSize)
        {
            Volatile.Write(ref Slots[(int)scratch.DType], new WeakReference<Array>(scratch.Data));
        }
    }
}
