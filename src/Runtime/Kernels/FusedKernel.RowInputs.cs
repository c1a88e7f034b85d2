using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SlowSeries.Arrays;

namespace SlowSeries.Kernels;

/// <summary>
/// Inputs constant along each row — x of shape (R, 1) against m of shape (R, C) — read in place by the fused loop: one
/// element per row, broadcast to the lanes of that row, and where a vector crosses into the next row, the two rows'
/// values side by side. Gathered into blocks instead (each row's value written C times, then read back), `m*x` on
/// (1e5, 100) took 1.5–2.5 ms more than `m*2` (2 threads, AVX-512).
/// </summary>
/// <remarks>
/// <para>
/// Inputs whose rows are runs of consecutive elements set apart in their array — a view such as <c>m[:, :50]</c> of a
/// (R, 100) array, rows of 50 elements 100 apart — are read in place too: a vector within a row by one load, a vector
/// crossing a row's end by two (the rest of this row, the start of the next) blended; rows may come in planes a stride of
/// their own apart (<c>u[1:-1, 1:-1, 1:-1]</c>). Gathered into blocks instead,
/// `mh*2 + 1` over (1e5, 50) of (1e5, 100) took 4.2–4.5 ms against 1.5–1.7 over a contiguous (1e5, 50) array, and rows
/// of 20 ran no faster than NumExpr (2 threads, AVX-512).
/// </para>
/// <para>
/// Inputs that repeat with the rows (y of shape (C,)) are read beside them at the same position, from a tile of the row
/// repeated over C + a vector's elements (so a vector crossing the row's end reads on into the next repetition).
/// Such an input's offset counts elements of the broadcast view, not of its array: row·C + position for the element at
/// row's array index <c>row</c> and position <c>position</c> in it, so that moving a call's start by n elements moves it
/// by n like every other operand's. The loop divides it by C once per call; input k's C is the offsets' slot
/// (operands + k). Each input has its own rows (lat of shape (nlat, 1, 1) against (nlat, R, C): rows of R·C; lon of
/// shape (C,): rows of C); rows are at least one vector long, so a vector spans at most two. A row segment input's
/// offset counts elements of its view too; its row stride, the array index of its first element, its rows per plane and
/// its plane stride are the slots after the row lengths (operands·2 + k … operands·5 + k).
/// </para>
/// </remarks>
internal static partial class FusedKernel
{
    /// <summary>
    /// The inputs a loop reads by their position in their rows (see <see cref="TryCompile"/>'s perRow, periodic and
    /// rowGroups), all of it part of the loop's structure.
    /// </summary>
    private readonly record struct RowReads(ulong PerRow, ulong Periodic, ulong Segmented, IReadOnlyList<int>? Groups)
    {
        /// <summary>Every input read by its position in its rows.</summary>
        public ulong All => PerRow | Periodic | Segmented;
    }

