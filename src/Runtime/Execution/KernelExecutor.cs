using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using SlowSeries.Arrays;
using SlowSeries.Kernels;
using SlowSeries.Language.Diagnostics;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Semantics;

namespace SlowSeries.Execution;

/// <summary>
/// Runs a <see cref="KernelPlan"/> over its iteration space: fixed chunks on the scheduler's threads, each chunk in
/// blocks; contiguous inputs and the output are used in place, other views are gathered block by block.
/// Reductions combine block results per chunk, then chunk results in chunk order.
/// </summary>
internal static class KernelExecutor
{
    /// <summary>
    /// Evaluates every root of the plan. A destination (contiguous, of the root's dtype and shape) is written in place;
    /// otherwise a new array is made. Hoisted subexpressions are evaluated first and read as broadcast inputs.
    /// </summary>
    public static NDArray[] Run(KernelPlan plan, IReadOnlyDictionary<string, NDArray> variables, int threads, IReadOnlyList<NDArray?>? destinations = null, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellation = default)
    {
        var shape = plan.IterationShape;
        var available = new Dictionary<string, NDArray>(variables, StringComparer.Ordinal);
        foreach (var (name, hoisted) in plan.Hoisted)
        {
            available[name] = Run(hoisted, available, threads, cancellation: cancellation)[0];
        }

        // Loops rather than LINQ on this path: LINQ's instantiations over value types (bool, int, long) are compiled by the
        // JIT in every fresh process, before the first result (ReadyToRun cannot carry them for System.Linq).
        var views = new NDArray[plan.Inputs.Count];
        var contiguous = new bool[views.Length];
        for (int k = 0; k < views.Length; k++)
        {
            var input = available[plan.Inputs[k].Name];
            views[k] = input.Shape.Equals(shape) ? input : input.BroadcastTo(shape);
            contiguous[k] = views[k].IsContiguous;
        }

        long size = shape.Size;
        var counter = ProgressCounter.For(progress, size);

        // With broadcast or strided inputs, blocks stop at row ends so inputs with unit inner stride are read in place. A
        // broadcast scalar (every stride 0) gains nothing from that, and without it a reduction's blocks are the same
        // as over the operand cut into one-dimensional pieces (ReductionPartials).
        int rowLength = shape.Rank > 1 && AnyStrided(views) && shape[shape.Rank - 1] >= MinimumRowBlock ? shape[shape.Rank - 1] : 0;
        try
        {
            if (plan.Reduction is { } reduction)
            {
                return plan.ReductionAxis is { } axis
                    ? [ReduceAxis(plan, reduction, axis, views, contiguous, threads, destinations?[0], counter, cancellation)]
                    : [NDArray.FromScalar(Reduce(plan, reduction, views, contiguous, size, threads, rowLength, counter, cancellation))];
            }

            var results = new NDArray[plan.Roots.Count];
            long resultBytes = 0;
            for (int k = 0; k < results.Length; k++)
            {
                results[k] = destinations?[k] ?? NDArray.ToOverwrite(plan.Registers[plan.Roots[k]], shape);
                resultBytes += results[k].Data.LongLength * results[k].DType.ItemSize();
            }


            bool TakesArrays() => FusedKernel.TakesArrays(plan, views.Select(view => view.Data).Concat(results.Select(result => result.Data)));

            // Inputs such as a[::2] or a[::3] are read in place, at their stride through their arrays, by a fused loop of
            // its own over whole chunks: gathered block by block instead, `s*2 + 1` on 1e7 took 2-4x the time of `a*2 + 1`
            // (AVX-512, 2 threads).
            var strided = size >= FusedThreshold ? InPlaceStridedInputs(views, contiguous) : default;
            CompileStreamingAlongside(plan, size, resultBytes, strided, views);
            Delegate? fused = strided.Any ? plan.FusedInPlace(strided) : null;
            if (fused is null || !TakesArrays())
            {
                strided = default;
                fused = null;
            }

            // Inputs constant along rows (x of shape (R, 1) against (R, C)) read one element per row, and rows that repeat
            // (y of shape (C,)) read at the same position in the row from a tile of it, by a fused loop of their own over
            // whole chunks: gathered block by block instead, `m*x` on (1e5, 100) took 6.5-7.5 ms against `m*2 + 1`'s 3.0
            // (AVX-512, 2 threads). That loop is compiled instead of the ordinary one, not after it (the JIT compiles each
            // loop as it is made), and its streaming form beside it where it will stream.
            var rows = !strided.Any && size >= FusedThreshold && FusedKernel.HasCompiled && TakesArrays()
                ? RowInputs(plan, views, contiguous, size) : null;
            int[]? rowGroups = null;
            if (rows is not null)
            {
                var groups = rows.Groups();
                if (resultBytes >= StreamingThreshold && StreamingPays(results.Length, readsRows: true) && NoComplexRoots(plan))
                {
                    plan.StartCompiling(default, streaming: true, rows.PerRow, rows.Periodic, groups, rows.Segmented);
                }

                fused = plan.FusedInPlace(default, perRow: rows.PerRow, periodic: rows.Periodic, rowGroups: groups, segmented: rows.Segmented);
                (rows, rowGroups) = fused is null ? (null, null) : (rows, groups);
            }

            if (!strided.Any && fused is null)
            {
                fused = size >= FusedThreshold ? plan.FusedOrCompiling() : null;
            }

            bool large = fused is not null && resultBytes >= StreamingThreshold && StreamingPays(results.Length, rowGroups is not null);
            using var pins = large ? new PinnedArrays(results.Select(result => result.Data)) : null;
            // Complex results whose numbers straddle vector boundaries stream with 512-bit and AVX2's vectors (a whole or half a
            // cache line per store): with 16-byte stores `complex(a, b)` on 1e7 took 9.5 ms against 5.9 stored as usual
            // (AVX-512 5.4 against 5.9; 2 threads). Which store wins moves with this VM's memory: the forty-fifth session
            // measured ordinary stores as fast or faster (`complex(a, b)` 5.6–5.7 against 5.8–6.1 ms at AVX-512, 6.0–6.4
            // against 7.6–8.2 at AVX2) and stored such results as usual; the forty-eighth, alternating processes in the same
            // minutes (Zen 5, 1e7, 2 threads), streaming 1.3–2x faster at AVX-512 (5.7–8.9 against 7.7–13.1 ms in two sets of rounds; NumExpr
            // 7.8–9.2) and 1.1–1.4x at AVX2 (6.8–7.7 against 8.9–10.7; `complex(a, b)*2` 7.9–9.7 against 9.3–10.8). Streaming
            // saves the read of every output line before it is written, as it does for float64 results, which stream alike.
            bool halfAligned = large && FusedKernel.StreamsHalfAlignedComplex && !strided.Any && rows is null && HalfAlignedComplex(results);
            var streaming = !large ? null
                : halfAligned ? plan.FusedStreamingHalfAligned.Value
                : plan.FusedInPlace(strided, streaming: true, perRow: rows?.PerRow ?? 0, periodic: rows?.Periodic ?? 0, rowGroups: rowGroups, segmented: rows?.Segmented ?? 0);
            // Over contiguous operands the fused loop needs no block buffers, so it runs a whole chunk per call: the set-up
            // of a call per 1,024 elements (and, streaming, its unaligned head and tail) cost 10-25% of memory-bound
            // expressions' time (`2*a + 3*b` on 1e7, 2 threads, AVX-512: 13.6 -> 10.7 ms).
            bool wholeChunks = strided.Any || rows is not null || (fused is not null && rowLength == 0 && ContiguousOrUniform(plan, contiguous) && TakesArrays());

            int blockSize = plan.BlockFor(fused is not null);
            var tiles = rows is not null ? rows.Tiles : wholeChunks ? null : Tiles(views, contiguous, blockSize);

            // Row-sized blocks serve inputs read in place row by row (unit inner stride); tiled and filled inputs read as
            // well from blocks of any length, and element-wise results do not depend on where blocks end. The velocity
            // grid (rows of 800; lon's tiled, lat's filled) then runs 4,096-element blocks instead of one per row.
            int last = shape.Rank - 1;
            if (rowLength > 0 && !AnyReadInPlaceByRow(views, contiguous, tiles, last))
            {
                rowLength = 0;
            }

            ChunkScheduler.Run(
                size,
                threads,
                plan.RentFrame,
                [MethodImpl(MethodImplOptions.AggressiveOptimization)] (frame, _, start, end) =>
                {
                    for (long block = start, count; block < end; block += count)
                    {
                        count = wholeChunks ? end - block : BlockLength(blockSize, rowLength, block, end);
                        Load(plan, frame, views, contiguous, block, (int)count, fused is not null, strided, tiles, rows);
                        for (int k = 0; k < results.Length; k++)
                        {
                            frame.Borrow(plan.Roots[k], results[k].Data, checked((int)(results[k].Offset + block)));
                        }

                        Compute(plan, frame, fused, streaming, (int)count, strided, rows, halfAligned);
                    }
                },
                frame =>
                {
                    if (streaming is not null)
                    {
                        // Non-temporal stores are weakly ordered: make this worker's visible before the evaluation returns.
                        System.Runtime.Intrinsics.X86.Sse.StoreFence();
                    }

                    foreach (int root in plan.Roots)
                    {
                        frame.Release(root);
                    }

                    plan.ReturnFrame(frame);
                },
                counter,
                cancellation,
                merge: true);
            return results;
        }
        catch (AggregateException error) when (error.InnerException is ExpressionException inner)
        {
            throw inner;
        }
    }

