using SlowSeries.Arrays;
using SlowSeries.Language.Binding;

namespace SlowSeries.Evaluation;

/// <summary>
/// The order in which an evaluation walks its arrays' axes: their order in memory, as NumPy's K order and NumExpr's
/// iterator walk them. When every array input of the result's whole shape (of rank 2 or more) has one layout that is
/// C-contiguous once its axes are permuted (others, broadcast along some axes, are read as they are) — a transposed matrix <c>m.T</c>, a Fortran-ordered <c>.npy</c> file,
/// a pandas frame's values — the evaluation runs on the permuted views, which are contiguous, and its results are views
/// with the permutation undone (Fortran-ordered as the inputs are, as NumPy's results of such inputs are). Walked in the
/// logical order, each element of such inputs came from another cache line: <c>m.T*2 + 1</c> of shape (100, 1e5) ran
/// 17 ms against NumExpr's 11 (3 on a C-ordered matrix), <c>sum(m.T, axis=1)</c> 19 ms against NumPy's 4.
/// </summary>
/// <remarks>
/// Element-wise results are the same values either way; a reduction adds in the memory order, so a sum over a
/// Fortran-ordered array may differ in its last bits from the sum over a C-ordered copy (as NumPy's do), and is the same
/// for any thread count and address. An output buffer must be laid out as the inputs are (NumPy's <c>empty_like</c>):
/// one in C order would need a transposing copy, and the evaluation keeps the logical order then.
/// </remarks>
internal sealed class MemoryOrder
{
    private MemoryOrder(int[] axes) => Axes = axes;

    /// <summary>The permuted views' axes: axis k of a view is axis <c>Axes[k]</c> of its array.</summary>
    public int[] Axes { get; }

    /// <summary>The permutation that makes the inputs <paramref name="names"/> contiguous, if one does (see <see cref="MemoryOrder"/>).</summary>
    public static MemoryOrder? Find(IReadOnlyDictionary<string, NDArray> inputs, IReadOnlyList<NDArray?>? outs, IEnumerable<string> names)
    {
        // Every evaluation asks: most find no array of rank 2 or more laid out otherwise than in C order, and stop here.
        var arrays = new List<NDArray>();
        bool permuted = false;
        int rank = 0;
        foreach (string name in names)
        {
            if (inputs.TryGetValue(name, out var input))
            {
                rank = Math.Max(rank, input.Rank);
                if (input.Size > 1 && !arrays.Contains(input))
                {
                    arrays.Add(input);
                    permuted |= input.Rank >= 2 && !input.IsContiguous;
                }
            }
        }

        // Of the arrays' rank only: one element of a higher rank (shape (1, 1, 1)) would add axes to the result.
        if (!permuted || arrays.Max(array => array.Rank) < rank)
        {
            return null;
        }

        // The arrays of the result's whole shape set the order; the others (a row, a column) are broadcast as they are.
        Shape? shape = arrays.Count == 0 ? null : arrays[0].Shape;
        foreach (var array in arrays)
        {
            shape = shape is null ? null : Shape.Broadcast(shape, array.Shape);
        }

        var whole = arrays.Where(array => array.Shape.Equals(shape)).ToList();
        if (shape is null || shape.Rank < 2 || whole.Count == 0 || whole[0].IsContiguous || whole[0].Strides.Any(stride => stride <= 0))
        {
            return null;
        }

        var first = whole[0];
        int[] axes = [.. Enumerable.Range(0, first.Rank).OrderByDescending(axis => first.Strides[axis]).ThenBy(axis => axis)];
        var order = new MemoryOrder(axes);
        if (axes.SequenceEqual(Enumerable.Range(0, first.Rank)) || whole.Any(array => !order.Permute(array).IsContiguous))
        {
            return null;
        }

        // An output of the inputs' layout, or a reduction's of rank one or none; any other keeps the logical order (a
        // transposing copy into a C-ordered matrix, tiled, cost 12-13 ms for 1e7 doubles: as much as the strided reads).
        foreach (var @out in outs ?? [])
        {
            bool fits = @out is null || @out.Rank == 0 || (@out.Rank == 1 && first.Rank == 2) || (@out.Shape.Equals(first.Shape) && order.Permute(@out).IsContiguous);
            if (!fits)
            {
                return null;
            }
        }

        return order;
    }

    /// <summary>The view of <paramref name="array"/> with its axes in this order (arrays of another rank, such as a reduction's output, as they are).</summary>
    public NDArray Permute(NDArray array) =>
        array.Rank != Axes.Length ? array : array.View(new Shape([.. Axes.Select(axis => array.Shape[axis])]), [.. Axes.Select(axis => array.Strides[axis])], array.Offset);

    /// <summary>
    /// An input's view in this order: of the arrays' rank, <see cref="Permute(NDArray)"/>; of lower rank and broadcast
    /// (a row y of shape (C,) against (R, C)), first given the leading axes of one element that broadcasting adds, so
    /// that it still broadcasts in the permuted order (y as (C, 1) against (C, R)). Scalars as they are.
    /// </summary>
    private NDArray PermuteInput(NDArray array)
    {
        int missing = Axes.Length - array.Rank;
        if (missing <= 0 || array.Size <= 1)
        {
            return Permute(array);
        }

        int Extent(int axis) => axis < missing ? 1 : array.Shape[axis - missing];
        long Stride(int axis) => axis < missing ? 0 : array.Strides[axis - missing];
        return array.View(new Shape([.. Axes.Select(Extent)]), [.. Axes.Select(Stride)], array.Offset);
    }

    /// <summary>Every input in this order (see <see cref="PermuteInput"/>).</summary>
    public Dictionary<string, NDArray> Permute(IReadOnlyDictionary<string, NDArray> inputs) =>
        inputs.ToDictionary(input => input.Key, input => PermuteInput(input.Value), StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="result"/>, computed on the permuted views for <paramref name="bound"/>, as a view in the caller's
    /// order of axes: for a reduction along an axis, the remaining ones.
    /// </summary>
    public NDArray Restore(NDArray result, BoundExpression bound)
    {
        if (result.Rank < 2)
        {
            return result;
        }

        // The arrays' axis behind each of the result's axes, then the result's axes in the arrays' order.
        var behind = bound.Root is BoundReduction { Axis: { } reduced } ? Axes.Where((_, k) => k != reduced).ToArray() : Axes;
        int[] positions = [.. behind.Order().Select(axis => Array.IndexOf(behind, axis))];
        return result.View(new Shape([.. positions.Select(k => result.Shape[k])]), [.. positions.Select(k => result.Strides[k])], result.Offset);
    }
}