    /// <summary>
    /// Each input of <paramref name="rows"/> with the position in its rows and the row length (locals shared by the
    /// inputs of one group; the length from the offsets' slot after the operands'), each row segment input with its array
    /// index and the gap between its rows, set up in the prologue, and the per-vector advance of them all.
    /// </summary>
    private static (Dictionary<int, (ParameterExpression Position, ParameterExpression Length)> Inputs, Dictionary<int, (ParameterExpression Index, ParameterExpression Gap)> Segments, Expression Advance)? RowPositions(RowReads rows, int lanes, ParameterExpression offsets, int slots, ParameterExpression[] operandOffsets, List<ParameterExpression> locals, List<Expression> prologue)
    {
        var (perRow, periodic, segmented, groups) = rows;
        if (rows.All == 0)
        {
            return null;
        }

        var inputs = new Dictionary<int, (ParameterExpression Position, ParameterExpression Length)>();
        var segments = new Dictionary<int, (ParameterExpression Index, ParameterExpression Gap)>();
        var everyVector = new Dictionary<int, List<Expression>>();
        var nextRows = new Dictionary<int, List<Expression>>();
        for (int k = 0; k < operandOffsets.Length; k++)
        {
            if (((rows.All >> k) & 1) == 0)
            {
                continue;
            }

            int group = groups?[k] ?? k;
            if (!inputs.TryGetValue(group, out var shared))
            {
                var length = Expression.Variable(typeof(int), "rowLength" + k);
                var position = Expression.Variable(typeof(int), "position" + k);
                locals.Add(length);
                locals.Add(position);
                shared = (position, length);
                prologue.Add(Expression.Assign(length, Expression.ArrayIndex(offsets, Expression.Constant(slots + k))));
                prologue.Add(Expression.Assign(position, Expression.Modulo(operandOffsets[k], length)));
                nextRows[group] = [Expression.SubtractAssign(position, length)];
                everyVector[group] = [Expression.AddAssign(position, Expression.Constant(lanes))];
            }

            inputs[k] = shared;
            if (((segmented >> k) & 1) != 0)
            {
                // row = offset / C; index = first + (row / P)·T + (row % P)·S + offset % C, with S the row stride, P the rows
                // of a plane and T the plane stride; past a row's end its gap is skipped (S − C, and past a plane's last row
                // T − P·S more): nextGap, which a vector crossing the row's end reads its second part at.
                var index = Expression.Variable(typeof(int), "rowIndex" + k);
                var gap = Expression.Variable(typeof(int), "rowGap" + k);
                var planeGap = Expression.Variable(typeof(int), "planeGap" + k);
                var nextGap = Expression.Variable(typeof(int), "nextGap" + k);
                var rowsLeft = Expression.Variable(typeof(int), "rowsLeft" + k);
                var planeRows = Expression.Variable(typeof(int), "planeRows" + k);
                var row = Expression.Variable(typeof(int), "row" + k);
                locals.AddRange([index, gap, planeGap, nextGap, rowsLeft, planeRows, row]);
                Expression Slot(int group) => Expression.ArrayIndex(offsets, Expression.Constant((group * slots) + k));
                var stride = Slot(2);
                var setNextGap = Expression.Assign(nextGap, Expression.Condition(Expression.Equal(rowsLeft, Expression.Constant(1)), Expression.Add(gap, planeGap), gap));
                prologue.Add(Expression.Assign(planeRows, Slot(4)));
                prologue.Add(Expression.Assign(gap, Expression.Subtract(stride, shared.Length)));
                prologue.Add(Expression.Assign(planeGap, Expression.Subtract(Slot(5), Expression.Multiply(planeRows, stride))));
                prologue.Add(Expression.Assign(row, Expression.Divide(operandOffsets[k], shared.Length)));
                prologue.Add(Expression.Assign(rowsLeft, Expression.Subtract(planeRows, Expression.Modulo(row, planeRows))));
                prologue.Add(Expression.Assign(index, Expression.Add(
                    Expression.Add(Slot(3), Expression.Multiply(Expression.Divide(row, planeRows), Slot(5))),
                    Expression.Add(Expression.Multiply(Expression.Modulo(row, planeRows), stride), Expression.Modulo(operandOffsets[k], shared.Length)))));
                prologue.Add(setNextGap);
                segments[k] = (index, nextGap);
                everyVector[group].Add(Expression.AddAssign(index, Expression.Constant(lanes)));
                nextRows[group].Add(Expression.Block(
                    Expression.AddAssign(index, nextGap),
                    Expression.IfThen(Expression.Equal(Expression.PreDecrementAssign(rowsLeft), Expression.Constant(0)), Expression.Assign(rowsLeft, planeRows)),
                    setNextGap));
            }

            if (((perRow >> k) & 1) != 0)
            {
                prologue.Add(Expression.Assign(operandOffsets[k], Expression.Divide(operandOffsets[k], shared.Length)));
                nextRows[group].Add(Expression.PreIncrementAssign(operandOffsets[k]));
            }
        }

        // Per group: position += lanes, each segment's index += lanes; if (position >= length) { position -= length; each
        // row index + 1, each segment's index + the gap after its row }
        var advance = nextRows.Select(group => (Expression)Expression.Block(
            Expression.Block(everyVector[group.Key]),
            Expression.IfThen(Expression.GreaterThanOrEqual(inputs[group.Key].Position, inputs[group.Key].Length), Expression.Block(group.Value))));
        return (inputs, segments, Expression.Block(advance));
    }

    /// <summary>
    /// The vector of an input constant along rows: its row's element, or two rows' where the vector crosses; a bool
    /// input's as a mask of the loop's <paramref name="lane"/> lanes.
    /// </summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static MethodCallExpression LoadRowInput(VectorWidth width, Type element, Type lane, ParameterExpression array, ParameterExpression row, (ParameterExpression Position, ParameterExpression Length) at) =>
        Expression.Call(AtWidth(element == typeof(bool) ? "LoadPerRowMask" : "LoadPerRow", width.Bytes).MakeGenericMethod(element == typeof(bool) ? lane : element), array, row, at.Position, at.Length);

