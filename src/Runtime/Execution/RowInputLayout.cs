namespace SlowSeries.Execution;

/// <summary>
/// How a fused loop of its own reads an evaluation's inputs by their position in their rows (bit k: input k): constant
/// along rows (x of shape (R, 1) against (R, C)), repeating with them (y of shape (C,), read from
/// <see cref="Tiles"/>), or rows lying apart in their arrays (<c>m[:, :50]</c>, <c>u[1:-1, 1:-1, 1:-1]</c>); the rest
/// contiguous or uniform.
/// </summary>
/// <param name="PerRow">Inputs constant along their rows: one element per row.</param>
/// <param name="Periodic">Inputs repeating with the rows, read from a tile at the position in the row.</param>
/// <param name="Segmented">Inputs whose rows are runs of consecutive elements <see cref="RowStrides"/> apart in their arrays.</param>
/// <param name="Lengths">Each such input's row length or period, at least a vector of any width (a vector spans at most two rows).</param>
/// <param name="RowStrides">Each row segment input's distance between rows in its array (at least its row length).</param>
/// <param name="FirstIndices">Each row segment input's array index of its first element.</param>
/// <param name="PlaneRows">Each row segment input's rows per plane (all its rows when they lie at one stride).</param>
/// <param name="PlaneStrides">Each row segment input's distance between planes (at least its rows per plane times its row stride).</param>
/// <param name="Tiles">Each repeating input's tile (its row repeated over its period + a vector's elements).</param>
internal sealed record RowInputLayout(ulong PerRow, ulong Periodic, ulong Segmented, int[] Lengths, int[] RowStrides, int[] FirstIndices, int[] PlaneRows, int[] PlaneStrides, (Array Tile, long Period)?[]? Tiles)
{
    /// <summary>The array index of element <paramref name="element"/> (counted in the view) of row segment input <paramref name="k"/>.</summary>
    public long SegmentIndex(int k, long element)
    {
        long row = element / Lengths[k];
        return FirstIndices[k] + (row / PlaneRows[k] * PlaneStrides[k]) + (row % PlaneRows[k] * RowStrides[k]) + (element % Lengths[k]);
    }

    /// <summary>Every input read by its position in its rows.</summary>
    public ulong All => PerRow | Periodic | Segmented;

    /// <summary>Whether input <paramref name="k"/> is read by its position in its rows.</summary>
    public bool Contains(int k) => k < 64 && ((All >> k) & 1) != 0;

    /// <summary>Whether input <paramref name="k"/> is a row segment input.</summary>
    public bool IsSegment(int k) => k < 64 && ((Segmented >> k) & 1) != 0;

    /// <summary>
    /// For each input read by row position, the first of them with the same row length (itself if none before; −1 for
    /// other inputs): the fused loop keeps one position per length (velocity's sin and cos of lon share theirs).
    /// </summary>
    public int[] Groups() =>
        [.. Lengths.Select((length, k) => !Contains(k) ? -1 : Enumerable.Range(0, k + 1).First(j => Contains(j) && Lengths[j] == length))];
}