    /// <summary>Whether every input is contiguous (a loop, not LINQ: see <see cref="Run"/>).</summary>
    private static bool AllContiguous(bool[] contiguous)
    {
        foreach (bool each in contiguous)
        {
            if (!each)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether an input is neither contiguous nor a broadcast scalar (some stride not 0).</summary>
    private static bool AnyStrided(NDArray[] views)
    {
        foreach (var view in views)
        {
            if (view.IsContiguous)
            {
                continue;
            }

            for (int axis = 0; axis < view.Strides.Count; axis++)
            {
                if (view.Strides[axis] != 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool ContiguousOrUniform(KernelPlan plan, bool[] contiguous)
    {
        for (int k = 0; k < contiguous.Length; k++)
        {
            if (!contiguous[k] && !plan.IsUniform(k))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether an input is read in place row by row: strided, not tiled, unit inner stride.</summary>
    private static bool AnyReadInPlaceByRow(NDArray[] views, bool[] contiguous, (Array Tile, long Period)?[]? tiles, int last)
    {
        for (int k = 0; k < views.Length; k++)
        {
            if (!contiguous[k] && tiles?[k] is null && views[k].Strides[last] == 1)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Below this many elements the fused loop's compilation (about a millisecond) does not pay off.</summary>
    public const long FusedThreshold = 1 << 16;

    /// <summary>
    /// Outputs at least this large (in all) are written with non-temporal stores: far beyond the caches, they would be
    /// evicted before anyone reads them, and ordinary stores first read every line they write. Smaller outputs stay in
    /// the cache for whoever reads them next.
    /// </summary>
    public const long StreamingThreshold = 64L << 20;

    /// <summary>
    /// Starts compiling the streaming loop on the thread pool while this thread compiles the ordinary one, where an
    /// evaluation over contiguous inputs, or inputs read in place at a stride, will need both (the ordinary loop stores
    /// the outputs' unaligned edges): a new expression's first evaluation otherwise waits for the two one after the other
    /// — `i % 7` on 1.2e7 int64 (a loop that takes ~7 ms to compile) 22–24 ms against 7 steady.
    /// </summary>
    private static void CompileStreamingAlongside(KernelPlan plan, long size, long resultBytes, StridedInputs strided, NDArray[] views)
    {
        if (size >= FusedThreshold && resultBytes >= StreamingThreshold && FusedKernel.HasCompiled && StreamingPays(plan.Roots.Count, readsRows: false)
            && NoComplexRoots(plan) && (strided.Any || (!plan.Fused.IsValueCreated && !AnyStrided(views))))
        {
            plan.StartCompiling(strided, streaming: true);
        }
    }

    /// <summary>Whether no result is complex128 (those stream by a loop of their own, or not at all); a loop, not LINQ: see <see cref="Run"/>.</summary>
    private static bool NoComplexRoots(KernelPlan plan)
    {
        foreach (int root in plan.Roots)
        {
            if (plan.Registers[root] == DType.Complex128)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether non-temporal stores pay for a fused loop with <paramref name="outputs"/> results (those at least
    /// <see cref="StreamingThreshold"/>): with 256-bit vectors or wider, for one output, or several over inputs none of which
    /// is read by row; with 128-bit vectors, for one output over inputs none of which is read by row.
    /// </summary>
    /// <remarks>
    /// Measured on a Zen 3 (AVX2, 2 cores; 1e7–1.2e7 float64 elements, 2 threads, streamed against ordinary stores in the
    /// same minutes). 16-byte non-temporal stores into two or three lines at once wait for the write-combining buffers:
    /// `a*b + c; a*c - b; b*c + a` took 99 ms against 30 at 128 bits (`a*2; b*2; c*2` 114 against 39; a hand-written loop
    /// alike, 66–70 against 22–25), while at 256 bits streaming gained (24 against 33; 20 against 27). A load from a small
    /// array between the stores, as a loop reading an input by row does, made them wait longer still: at 128 bits `m + x`
    /// 7.3–10.1 ms streamed against 6.2–6.4, and the course's fused velocity conversion (3 outputs, lat read by row, lon by
    /// position in the row) 282–292 against 38–47; at 256 bits `m + x` gained (4.9 against 6.7–8.6) but the velocity
    /// conversion lost (53–69 against 26–37). One output over ordinary inputs gains at both widths (`2*a + 3*b` at 128 bits
    /// 7.5–8.5 against 10.0–10.6).
    /// </remarks>
    internal static bool StreamingPays(int outputs, bool readsRows) =>
        readsRows ? outputs == 1 && FusedKernel.VectorBytes >= 32 : outputs == 1 || FusedKernel.VectorBytes >= 32;

    /// <summary>
    /// Has .NET compile, ahead of their first call, the methods that run a fused loop of <paramref name="loop"/>'s lane type:
    /// they ask for full optimisation, which a first call otherwise waits for.
    /// </summary>
    public static void PrepareFusedRun(Delegate loop)
    {
        var lane = loop.GetType().GetGenericArguments()[0].TypeHandle;
        Prepare(nameof(RunFused), [lane]);
        Prepare(nameof(RunPadded), [lane]);
        Prepare(nameof(BindOperands));
    }

    /// <summary>Has .NET compile this class's private static method <paramref name="name"/> now (for these type arguments, if generic).</summary>
    private static void Prepare(string name, RuntimeTypeHandle[]? typeArguments = null) =>
        RuntimeHelpers.PrepareMethod(typeof(KernelExecutor).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MethodHandle, typeArguments);

    /// <summary>
    /// Starts having .NET compile, on the thread pool, the block interpreter's methods every plan's first evaluation runs
    /// (they ask for full optimisation, which their first call otherwise waits for): called when an expression is first
    /// parsed, once per process, so that the compiling overlaps the parse (fresh processes on Zen 5 with the ReadyToRun
    /// image, `2*a + 3*b` on 1e5, medians of 16 alternating: the first evaluation 97.7 -> 93.7 ms in one run, 118.8 ->
    /// 100.2 in another; on 1e7 142 -> 131). Under NativeAOT nothing is compiled at run time.
    /// </summary>
    public static void StartPreparingInterpreter()
    {
        if (RuntimeFeature.IsDynamicCodeSupported && Interlocked.Exchange(ref interpreterPrepared, 1) == 0)
        {
            // A task, not a bare work item: compiling ahead is an optimisation, and a failure of it must not end the process.
            _ = Task.Run(PrepareInterpreter);
        }
    }

    private static int interpreterPrepared;

    internal static void PrepareInterpreter()
    {
        Prepare(nameof(Load));
        Prepare(nameof(Compute));
        Prepare(nameof(Execute));
        KernelFrame.Prepare();
    }

    /// <summary>
    /// Runs a block through the fused vector loop; the last partial vector goes through padded copies so it sees the
    /// same arithmetic. False when an operand is not a one-dimensional double array (the interpreter then runs).
    /// halfAligned: the streaming loop is the one for complex128 results 8 bytes past a 16-byte boundary (see
    /// <see cref="FusedKernel.TryCompile"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool RunFused<T>(KernelPlan plan, KernelFrame frame, FusedKernel.Body<T> fused, FusedKernel.Body<T>? streaming, int count, StridedInputs strided, RowInputLayout? rows, bool halfAligned = false)
    {
        int inputs = plan.Inputs.Count;
        int width = FusedKernel.VectorBytes / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var slots = frame.FusedArguments(plan, width);
        var (arrays, offsets, _, pads, zero, _) = slots;
        if (!BindOperands(plan, frame, slots, count, width, strided, rows, out int vectorElements))
        {
            return false;
        }

        // Whole vectors run as far as every input read at a stride allows; the rest through padded copies.
        int whole = !strided.Any ? count : vectorElements - (vectorElements % width);
        int done = whole - (whole % width);
        int head = streaming is null ? -1 : halfAligned ? NumbersToHalfAlignment(arrays, offsets, inputs) : ElementsToAlignment<T>(arrays, offsets, inputs);
        if (halfAligned && head > 0 && whole >= 2 * width && !SharesArrays(arrays, inputs))
        {
            // The first streamed store starts at the imaginary part of the number before the head, which the ordinary
            // vector over the first numbers writes (and the loop reads back); the last streamed number's imaginary part
            // is left to the ordinary vector over the last ones.
            fused(arrays, offsets, width);
            Shift(plan, offsets, head, strided);
            streaming!(arrays, offsets, whole - head);
            Shift(plan, offsets, whole - width - head, strided);
            fused(arrays, offsets, width);
            Shift(plan, offsets, width - whole, strided);
            done = whole;
        }
        else if (!halfAligned && head >= 0 && whole >= 2 * width && !SharesArrays(arrays, inputs))
        {
            // Whole aligned vectors streamed; the elements before the outputs' common vector-size boundary and after the
            // last whole vector are computed by one ordinary vector each, overlapping the streamed ones. Writing an
            // element twice with the same value is harmless when no output is also an input.
            if (head > 0)
            {
                fused(arrays, offsets, width);
            }

            Shift(plan, offsets, head, strided);
            streaming!(arrays, offsets, whole - head);
            Shift(plan, offsets, -head, strided);
            if ((whole - head) % width != 0)
            {
                Shift(plan, offsets, whole - width, strided);
                fused(arrays, offsets, width);
                Shift(plan, offsets, width - whole, strided);
            }

            done = whole;
        }
        else
        {
            fused(arrays, offsets, whole);
        }

        RunPadded(plan, fused, arrays, offsets, pads, zero, done, count - done, width, strided, rows);
        return true;
    }

    /// <summary>
    /// Sets each operand's slot for the fused loop over <paramref name="count"/> elements of the loaded block: the array
    /// and offset each input is read from and each result written to, checked to hold them (the loop itself checks no
    /// bounds). False when an operand is not an array of the loop's type; <paramref name="vectorElements"/> is how many
    /// elements the inputs read at a stride allow whole vectors for.
    /// </summary>
    private static bool BindOperands(KernelPlan plan, KernelFrame frame, KernelFrame.FusedSlots slots, int count, int width, StridedInputs strided, RowInputLayout? rows, out int vectorElements)
    {
        int inputs = plan.Inputs.Count;
        var (arrays, offsets, arrayTypes, _, zero, _) = slots;
        for (int k = 0; rows is not null && k < inputs; k++)
        {
            offsets[arrays.Length + k] = zero[arrays.Length + k] = rows.Lengths[k];
            offsets[(2 * arrays.Length) + k] = rows.RowStrides[k];
            offsets[(3 * arrays.Length) + k] = rows.FirstIndices[k];
            offsets[(4 * arrays.Length) + k] = rows.PlaneRows[k];
            offsets[(5 * arrays.Length) + k] = rows.PlaneStrides[k];
        }

        vectorElements = count;
        for (int k = 0; k < arrays.Length; k++)
        {
            var (data, offset) = frame.Location(k < inputs ? plan.Inputs[k].Register : plan.Roots[k - inputs]);
            if (data.GetType() != arrayTypes[k])
            {
                return false;
            }

            // The fused loop reads and writes without bounds checks: this is its bounds check. An input read at stride s
            // spans s·(count − 1) + 1 elements, and at a stride of 2 its last vector's second load one more
            // (FusedKernel.LoadStrided): whole vectors run only as far as that stays inside the array.
            bool atStride = k < inputs && strided.Contains(k);
            bool alongRows = k < inputs && ((rows?.PerRow ?? 0) >> k & 1) != 0;
            bool repeating = k < inputs && ((rows?.Periodic ?? 0) >> k & 1) != 0;
            bool segment = k < inputs && rows is not null && rows.IsSegment(k);
            int span = k < inputs && plan.IsUniform(k) ? 1 : atStride ? (Math.Abs(strided.Stride) * (count - 1)) + 1 : count;
            if (alongRows ? offset < 0 || (count > 0 && (offset + count - 1) / rows!.Lengths[k] >= data.Length)
                : repeating ? offset < 0 || data.Length < rows!.Lengths[k] + width
                : segment ? offset < 0 || (count > 0 && rows!.SegmentIndex(k, offset + count - 1) >= data.Length)
                : atStride && strided.Stride < 0 ? offset >= data.Length || (count > 0 && offset - span + 1 < 0)
                : offset < 0 || (count > 0 && offset > data.Length - span))
            {
                throw new InvalidOperationException($"fused loop operand {k}: {count} elements from offset {offset} exceed its {data.Length}");
            }

            if (atStride && strided.Stride > 0)
            {
                vectorElements = Math.Min(vectorElements, strided.Stride == 2 ? (data.Length - offset) / 2 : ((data.Length - offset - 1) / strided.Stride) + 1);
            }

            arrays[k] = data;
            offsets[k] = offset;
        }

        return true;
    }

    /// <summary>
    /// Moves every operand's offset by <paramref name="by"/> elements, but a uniform input's, which stays on its element,
    /// and an input's read at a stride (<paramref name="strided"/>), which moves that many times as far in its array.
    /// </summary>
    private static void Shift(KernelPlan plan, int[] offsets, int by, StridedInputs strided)
    {
        for (int k = 0; k < plan.Inputs.Count + plan.Roots.Count; k++)
        {
            if (k >= plan.Inputs.Count || !plan.IsUniform(k))
            {
                offsets[k] += k < plan.Inputs.Count ? strided.StepOf(k) * by : by;
            }
        }
    }

    /// <summary>Whether an output is also an input (recomputing its elements would then read results).</summary>
    private static bool SharesArrays(Array[] arrays, int inputs)
    {
        for (int output = inputs; output < arrays.Length; output++)
        {
            for (int input = 0; input < inputs; input++)
            {
                if (ReferenceEquals(arrays[output], arrays[input]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// How many elements precede the boundary of the fused loop's vector size (the alignment its non-temporal stores
    /// require) that every output reaches at the same element (outputs pinned by the caller), or −1 when the outputs are
    /// aligned differently. Fewer than one vector's lanes, so one ordinary vector covers them.
    /// </summary>
    private static unsafe int ElementsToAlignment<T>(Array[] arrays, int[] offsets, int inputs)
    {
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        int alignment = FusedKernel.VectorBytes;
        int head = -1;
        for (int k = inputs; k < arrays.Length; k++)
        {
            ref T first = ref System.Runtime.CompilerServices.Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference((T[])arrays[k]), offsets[k]);
            long misalignment = (long)System.Runtime.CompilerServices.Unsafe.AsPointer(ref first) % alignment;
            int elements = misalignment == 0 ? 0 : (int)(alignment - misalignment) / size;
            if (misalignment % size != 0 || (head >= 0 && elements != head))
            {
                return -1;
            }

            head = elements;
        }

        return head;
    }

    /// <summary>
    /// For complex128 outputs 8 bytes past a 16-byte boundary (pinned by the caller): how many numbers precede the first
    /// whose imaginary part ends on the fused loop's vector-size boundary — at least one, at most a vector's lanes — or −1
    /// when an output is placed otherwise or the outputs reach such a boundary at different numbers.
    /// </summary>
    private static int NumbersToHalfAlignment(Array[] arrays, int[] offsets, int inputs)
    {
        int alignment = FusedKernel.VectorBytes;
        int head = -1;
        for (int k = inputs; k < arrays.Length; k++)
        {
            long address = AddressOf((Complex[])arrays[k], offsets[k]);
            if (address % 16 != 8)
            {
                return -1;
            }

            // The store that begins with number j starts at the imaginary part of number j − 1, address + 16j − 8: the
            // first j ≥ 1 that puts it on the boundary.
            int numbers = (int)((alignment - ((address - 8) % alignment)) % alignment) / 16;
            numbers = numbers == 0 ? alignment / 16 : numbers;
            if (head >= 0 && numbers != head)
            {
                return -1;
            }

            head = numbers;
        }

        return head;
    }

    /// <summary>The address of numbers[index] (the array pinned by the caller).</summary>
    private static unsafe long AddressOf(Complex[] numbers, long index) =>
        (long)System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.CompilerServices.Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(numbers), (nint)index));

    /// <summary>Whether every result is complex128 with its first number 8 bytes past a 16-byte boundary (the results pinned).</summary>
    private static bool HalfAlignedComplex(NDArray[] results)
    {
        foreach (var result in results)
        {
            if (result.Data is not Complex[] numbers || AddressOf(numbers, result.Offset) % 16 != 8)
            {
                return false;
            }
        }

        return results.Length > 0;
    }

    /// <summary>
    /// Elements [start, start + length) of a block, at most a vector, through padded copies of the operands: they see
    /// the same arithmetic as the elements the vector loop computes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunPadded<T>(KernelPlan plan, FusedKernel.Body<T> fused, Array[] arrays, int[] offsets, Array[] pads, int[] zero, int start, int length, int width, StridedInputs strided, RowInputLayout? rows)
    {
        if (length <= 0)
        {
            return;
        }

        int inputs = plan.Inputs.Count;
        for (int k = 0; k < inputs; k++)
        {
            if (plan.IsUniform(k))
            {
                Array.Copy(arrays[k], offsets[k], pads[k], 0, 1);
                continue;
            }

            if (rows is not null && rows.IsSegment(k))
            {
                // Read at its index by the loop: the pad holds the elements one after another, as a row of the input's
                // length starting at the first element's position (row and plane strides = length: no gaps; first index
                // −position: the first element's index is 0).
                int rowLength = rows.Lengths[k], first = offsets[k] + start;
                for (int e = 0; e < length; e++)
                {
                    Array.Copy(arrays[k], rows.SegmentIndex(k, first + e), pads[k], e, 1);
                }

                zero[k] = first % rowLength;
                zero[(2 * arrays.Length) + k] = rowLength;
                zero[(3 * arrays.Length) + k] = -(first % rowLength);
                zero[(4 * arrays.Length) + k] = 1;
                zero[(5 * arrays.Length) + k] = rowLength;
                continue;
            }

            if (rows is not null && ((rows.PerRow >> k) & 1) != 0)
            {
                // Read one element per row by the loop: the pad holds the first element's row and the next (the elements
                // reach into it when they cross a row's end), its offset the first element's position in its row.
                int rowLength = offsets[arrays.Length + k], first = offsets[k] + start, row = first / rowLength;
                Array.Copy(arrays[k], row, pads[k], 0, 1);
                Array.Copy(arrays[k], Math.Min(row + 1, arrays[k].Length - 1), pads[k], 1, 1);
                zero[k] = first % rowLength;
                continue;
            }

            if (rows is not null && ((rows.Periodic >> k) & 1) != 0)
            {
                // Read at the position in the row from its tile: the call reads the tile itself, at the same position.
                zero[k] = (offsets[k] + start) % offsets[arrays.Length + k];
                continue;
            }

            if (strided.Contains(k))
            {
                // Read at the stride by the loop: the pad holds them at its multiples (its Stride·width elements), a
                // negative stride's from the far end of a vector's span down.
                zero[k] = strided.Stride < 0 ? -strided.Stride * (width - 1) : 0;
                for (int e = 0; e < length; e++)
                {
                    Array.Copy(arrays[k], offsets[k] + (strided.Stride * (start + e)), pads[k], zero[k] + (strided.Stride * e), 1);
                }

                continue;
            }

            Array.Copy(arrays[k], offsets[k] + start, pads[k], 0, length);
        }

        var read = pads;
        if (rows is { Periodic: var periodic and not 0 })
        {
            read = (Array[])pads.Clone();
            for (int k = 0; k < inputs; k++)
            {
                read[k] = ((periodic >> k) & 1) != 0 ? arrays[k] : pads[k];
            }
        }

        fused(read, zero, width);
        for (int k = inputs; k < arrays.Length; k++)
        {
            Array.Copy(pads[k], 0, arrays[k], offsets[k] + start, length);
        }

        for (int k = 0; k < inputs; k++)
        {
            zero[k] = 0;
        }
    }

    /// <summary>
    /// Rows shorter than this are not worth blocks of their own; their inputs are gathered instead. A block costs a
    /// set-up and, past its last whole vector, a padded tail: `m*x + y` with rows of 100 ran 3x faster gathered into
    /// blocks of 1,024 than in blocks of one row (36 → 12 ms on 1e7 elements, 2 threads, AVX-512).
    /// </summary>
    private const int MinimumRowBlock = 512;

    // An axis reduction over fewer outer indices than this runs its axis in runs of at least AxisRunElements elements,
    // at most MaxAxisRuns of them (the partials' memory: MaxAxisRuns results per outer index).
    private const long AxisRunOuterLimit = 16;

    // Elements per group of rows or slabs in an axis reduction of an input read in place (see ReduceAxis).
    private const long InPlaceGroupElements = 16_384;
    private const long AxisRunElements = 1 << 16;
    private const long MaxAxisRuns = 64;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long BlockLength(int blockSize, int rowLength, long block, long end)
    {
        long count = Math.Min(blockSize, end - block);
        return rowLength == 0 ? count : Math.Min(count, rowLength - (block % rowLength));
    }

    /// <summary>
    /// Computes a loaded block's roots: through the fused loop where the plan has one and the operands allow it, else
    /// step by step. Both give the same bits for every element, so a reduction's result does not depend on the path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Compute(KernelPlan plan, KernelFrame frame, Delegate? fused, Delegate? streaming, int count, StridedInputs strided = default, RowInputLayout? rows = null, bool halfAligned = false)
    {
        bool done = fused switch
        {
            FusedKernel.Body<double> body => RunFused(plan, frame, body, streaming as FusedKernel.Body<double>, count, strided, rows),
            FusedKernel.Body<float> body => RunFused(plan, frame, body, streaming as FusedKernel.Body<float>, count, strided, rows),
            FusedKernel.Body<long> body => RunFused(plan, frame, body, streaming as FusedKernel.Body<long>, count, strided, rows),
            FusedKernel.Body<int> body => RunFused(plan, frame, body, streaming as FusedKernel.Body<int>, count, strided, rows),
            FusedKernel.Body<Complex> body => RunFused(plan, frame, body, streaming as FusedKernel.Body<Complex>, count, strided, rows, halfAligned),
            _ => false,
        };
        if (!done)
        {
            if (fused is not null)
            {
                ExpandUniformInputs(plan, frame, count);
            }

            Execute(plan, frame, count);
        }
    }

    /// <summary>
    /// The interpreter's view of inputs loaded for the fused loop that did not run: each uniform input, borrowed as its one
    /// element, filled into its own buffer.
    /// </summary>
    private static void ExpandUniformInputs(KernelPlan plan, KernelFrame frame, int count)
    {
        for (int k = 0; k < plan.Inputs.Count; k++)
        {
            if (plan.IsUniform(k))
            {
                int register = plan.Inputs[k].Register;
                var value = frame.GetScalar(register, plan.Registers[register], 0);
                frame.Release(register);
                for (int e = 0; e < count; e++)
                {
                    frame.SetScalar(register, e, value);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Execute(KernelPlan plan, KernelFrame frame, int count)
    {
        try
        {
            // An array and an index loop: this runs once per block, and an enumerator would allocate each time.
            var steps = plan.StepArray;
            for (int i = 0; i < steps.Length; i++)
            {
                steps[i].Execute(frame, count);
            }
        }
        catch (ArithmeticException error)
        {
            var expression = plan.Expressions[0];
            throw new ExpressionEvaluationException(expression.Text, error.Message, expression.Root.Span.Start, expression.Root.Span.Length);
        }
    }

    private static Scalar Reduce(KernelPlan plan, Operation reduction, NDArray[] views, bool[] contiguous, long size, int threads, int rowLength, ProgressCounter? progress, CancellationToken cancellation) =>
        Combine(plan, reduction, ChunkPartials(plan, reduction, views, contiguous, size, threads, rowLength, progress, cancellation));

    /// <summary>
    /// A full reduction's result per fixed chunk of <see cref="ChunkScheduler.ChunkElements"/> elements, in chunk order
    /// (the operand computed block by block within each chunk): what <see cref="Combine"/> folds into the result, on one
    /// machine or after the chunks of consecutive pieces were computed on several.
    /// </summary>
    public static Scalar[] Partials(KernelPlan plan, IReadOnlyDictionary<string, NDArray> variables, int threads, CancellationToken cancellation)
    {
        var shape = plan.IterationShape;
        var views = plan.Inputs.Select(i => variables[i.Name]).Select(input => input.Shape.Equals(shape) ? input : input.BroadcastTo(shape)).ToArray();
        var contiguous = views.Select(v => v.IsContiguous).ToArray();
        if (plan.Reduction is not { } reduction || plan.ReductionAxis is not null || plan.Hoisted.Count > 0 || views.Any(view => !view.IsContiguous && view.Strides.Any(stride => stride != 0)))
        {
            throw new InvalidOperationException("chunk partials are computed for reductions of a whole operand whose inputs are contiguous and of its shape, or scalars");
        }

        return ChunkPartials(plan, reduction, views, contiguous, shape.Size, threads, 0, null, cancellation);
    }

    private static Scalar[] ChunkPartials(KernelPlan plan, Operation reduction, NDArray[] views, bool[] contiguous, long size, int threads, int rowLength, ProgressCounter? progress, CancellationToken cancellation)
    {
        DType type = plan.Registers[plan.Roots[0]];
        var partials = new Scalar[ChunkScheduler.ChunkCount(size)];
        // A reduction the loop that accumulates in registers takes needs no other loop (its blocks' last elements, fewer
        // than a group, are interpreted): one compile, not two, before a new expression's first evaluation.
        bool accumulates = size >= FusedThreshold && FusedKernel.AccumulatingQualifies(plan);
        var accumulating = accumulates ? plan.AccumulatingOrCompiling() : null;
        var fused = size >= FusedThreshold && (!accumulates || (accumulating is null && plan.FusedAccumulating.IsValueCreated)) ? plan.FusedOrCompiling() : null;
        ChunkScheduler.Run(
            size,
            threads,
            plan.RentFrame,
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (frame, firstChunk, start, end) =>
            {
                // The fused loop computes several blocks per call, the interpreter one; each block is folded on its own.
                int run = fused is null ? Math.Min(frame.BlockSize, KernelCompiler.ReductionBlockSize) : frame.BlockSize;
                for (long chunk = firstChunk, chunkStart = start; chunkStart < end; chunk++, chunkStart += ChunkScheduler.ChunkElements)
                {
                    long chunkEnd = Math.Min(end, chunkStart + ChunkScheduler.ChunkElements);
                    Scalar? accumulator = null;
                    for (long block = chunkStart, count; block < chunkEnd; block += count)
                    {
                        count = BlockLength(run, rowLength, block, chunkEnd);
                        if (accumulating is null || !ReduceFused(plan, reduction, frame, accumulating, views, contiguous, block, (int)count, ref accumulator))
                        {
                            Load(plan, frame, views, contiguous, block, (int)count, fused is not null);
                            Compute(plan, frame, fused, null, (int)count);
                            for (int first = 0, length; first < count; first += length)
                            {
                                length = Math.Min(KernelCompiler.ReductionBlockSize, (int)count - first);
                                Scalar part = ReduceBlock(reduction, type, frame, plan.Roots[0], first, length);
                                accumulator = accumulator is { } a ? ScalarSemantics.Accumulate(reduction, a, part) : part;
                            }
                        }
                    }

                    partials[chunk] = accumulator!.Value;
                }
            },
            plan.ReturnFrame,
            progress,
            cancellation,
            merge: true);
        return partials;
    }

    /// <summary>
    /// The <paramref name="count"/> elements from <paramref name="start"/> reduced block by block of the fixed layout, each
    /// folded into <paramref name="accumulator"/> in order: a block's whole groups by the loop that keeps the partials in
    /// registers, its last elements (fewer than a group, only ever at the end of a run) by the interpreter, which gives the
    /// loop's bits. False, nothing folded, when the operands do not suit the loop.
    /// </summary>
    private static bool ReduceFused(KernelPlan plan, Operation reduction, KernelFrame frame, Delegate accumulating, NDArray[] views, bool[] contiguous, long start, int count, ref Scalar? accumulator) => accumulating switch
    {
        FusedKernel.Body<double> loop => ReduceFused(plan, reduction, frame, loop, views, contiguous, start, count, ref accumulator),
        FusedKernel.Body<float> loop => ReduceFused(plan, reduction, frame, loop, views, contiguous, start, count, ref accumulator),
        FusedKernel.Body<long> loop => ReduceFused(plan, reduction, frame, loop, views, contiguous, start, count, ref accumulator),
        FusedKernel.Body<int> loop => ReduceFused(plan, reduction, frame, loop, views, contiguous, start, count, ref accumulator),
        _ => false,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ReduceFused<T>(KernelPlan plan, Operation reduction, KernelFrame frame, FusedKernel.Body<T> accumulating, NDArray[] views, bool[] contiguous, long start, int count, ref Scalar? accumulator)
        where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        int width = FusedKernel.VectorBytes / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var slots = frame.FusedArguments(plan, width);
        Load(plan, frame, views, contiguous, start, count, fusedLoop: true);
        if (slots.Partials is not T[] partials || !BindOperands(plan, frame, slots, count, width, default, null, out _))
        {
            return false;
        }

        var (arrays, offsets, _, _, _, _) = slots;
        int result = plan.Inputs.Count;
        (arrays[result], offsets[result]) = (partials, 0);
        for (int first = 0, length; first < count; first += length)
        {
            length = Math.Min(KernelCompiler.ReductionBlockSize, count - first);
            int whole = length - (length % partials.Length);
            accumulating(arrays, offsets, whole);
            Shift(plan, offsets, whole, default);
            offsets[result] = 0;
            int rest = length - whole;
            if (rest > 0)
            {
                Load(plan, frame, views, contiguous, start + first + whole, rest, fusedLoop: false);
                Execute(plan, frame, rest);
            }

            var tail = rest > 0 ? frame.Get<T>(plan.Roots[0], rest) : default;
            var part = ToScalar(FixedLayoutReduction.Finish<T>(reduction, partials, tail));
            accumulator = accumulator is { } a ? ScalarSemantics.Accumulate(reduction, a, part) : part;
        }

        return true;
    }

    private static Scalar ToScalar<T>(T value)
        where T : unmanaged =>
        typeof(T) == typeof(double) ? Scalar.FromFloat64(System.Runtime.CompilerServices.Unsafe.As<T, double>(ref value))
        : typeof(T) == typeof(float) ? Scalar.FromFloat32(System.Runtime.CompilerServices.Unsafe.As<T, float>(ref value))
        : typeof(T) == typeof(long) ? Scalar.FromInt64(System.Runtime.CompilerServices.Unsafe.As<T, long>(ref value))
        : Scalar.FromInt32(System.Runtime.CompilerServices.Unsafe.As<T, int>(ref value));

    /// <summary>Folds chunk partials in order into a full reduction's result (see <see cref="ScalarSemantics.Fold"/>).</summary>
    private static Scalar Combine(KernelPlan plan, Operation reduction, IEnumerable<Scalar> partials)
    {
        var total = ScalarSemantics.Fold(reduction, plan.Registers[plan.Roots[0]], partials);
        var root = plan.Expressions[0].Root;
        return total ?? throw new ExpressionEvaluationException(
            plan.Expressions[0].Text,
            $"{OperatorTable.Get(reduction).DisplayName} of an empty operand (shape {plan.IterationShape}) has no value: it has no identity",
            root.Span.Start,
            root.Span.Length);
    }

    /// <summary>
    /// A reduction along one axis, in the same pass: the operand is computed slab by slab (outer index, axis index) and
    /// each block is folded into the output with vector operations (or, along the last axis, reduced to one value).
    /// Each output element accumulates along the axis in index order, as the reference does; outer indices are
    /// independent, so they run in parallel without changing any result.
    /// </summary>
    private static NDArray ReduceAxis(KernelPlan plan, Operation reduction, int axis, NDArray[] views, bool[] contiguous, int threads, NDArray? destination, ProgressCounter? progress, CancellationToken cancellation)
    {
        var shape = plan.IterationShape;
        DType type = plan.Registers[plan.Roots[0]];
        var outputShape = shape.RemoveAxis(axis);
        // Every element of the result is written below (the first fold of each copies): a caller's buffer needs no zeroing.
        var result = destination ?? NDArray.ToOverwrite(type, outputShape);
        long outer = 1, inner = 1;
        for (int k = 0; k < axis; k++)
        {
            outer *= shape[k];
        }

        for (int k = axis + 1; k < shape.Rank; k++)
        {
            inner *= shape[k];
        }

        int length = shape[axis];
        if (length == 0 && reduction is Operation.Min or Operation.Max && outputShape.Size > 0)
        {
            var root = plan.Expressions[0].Root;
            throw new ExpressionEvaluationException(
                plan.Expressions[0].Text,
                $"{OperatorTable.Get(reduction).DisplayName} along an empty axis (shape {shape}) has no value: it has no identity",
                root.Span.Start,
                root.Span.Length);
        }

        if (length == 0)
        {
            var identity = ScalarSemantics.ReductionIdentity(reduction, type);
            foreach (long offset in result.Offsets())
            {
                result.SetAt(offset, identity);
            }

            return result;
        }

        var fused = shape.Size >= FusedThreshold ? plan.FusedOrCompiling() : null;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellation };
        int register = plan.Roots[0];

        // Rows and slabs shorter than a block are handled several at a time, as many as a block holds. An operand that is
        // an input read where it is fills no block buffer, so there a group can be longer, which cuts the per-group
        // costs (loads, dispatch, a parallel iteration): 100-element rows ran 10 to a group. Each row is still reduced
        // on its own and each slab folded in axis order: the same bits.
        // An input reduced along its rows where they lie (m[:, :50]: rows 100 apart) is read as a contiguous one is: gathered
        // into blocks instead, `max(mh, axis=1)` over (1e5, 50) took 3.1–3.8 ms against 1.9–2.7 (2 threads, AVX-512).
        var rowsApart = plan.Steps.Count == 0 && inner == 1 && views.Length == 1 && views[0].DType is DType.Float64 or DType.Float32 or DType.Int64 or DType.Int32
            ? SegmentLayout(views[0]) : null;
        long groupElements = plan.Steps.Count == 0 && fused is null && (AllContiguous(contiguous) || rowsApart is not null) ? InPlaceGroupElements : plan.BlockSize;
        if (inner == 1)
        {
            // Along the last axis: each row reduces to one value, block by block, in order. Rows shorter than a block
            // are computed several to a block (per-block costs otherwise dominate: 100-element rows ran 2.8x slower
            // than NumPy), each still reduced on its own, in one block, as before.
            long rowsPerBlock = length < plan.BlockSize ? groupElements / length : 1;
            long groups = (outer + rowsPerBlock - 1) / rowsPerBlock;
            // One frame per worker for all its rows (a frame that failed mid-row is left to the GC).
            Parallel.For(0, groups, options, plan.RentFrame, (group, _, frame) =>
            {
                long firstRow = group * rowsPerBlock;
                int rows = (int)Math.Min(rowsPerBlock, outer - firstRow);
                if (rowsPerBlock > 1 && rowsApart is { } layout)
                {
                    ReduceRowsWhereTheyLie(reduction, views[0], layout, firstRow, rows, length, result);
                    progress?.Add(rows * length);
                    return frame;
                }

                if (rowsPerBlock > 1)
                {
                    int count = rows * length;
                    Load(plan, frame, views, contiguous, firstRow * length, count, fused is not null);
                    Compute(plan, frame, fused, null, count);
                    ReduceRows(reduction, type, frame, register, rows, length, result, firstRow);

                    progress?.Add(count);
                    return frame;
                }

                Scalar? accumulator = null;
                for (long q = 0, count; q < length; q += count)
                {
                    count = Math.Min(frame.BlockSize, length - q);
                    Load(plan, frame, views, contiguous, (firstRow * length) + q, (int)count, fused is not null);
                    Compute(plan, frame, fused, null, (int)count);
                    Scalar part = ReduceBlock(reduction, type, frame, register, 0, (int)count);
                    accumulator = accumulator is { } a ? ScalarSemantics.Accumulate(reduction, a, part) : part;
                }

                result.SetAt(firstRow, accumulator!.Value);
                progress?.Add(length);
                return frame;
            }, plan.ReturnFrame);
            return result;
        }

        // Along an inner axis: the slabs (outer index, axis index) are folded into the output element-wise, axis index by
        // axis index, so each output element accumulates in index order. Slabs shorter than a block are computed several
        // to a block (consecutive axis indices are consecutive in memory) and folded one after the other.
        int slabsPerBlock = inner > 0 && inner < plan.BlockSize ? (int)(groupElements / inner) : 1;
        void FoldSlabs(KernelFrame frame, long o, long firstIndex, long endIndex, NDArray target, long targetOffset)
        {
            for (long i = firstIndex, slabs; i < endIndex; i += slabs)
            {
                slabs = Math.Min(slabsPerBlock, endIndex - i);
                long slab = ((o * length) + i) * inner;
                if (slabsPerBlock > 1)
                {
                    int count = (int)slabs * (int)inner;
                    Load(plan, frame, views, contiguous, slab, count, fused is not null);
                    Compute(plan, frame, fused, null, count);
                    int start = 0;
                    if (i == firstIndex)
                    {
                        Fold(reduction, type, frame, register, 0, (int)inner, target, targetOffset, first: true);
                        start = 1;
                    }

                    FoldRows(reduction, type, frame, register, start * (int)inner, ((int)slabs - start) * (int)inner, target, targetOffset, (int)inner);
                    continue;
                }

                for (long q = 0, count; q < inner; q += count)
                {
                    count = Math.Min(frame.BlockSize, inner - q);
                    Load(plan, frame, views, contiguous, slab + q, (int)count, fused is not null);
                    Compute(plan, frame, fused, null, (int)count);
                    Fold(reduction, type, frame, register, 0, (int)count, target, targetOffset + q, first: i == firstIndex);
                }
            }
        }

        // Few outer indices (sum(m, axis=0) of a tall matrix has one) leave the threads idle: there the axis is cut into
        // runs whose boundaries follow from the shape alone, never the thread count, each run folded into its own
        // partial, and the partials combined in run order — the same bits with any number of threads.
        long rowsPerRun = inner == 0 ? length : Math.Max((AxisRunElements + inner - 1) / inner, (length + MaxAxisRuns - 1) / MaxAxisRuns);
        long runs = (length + rowsPerRun - 1) / rowsPerRun;
        if (outer < AxisRunOuterLimit && runs > 1)
        {
            var partials = NDArray.Zeros(type, new Shape(checked((int)(outer * runs * inner))));
            Parallel.For(0, outer * runs, options, plan.RentFrame, (job, _, frame) =>
            {
                long o = job / runs, first = (job % runs) * rowsPerRun;
                FoldSlabs(frame, o, first, Math.Min(first + rowsPerRun, length), partials, job * inner);
                progress?.Add(Math.Min(rowsPerRun, length - first) * inner);
                return frame;
            }, plan.ReturnFrame);
            for (long o = 0; o < outer; o++)
            {
                for (long run = 0; run < runs; run++)
                {
                    CombinePartial(reduction, type, partials, ((o * runs) + run) * inner, result, o * inner, (int)inner, first: run == 0);
                }
            }

            return result;
        }

        Parallel.For(0, outer, options, plan.RentFrame, (o, _, frame) =>
        {
            FoldSlabs(frame, o, 0, length, result, o * inner);
            progress?.Add(length * inner);
            return frame;
        }, plan.ReturnFrame);

        return result;
    }

    /// <summary>Folds a partial's [offset, offset + count) into the result's [resultOffset, resultOffset + count).</summary>
    private static void CombinePartial(Operation reduction, DType type, NDArray partials, long offset, NDArray result, long resultOffset, int count, bool first)
    {
        switch (type)
        {
            case DType.Float64: FoldSpan(reduction, partials.Flat<double>().Slice((int)offset, count), result.Flat<double>().Slice((int)resultOffset, count), first); break;
            case DType.Float32: FoldSpan(reduction, partials.Flat<float>().Slice((int)offset, count), result.Flat<float>().Slice((int)resultOffset, count), first); break;
            case DType.Int32: FoldSpan(reduction, partials.Flat<int>().Slice((int)offset, count), result.Flat<int>().Slice((int)resultOffset, count), first); break;
            default: FoldSpan(reduction, partials.Flat<long>().Slice((int)offset, count), result.Flat<long>().Slice((int)resultOffset, count), first); break;
        }
    }

    /// <summary>Folds the register's elements [start, start + count) into the result's [offset, offset + count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fold(Operation reduction, DType type, KernelFrame frame, int register, int start, int count, NDArray result, long offset, bool first)
    {
        switch (type)
        {
            case DType.Float64: FoldSpan(reduction, frame.Get<double>(register, start + count)[start..], result.Flat<double>().Slice((int)offset, count), first); break;
            case DType.Float32: FoldSpan(reduction, frame.Get<float>(register, start + count)[start..], result.Flat<float>().Slice((int)offset, count), first); break;
            case DType.Int32: FoldSpan(reduction, frame.Get<int>(register, start + count)[start..], result.Flat<int>().Slice((int)offset, count), first); break;
            default: FoldSpan(reduction, frame.Get<long>(register, start + count)[start..], result.Flat<long>().Slice((int)offset, count), first); break;
        }
    }

    /// <summary>
    /// The register's elements [start, start + count), rows of <paramref name="inner"/>, folded into the result's [offset,
    /// offset + inner) one row after the other (the bits of a <see cref="Fold"/> per row).
    /// </summary>
    private static void FoldRows(Operation reduction, DType type, KernelFrame frame, int register, int start, int count, NDArray result, long offset, int inner)
    {
        switch (type)
        {
            case DType.Float64: FoldRowSpans(reduction, frame.Get<double>(register, start + count)[start..], result.Flat<double>().Slice((int)offset, inner), frame.IsBorrowed(register)); break;
            case DType.Float32: FoldRowSpans(reduction, frame.Get<float>(register, start + count)[start..], result.Flat<float>().Slice((int)offset, inner), frame.IsBorrowed(register)); break;
            case DType.Int32: FoldRowSpans(reduction, frame.Get<int>(register, start + count)[start..], result.Flat<int>().Slice((int)offset, inner), frame.IsBorrowed(register)); break;
            default: FoldRowSpans(reduction, frame.Get<long>(register, start + count)[start..], result.Flat<long>().Slice((int)offset, inner), frame.IsBorrowed(register)); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FoldRowSpans<T>(Operation reduction, ReadOnlySpan<T> rows, Span<T> accumulator, bool fromMemory)
        where T : unmanaged, INumber<T>
    {
        switch (reduction)
        {
            case Operation.Sum: SpanArithmetic.AddRows(rows, accumulator, fromMemory); break;
            case Operation.Prod: SpanArithmetic.MultiplyRows(rows, accumulator, fromMemory); break;
            default:
                for (int start = 0; start < rows.Length; start += accumulator.Length)
                {
                    FoldSpan(reduction, rows.Slice(start, accumulator.Length), accumulator, first: false);
                }

                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FoldSpan<T>(Operation reduction, ReadOnlySpan<T> values, Span<T> accumulator, bool first)
        where T : unmanaged, INumber<T>
    {
        if (first)
        {
            // Sum and product start from their identity, which combining with the first values amounts to copying them.
            values.CopyTo(accumulator);
            return;
        }

        switch (reduction)
        {
            case Operation.Sum: SpanArithmetic.Add<T>(accumulator, values, accumulator); break;
            case Operation.Prod: SpanArithmetic.Multiply<T>(accumulator, values, accumulator); break;
            case Operation.Min: SpanArithmetic.Minimum<T>(accumulator, values, accumulator); break;
            default: SpanArithmetic.Maximum<T>(accumulator, values, accumulator); break;
        }
    }

    /// <summary>Each of <paramref name="rows"/> consecutive runs of <paramref name="length"/> elements of the register reduced into the result from <paramref name="firstRow"/> on.</summary>
    private static void ReduceRows(Operation reduction, DType type, KernelFrame frame, int register, int rows, int length, NDArray result, long firstRow)
    {
        switch (type)
        {
            case DType.Float64: ReduceRows(reduction, frame.Get<double>(register, rows * length), length, result.Flat<double>().Slice((int)firstRow, rows), frame.IsBorrowed(register)); break;
            case DType.Float32: ReduceRows(reduction, frame.Get<float>(register, rows * length), length, result.Flat<float>().Slice((int)firstRow, rows), frame.IsBorrowed(register)); break;
            case DType.Int32: ReduceRows(reduction, frame.Get<int>(register, rows * length), length, result.Flat<int>().Slice((int)firstRow, rows), frame.IsBorrowed(register)); break;
            case DType.Int64: ReduceRows(reduction, frame.Get<long>(register, rows * length), length, result.Flat<long>().Slice((int)firstRow, rows), frame.IsBorrowed(register)); break;
            default:
                for (int r = 0; r < rows; r++)
                {
                    result.SetAt(firstRow + r, ReduceScalars(reduction, type, frame, register, r * length, length));
                }

                break;
        }
    }

    /// <summary>
    /// Rows [firstRow, firstRow + rows) of a view whose rows lie apart in its array as <paramref name="layout"/> says
    /// (see <see cref="SegmentLayout"/>), each reduced where it is into the result (the same bits as gathered: each row
    /// reduced on its own).
    /// </summary>
    private static void ReduceRowsWhereTheyLie(Operation reduction, NDArray view, (long RowStride, long PlaneRows, long PlaneStride) layout, long firstRow, int rows, int length, NDArray result)
    {
        switch (view.DType)
        {
            case DType.Float64: ReduceRowsWhereTheyLie(reduction, view.Flat<double>(), view.Offset, layout, firstRow, length, result.Flat<double>().Slice((int)firstRow, rows)); break;
            case DType.Float32: ReduceRowsWhereTheyLie(reduction, view.Flat<float>(), view.Offset, layout, firstRow, length, result.Flat<float>().Slice((int)firstRow, rows)); break;
            case DType.Int64: ReduceRowsWhereTheyLie(reduction, view.Flat<long>(), view.Offset, layout, firstRow, length, result.Flat<long>().Slice((int)firstRow, rows)); break;
            default: ReduceRowsWhereTheyLie(reduction, view.Flat<int>(), view.Offset, layout, firstRow, length, result.Flat<int>().Slice((int)firstRow, rows)); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReduceRowsWhereTheyLie<T>(Operation reduction, ReadOnlySpan<T> values, long first, (long RowStride, long PlaneRows, long PlaneStride) layout, long firstRow, int length, Span<T> output)
        where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        // Plane by plane: within one the rows lie at one stride.
        for (int r = 0, rows; r < output.Length; r += rows)
        {
            long row = firstRow + r;
            rows = (int)Math.Min(output.Length - r, layout.PlaneRows - (row % layout.PlaneRows));
            long start = first + (row / layout.PlaneRows * layout.PlaneStride) + (row % layout.PlaneRows * layout.RowStride);
            var plane = values[(int)start..];
            switch (reduction)
            {
                case Operation.Sum:
                    FixedLayoutReduction.SumRows(plane, length, layout.RowStride, output.Slice(r, rows), fromMemory: true);
                    break;
                case Operation.Prod:
                    FixedLayoutReduction.ProductRows(plane, length, layout.RowStride, output.Slice(r, rows), fromMemory: true);
                    break;
                case Operation.Min:
                    SpanArithmetic.MinimaOfRows(plane, length, layout.RowStride, output.Slice(r, rows));
                    break;
                default:
                    SpanArithmetic.MaximaOfRows(plane, length, layout.RowStride, output.Slice(r, rows));
                    break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReduceRows<T>(Operation reduction, ReadOnlySpan<T> values, int length, Span<T> output, bool fromMemory)
        where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        switch (reduction)
        {
            case Operation.Sum:
                FixedLayoutReduction.SumRows(values, length, length, output, fromMemory);
                return;
            case Operation.Prod:
                FixedLayoutReduction.ProductRows(values, length, length, output, fromMemory);
                return;
            case Operation.Min:
                SpanArithmetic.MinimaOfRows(values, length, length, output);
                return;
            default:
                SpanArithmetic.MaximaOfRows(values, length, length, output);
                return;
        }
    }

    /// <summary>The reduction of the register's elements [start, start + count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Scalar ReduceBlock(Operation reduction, DType type, KernelFrame frame, int register, int start, int count)
    {
        // An input reduced where it is streams from memory; a computed block is in the L1 cache.
        bool fromMemory = frame.IsBorrowed(register);
        return type switch
        {
            DType.Float64 => Scalar.FromFloat64(ReduceSpan<double>(reduction, frame.Get<double>(register, start + count)[start..], fromMemory)),
            DType.Float32 => Scalar.FromFloat32(ReduceSpan<float>(reduction, frame.Get<float>(register, start + count)[start..], fromMemory)),
            DType.Int32 => Scalar.FromInt32(ReduceSpan<int>(reduction, frame.Get<int>(register, start + count)[start..], fromMemory)),
            DType.Int64 => Scalar.FromInt64(ReduceSpan<long>(reduction, frame.Get<long>(register, start + count)[start..], fromMemory)),
            DType.Complex128 when reduction == Operation.Sum => Scalar.FromComplex(FixedLayoutReduction.ComplexSum(frame.Get<Complex>(register, start + count)[start..], fromMemory)),
            DType.Complex128 when reduction == Operation.Prod => Scalar.FromComplex(FixedLayoutReduction.ComplexProduct(frame.Get<Complex>(register, start + count)[start..])),
            _ => ReduceScalars(reduction, type, frame, register, start, count),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T ReduceSpan<T>(Operation reduction, ReadOnlySpan<T> values, bool fromMemory)
        where T : unmanaged, INumber<T>, IMinMaxValue<T> => reduction switch
        {
            Operation.Sum => FixedLayoutReduction.Sum(values, fromMemory),
            Operation.Prod => FixedLayoutReduction.Product(values, fromMemory),
            Operation.Min => SpanArithmetic.MinimumOf(values),
            _ => SpanArithmetic.MaximumOf(values),
        };

    private static Scalar ReduceScalars(Operation reduction, DType type, KernelFrame frame, int register, int start, int count)
    {
        Scalar accumulator = frame.GetScalar(register, type, start);
        for (int i = start + 1; i < start + count; i++)
        {
            accumulator = ScalarSemantics.Accumulate(reduction, accumulator, frame.GetScalar(register, type, i));
        }

        return accumulator;
    }

    /// <summary>
    /// The inputs an element-wise evaluation over <paramref name="variables"/> reads in place at a stride through their
    /// arrays (see <see cref="InPlaceStridedInputs"/>), as <see cref="Run"/> decides; for explain.
    /// </summary>
    public static StridedInputs InPlaceStrided(KernelPlan plan, IReadOnlyDictionary<string, NDArray> variables)
    {
        var shape = plan.IterationShape;
        if (plan.Reduction is not null || shape.Size < FusedThreshold)
        {
            return default;
        }

        // Hoisted parts are computed into new (contiguous) arrays: only the variables decide.
        var views = plan.Inputs.Select(input => variables.TryGetValue(input.Name, out var value) ? (value.Shape.Equals(shape) ? value : value.BroadcastTo(shape)) : null).ToArray();
        var contiguous = views.Select(view => view is null || view.IsContiguous).ToArray();
        var strided = InPlaceStridedInputs([.. views.Select((view, k) => view ?? NDArray.Zeros(plan.Registers[plan.Inputs[k].Register], shape))], contiguous);
        return strided.Any && plan.FusedInPlace(strided) is not null ? strided : default;
    }

    /// <summary>
    /// The inputs (bit k: input k) a fused loop of their own reads by their position in the rows (see
    /// <see cref="RowInputs"/>: constant along the rows, repeating with them, or rows apart in their arrays) when the plan
    /// is evaluated over these variables; all 0 when it gathers them (what <c>explain</c> reports).
    /// </summary>
    public static (ulong PerRow, ulong Periodic, ulong Segmented) InPlaceByRow(KernelPlan plan, IReadOnlyDictionary<string, NDArray> variables)
    {
        var shape = plan.IterationShape;
        if (plan.Reduction is not null || shape.Size < FusedThreshold || plan.Fused.Value is null || plan.Hoisted.Count > 0)
        {
            return (0, 0, 0);
        }

        var views = plan.Inputs.Select(input => variables[input.Name]).Select(view => view.Shape.Equals(shape) ? view : view.BroadcastTo(shape)).ToArray();
        var contiguous = views.Select(view => view.IsContiguous).ToArray();
        if (InPlaceStridedInputs(views, contiguous).Any)
        {
            return (0, 0, 0);
        }

        var rows = RowInputs(plan, views, contiguous, shape.Size);
        return rows is not null && plan.FusedInPlace(default, perRow: rows.PerRow, periodic: rows.Periodic, rowGroups: rows.Groups(), segmented: rows.Segmented) is not null
            ? (rows.PerRow, rows.Periodic, rows.Segmented) : (0, 0, 0);
    }

    /// <summary>
    /// The inputs that lie at one constant stride through their arrays in C order (<see cref="StridedInputs.ReadsInPlace"/>)
    /// — float64, int64, float32 or int32 views whose flat index e is element offset + s·e, such as a[::2], a[::3] or
    /// a[::-1] — when every input that is not contiguous is one, all at the same stride; else none.
    /// </summary>
    private static StridedInputs InPlaceStridedInputs(NDArray[] views, bool[] contiguous)
    {
        // One bit per input: plans of more inputs gather theirs.
        if (views.Length > 64)
        {
            return default;
        }

        ulong mask = 0;
        long stride = 0;
        for (int k = 0; k < views.Length; k++)
        {
            if (contiguous[k])
            {
                continue;
            }

            long step = LastStride(views[k]);
            if (views[k].DType is not (DType.Float64 or DType.Int64 or DType.Float32 or DType.Int32) || !StridedInputs.ReadsInPlace(step) || (stride != 0 && step != stride) || !HasFlatStride(views[k], step))
            {
                return default;
            }

            stride = step;
            mask |= 1UL << k;
        }

        return new StridedInputs(mask, (int)stride);
    }

    /// <summary>The stride of a view's last axis longer than 1 (0 for a view of one element): its flat stride, if it has one.</summary>
    private static long LastStride(NDArray view)
    {
        for (int axis = view.Rank - 1; axis >= 0; axis--)
        {
            if (view.Shape[axis] != 1)
            {
                return view.Strides[axis];
            }
        }

        return 0;
    }

    /// <summary>
    /// How a fused loop of its own can read every input by its position in its rows when no input needs more: as
    /// <c>PerRow</c> an input constant along its trailing axes whose rows (the other axes) lie one element after another in
    /// its array (x of shape (R, 1) against (R, C): rows of C; lat of shape (nlat, 1, 1) against (nlat, R, C): rows of R·C),
    /// as <c>Periodic</c> one that repeats (y of shape (C,): a period of C, or of as many repetitions of C as make a vector,
    /// laid out as a tile of that period + a vector's elements), as <c>Segmented</c> one whose rows (its last axis, of unit
    /// stride) lie at one stride through its array, at least a row apart (<c>m[:, :50]</c>); the rest contiguous or
    /// uniform. Every row length or period at least a vector of any width, so that a vector spans at most two rows. Null
    /// otherwise.
    /// </summary>
    private static RowInputLayout? RowInputs(KernelPlan plan, NDArray[] views, bool[] contiguous, long size)
    {
        ulong perRow = 0, periodic = 0, segmented = 0;
        int[] lengths = new int[views.Length], rowStrides = new int[views.Length], firstIndices = new int[views.Length];
        int[] planeRows = new int[views.Length], planeStrides = new int[views.Length];
        (Array, long)?[]? tiles = null;
        for (int k = 0; k < views.Length; k++)
        {
            var view = views[k];
            if (contiguous[k] || plan.IsUniform(k))
            {
                continue;
            }

            // Rows of at least a 512-bit vector's elements of the loop's lanes, which are never narrower than 4 bytes (bools
            // alone run int32 lanes): at most 16 of a bool input's bytes.
            long rowLength = RowLength(view), period = TiledBroadcast.Period(view), shortest = 64 / Math.Max(view.DType.ItemSize(), 4);
            if (k < 64 && rowLength >= shortest && view.Offset * rowLength <= int.MaxValue - size && LeadingAxesFlat(view))
            {
                perRow |= 1UL << k;
                lengths[k] = (int)rowLength;
            }
            else if (k < 64 && period > 0)
            {
                // A pattern shorter than a vector (y of shape (3,) against (R, 3)) is read as whole repetitions of it at least
                // a vector long (9 elements), so a vector still crosses at most one end of the tile's period.
                long repeated = period * ((shortest + period - 1) / period);
                periodic |= 1UL << k;
                lengths[k] = (int)repeated;
                tiles ??= new (Array, long)?[views.Length];
                tiles[k] = (TiledBroadcast.Tile(view, period, (int)(repeated - period) + FusedKernel.VectorBytes), repeated);
            }
            else if (k < 64 && SegmentLayout(view) is var (rowStride, rowsPerPlane, planeStride) && view.Shape[view.Rank - 1] >= shortest)
            {
                segmented |= 1UL << k;
                lengths[k] = view.Shape[view.Rank - 1];
                rowStrides[k] = (int)rowStride;
                firstIndices[k] = (int)view.Offset;
                planeRows[k] = (int)rowsPerPlane;
                planeStrides[k] = (int)planeStride;
            }
            else
            {
                return null;
            }
        }

        return (perRow | periodic | segmented) == 0 ? null : new RowInputLayout(perRow, periodic, segmented, lengths, rowStrides, firstIndices, planeRows, planeStrides, tiles);
    }

    /// <summary>
    /// For a view whose last axis has unit stride and whose rows lie at one stride at least a row apart
    /// (<c>m[:, :50]</c> of a (R, 100) array: 100), or in planes of rows so laid, the planes at one stride at least a
    /// plane apart (<c>u[1:-1, 1:-1, 1:-1]</c> of a (A, B, C) array: rows C apart, B − 2 to a plane, planes B·C apart):
    /// the row stride, the rows per plane and the plane stride (for rows at one stride, all of them and their span);
    /// null for any other view.
    /// </summary>
    private static (long RowStride, long PlaneRows, long PlaneStride)? SegmentLayout(NDArray view)
    {
        int last = view.Rank - 1;
        if (last < 1 || view.Strides[last] != 1)
        {
            return null;
        }

        // The axes before the last, innermost first: flat at the row stride, then (after one break) flat at the plane stride.
        long rowStride = 0, planeRows = 1, planeStride = 0, expected = 0;
        for (int axis = last - 1; axis >= 0; axis--)
        {
            if (view.Shape[axis] == 1)
            {
                continue;
            }

            if (view.Strides[axis] <= 0)
            {
                return null;
            }

            if (rowStride == 0)
            {
                rowStride = expected = view.Strides[axis];
            }
            else if (view.Strides[axis] != expected && planeStride == 0)
            {
                planeStride = expected = view.Strides[axis];
            }

            if (view.Strides[axis] != expected)
            {
                return null;
            }

            planeRows *= planeStride == 0 ? view.Shape[axis] : 1;
            expected *= view.Shape[axis];
        }

        planeStride = planeStride == 0 ? planeRows * rowStride : planeStride;
        return rowStride >= view.Shape[last] && planeStride >= planeRows * rowStride && planeStride <= int.MaxValue ? (rowStride, planeRows, planeStride) : null;
    }

    /// <summary>The elements of a view's trailing axes of stride 0 (or of one element): how long each of its values is repeated; 1 when none.</summary>
    private static long RowLength(NDArray view)
    {
        long length = 1;
        for (int axis = view.Rank - 1; axis >= 0 && (view.Strides[axis] == 0 || view.Shape[axis] == 1); axis--)
        {
            length *= view.Shape[axis];
        }

        return length;
    }

    /// <summary>Whether the rows of a view (its axes before the trailing ones of <see cref="RowLength"/>) lie one element after another, as HasFlatStride checks a whole view.</summary>
    private static bool LeadingAxesFlat(NDArray view)
    {
        int axis = view.Rank - 1;
        while (axis >= 0 && (view.Strides[axis] == 0 || view.Shape[axis] == 1))
        {
            axis--;
        }

        long expected = 1;
        for (; axis >= 0; axis--)
        {
            if (view.Shape[axis] != 1 && view.Strides[axis] != expected)
            {
                return false;
            }

            expected *= view.Shape[axis];
        }

        return true;
    }

    /// <summary>Whether consecutive elements of <paramref name="view"/> in C order lie <paramref name="stride"/> elements apart in its array.</summary>
    private static bool HasFlatStride(NDArray view, long stride)
    {
        long expected = stride;
        for (int axis = view.Rank - 1; axis >= 0; axis--)
        {
            if (view.Shape[axis] != 1 && view.Strides[axis] != expected)
            {
                return false;
            }

            expected *= view.Shape[axis];
        }

        return view.Rank > 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Load(KernelPlan plan, KernelFrame frame, NDArray[] views, bool[] contiguous, long start, int count, bool fusedLoop, StridedInputs strided = default, (Array Tile, long Period)?[]? tiles = null, RowInputLayout? rows = null)
    {
        for (int i = 0; i < views.Length; i++)
        {
            int register = plan.Inputs[i].Register;
            if (contiguous[i])
            {
                frame.Borrow(register, views[i].Data, checked((int)(views[i].Offset + start)));
                continue;
            }

            if (rows is not null && rows.IsSegment(i))
            {
                // Read by the fused loop where its rows lie: its offset counts elements of the view (see RowInputLayout).
                frame.Borrow(register, views[i].Data, checked((int)start));
                continue;
            }

            if (rows is not null && rows.Contains(i))
            {
                // Read by the fused loop at the row position its offset gives: an element of the broadcast view, counted in
                // the input's array (one element per row) or in its tile (the row repeated).
                bool repeating = tiles?[i] is not null;
                var data = repeating ? tiles![i]!.Value.Tile : views[i].Data;
                frame.Borrow(register, data, checked((int)((repeating ? 0 : views[i].Offset * RowLength(views[i])) + start)));
                continue;
            }

            if (fusedLoop && plan.IsUniform(i))
            {
                // Its one element, where it is: the fused loop broadcasts it (see ExpandUniformInputs for the interpreter).
                frame.Borrow(register, views[i].Data, checked((int)views[i].Offset));
                continue;
            }

            if (tiles?[i] is var (tile, period))
            {
                // A repeating broadcast input, laid out once: the block's window of the tile is the view's elements.
                frame.Borrow(register, tile, (int)(start % period));
                continue;
            }

            if (strided.Contains(i))
            {
                // Read in place by the fused loop: element e of the view is element offset + s·e of its array.
                frame.Borrow(register, views[i].Data, checked((int)(views[i].Offset + (strided.Stride * start))));
                continue;
            }

            // A frame may have lent this register to another evaluation's contiguous input: never gather into that.
            frame.Release(register);

            switch (views[i].DType)
            {
                case DType.Bool: Gather<bool>(views[i], frame, register, start, count); break;
                case DType.Int32: Gather<int>(views[i], frame, register, start, count); break;
                case DType.Int64: Gather<long>(views[i], frame, register, start, count); break;
                case DType.Float32: Gather<float>(views[i], frame, register, start, count); break;
                case DType.Float64: Gather<double>(views[i], frame, register, start, count); break;
                case DType.Complex128: Gather<Complex>(views[i], frame, register, start, count); break;
                default: Gather<byte[]>(views[i], frame, register, start, count); break;
            }
        }
    }

    /// <summary>
    /// <paramref name="target"/> filled with <paramref name="value"/>, 8- and 4-byte values by whole vectors (a broadcast
    /// column such as x of shape (n, 1) is one run per row; element by element, `m*x` on (1e5, 100) took 5.2 ms against
    /// `m*2`'s 3.2).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FillRun<T>(Span<T> target, T value)
    {
        int k = 0;
        ref T first = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(target);
        if (Vector.IsHardwareAccelerated && (typeof(T) == typeof(double) || typeof(T) == typeof(long)))
        {
            var lanes = new Vector<long>(Unsafe.As<T, long>(ref value));
            for (; k <= target.Length - Vector<long>.Count; k += Vector<long>.Count)
            {
                Vector.StoreUnsafe(lanes, ref Unsafe.As<T, long>(ref first), (nuint)k);
            }
        }
        else if (Vector.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(int)))
        {
            var lanes = new Vector<int>(Unsafe.As<T, int>(ref value));
            for (; k <= target.Length - Vector<int>.Count; k += Vector<int>.Count)
            {
                Vector.StoreUnsafe(lanes, ref Unsafe.As<T, int>(ref first), (nuint)k);
            }
        }

        for (; k < target.Length; k++)
        {
            target[k] = value;
        }
    }

    /// <summary>The repeating broadcast inputs laid out once (<see cref="TiledBroadcast"/>), null where none repeats.</summary>
    private static (Array Tile, long Period)?[]? Tiles(NDArray[] views, bool[] contiguous, int blockSize)
    {
        (Array, long)?[]? tiles = null;
        for (int i = 0; i < views.Length; i++)
        {
            long period = contiguous[i] ? 0 : TiledBroadcast.Period(views[i]);
            if (period > 0 && views[i].Shape.Size >= 4 * (period + blockSize))
            {
                tiles ??= new (Array, long)?[views.Length];
                tiles[i] = (TiledBroadcast.Tile(views[i], period, blockSize), period);
            }
        }

        return tiles;
    }

    /// <summary>A span of 8-byte values (double or long, checked by the caller) as doubles, for moving their bits.</summary>
    private static Span<double> AsDoubles<T>(Span<T> values) =>
        System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref System.Runtime.CompilerServices.Unsafe.As<T, double>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values)), values.Length);

    /// <summary>Rows at most this long, lying at one stride (in planes), are gathered by <see cref="GatherShortRows"/>.</summary>
    private const int ShortRowElements = 8;

    /// <summary>
    /// Elements [start, start + destination.Length) of a view whose short rows lie as <paramref name="layout"/> says (see
    /// <see cref="SegmentLayout"/>), row after row with the next row's place kept as a running offset: the general gather's
    /// per-row index arithmetic and call to copy cost about 7 ns a row of three (the RGB of RGBA pixels).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GatherShortRows<T>(ReadOnlySpan<T> source, long first, (long RowStride, long PlaneRows, long PlaneStride) layout, int length, long start, Span<T> destination)
    {
        long RowStart(long row) => first + (row / layout.PlaneRows * layout.PlaneStride) + (row % layout.PlaneRows * layout.RowStride);
        long end = start + destination.Length - 1;
        // Strides are positive: every element read lies between the first and the last, each checked once here.
        _ = source[(int)(RowStart(end / length) + (end % length))];
        long row = start / length;
        long inPlane = row % layout.PlaneRows;
        nint rowStart = (nint)RowStart(row);
        int column = (int)(start % length);
        _ = source[(int)(rowStart + column)];
        ref T from = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(source);
        nint planeStep = (nint)(layout.PlaneStride - ((layout.PlaneRows - 1) * layout.RowStride));
        for (int done = 0; done < destination.Length;)
        {
            int run = Math.Min(destination.Length - done, length - column);
            ref T at = ref System.Runtime.CompilerServices.Unsafe.Add(ref from, rowStart + column);
            for (int k = 0; k < run; k++)
            {
                destination[done + k] = System.Runtime.CompilerServices.Unsafe.Add(ref at, k);
            }

            done += run;
            column = 0;
            if (++inPlane == layout.PlaneRows)
            {
                inPlane = 0;
                rowStart += planeStep;
            }
            else
            {
                rowStart += (nint)layout.RowStride;
            }
        }
    }

    /// <summary>Copies elements [start, start + count) of a strided or broadcast view, run by run along the last axis.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather<T>(NDArray view, KernelFrame frame, int register, long start, int count)
    {
        Span<T> destination = frame.Get<T>(register, count);
        Span<T> source = view.Flat<T>();
        int rank = view.Rank;
        if (rank == 0)
        {
            destination.Fill(source[(int)view.Offset]);
            return;
        }

        var index = frame.IndexScratch;
        long rest = start;
        long offset = view.Offset;
        for (int axis = rank - 1; axis >= 0; axis--)
        {
            index[axis] = (int)(rest % view.Shape[axis]);
            rest /= view.Shape[axis];
            offset += index[axis] * view.Strides[axis];
        }

        int last = rank - 1;
        long innerStride = view.Strides[last];
        if (innerStride == 1 && index[last] + count <= view.Shape[last])
        {
            // The block lies within one row of a unit-stride view: read it where it is.
            frame.Borrow(register, view.Data, checked((int)offset));
            return;
        }

        if (innerStride == 1 && view.Shape[last] <= ShortRowElements && SegmentLayout(view) is { } layout)
        {
            GatherShortRows(source, view.Offset, layout, view.Shape[last], start, destination[..count]);
            return;
        }

        int done = 0;
        while (done < count)
        {
            int run = Math.Min(count - done, view.Shape[last] - index[last]);
            var target = destination.Slice(done, run);
            if (innerStride == 1)
            {
                source.Slice((int)offset, run).CopyTo(target);
            }
            else if (innerStride == 0)
            {
                // A loop of our own, compiled with this method: Span.Fill is a generic of the framework that runs as
                // instrumented tier-0 code for a long time (seen for the whole of a 15-evaluation run of m*x + y).
                FillRun(target, source[(int)offset]);
            }
            else
            {
                // Strided: bounds checked once for the run (its first and last element), not per element.
                _ = source[(int)(offset + ((run - 1) * innerStride))];
                int vectors = innerStride == 2 && (typeof(T) == typeof(double) || typeof(T) == typeof(long))
                    ? StridedGather.EveryOther(AsDoubles(source), (int)offset, AsDoubles(target))
                    : 0;
                ref T first = ref source[(int)offset];
                ref T written = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(target);
                nint stride = (nint)innerStride;
                for (int k = vectors; k < run; k++)
                {
                    System.Runtime.CompilerServices.Unsafe.Add(ref written, k) = System.Runtime.CompilerServices.Unsafe.Add(ref first, k * stride);
                }
            }

            done += run;
            offset += run * innerStride;
            index[last] += run;
            for (int axis = last; axis > 0 && index[axis] == view.Shape[axis]; axis--)
            {
                offset -= index[axis] * view.Strides[axis];
                index[axis] = 0;
                index[axis - 1]++;
                offset += view.Strides[axis - 1];
            }
        }
    }
}
