using SlowSeries.Arrays;

namespace SlowSeries.Execution;

/// <summary>
/// A broadcast input that repeats with a period — a row y of shape (100,) against (1e5, 100), any operand whose leading
/// axes have stride 0 and whose trailing axes are contiguous — laid out once per evaluation as its pattern repeated over
/// <c>period + block</c> elements, so that every block reads its window in place, at <c>start mod period</c>. Gathered
/// block by block, the pattern was copied row by row: `m*x + y` on (1e5, 100) spent a third of its time on it.
/// </summary>
internal static class TiledBroadcast
{
    /// <summary>Longer patterns are gathered as before: the tile would no longer stay in the cache.</summary>
    public const long MaximumPeriod = 1 << 15;

    /// <summary>
    /// The view's period in elements when it repeats (leading strides 0, trailing axes contiguous, a pattern shorter than
    /// <see cref="MaximumPeriod"/> that repeats at least twice), else 0.
    /// </summary>
    public static long Period(NDArray view)
    {
        int rank = view.Rank;
        long period = 1;
        int axis = rank - 1;
        for (long stride = 1; axis >= 0 && view.Strides[axis] == stride && view.Shape[axis] > 0; axis--)
        {
            period *= view.Shape[axis];
            stride *= view.Shape[axis];
        }

        int contiguousFrom = axis + 1;
        if (contiguousFrom == 0 || contiguousFrom == rank || period > MaximumPeriod)
        {
            return 0;
        }

        for (; axis >= 0; axis--)
        {
            if (view.Strides[axis] != 0)
            {
                return 0;
            }
        }

        return view.Shape.Size >= 2 * period ? period : 0;
    }

    /// <summary>The view's pattern repeated over <paramref name="period"/> + <paramref name="block"/> elements.</summary>
    public static Array Tile(NDArray view, long period, int block)
    {
        var tile = ElementTypes.Allocate(view.DType, period + block);
        for (long done = 0; done < tile.LongLength; done += period)
        {
            Array.Copy(view.Data, view.Offset, tile, done, Math.Min(period, tile.LongLength - done));
        }

        return tile;
    }
}