    /// <summary>The vector of a row segment input at its index: one load within a row, two blended across a row's end.</summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static MethodCallExpression LoadSegmentInput(VectorWidth width, Type element, Type lane, ParameterExpression array, (ParameterExpression Index, ParameterExpression Gap) segment, (ParameterExpression Position, ParameterExpression Length) at) =>
        Expression.Call(AtWidth(element == typeof(bool) ? "LoadRowSegmentMask" : "LoadRowSegment", width.Bytes).MakeGenericMethod(element == typeof(bool) ? lane : element), array, segment.Index, at.Position, at.Length, segment.Gap);

    /// <summary>
    /// array[index …] for a vector starting at <paramref name="position"/> of a row of <paramref name="rowLength"/>
    /// elements; lanes past the row's end are the next row's first elements, <paramref name="gap"/> elements further on
    /// (the gap before the next row, at a plane's end the plane's too).
    /// No bounds check: the caller checked the rows the call reads (a row's load past its end stays within the next row's
    /// elements the vector reads, as the gap is not negative).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> LoadRowSegment512<T>(T[] array, int index, int position, int rowLength, int gap)
        where T : unmanaged, INumberBase<T>
    {
        ref T here = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)index);
        var lanes = Vector512.LoadUnsafe(ref here);
        return position <= rowLength - Vector512<T>.Count
            ? lanes
            : Vector512.ConditionalSelect(Vector512.LessThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(rowLength - position))), lanes, Vector512.LoadUnsafe(ref Unsafe.Add(ref here, (nint)gap)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> LoadRowSegment256<T>(T[] array, int index, int position, int rowLength, int gap)
        where T : unmanaged, INumberBase<T>
    {
        ref T here = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)index);
        var lanes = Vector256.LoadUnsafe(ref here);
        return position <= rowLength - Vector256<T>.Count
            ? lanes
            : Vector256.ConditionalSelect(Vector256.LessThan(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(rowLength - position))), lanes, Vector256.LoadUnsafe(ref Unsafe.Add(ref here, (nint)gap)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> LoadRowSegment128<T>(T[] array, int index, int position, int rowLength, int gap)
        where T : unmanaged, INumberBase<T>
    {
        ref T here = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)index);
        var lanes = Vector128.LoadUnsafe(ref here);
        return position <= rowLength - Vector128<T>.Count
            ? lanes
            : Vector128.ConditionalSelect(Vector128.LessThan(Vector128<T>.Indices, Vector128.Create(T.CreateTruncating(rowLength - position))), lanes, Vector128.LoadUnsafe(ref Unsafe.Add(ref here, (nint)gap)));
    }

    /// <summary>
    /// A bool row segment input's vector as a mask of <typeparamref name="T"/> lanes (see <see cref="LoadMask512{T}"/>):
    /// one load within a row, two blended across a row's end (see <see cref="LoadRowSegment512{T}"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> LoadRowSegmentMask512<T>(bool[] array, int index, int position, int rowLength, int gap)
        where T : unmanaged, INumberBase<T>
    {
        var lanes = LoadMask512<T>(array, index);
        return position <= rowLength - Vector512<T>.Count
            ? lanes
            : Vector512.ConditionalSelect(Vector512.LessThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(rowLength - position))), lanes, LoadMask512<T>(array, index + gap));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> LoadRowSegmentMask256<T>(bool[] array, int index, int position, int rowLength, int gap)
        where T : unmanaged, INumberBase<T>
    {
        var lanes = LoadMask256<T>(array, index);
        return position <= rowLength - Vector256<T>.Count
            ? lanes
            : Vector256.ConditionalSelect(Vector256.LessThan(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(rowLength - position))), lanes, LoadMask256<T>(array, index + gap));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> LoadRowSegmentMask128<T>(bool[] array, int index, int position, int rowLength, int gap)
        where T : unmanaged, INumberBase<T>
    {
        var lanes = LoadMask128<T>(array, index);
        return position <= rowLength - Vector128<T>.Count
            ? lanes
            : Vector128.ConditionalSelect(Vector128.LessThan(Vector128<T>.Indices, Vector128.Create(T.CreateTruncating(rowLength - position))), lanes, LoadMask128<T>(array, index + gap));
    }

    /// <summary>
    /// array[row] in every lane of a vector starting at <paramref name="position"/> of a row of <paramref name="rowLength"/>
    /// elements; lanes past the row's end hold array[row + 1]. No bounds check: the caller checked the rows the call reads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> LoadPerRow512<T>(T[] array, int row, int position, int rowLength)
        where T : unmanaged, INumberBase<T>
    {
        ref T here = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)row);
        var lanes = Vector512.Create(here);
        return position <= rowLength - Vector512<T>.Count
            ? lanes
            : Vector512.ConditionalSelect(Vector512.LessThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(rowLength - position))), lanes, Vector512.Create(Unsafe.Add(ref here, 1)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> LoadPerRow256<T>(T[] array, int row, int position, int rowLength)
        where T : unmanaged, INumberBase<T>
    {
        ref T here = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)row);
        var lanes = Vector256.Create(here);
        return position <= rowLength - Vector256<T>.Count
            ? lanes
            : Vector256.ConditionalSelect(Vector256.LessThan(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(rowLength - position))), lanes, Vector256.Create(Unsafe.Add(ref here, 1)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> LoadPerRow128<T>(T[] array, int row, int position, int rowLength)
        where T : unmanaged, INumberBase<T>
    {
        ref T here = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)row);
        var lanes = Vector128.Create(here);
        return position <= rowLength - Vector128<T>.Count
            ? lanes
            : Vector128.ConditionalSelect(Vector128.LessThan(Vector128<T>.Indices, Vector128.Create(T.CreateTruncating(rowLength - position))), lanes, Vector128.Create(Unsafe.Add(ref here, 1)));
    }

    /// <summary>
    /// array[row] as a mask of <typeparamref name="T"/> lanes (all bits set where the byte is not 0) in every lane of a
    /// vector starting at <paramref name="position"/> of its row; lanes past the row's end hold array[row + 1]'s (see
    /// <see cref="LoadPerRow512{T}"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> LoadPerRowMask512<T>(bool[] array, int row, int position, int rowLength)
        where T : unmanaged, INumberBase<T>
    {
        ref byte here = ref BoolBytes(array, row);
        var lanes = here != 0 ? Vector512<T>.AllBitsSet : Vector512<T>.Zero;
        return position <= rowLength - Vector512<T>.Count
            ? lanes
            : Vector512.ConditionalSelect(Vector512.LessThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(rowLength - position))), lanes, Unsafe.Add(ref here, 1) != 0 ? Vector512<T>.AllBitsSet : Vector512<T>.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> LoadPerRowMask256<T>(bool[] array, int row, int position, int rowLength)
        where T : unmanaged, INumberBase<T>
    {
        ref byte here = ref BoolBytes(array, row);
        var lanes = here != 0 ? Vector256<T>.AllBitsSet : Vector256<T>.Zero;
        return position <= rowLength - Vector256<T>.Count
            ? lanes
            : Vector256.ConditionalSelect(Vector256.LessThan(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(rowLength - position))), lanes, Unsafe.Add(ref here, 1) != 0 ? Vector256<T>.AllBitsSet : Vector256<T>.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> LoadPerRowMask128<T>(bool[] array, int row, int position, int rowLength)
        where T : unmanaged, INumberBase<T>
    {
        ref byte here = ref BoolBytes(array, row);
        var lanes = here != 0 ? Vector128<T>.AllBitsSet : Vector128<T>.Zero;
        return position <= rowLength - Vector128<T>.Count
            ? lanes
            : Vector128.ConditionalSelect(Vector128.LessThan(Vector128<T>.Indices, Vector128.Create(T.CreateTruncating(rowLength - position))), lanes, Unsafe.Add(ref here, 1) != 0 ? Vector128<T>.AllBitsSet : Vector128<T>.Zero);
    }

    /// <summary>
    /// Whether the inputs of <paramref name="rows"/> can be read by row position: of the loop's own lane type or bool
    /// (read as masks of those lanes), not complex.
    /// </summary>
    private static bool PerRowQualifies(KernelPlan plan, RowReads rows, DType lanes) =>
        lanes != DType.Complex128 && Enumerable.Range(0, 64).All(k => ((rows.All >> k) & 1) == 0
            || (k < plan.Inputs.Count && !plan.IsUniform(k) && OperandType(plan, k) is var type && (type == lanes || type == DType.Bool)));
}
