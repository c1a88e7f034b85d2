using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SlowSeries.Arrays;
using SlowSeries.Language.Operators;
using SlowSeries.Vectorization;

namespace SlowSeries.Kernels;

/// <summary>
/// A plan's steps compiled into one loop over vector registers of the widest accelerated width (512, 256 or 128 bits;
/// System.Linq.Expressions, JIT-compiled):
/// each element is loaded once, every step runs in CPU registers, each result is stored once. Float64, float32, int64
/// and int32 plans made of steps with a vector counterpart qualify, conditions (comparisons, &amp; | ^ ~, where, bool
/// inputs) included as lane masks and int32/int64/float32 inputs converted as they are loaded; integers wrap, shift by constants and
/// floor-divide as NumPy's (<see cref="IntegerLanes"/>); complex128 plans as (re, im) pairs in float64 lanes
/// (FusedKernel.ComplexLanes.cs) and complex inputs used only through their parts (FusedKernel.ComplexPartInputs.cs) too;
/// the block interpreter runs everything else, and also runs where dynamic code is unavailable (NativeAOT). The delegate takes, per input and then per result, an array and an
/// offset. The streaming variant stores with non-temporal writes, which skip the read a cache line otherwise costs
/// before it is written (a third of the memory traffic of a kernel with as many outputs as inputs); it needs pinned
/// outputs whose stores fall on vector-size boundaries, which the executor arranges. A whole sum, product, minimum or
/// maximum folds its operand into registers as it goes (FusedKernel.Accumulating.cs; with a function in it, only with
/// 512-bit vectors); other reductions' loops write the operand into the frame's block buffer, which the executor then
/// reduces (the interpreter would write one such buffer per step).
/// </summary>
internal static partial class FusedKernel
{
    /// <summary>
    /// The loop over <paramref name="count"/> elements: <paramref name="arrays"/> holds each input's array (of its own
    /// dtype, see <see cref="OperandType"/>) and then each result's, <paramref name="offsets"/> where each starts. The
    /// loop checks neither the arrays' types nor their bounds: its caller does, before every call.
    /// </summary>
    public delegate void Body<T>(Array[] arrays, int[] offsets, int count);

    /// <summary>
    /// The vector type the fused loop uses: the widest the hardware accelerates (512, 256 or 128 bits), or none — then the
    /// block interpreter runs, never a vector type emulated in software.
    /// </summary>
    private static readonly VectorWidth? Width = WidestAcceleratedWidth();

    // A method of its own: ReadyToRun code that asks which vector widths are accelerated is compiled for a baseline CPU
    // and set aside on a wider one, and this class's whole static constructor would then be JIT-compiled (6 ms).
    private static VectorWidth? WidestAcceleratedWidth() =>
        Vector512.IsHardwareAccelerated ? new(typeof(Vector512), typeof(Vector512<>), 64, typeof(VectorWidth512), typeof(SingleLanes512))
        : Vector256.IsHardwareAccelerated ? new(typeof(Vector256), typeof(Vector256<>), 32, typeof(VectorWidth256), typeof(SingleLanes256))
        : Vector128.IsHardwareAccelerated ? new(typeof(Vector128), typeof(Vector128<>), 16, typeof(VectorWidth128), typeof(SingleLanes128))
        : null;

    /// <summary>The bytes of one vector of the fused loop (its lanes: this over the element size).</summary>
    public static int VectorBytes => Width?.Bytes ?? 0;

    /// <summary>Builds the fused loop (a <see cref="Body{T}"/>), or null when the plan has a dtype or step without a vector form.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="streaming">Whether results are stored with non-temporal writes.</param>
    /// <param name="strided">
    /// The inputs read in place at a stride through their arrays (views such as <c>a[::2]</c> or <c>a[::3]</c>, their
    /// offsets counting elements of the array); only float64 and int64 inputs.
    /// </param>
    /// <param name="fresh">Compile even when a loop of the same structure is cached (to time the compilation).</param>
    /// <param name="perRow">
    /// Bit k set: input k is constant along the rows of the iteration (x of shape (R, 1) against (R, C)), read as one
    /// element per row (see <see cref="LoadPerRow512{T}"/>); its offset counts elements of the broadcast view, and the
    /// offsets' slot (operands + k) holds its row length.
    /// </param>
    /// <param name="periodic">
    /// Bit k set: input k repeats with the rows (y of shape (C,) against (R, C)), read from a tile of its row repeated over
    /// C + a vector's elements at the position in the row; its offset counts elements of the broadcast view, and the
    /// offsets' slot (operands + k) holds its period C.
    /// </param>
    /// <param name="segmented">
    /// Bit k set: input k's rows are runs of consecutive elements set apart in its array (<c>m[:, :50]</c>), read in place
    /// by their position in the row (see <see cref="LoadRowSegment512{T}"/>); its offset counts elements of the view, the
    /// offsets' slots (operands + k … operands·5 + k) hold its row length, its row stride, the array index of its first
    /// element, its rows per plane and its plane stride.
    /// </param>
    /// <param name="rowGroups">
    /// For each input of <paramref name="perRow"/>, <paramref name="periodic"/> and <paramref name="segmented"/>, the first
    /// such input of the same row length (itself if none before): inputs of one length share one position in their rows.
    /// </param>
    /// <param name="halfAligned">
    /// Streaming only, complex128 results only: their arrays' numbers straddle vector boundaries (the data 8 bytes past a
    /// 16-byte boundary), so each aligned store writes the last double of one vector's numbers and all but the last of the
    /// next (see <see cref="StoreStreamingHalfAlignedComplex512"/>); the caller writes the imaginary part of the number
    /// before the first and of the last.
    /// </param>
    public static Delegate? TryCompile(KernelPlan plan, bool streaming, StridedInputs strided = default, bool fresh = false, ulong perRow = 0, ulong periodic = 0, IReadOnlyList<int>? rowGroups = null, bool halfAligned = false, ulong segmented = 0)
    {
        // The loop depends on the plan's structure, not on its inputs' names or shapes: the same expression on arrays of
        // another length, or another expression of the same form, reuses it (compiling it took 1-30 ms, sin(a)**2 +
        // cos(b)**2 30; NumExpr's cache does not depend on shapes either).
        string key = (halfAligned ? "H" : "") + StructureKey(plan, streaming, strided, new RowReads(perRow, periodic, segmented, rowGroups));
        if (!fresh && Loops.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var loop = Build(plan, streaming, strided, new RowReads(perRow, periodic, segmented, rowGroups), out _, halfAligned: halfAligned);
        Loops.Set(key, loop);
        HasCompiled |= loop is not null;
        return loop;
    }

    /// <summary>Whether this process has compiled a fused loop (the compiler's own first compile is behind it; see <see cref="KernelPlan.FusedOrCompiling"/>).</summary>
    public static bool HasCompiled
    {
        get => Volatile.Read(ref hasCompiled);
        private set => Volatile.Write(ref hasCompiled, value);
    }

    private static bool hasCompiled;

    /// <summary>Compiled loops (or null: no loop) by <see cref="StructureKey"/>; bounded as <see cref="KernelCache"/> is.</summary>
    private static readonly Evaluation.BoundedCache<string, Delegate?> Loops = new(LoopCapacity, StringComparer.Ordinal);

    private const int LoopCapacity = 512;

    /// <summary>Forgets every compiled loop (plans that hold one keep it).</summary>
    public static void ClearLoops() => Loops.Clear();

    /// <summary>Everything <see cref="Build"/> reads from a plan: registers' dtypes, inputs' registers and kinds, constants, steps, roots, the reduction.</summary>
    private static string StructureKey(KernelPlan plan, bool streaming, StridedInputs strided, RowReads rows)
    {
        var key = new System.Text.StringBuilder();
        key.Append(streaming ? 'S' : 'L').Append(strided.Mask).Append('x').Append(strided.Stride).Append('r').Append(rows.PerRow).Append('p').Append(rows.Periodic).Append('s').Append(rows.Segmented).Append('g').AppendJoin(',', rows.Groups ?? []).Append('|').Append(plan.Reduction?.ToString() ?? "-").Append('|');
        // Loops rather than LINQ over value types: ReadyToRun cannot carry those instantiations, and a fresh process
        // JIT-compiled 23 methods (4 ms) for this key before its first fused loop.
        foreach (var type in plan.Registers)
        {
            key.Append((int)type).Append(',');
        }

        key.Append('|');
        for (int k = 0; k < plan.Inputs.Count; k++)
        {
            key.Append(plan.Inputs[k].Register).Append(plan.IsUniform(k) ? "u," : ",");
        }

        key.Append('|');
        foreach (var (register, value) in plan.Constants)
        {
            key.Append(register).Append(':').Append((int)value.Type).Append(':').Append(value.Integer).Append(':')
                .Append(BitConverter.DoubleToInt64Bits(value.Real)).Append(':').Append(BitConverter.DoubleToInt64Bits(value.Complex.Imaginary)).Append(',');
        }

        key.Append('|');
        foreach (var step in plan.Steps)
        {
            key.Append(step.GetType().FullName).Append(' ').Append(step.Describe()).Append(';');
        }

        key.Append('|');
        foreach (int root in plan.Roots)
        {
            key.Append(root).Append(',');
        }

        return key.ToString();
    }

    /// <summary>Why the plan runs on the block interpreter rather than the fused loop; null when it is fused.</summary>
    public static string? WhyNotFused(KernelPlan plan)
    {
        if (plan.Fused.Value is not null)
        {
            return null;
        }

        Build(plan, streaming: false, strided: default, rows: default, out string? reason);
        return reason;
    }

    /// <summary>
    /// The width and lanes a compiled loop runs, as people name them (e.g. "512-bit vectors, 8 float64 lanes"): its lane
    /// type, which for bool results is the type their conditions are computed in.
    /// </summary>
    public static string? Describe(Delegate loop) =>
        Width is null || !ElementTypes.TryGetDType(loop.GetType().GetGenericArguments()[0], out var type) ? null : $"{Width.Bytes * 8}-bit vectors, {Width.Bytes / type.ItemSize()} {type.Name()} lanes";

    /// <summary>
    /// Whether the fused loop can be compiled in this process: it builds code at run time (System.Linq.Expressions and
    /// reflection over the vector types), which NativeAOT cannot run and a trimmed app may have removed the parts of.
    /// Without it the block interpreter runs every plan. The feature switch <c>SlowSeries.FusedKernel.IsSupported</c>
    /// (set to false by the package for trimmed and NativeAOT publishing) lets the trimmer drop the compiler entirely.
    /// </summary>
    [FeatureSwitchDefinition(FeatureSwitch)]
    [FeatureGuard(typeof(RequiresDynamicCodeAttribute))]
    [FeatureGuard(typeof(RequiresUnreferencedCodeAttribute))]
    [UnconditionalSuppressMessage("Trimming", "IL4000", Justification = "No built-in property guards unreferenced code: the package's build targets set this switch to false whenever an app is trimmed (PublishTrimmed, PublishAot), and the trimmer then removes the guarded code.")]
    public static bool IsSupported => RuntimeFeature.IsDynamicCodeSupported && (!AppContext.TryGetSwitch(FeatureSwitch, out bool enabled) || enabled);

    private const string FeatureSwitch = "SlowSeries.FusedKernel.IsSupported";

    private const string WhyDynamic = "The fused loop is compiled at run time with System.Linq.Expressions over the vector types; callers check FusedKernel.IsSupported.";

    /// <summary>Whether the step is floor division, remainder or fmod of float64 or float32 values, or complex128 division.</summary>
    private static bool Divides(KernelStep step) => (step switch
    {
        BinarySpanStep<double, double, double> doubles => doubles.Name,
        BinarySpanStep<float, float, float> singles => singles.Name,
        _ => null,
    }) is nameof(Operation.FloorDivide) or nameof(Operation.Remainder) or nameof(Operation.Fmod) || IsComplexQuotient(step);

    private static Delegate? Build(KernelPlan plan, bool streaming, StridedInputs strided, RowReads rows, out string? reason, bool accumulating = false, bool halfAligned = false)
    {
        if (!IsSupported)
        {
            reason = "no code can be compiled at run time here (NativeAOT or a trimmed app)";
            return null;
        }

        reason = plan.Steps.Count == 0 ? "nothing to compute: the operand is an input, reduced where it is"
            : Width is null ? "no vector width is hardware-accelerated (no SIMD, or DOTNET_EnableHWIntrinsic=0)"
            : streaming && plan.Reduction is not null ? "reductions are not streamed"
            : strided.Any && !StridedQualifies(plan, strided) ? "inputs read in place at a stride are float64, int64, float32 or int32"
            : streaming && plan.Roots.Any(root => plan.Registers[root] == DType.Bool) ? "bool results are stored a byte per lane, not by whole vectors"
            : halfAligned && (!streaming || !StreamsHalfAlignedComplex || strided.Any || rows.All != 0 || plan.Roots.Any(root => plan.Registers[root] != DType.Complex128)) ? "only complex128 results of contiguous inputs are stored across vector boundaries, with 512-bit vectors or AVX2's"
            : streaming && (!NonTemporalStores(Width.Bytes) || plan.Steps.Any(step => step.IsTranscendental || Divides(step)))
                // Streaming pays where memory traffic dominates (the velocity conversion: 236 vs 272 ms). With sin, cos,
                // exp or log in the loop the stores are sparse in time, and non-temporal ones measured slower here
                // (sin²+cos² on 1e8: 142 vs 122 ms on 2 threads); so with floor division, % or fmod of floats, whose
                // rare lanes' call spills the loop's values to the stack (Zen 5, 1e7, one thread, medians of 4 alternating
                // processes: `a % 0.3` 11.6 -> 9.0 ms at AVX2, 10.7 -> 9.4 at AVX-512; `a % b` 15.4 -> 12.3, 12.7 -> 11.2); so
                // with complex division, whose loop pairs vectors to share each division (`complex(a, b) / complex(b, -0.5)`
                // at AVX-512 streamed 12.0-15.8 ms against 11.0-11.9 stored as usual, forty-eighth session; 12.9-19.6
                // against 9.4-11.7 in the forty-fifth).
                ? "no non-temporal stores at this width, or a transcendental step or a division"
            : null;
        if (reason is not null)
        {
            return null;
        }

        // The first lane type the plan qualifies for and compiles with: int64 inputs compared with each other (a bool
        // result) qualify as float64 inputs too at 512 bits, but compile only as int64 lanes.
        KernelStep? unsupported = null;
        Delegate? body = null;
        foreach (var type in OnlyBools(plan) ? (DType[])[DType.Int32] : [DType.Float64, DType.Float32, DType.Int64, DType.Int32, DType.Complex128])
        {
            // The accumulating loop's lanes are its operand's dtype (its partials are of that type).
            if (body is null && Qualifies(plan, type) && (!accumulating || plan.Registers[plan.Roots[0]] == type))
            {
                KernelStep? failed = null;
                body = type switch
                {
                    DType.Float64 when accumulating => Compile<double>(plan, streaming, strided, rows, out failed, accumulating: true),
                    DType.Float64 => PromotedToPairs(Compile<double>(plan, streaming, strided, rows, out failed), plan, streaming, strided, rows),
                    DType.Float32 => Compile<float>(plan, streaming, strided, rows, out failed, accumulating: accumulating),
                    DType.Int64 => Compile<long>(plan, streaming, strided, rows, out failed, accumulating: accumulating),
                    DType.Int32 => Compile<int>(plan, streaming, strided, rows, out failed, accumulating: accumulating),
                    _ => Compile<System.Numerics.Complex>(plan, streaming, strided, rows, out failed, pairs: PairsComplex(plan, strided, rows), halfAligned: halfAligned),
                };
                unsupported ??= failed;
            }
        }

        reason = body is not null ? null
            : unsupported is not null ? $"step '{unsupported.Describe()}' has no vector form yet"
            : DTypeProblem(plan);
        return body;
    }

    /// <summary>The first register whose dtype keeps the plan off the fused loop, in words.</summary>
    private static string DTypeProblem(KernelPlan plan)
    {
        var inputs = plan.Inputs.Select(input => input.Register).ToHashSet();
        DType main = plan.Registers[plan.Roots[0]];
        if (main is not (DType.Float64 or DType.Float32 or DType.Int64 or DType.Int32 or DType.Complex128))
        {
            return $"the result is {main.Name()}: the fused loop computes float64, float32, int64, int32 and complex128 values (bool and byte-string results run on the block interpreter)";
        }

        for (int register = 0; register < plan.Registers.Count; register++)
        {
            DType type = plan.Registers[register];
            if (type == main || (type == DType.Bool && main != DType.Complex128))
            {
                continue;
            }

            if (inputs.Contains(register) && ConvertsInLoopAt(type, main, Width?.Bytes ?? 0))
            {
                continue;
            }

            string source = plan.Sources.TryGetValue(register, out string? text) ? $" ('{text}')" : string.Empty;
            return inputs.Contains(register) && ConvertsInLoop(type, main)
                ? $"r{register}{source} is an input of {type.Name()}, converted inside the loop only with vectors"
                : $"r{register}{source} holds {type.Name()} values: the fused loop computes values of one dtype (conditions as masks)";
        }

        return plan.Reduction is not null
            ? "a bool operand is reduced (the fused loop stores bool results only element-wise)"
            : "no one lane type holds all of the plan's values";
    }

    /// <summary>
    /// Whether every register holds <paramref name="type"/>, is a condition (comparisons, bool inputs and their
    /// combinations live as lane masks in vector registers, loaded and stored as a byte per lane),
    /// or is an input the loop converts to <paramref name="type"/> as it loads it.
    /// </summary>
    private static bool Qualifies(KernelPlan plan, DType type)
    {
        if (type == DType.Complex128)
        {
            return ComplexQualifies(plan);
        }

        // Loops rather than LINQ over value types (see StructureKey).
        var inputs = new HashSet<int>();
        foreach (var (_, register) in plan.Inputs)
        {
            inputs.Add(register);
        }

        var readAsParts = type == DType.Float64 ? PartInputRegisters(plan) : [];
        var conditionsOnly = SideLaneRegisters(plan, type);
        foreach (int root in plan.Roots)
        {
            if (plan.Registers[root] == DType.Bool && plan.Reduction is not null)
            {
                return false;
            }
        }

        for (int register = 0; register < plan.Registers.Count; register++)
        {
            var dtype = plan.Registers[register];
            bool ok = dtype == type
                || dtype == DType.Bool
                || readAsParts.Contains(register)
                || conditionsOnly.Contains(register)
                || (inputs.Contains(register) && ConvertsInLoopAt(dtype, type, Width!.Bytes));
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The registers of another dtype in a plan with float64 values that only make conditions (or, for int64, float64
    /// values): inputs, constants and arithmetic on them in their own dtype, read by comparisons (or a cast of int64 to
    /// float64: `abs(i - j)`) and by nothing else. The float64 loop computes them in lanes
    /// of their own type — int64 in vectors of its width (the same lane count), int32 and float32 in vectors of half its
    /// width (at 128 bits in a whole 128-bit vector, two lanes used) — and takes the comparisons' masks, widened where they are narrower, as its
    /// conditions (<c>where(i % 2 == 0, a, -a)</c>, <c>where(k > 3, a, b)</c>: on the block interpreter before, the bools
    /// stored and loaded, 1.5–2x NumExpr's time). In an int64 loop, float64 registers are side lanes the same way, at
    /// its width (<c>where(a > 0, i, 0)</c>); in an int32 loop too, two float64 vectors per int32 one, their masks
    /// narrowed into one (<c>where(a > 0.5, 1, 0)</c>, <c>sum(where(isnan(a), 0, 1))</c>). Empty for other loops, and
    /// when no register is of the loop's dtype.
    /// </summary>
    private static HashSet<int> SideLaneRegisters(KernelPlan plan, DType loop)
    {
        var side = new HashSet<int>();
        if (loop is not (DType.Float64 or DType.Int64 or DType.Int32) || !plan.Registers.Contains(loop) || Width is null)
        {
            return side;
        }

        for (int register = 0; register < plan.Registers.Count; register++)
        {
            var dtype = plan.Registers[register];
            bool candidate = loop switch
            {
                DType.Float64 => dtype is DType.Int64 or DType.Int32 or DType.Float32,
                DType.Int64 => dtype is DType.Float64 or DType.Int32,
                _ => dtype == DType.Float64,
            };
            if (candidate && !plan.Roots.Contains(register))
            {
                side.Add(register);
            }
        }

        // Drop registers until every reader of each is a step of the set in the same dtype or a comparison, and every
        // producer's operands are in the set, of its dtype.
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var step in plan.Steps)
            {
                bool producesSide = side.Contains(step.Output);
                bool allSide = step.Inputs.All(side.Contains) && step.Inputs.All(input => plan.Registers[input] == plan.Registers[step.Inputs[0]]);
                bool readsSide = step.Inputs.Any(side.Contains);
                bool sameType = !producesSide || plan.Registers[step.Inputs[0]] == plan.Registers[step.Output];
                bool comparison = step is BinarySpanStep<long, long, bool> or BinarySpanStep<int, int, bool> or BinarySpanStep<float, float, bool> or BinarySpanStep<double, double, bool>
                    or UnarySpanStep<double, bool> { Name: "IsNaN" or "IsInf" or "IsFinite" or "SignBit" } or UnarySpanStep<float, bool> { Name: "IsNaN" or "IsInf" or "IsFinite" or "SignBit" } && allSide;
                bool cast = IsCastTo(loop, step);
                if ((producesSide && (!allSide || !sameType)) || (readsSide && !producesSide && !comparison && !cast))
                {
                    changed |= side.Remove(step.Output) | step.Inputs.Aggregate(false, (removed, input) => side.Remove(input) | removed);
                }
            }
        }

        // An input only converted is the loop's converted input (ConvertsInLoop), not a side lane: such plans still pair.
        foreach (var (_, input) in plan.Inputs)
        {
            if (side.Contains(input) && plan.Steps.Where(step => step.Inputs.Contains(input)).All(step => IsCastTo(loop, step)))
            {
                side.Remove(input);
            }
        }

        return side;
    }

    /// <summary>
    /// A cast of side lanes' values to the loop's dtype: of int64, int32 or float32 values to float64 (`abs(i - j)`,
    /// `exp(f) * a`, `sqrt(k*k + 1) * a`), of int32 ones to int64 (`i + k*2`), widened to the loop's lanes as its
    /// converted inputs are.
    /// </summary>
    private static bool IsCastTo(DType loop, KernelStep step) => loop switch
    {
        DType.Float64 => step is UnarySpanStep<long, double> { Name: "to Double" } or UnarySpanStep<int, double> { Name: "to Double" } or UnarySpanStep<float, double> { Name: "to Double" },
        DType.Int64 => step is UnarySpanStep<int, long>,
        _ => false,
    };

    /// <summary>The width and element type side lanes of <paramref name="dtype"/> take in a float64 loop of <paramref name="width"/>.</summary>
    private static (VectorWidth Width, Type Element) SideLanes(VectorWidth width, DType dtype) => dtype switch
    {
        DType.Int64 => (width, typeof(long)),
        DType.Float64 => (width, typeof(double)),
        // At 128 bits a whole 128-bit vector, its upper two lanes zero (see LoadUnchecked64): x64 has no 64-bit vectors.
        _ => (width.Bytes == 64
            ? new VectorWidth(typeof(Vector256), typeof(Vector256<>), 32, typeof(VectorWidth256), typeof(SingleLanes256))
            : new VectorWidth(typeof(Vector128), typeof(Vector128<>), 16, typeof(VectorWidth128), typeof(SingleLanes128)), ElementTypes.ClrType(dtype)),
    };

    /// <summary>Eight int32 lanes sign-extended to int64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> WidenToInt64x512(Vector256<int> values) => Vector512.WidenLower(values.ToVector512Unsafe());

    /// <summary>Four int32 lanes sign-extended to int64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> WidenToInt64x256(Vector128<int> values) => Vector256.WidenLower(values.ToVector256Unsafe());

    /// <summary>Two int32 lanes sign-extended to int64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<long> WidenToInt64x128(Vector128<int> values) => Vector128.WidenLower(values);

    /// <summary>Two int32 lanes as float64 (one instruction on x64; a widening and a conversion on ARM64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> WidenToDouble128(Vector128<int> values) =>
        Sse2.IsSupported ? Sse2.ConvertToVector128Double(values) : Vector128.ConvertToDouble(Vector128.WidenLower(values));

    /// <summary>A mask of eight 32-bit lanes as eight 64-bit ones (each lane sign-extended: all bits set or clear).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> WidenMask512(Vector256<int> mask) => Vector512.WidenLower(mask.ToVector512Unsafe()).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> WidenMask512(Vector256<float> mask) => WidenMask512(mask.AsInt32());

    /// <summary>A mask of four 32-bit lanes as four 64-bit ones (see <see cref="WidenMask512(Vector256{int})"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> WidenMask256(Vector128<int> mask) => Vector256.WidenLower(mask.ToVector256Unsafe()).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> WidenMask256(Vector128<float> mask) => WidenMask256(mask.AsInt32());

    /// <summary>The low two 32-bit lanes of a mask as two 64-bit ones (see <see cref="WidenMask512(Vector256{int})"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> WidenMask128(Vector128<int> mask) => Vector128.WidenLower(mask).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> WidenMask128(Vector128<float> mask) => WidenMask128(mask.AsInt32());

    /// <summary>
    /// Inputs of these dtypes are loaded as they are and converted in the loop by the plan's cast step (one
    /// instruction per vector, or five for int64 → double without AVX-512DQ: see <see cref="Int64ToDoubleParts"/>): as
    /// many lanes of them fit in a 512- or 256-bit register as the plan's vectors have, at every width (`k + i`, 1e7, 2
    /// threads: 5.2–5.3 → 2.7–3.8 ms at AVX-512 and AVX2, `i*k - 3` 9.4–10.2 → 2.7–2.9; at 128 bits, NEON's width, the
    /// int32 or float32 lanes of a float64 vector are one 64-bit load).
    /// </summary>
    private static bool ConvertsInLoop(DType from, DType to) =>
        (from, to) is (DType.Int64 or DType.Int32 or DType.Float32, DType.Float64) or (DType.Int32 or DType.Int64, DType.Float32) or (DType.Int32, DType.Int64);

    /// <summary>Whether the loop converts inputs of <paramref name="from"/> to <paramref name="to"/> with vectors of <paramref name="widthBytes"/> (see <see cref="ConvertsInLoop"/>).</summary>
    private static bool ConvertsInLoopAt(DType from, DType to, int widthBytes) =>
        ConvertsInLoop(from, to) && widthBytes is 64 or 32 or 16;

    /// <summary>The dtype of operand <paramref name="k"/> of <see cref="Body{T}"/>: an input's own, or a result's.</summary>
    public static DType OperandType(KernelPlan plan, int k) =>
        plan.Registers[k < plan.Inputs.Count ? plan.Inputs[k].Register : plan.Roots[k - plan.Inputs.Count]];

    /// <summary>Whether the inputs of <paramref name="strided"/> can be read in place at their stride (float64, int64, float32 or int32).</summary>
    private static bool StridedQualifies(KernelPlan plan, StridedInputs strided) =>
        plan.Registers[plan.Roots[0]] != DType.Complex128 && StridedInputs.ReadsInPlace(strided.Stride)
        && Enumerable.Range(0, 64).All(k => !strided.Contains(k) || (k < plan.Inputs.Count && OperandType(plan, k) is DType.Float64 or DType.Int64 or DType.Float32 or DType.Int32));

    /// <summary>Whether these arrays, the inputs' and then the results', are of the types <see cref="Body{T}"/> takes.</summary>
    public static bool TakesArrays(KernelPlan plan, IEnumerable<Array> operands) =>
        operands.Select((array, k) => array.GetType().IsSZArray && array.GetType().GetElementType() == ElementTypes.ClrType(OperandType(plan, k))).All(ok => ok);

    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static Body<T>? Compile<T>(KernelPlan plan, bool streaming, StridedInputs strided, RowReads rows, out KernelStep? unsupported, bool pairs = false, bool accumulating = false, bool halfAligned = false)
    {
        unsupported = null;
        var width = Width!;
        var (perRow, periodic, segmented, _) = rows;
        if (rows.All != 0 && !PerRowQualifies(plan, rows, ElementTypes.DTypeOf<T>()))
        {
            return null;
        }

        // complex128 values live in float64 lanes as (re, im) pairs: a vector holds half as many elements as doubles.
        bool complex = typeof(T) == typeof(System.Numerics.Complex);
        var vectorType = width.Generic.MakeGenericType(complex ? typeof(double) : typeof(T));
        int lanes = width.Bytes / Unsafe.SizeOf<T>();

        // The table float32 sin and cos read, initialised before the JIT compiles the loop: otherwise it guards it with an
        // initialisation call, and a call anywhere in the loop makes it keep vector registers on the stack. Only for
        // such loops: building it takes 4–6 ms, which any other first loop of a process would pay.
        if (plan.Steps.Any(step => step is AlignedUnaryStep<float> { Name: "Sin" or "Cos" } or SinCosStep<float>))
        {
            RuntimeHelpers.RunClassConstructor(typeof(InverseOfPiTable).TypeHandle);
        }
        var store = UncheckedMemoryMethod(streaming ? "StoreStreaming" : "StoreUnchecked", width.Bytes, typeof(T));
        var arrays = Expression.Parameter(typeof(Array[]), "arrays");
        var offsets = Expression.Parameter(typeof(int[]), "offsets");
        var count = Expression.Parameter(typeof(int), "count");
        var i = Expression.Variable(typeof(int), "i");
        var registers = new Dictionary<int, Expression>();
        var locals = new List<ParameterExpression> { i };
        var body = new List<Expression>();
        var prologue = new List<Expression> { Expression.Assign(i, Expression.Constant(0)) };

        // Each operand's array and offset in locals, read once per call rather than once per vector. The arrays are cast
        // without a check (the executor checked each one's type before the call): a checked cast calls a helper, and
        // locals live across calls stay on the stack, reloaded in every iteration (`m*x + y`'s loop read its arrays and
        // offsets back from the stack for every vector).
        var operandArrays = new ParameterExpression[plan.Inputs.Count + plan.Roots.Count];
        var operandOffsets = new ParameterExpression[operandArrays.Length];
        var operandBytes = new ParameterExpression?[operandArrays.Length];
        for (int k = 0; k < operandArrays.Length; k++)
        {
            var arrayType = ElementTypes.ClrType(OperandType(plan, k)).MakeArrayType();
            operandArrays[k] = Expression.Variable(arrayType, "array" + k);
            operandOffsets[k] = Expression.Variable(typeof(int), "offset" + k);
            locals.Add(operandArrays[k]);
            locals.Add(operandOffsets[k]);
            prologue.Add(Expression.Assign(operandArrays[k], Expression.Call(UncheckedCast.MakeGenericMethod(arrayType), Expression.ArrayIndex(arrays, Expression.Constant(k)))));
            prologue.Add(Expression.Assign(operandOffsets[k], Expression.ArrayIndex(offsets, Expression.Constant(k))));
            if (AddressedByBytes(arrayType.GetElementType()!))
            {
                operandBytes[k] = ByteOffset(k, OperandType(plan, k), operandOffsets[k], locals, prologue);
            }
        }

        // Constants broadcast once, before the loop, from literals: a vector constant of the expression tree itself would
        // live boxed in the compiled lambda's closure and be fetched, type-checked and unboxed in every iteration (about
        // a dozen instructions per vector: `2*a + 3*b` on 1e7 elements spent a third of its time there). After the arrays'
        // casts, whose helper calls would otherwise make the JIT keep the constants on the stack and reload them in the loop.
        var constants = new Dictionary<int, Scalar>();
        var conditionsOnly = SideLaneRegisters(plan, ElementTypes.DTypeOf<T>());

        // float64 side lanes of an int32 loop: each vector's lanes in two vectors, the first half's in `registers`, the
        // second's here.
        var upperHalves = new Dictionary<int, Expression>();
        foreach (var (register, value) in plan.Constants)
        {
            if (conditionsOnly.Contains(register))
            {
                var (sideWidth, element) = SideLanes(width, plan.Registers[register]);
                object sideLane = value.Type switch { DType.Int64 => (object)value.Integer, DType.Int32 => (object)(int)value.Integer, DType.Float64 => (object)value.Real, _ => (object)(float)value.Real };
                var side = Expression.Variable(sideWidth.Generic.MakeGenericType(element), "constant" + register);
                locals.Add(side);
                prologue.Add(Expression.Assign(side, Expression.Call(sideWidth.Static.GetMethod(nameof(Vector512.Create), [element])!, Expression.Constant(sideLane, element))));
                registers[register] = side;
                upperHalves[register] = side;
                constants[register] = value;
                continue;
            }

            if (value.Type == DType.Bool && !complex)
            {
                var mask = Expression.Variable(vectorType, "constant" + register);
                locals.Add(mask);
                prologue.Add(Expression.Assign(mask, UniformMask(vectorType, Expression.Constant(value.Boolean))));
                registers[register] = mask;
                constants[register] = value;
                continue;
            }

            object lane = LaneConstant(typeof(T), value);
            var broadcast = Expression.Variable(vectorType, "constant" + register);
            locals.Add(broadcast);

            // A float64 constant of a complex loop in every lane, as the loop holds float64 values (TranslateInComplexLoop).
            prologue.Add(Expression.Assign(broadcast, complex && plan.Registers[register] == DType.Float64 ? Expression.Call(width.Static.GetMethod(nameof(Vector512.Create), [typeof(double)])!, Expression.Constant(value.Real))
                : complex ? BroadcastComplex(width, Expression.Constant(lane, typeof(T)))
                : Expression.Call(width.Static.GetMethod(nameof(Vector512.Create), [typeof(T)])!, Expression.Constant(lane, typeof(T)))));
            registers[register] = broadcast;
            constants[register] = value;
        }

        var rowReads = RowPositions(rows, lanes, offsets, operandArrays.Length, operandOffsets, locals, prologue);

        // Vectors narrower than a cache line store partial lines, and with several outputs the prefetches cost more than
        // they saved (the velocity conversion, 3 outputs: 243-246 -> 292-316 ms at 128 bits, 160-176 -> 172-186 at 256,
        // but 155-190 -> 151-153 at 512; one output gains at every width: `a*b + c` 10.5-11.6 -> 7.9-8.1 at 128 bits).
        // A full reduction's loop, which writes only its block in the frame, gains too (1e7, 2 threads: `sum(a*b)` 7.1-8.7
        // -> 6.2-6.9 ms at 512 bits, 6.9-7.8 -> 5.0-5.5 at 256, 10.2-10.3 -> 6.5-7.4 at 128; `max(a - b)` 9.1-9.5 -> 7.4-8.4,
        // 9.3-9.5 -> 7.2-8.1, 14.2-15.0 -> 11.1-12.5). So does a loop with bool results, which is never streamed (`i > j`
        // 5.6-7.7 -> 3.5-4.4 ms at 512 bits, 6.8-7.4 -> 3.5-4.4 at 256, 6.9-8.6 -> 5.2-5.5 at 128; `a > b` alike).
        bool prefetch = (streaming || plan.Reduction is not null || plan.Roots.Any(root => plan.Registers[root] == DType.Bool)) && Execution.CachePrefetch.IsSupported && (width.Bytes >= CacheLineBytes || plan.Roots.Count == 1);
        var readAsParts = typeof(T) == typeof(double) ? PartInputRegisters(plan) : [];
        for (int k = 0; k < plan.Inputs.Count; k++)
        {
            if (readAsParts.Contains(plan.Inputs[k].Register))
            {
                // Loaded by its .real and .imag steps, each as every other double of its pairs.
                continue;
            }

            // One vector's lanes of the input: a whole 512-bit register, or half of one for an int32 or float32 input
            // of a float64 plan (converted to eight float64 lanes by the plan's cast step).
            var element = ElementTypes.ClrType(OperandType(plan, k));
            bool half = (typeof(T) == typeof(double) && OperandType(plan, k) is DType.Int32 or DType.Float32) || (typeof(T) == typeof(long) && OperandType(plan, k) == DType.Int32);
            bool doubled = (typeof(T) == typeof(int) && OperandType(plan, k) == DType.Float64) || (typeof(T) == typeof(float) && OperandType(plan, k) == DType.Int64);
            bool atStride = strided.Contains(k);
            bool realAsComplex = complex && element == typeof(double);
            var load = element == typeof(bool) ? MaskLoad(width, typeof(T))
                : realAsComplex ? LoadRealAsPairs(width)
                : UncheckedMemoryMethod(atStride ? "LoadStrided" : "LoadUnchecked", half ? width.Bytes / 2 : width.Bytes, element);
            var local = Expression.Variable(load.ReturnType, "in" + k);
            locals.Add(local);
            registers[plan.Inputs[k].Register] = local;
            if (plan.IsUniform(k) && element == typeof(bool))
            {
                prologue.Add(Expression.Assign(local, UniformMask(vectorType, Expression.ArrayIndex(operandArrays[k], operandOffsets[k]))));
                upperHalves[plan.Inputs[k].Register] = local;
                continue;
            }

            if (plan.IsUniform(k))
            {
                // One element, at its offset, broadcast once per call (its "array" is the scalar's own storage).
                var one = Expression.ArrayIndex(operandArrays[k], operandOffsets[k]);
                var create = load.ReturnType.Assembly.GetType(typeof(Vector512).Namespace + "." + load.ReturnType.Name.Split('`')[0], throwOnError: true)!
                    .GetMethod(nameof(Vector512.Create), [element]);
                prologue.Add(Expression.Assign(local, complex && !realAsComplex ? BroadcastComplex(width, one) : Expression.Call(create!, one)));
                upperHalves[plan.Inputs[k].Register] = local;
                continue;
            }

            if (doubled)
            {
                if (atStride || ((rows.All >> k) & 1) != 0 || operandBytes[k] is not { } start)
                {
                    return null;
                }

                var upper = Expression.Variable(load.ReturnType, "in" + k + "upper");
                locals.Add(upper);
                upperHalves[plan.Inputs[k].Register] = upper;
                var loadAt = UncheckedMemoryMethod("LoadAt", width.Bytes, element);
                body.Add(Expression.Assign(local, Expression.Call(loadAt, operandArrays[k], start, i)));
                body.Add(Expression.Assign(upper, Expression.Call(loadAt, operandArrays[k], start, Expression.Add(i, Expression.Constant(lanes / 2)))));
                continue;
            }

            if (((perRow >> k) & 1) != 0)
            {
                body.Add(Expression.Assign(local, LoadRowInput(width, element, typeof(T), operandArrays[k], operandOffsets[k], rowReads!.Value.Inputs[k])));
                continue;
            }

            if (((periodic >> k) & 1) != 0)
            {
                body.Add(Expression.Assign(local, Expression.Call(load, operandArrays[k], rowReads!.Value.Inputs[k].Position)));
                continue;
            }

            if (((segmented >> k) & 1) != 0)
            {
                body.Add(Expression.Assign(local, LoadSegmentInput(width, element, typeof(T), operandArrays[k], rowReads!.Value.Segments[k], rowReads.Value.Inputs[k])));
                continue;
            }

            if (!atStride && !realAsComplex && operandBytes[k] is { } bytes)
            {
                // An input read half a vector at a time (int32 or float32 in a float64 loop) asks for each line four times at
                // 256 bits and eight at 128: those prefetches cost more than they bring on Zen 5 (1e7, 2 threads, medians of
                // 6-8 alternating processes: `f*a + k` 8.4 -> 7.3 ms at AVX2, 11.5 -> 7.5 at 128 bits; `k + a + b` 6.4 ->
                // 5.5 and 8.8 -> 7.9; `where(k > 3, a, b)` unchanged at AVX2, 9.7 -> 7.3 at 128 bits).
                if (prefetch && !(half && width.Bytes < CacheLineBytes))
                {
                    body.Add(Expression.Call(PrefetchAtMethod.MakeGenericMethod(element), operandArrays[k], bytes, i));
                }

                body.Add(Expression.Assign(local, Expression.Call(UncheckedMemoryMethod("LoadAt", half ? width.Bytes / 2 : width.Bytes, element), operandArrays[k], bytes, i)));
                continue;
            }

            var index = atStride ? Expression.Add(operandOffsets[k], Expression.Multiply(i, Expression.Constant(strided.Stride))) : Expression.Add(operandOffsets[k], i);
            if (prefetch)
            {
                body.Add(Expression.Call(PrefetchAheadMethod.MakeGenericMethod(element), operandArrays[k], index));
            }

            body.Add(Expression.Assign(local, atStride ? Expression.Call(load, operandArrays[k], index, Expression.Constant(strided.Stride)) : Expression.Call(load, operandArrays[k], index)));
        }

        bool severalPowers = plan.Steps.Count(step => step is AlignedBinaryStep<double> { Name: "Power" }) > 1;

        // A float64 side step of an int32 loop, once per half; a condition's two masks narrowed into the loop's one.
        Expression? TranslateHalves(KernelStep step)
        {
            var lower = Translate<double>(width, step, registers, constants, locals, prologue, body);
            var upper = Translate<double>(width, step, upperHalves, constants, locals, prologue, body);
            if (lower is null || upper is null || plan.Registers[step.Output] != DType.Bool)
            {
                return lower is null || upper is null ? null : lower;
            }

            var int64s = width.Generic.MakeGenericType(typeof(long));
            var asInt64 = width.Static.GetMethod(nameof(Vector512.AsInt64))!.MakeGenericMethod(typeof(double));
            var mask = Expression.Call(width.Static.GetMethod(nameof(Vector512.Narrow), [int64s, int64s])!, Expression.Call(asInt64, lower), Expression.Call(asInt64, upper));
            registers[step.Output] = mask;
            return mask;
        }
        // An int64 input of a float32 loop, its two vectors per float32 one (loaded as `doubled`) converted into that one.
        Expression ConvertedFromInt64Halves(KernelStep step)
        {
            var local = Expression.Variable(vectorType, "r" + step.Output);
            locals.Add(local);
            var longs = width.Generic.MakeGenericType(typeof(long));
            body.Add(Expression.Assign(local, Expression.Call(typeof(Int64ToSingleLanes).GetMethod(nameof(Int64ToSingleLanes.Convert), [longs, longs])!, registers[step.Inputs[0]], upperHalves[step.Inputs[0]])));
            registers[step.Output] = local;
            return local;
        }

        foreach (var step in plan.Steps)
        {
            if (PartOfInput(step, readAsParts) is { } part)
            {
                int k = InputIndex(plan, step.Inputs[0]);
                var local = Expression.Variable(vectorType, "r" + step.Output);
                locals.Add(local);
                (plan.IsUniform(k) ? prologue : body).Add(Expression.Assign(local, LoadPart(width, part, operandArrays[k], operandOffsets[k], plan.IsUniform(k) ? null : i)));
                registers[step.Output] = local;
                continue;
            }

            // Steps of side lanes: their dtype's, at their width; a comparison of them gives the loop's condition.
            DType? sideType = conditionsOnly.Contains(step.Output) ? plan.Registers[step.Output]
                : step.Inputs.Length > 0 && conditionsOnly.Contains(step.Inputs[0]) && plan.Registers[step.Output] == DType.Bool ? plan.Registers[step.Inputs[0]]
                : null;
            var computed = complex ? TranslateInComplexLoop(plan, width, step, registers, constants, locals, prologue, body)
                : sideType == DType.Int64 ? Translate<long>(width, step, registers, constants, locals, prologue, body)
                : sideType == DType.Float64 && typeof(T) == typeof(int) ? TranslateHalves(step)
                : sideType == DType.Float64 ? Translate<double>(width, step, registers, constants, locals, prologue, body)
                : sideType == DType.Int32 ? Translate<int>(SideLanes(width, DType.Int32).Width, step, registers, constants, locals, prologue, body)
                : sideType == DType.Float32 ? Translate<float>(SideLanes(width, DType.Float32).Width, step, registers, constants, locals, prologue, body)
                : typeof(T) == typeof(float) && step is UnarySpanStep<long, float> ? ConvertedFromInt64Halves(step)
                : Translate<T>(width, step, registers, constants, locals, prologue, body, severalPowers);
            if (computed is null)
            {
                unsupported = step;
                return null;
            }

            if (sideType == DType.Float64 && typeof(T) == typeof(int))
            {
                continue;
            }

            if (sideType is not null && plan.Registers[step.Output] == DType.Bool)
            {
                // The comparison's mask, all bits set or clear per lane, is the loop's condition: as it is from lanes of
                // the same width (int64 in a float64 loop, float64 in an int64 one), sign-extended from 32-bit ones.
                var reinterpret = width.Static.GetMethod(typeof(T) == typeof(long) ? nameof(Vector512.AsInt64) : nameof(Vector512.AsDouble))!;
                registers[step.Output] = sideType is DType.Int64 or DType.Float64
                    ? Expression.Call(reinterpret.MakeGenericMethod(ElementTypes.ClrType(sideType.Value)), computed)
                    : Expression.Call(reinterpret.MakeGenericMethod(typeof(double)), Expression.Call(typeof(FusedKernel).GetMethod(width.Bytes switch { 64 => nameof(WidenMask512), 32 => nameof(WidenMask256), _ => nameof(WidenMask128) }, BindingFlags.NonPublic | BindingFlags.Static, [computed.Type])!, computed));
            }
        }

        for (int r = 0; r < plan.Roots.Count && !accumulating; r++)
        {
            int slot = plan.Inputs.Count + r;
            if (plan.Registers[plan.Roots[r]] != DType.Bool && operandBytes[slot] is { } bytes)
            {
                var storedAt = UncheckedMemoryMethod(streaming ? "StoreStreamingAt" : "StoreAt", width.Bytes, typeof(T));
                body.Add(Expression.Call(storedAt, registers[plan.Roots[r]], operandArrays[slot], bytes, i));
                continue;
            }

            if (halfAligned)
            {
                // Each aligned store ends one double into this vector's last number: the lanes carried to the next.
                var carried = Expression.Variable(vectorType, "carried" + r);
                locals.Add(carried);
                prologue.Add(Expression.Assign(carried, Expression.Call(AtWidth("CarriedBeforeComplex", width.Bytes), operandArrays[slot], operandOffsets[slot])));
                body.Add(Expression.Assign(carried, Expression.Call(AtWidth("StoreStreamingHalfAlignedComplex", width.Bytes), registers[plan.Roots[r]], operandArrays[slot], Expression.Add(operandOffsets[slot], i), carried)));
                continue;
            }

            var stored = plan.Registers[plan.Roots[r]] == DType.Bool ? UncheckedMemoryMethod("StoreMask", width.Bytes, typeof(T)) : store;
            body.Add(Expression.Call(stored, registers[plan.Roots[r]], operandArrays[slot], Expression.Add(operandOffsets[slot], i)));
        }

        if (rowReads is { Advance: var advance })
        {
            body.Add(advance);
        }

        // for (i = 0; i + lanes <= count; i += lanes) { body }, after two vectors at a time where a function of ours would
        // wait on its own latency (PairedBody).
        var paired = pairs && (typeof(T) == typeof(double) || complex) && conditionsOnly.Count == 0
            ? PairedBody(plan, width, lanes, complex, registers, constants, operandArrays, operandOffsets, i, strided, store, locals, prologue)
            : null;
        var loops = new List<Expression>(prologue);
        if (accumulating)
        {
            loops.AddRange(AccumulatingLoop<T>(plan.Reduction!.Value, RotatesAccumulators(plan), width, registers[plan.Roots[0]], operandArrays[^1], operandOffsets[^1], i, count, body, locals));
            return Expression.Lambda<Body<T>>(Expression.Block(locals, loops), arrays, offsets, count).Compile();
        }

        if (paired is not null)
        {
            var pairsDone = Expression.Label("pairsDone");
            loops.Add(Expression.Loop(
                Expression.IfThenElse(
                    Expression.LessThanOrEqual(Expression.Add(i, Expression.Constant(2 * lanes)), count),
                    Expression.Block(paired.Append(Expression.AddAssign(i, Expression.Constant(2 * lanes)))),
                    Expression.Break(pairsDone)),
                pairsDone));
        }

        var exit = Expression.Label("exit");
        loops.Add(Expression.Loop(
            Expression.IfThenElse(
                Expression.LessThanOrEqual(Expression.Add(i, Expression.Constant(lanes)), count),
                Expression.Block(body.Append(Expression.AddAssign(i, Expression.Constant(lanes)))),
                Expression.Break(exit)),
            exit));
        var lambda = Expression.Lambda<Body<T>>(Expression.Block(locals, loops), arrays, offsets, count);
        return lambda.Compile();
    }

    // severalPowers: whether the loop has more than one float64 **; each then calls the ordinary lanes' pow rather than
    // inlining it (VectorMath.PowCallingOut).
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static Expression? Translate<T>(VectorWidth width, KernelStep step, Dictionary<int, Expression> registers, Dictionary<int, Scalar> constants, List<ParameterExpression> locals, List<Expression> prologue, List<Expression> body, bool severalPowers = false)
    {
        Expression In(int k) => registers[step.Inputs[k]];
        var vectorType = width.Generic.MakeGenericType(typeof(T));
        bool integer = typeof(T) == typeof(long) || typeof(T) == typeof(int);
        int? ShiftCount() => constants.TryGetValue(step.Inputs[1], out var count) && count.Type is DType.Int64 or DType.Int32 && count.Integer >= 0 && count.Integer < Unsafe.SizeOf<T>() * 8 ? (int)count.Integer : null;
        MethodCallExpression Shift(string name) => Expression.Call(width.Static.GetMethod(name, [vectorType, typeof(int)])!, In(0), Expression.Constant(ShiftCount()!.Value));
        MethodCallExpression Call<TElement>(string name, params Expression[] arguments) => width.Call(typeof(TElement), name, arguments);
        // The second operand's value where it is a constant of the expression (a divisor), else null.
        double? DivisorValue() => constants.TryGetValue(step.Inputs[1], out var divisor) ? divisor.Real : null;
        // 1/divisor for a constant divisor that is a power of two, whose reciprocal is exact in the loop's type, else null.
        double? ExactReciprocal() => DivisorValue() is double divisor
            && (typeof(T) == typeof(float) ? float.IsNormal((float)divisor) && (BitConverter.SingleToInt32Bits((float)divisor) & 0x7F_FFFF) == 0 : double.IsNormal(divisor) && (BitConverter.DoubleToInt64Bits(divisor) & 0xF_FFFF_FFFF_FFFFL) == 0)
            ? 1.0 / divisor : null;
        // The step's part of a divided by a constant, by its reciprocal (in float64 lanes, float32 ones widened to them).
        Expression DivisionByReciprocal(double reciprocal, VectorMath.DivisionPart part)
        {
            Expression[] asTheyAre = [Expression.Call(width.Static.GetMethod(nameof(Vector512.Create), [typeof(double)])!, Expression.Constant(reciprocal)), Expression.Constant(part)];
            return typeof(T) == typeof(double)
                ? LaneCall(nameof(VectorMath.DivisionByReciprocal), [In(0), In(1), .. asTheyAre])
                : WidenedCallWith(nameof(VectorMath.DivisionByReciprocal), [In(0), In(1)], asTheyAre);
        }

        // 1/divisor for a constant divisor whose reciprocal is a normal number (VectorMath.DivisionByReciprocal), else null.
        double? ConstantReciprocal() => DivisorValue() is double divisor && Math.Abs(divisor) is >= 1e-300 and <= 1e300 ? 1.0 / divisor : null;
        bool floating = typeof(T) == typeof(double) || typeof(T) == typeof(float);
        MethodCallExpression Splat(double value) => Expression.Call(width.Static.GetMethod(nameof(Vector512.Create), [typeof(T)])!, Expression.Constant(LaneConstant(typeof(T), value), typeof(T)));

        // NumPy's sign: ±1 by the sign of nonzero numbers, +0 for either zero, NaN for NaN (TypedLoops.Sign).
        Expression Sign(Expression x) => Call<T>(
            nameof(Vector512.ConditionalSelect),
            Call<T>(nameof(Vector512.GreaterThan), x, Splat(0)),
            Splat(1),
            Call<T>(
                nameof(Vector512.ConditionalSelect),
                Call<T>(nameof(Vector512.LessThan), x, Splat(0)),
                Splat(-1),
                Call<T>(nameof(Vector512.ConditionalSelect), Call<T>(nameof(Vector512.Equals), x, x), Splat(0), x)));
        // The sign bit as a condition (−0 and NaNs with it set included): the lanes' bits as integers, below zero.
        Expression SignBit(Expression x)
        {
            var (bits, asBits, back) = typeof(T) == typeof(double) ? (typeof(long), nameof(Vector512.AsInt64), nameof(Vector512.AsDouble)) : (typeof(int), nameof(Vector512.AsInt32), nameof(Vector512.AsSingle));
            var asIntegers = Expression.Call(width.Static.GetMethod(asBits)!.MakeGenericMethod(typeof(T)), x);
            var zero = Expression.Call(width.Static.GetMethod(nameof(Vector512.Create), [bits])!, Expression.Constant(Activator.CreateInstance(bits), bits));
            return Expression.Call(width.Static.GetMethod(back)!.MakeGenericMethod(bits), width.Call(bits, nameof(Vector512.LessThan), asIntegers, zero));
        }

        MethodCallExpression MathCall(string name, Expression argument) => Expression.Call(typeof(VectorMath).GetMethod(name, [vectorType])!, argument);

        // A lane function written over the width (VectorMath's Name<W, TDouble, TLong>), at this loop's width.
        MethodCallExpression LaneCall(string name, params Expression[] arguments) => Expression.Call(
            typeof(VectorMath).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Single(method => method.Name == name && method.IsGenericMethodDefinition && method.GetParameters().Length == arguments.Length)
                .MakeGenericMethod(width.Lanes, width.Generic.MakeGenericType(typeof(double)), width.Generic.MakeGenericType(typeof(long))),
            arguments);
        // A float32 lane function (VectorMath's NameSingle<W, TSingle, TInt>), at this loop's width.
        MethodCallExpression SingleLaneCall(string name, params Expression[] arguments) => Expression.Call(
            typeof(VectorMath).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(width.SingleLanes, vectorType, width.Generic.MakeGenericType(typeof(int))),
            arguments);
        // The lane function on the lower and the upper halves of float32 lanes widened to float64, narrowed back: one call
        // in a loop of two iterations over the halves, so the JIT compiles the function's body once. Called once for each
        // half, it compiled it twice: `f**g`'s loop took 11.7 ms to JIT at AVX2 and 19 at AVX-512, 6.5-6.7 as a loop (`tan(f)`
        // 5.1 and 9.6 against 3.4-3.9), and steady state ran as fast or 2-9% faster (one thread, 4e6 elements, every width).
        Expression WidenedCall(string name, params Expression[] arguments) => WidenedCallWith(name, arguments, []);

        // WidenedCall with arguments already of float64 lanes (or not vectors) passed to the function as they are, after the widened ones.
        Expression WidenedCallWith(string name, Expression[] arguments, Expression[] asTheyAre)
        {
            var doubles = width.Generic.MakeGenericType(typeof(double));
            Expression[] Half(string widen) => [.. arguments.Select(argument => Expression.Call(width.Static.GetMethod(widen, [vectorType])!, argument))];
            var lower = Half(nameof(Vector512.WidenLower));
            var upper = Half(nameof(Vector512.WidenUpper));
            var current = new ParameterExpression[arguments.Length];
            var next = new ParameterExpression[arguments.Length];
            for (int k = 0; k < arguments.Length; k++)
            {
                current[k] = Expression.Variable(doubles, $"widened{step.Output}_{k}");
                next[k] = Expression.Variable(doubles, $"upper{step.Output}_{k}");
                locals.Add(current[k]);
                locals.Add(next[k]);
                body.Add(Expression.Assign(current[k], lower[k]));
                body.Add(Expression.Assign(next[k], upper[k]));
            }

            var first = Expression.Variable(doubles, $"lowerResult{step.Output}");
            var second = Expression.Variable(doubles, $"upperResult{step.Output}");
            var half = Expression.Variable(typeof(int), $"half{step.Output}");
            locals.Add(first);
            locals.Add(second);
            locals.Add(half);
            body.Add(Expression.Assign(half, Expression.Constant(0)));
            var done = Expression.Label($"halvesDone{step.Output}");
            var iteration = new List<Expression>
            {
                Expression.Assign(first, second),
                Expression.Assign(second, LaneCall(name, [.. current, .. asTheyAre])),
            };
            for (int k = 0; k < arguments.Length; k++)
            {
                iteration.Add(Expression.Assign(current[k], next[k]));
            }

            iteration.Add(Expression.PreIncrementAssign(half));
            iteration.Add(Expression.IfThen(Expression.Equal(half, Expression.Constant(2)), Expression.Break(done)));
            body.Add(Expression.Loop(Expression.Block(iteration), done));
            return Expression.Call(width.Static.GetMethod(nameof(Vector512.Narrow), [doubles, doubles])!, first, second);
        }

        Expression? value = step switch
        {
            BinarySpanStep<T, T, T> { Name: "Add" } => Expression.Add(In(0), In(1)),
            BinarySpanStep<T, T, T> { Name: "Subtract" } => Expression.Subtract(In(0), In(1)),
            BinarySpanStep<T, T, T> { Name: "Multiply" } => Expression.Multiply(In(0), In(1)),
            // x / 2^k as x · 2^-k: the same correctly rounded value (the reciprocal is exact), a multiply instead of a divide
            // (1e6 float64, one thread, Zen 5: `sqrt(a/2 + b/8)` 1.18–1.19 → 0.58–0.59 ms at AVX2, 2.33–2.35 → 1.11 at 128
            // bits; `exp(-a*a/2)` 1.19–1.20 → 1.04–1.05 at AVX2, 3.03–3.04 → 2.49–2.50 at 128 bits).
            BinarySpanStep<T, T, T> { Name: "TrueDivide" } when floating && ExactReciprocal() is double reciprocal =>
                Expression.Multiply(In(0), Expression.Call(width.Static.GetMethod(nameof(Vector512.Create), [typeof(T)])!, Expression.Constant(typeof(T) == typeof(float) ? (object)(float)reciprocal : reciprocal, typeof(T)))),
            BinarySpanStep<T, T, T> { Name: "TrueDivide" } => Expression.Divide(In(0), In(1)),
            TernarySpanStep<T, T, T, T> { Name: "MultiplyAdd" } => Expression.Add(Expression.Multiply(In(0), In(1)), In(2)),
            // Conditions as lane masks (all bits set or clear), as Vector512's comparisons return them; NaN compares
            // unordered: false, except for !=.
            BinarySpanStep<T, T, bool> { Name: "Less" } => Call<T>(nameof(Vector512.LessThan), In(0), In(1)),
            BinarySpanStep<T, T, bool> { Name: "LessEqual" } => Call<T>(nameof(Vector512.LessThanOrEqual), In(0), In(1)),
            BinarySpanStep<T, T, bool> { Name: "Equal" } => Call<T>(nameof(Vector512.Equals), In(0), In(1)),
            BinarySpanStep<T, T, bool> { Name: "NotEqual" } => Expression.OnesComplement(Call<T>(nameof(Vector512.Equals), In(0), In(1))),
            BinarySpanStep<T, T, bool> { Name: "GreaterEqual" } => Call<T>(nameof(Vector512.GreaterThanOrEqual), In(0), In(1)),
            BinarySpanStep<T, T, bool> { Name: "Greater" } => Call<T>(nameof(Vector512.GreaterThan), In(0), In(1)),
            BinarySpanStep<bool, bool, bool> { Name: "And" } => Expression.And(In(0), In(1)),
            BinarySpanStep<bool, bool, bool> { Name: "Or" } => Expression.Or(In(0), In(1)),
            BinarySpanStep<bool, bool, bool> { Name: "Xor" } => Expression.ExclusiveOr(In(0), In(1)),
            UnarySpanStep<bool, bool> { Name: "Invert" } => Expression.OnesComplement(In(0)),
            TernarySpanStep<bool, T, T, T> { Name: "where" } => Call<T>(nameof(Vector512.ConditionalSelect), In(0), In(1), In(2)),
            UnarySpanStep<T, T> { Name: "Negate" } => Expression.Negate(In(0)),
            UnarySpanStep<T, T> { Name: "Sqrt" } => Call<T>(nameof(Vector512.Sqrt), In(0)),
            UnarySpanStep<T, T> { Name: "Abs" } => Call<T>(nameof(Vector512.Abs), In(0)),
            // Rounding to whole numbers: one instruction each (vrndscale/roundpd, frintm/p/z/n), round's ties to even.
            UnarySpanStep<T, T> { Name: "Floor" } when floating => Call<T>(nameof(Vector512.Floor), In(0)),
            UnarySpanStep<T, T> { Name: "Ceil" } when floating => Call<T>(nameof(Vector512.Ceiling), In(0)),
            UnarySpanStep<T, T> { Name: "Trunc" } when floating => Call<T>(nameof(Vector512.Truncate), In(0)),
            UnarySpanStep<T, T> { Name: "Round" } when floating => Call<T>(nameof(Vector512.Round), In(0)),
            UnarySpanStep<T, T> { Name: "Sign" } when floating => Sign(In(0)),
            // Classifications as conditions (`where(isnan(a), 0, a)`): NaN is the one value unequal to itself.
            UnarySpanStep<T, bool> { Name: "IsNaN" } when floating => Expression.OnesComplement(Call<T>(nameof(Vector512.Equals), In(0), In(0))),
            UnarySpanStep<T, bool> { Name: "IsInf" } when floating => Call<T>(nameof(Vector512.Equals), Call<T>(nameof(Vector512.Abs), In(0)), Splat(double.PositiveInfinity)),
            UnarySpanStep<T, bool> { Name: "IsFinite" } when floating => Call<T>(nameof(Vector512.LessThan), Call<T>(nameof(Vector512.Abs), In(0)), Splat(double.PositiveInfinity)),
            UnarySpanStep<T, bool> { Name: "SignBit" } when floating => SignBit(In(0)),
            // By lane type (a loop's steps are all of its lane type): AlignedUnaryStep<T> would need a constraint on T (see LaneConstant).
            AlignedUnaryStep<double> { Name: "Sin" } when typeof(T) == typeof(double) => MathCall(nameof(VectorMath.Sin), In(0)),
            AlignedUnaryStep<float> { Name: "Sin" } when typeof(T) == typeof(float) => MathCall(nameof(VectorMath.Sin), In(0)),
            AlignedUnaryStep<double> { Name: "Cos" } when typeof(T) == typeof(double) => MathCall(nameof(VectorMath.Cos), In(0)),
            AlignedUnaryStep<float> { Name: "Cos" } when typeof(T) == typeof(float) => MathCall(nameof(VectorMath.Cos), In(0)),
            AlignedUnaryStep<double> { Name: var name } when typeof(T) == typeof(double) && LaneFunctions.TryGetValue(name, out string? function) => LaneCall(function, In(0)),
            AlignedBinaryStep<double> { Name: "Power" } when typeof(T) == typeof(double) && severalPowers => LaneCall(nameof(VectorMath.PowCallingOut), In(0), In(1)),
            AlignedBinaryStep<double> { Name: var name } when typeof(T) == typeof(double) && LaneFunctions.TryGetValue(name, out string? function) => LaneCall(function, In(0), In(1)),
            // float32 in float32 lanes where we have the function, else on lanes widened to float64 with float32-sized
            // kernels and rounded back — as the interpreter computes them.
            AlignedUnaryStep<float> { Name: var name } when typeof(T) == typeof(float) && SingleLaneFunctions.TryGetValue(name, out string? function) => SingleLaneCall(function, In(0)),
            AlignedUnaryStep<float> { Name: var name } when typeof(T) == typeof(float) && WidenedSingleFunctions.TryGetValue(name, out string? function) => WidenedCall(function, In(0)),
            AlignedBinaryStep<float> { Name: var name } when typeof(T) == typeof(float) && WidenedSingleFunctions.TryGetValue(name, out string? function) => WidenedCall(function, In(0), In(1)),
            CopyStep<T> => In(0),
            UnarySpanStep<T, T> { Name: "Copy" or "Real" } when floating => In(0),
            UnarySpanStep<T, T> { Name: "Imag" } when floating => Splat(0),
            UnarySpanStep<T, T> { Name: "OnesLike" } when floating => Splat(1),
            // A condition as a number (`(a > 0.5) * 2.0`): the mask's all-ones lanes keep one's bits, the clear ones give 0.
            UnarySpanStep<bool, T> => Expression.And(In(0), Splat(1)),
            // The casts ConvertsInLoop admits, rounding as the interpreter's (to nearest; exact but for large int64).
            UnarySpanStep<long, double> { Name: "to Double" } => Expression.Call(width.Lanes.GetMethod(nameof(VectorWidth512.ToDouble), [width.Generic.MakeGenericType(typeof(long))])!, In(0)),
            UnarySpanStep<int, double> { Name: "to Double" } => width.Bytes == 64
                ? Expression.Call(typeof(Avx512F).GetMethod(nameof(Avx512F.ConvertToVector512Double), [typeof(Vector256<int>)])!, In(0))
                : width.Bytes == 32 ? Expression.Call(typeof(Avx).GetMethod(nameof(Avx.ConvertToVector256Double), [typeof(Vector128<int>)])!, In(0))
                : Expression.Call(typeof(FusedKernel).GetMethod(nameof(WidenToDouble128), BindingFlags.NonPublic | BindingFlags.Static)!, In(0)),
            UnarySpanStep<float, double> { Name: "to Double" } => width.Bytes == 64
                ? Expression.Call(typeof(Avx512F).GetMethod(nameof(Avx512F.ConvertToVector512Double), [typeof(Vector256<float>)])!, In(0))
                : width.Bytes == 32 ? Expression.Call(typeof(Avx).GetMethod(nameof(Avx.ConvertToVector256Double), [typeof(Vector128<float>)])!, In(0))
                : Expression.Call(typeof(Vector128).GetMethod(nameof(Vector128.WidenLower), [typeof(Vector128<float>)])!, In(0)),
            // int32 to int64 sign-extended (`k + i`): also with 256-bit vectors, where the widening is one instruction too.
            UnarySpanStep<int, long> => Expression.Call(typeof(FusedKernel).GetMethod(width.Bytes switch { 64 => nameof(WidenToInt64x512), 32 => nameof(WidenToInt64x256), _ => nameof(WidenToInt64x128) }, BindingFlags.NonPublic | BindingFlags.Static)!, In(0)),
            UnarySpanStep<int, float> { Name: "to Single" } => Expression.Call(width.Static.GetMethod(nameof(Vector512.ConvertToSingle), [width.Generic.MakeGenericType(typeof(int))])!, In(0)),
            // Integers wrap as NumPy's do; shifts by a constant count below the width (NumPy's larger counts run on the interpreter).
            BinarySpanStep<T, T, T> { Name: "And" } when integer => Expression.And(In(0), In(1)),
            BinarySpanStep<T, T, T> { Name: "Or" } when integer => Expression.Or(In(0), In(1)),
            BinarySpanStep<T, T, T> { Name: "Xor" } when integer => Expression.ExclusiveOr(In(0), In(1)),
            UnarySpanStep<T, T> { Name: "Invert" } when integer => Expression.OnesComplement(In(0)),
            // Floats as Math.Max and Math.Min decide (NaN if either is, +0 above −0), which .NET's vector Max and Min follow.
            BinarySpanStep<T, T, T> { Name: "Maximum" } => Call<T>(nameof(Vector512.Max), In(0), In(1)),
            BinarySpanStep<T, T, T> { Name: "Minimum" } => Call<T>(nameof(Vector512.Min), In(0), In(1)),
            BinarySpanStep<T, T, T> { Name: "CopySign" } when floating => Call<T>(nameof(Vector512.CopySign), In(0), In(1)),
            // NumPy's // and % and C's fmod: exact lanes, the rare special ones by the scalar functions (VectorMath.FloorQuotient);
            // by a constant, the quotient is estimated by multiplying with its reciprocal instead of dividing (the same bits).
            BinarySpanStep<T, T, T> { Name: ("FloorDivide" or "Remainder" or "Fmod") and var name } when floating && FloatDivisionLoops.Pays && ConstantReciprocal() is double reciprocal =>
                DivisionByReciprocal(reciprocal, name switch { "FloorDivide" => VectorMath.DivisionPart.FloorQuotient, "Remainder" => VectorMath.DivisionPart.FloorRemainder, _ => VectorMath.DivisionPart.CRemainder }),
            BinarySpanStep<T, T, T> { Name: ("FloorDivide" or "Remainder" or "Fmod") and var name } when floating && FloatDivisionLoops.Pays =>
                (typeof(T) == typeof(double) ? LaneCall : (Func<string, Expression[], Expression>)WidenedCall)(
                    name switch { "FloorDivide" => nameof(VectorMath.FloorQuotient), "Remainder" => nameof(VectorMath.FloorRemainder), _ => nameof(VectorMath.CRemainder) },
                    [In(0), In(1)]),
            BinarySpanStep<T, T, T> { Name: "LeftShift" } when integer && ShiftCount() is not null => Shift(nameof(Vector512.ShiftLeft)),
            BinarySpanStep<T, T, T> { Name: "RightShift" } when integer && ShiftCount() is not null => Shift(nameof(Vector512.ShiftRightArithmetic)),
            BinarySpanStep<T, T, T> { Name: "FloorDivide" or "Remainder" } when typeof(T) == typeof(long) => IntegerDivision(width, step, In(0), In(1), constants, locals, prologue, body),
            BinarySpanStep<T, T, T> { Name: ("FloorDivide" or "Remainder") and var name } when typeof(T) == typeof(int) => Expression.Call(
                typeof(Int32Lanes).GetMethod(width.Bytes switch { 64 => nameof(Int32Lanes.FloorDivision512), 32 => nameof(Int32Lanes.FloorDivision256), _ => nameof(Int32Lanes.FloorDivision128) })!,
                In(0),
                In(1),
                Expression.Constant(name == "FloorDivide")),
            _ => null,
        };

        (int Sine, int Cosine)? pair = step switch
        {
            SinCosStep<double> both when typeof(T) == typeof(double) => (both.Output, both.Cosine),
            SinCosStep<float> both when typeof(T) == typeof(float) => (both.Output, both.Cosine),
            _ => null,
        };
        if (pair is var (sine, cosine))
        {
            var both = Expression.Variable(typeof(ValueTuple<,>).MakeGenericType(vectorType, vectorType), "sincos" + sine);
            locals.Add(both);
            body.Add(Expression.Assign(both, MathCall(nameof(VectorMath.SinCos), In(0))));
            registers[sine] = Expression.Field(both, "Item1");
            registers[cosine] = Expression.Field(both, "Item2");
            return both;
        }

        if (value is null)
        {
            return null;
        }

        var local = Expression.Variable(vectorType, "r" + step.Output);
        locals.Add(local);
        body.Add(Expression.Assign(local, value));
        registers[step.Output] = local;
        return local;
    }

    /// <summary>
    /// NumPy's int64 // or % of two vectors (<see cref="IntegerLanes"/>): by multiplying where the divisor is a constant
    /// of the expression (its <see cref="ConstantDivisor"/> computed once, in the loop's prologue), through double
    /// otherwise — there only with 256- or 512-bit vectors (<see cref="IntegerDivisionLoops.Pays"/>), and once for a //
    /// and a % of the same two registers (<c>i // j + i % j</c>: one division through double, not two); null elsewhere.
    /// </summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static Expression? IntegerDivision(VectorWidth width, KernelStep step, Expression dividend, Expression divisor, Dictionary<int, Scalar> constants, List<ParameterExpression> locals, List<Expression> prologue, List<Expression> body)
    {
        bool quotient = step is BinarySpanStep<long, long, long> { Name: "FloorDivide" };
        var typeArguments = new[] { width.Lanes, width.Generic.MakeGenericType(typeof(double)), width.Generic.MakeGenericType(typeof(long)) };
        bool isConstant = constants.TryGetValue(step.Inputs[1], out var constant);
        if (isConstant && constant.Integer is 0 or -1)
        {
            // NumPy: x // 0 and x % 0 are 0, x // -1 is -x (wrapping), x % -1 is 0.
            return quotient && constant.Integer == -1 ? Expression.Negate(dividend) : Expression.Default(dividend.Type);
        }

        if (isConstant && constant.Integer > 1 && long.IsPow2(constant.Integer))
        {
            // NumPy's // and % round toward −∞, so by a positive power of two they are an arithmetic shift and a mask
            // whatever the dividend's sign: none of the bias C#'s truncating division needs, and little to compile
            // (`where(i % 2 == 0, a, -a)`'s loop took 3.6 ms to JIT-compile through ConstantDivisor).
            var vector = width.Generic.MakeGenericType(typeof(long));
            return quotient
                ? Expression.Call(width.Static.GetMethod(nameof(Vector512.ShiftRightArithmetic), [vector, typeof(int)])!, dividend, Expression.Constant(BitOperations.Log2((ulong)constant.Integer)))
                : Expression.And(dividend, Expression.Call(width.Static.GetMethod(nameof(Vector512.Create), [typeof(long)])!, Expression.Constant(constant.Integer - 1)));
        }

        if (isConstant && Math.Abs(constant.Integer) < ConstantDivisor.Limit)
        {
            var magic = Expression.Variable(typeof(ConstantDivisor), "divisor" + step.Output);
            locals.Add(magic);
            // Built from its fields as constants in the code rather than read from the closure: the JIT then sees the
            // divisor and keeps only its case (power of two, small dividends or not) — `i % 7` on 4e6 int64, one thread,
            // 2.5-3.1 -> 1.8-2.0 ms at AVX2 and 4.8 -> 2.8-3.1 at 128 bits, and less code to compile.
            var (value, reciprocal, multiplier, shift) = ConstantDivisor.Of(constant.Integer);
            prologue.Add(Expression.Assign(magic, Expression.New(
                typeof(ConstantDivisor).GetConstructor([typeof(long), typeof(double), typeof(uint), typeof(int)])!,
                Expression.Constant(value), Expression.Constant(reciprocal), Expression.Constant(multiplier), Expression.Constant(shift))));
            var byConstant = typeof(IntegerLanes).GetMethod(quotient ? nameof(IntegerLanes.FloorDivideByConstant) : nameof(IntegerLanes.FloorRemainderByConstant))!;
            return Expression.Call(byConstant.MakeGenericMethod(typeArguments), dividend, magic);
        }

        if (!IntegerDivisionLoops.Pays)
        {
            return null;
        }

        string name = $"division{step.Inputs[0]}by{step.Inputs[1]}";
        var both = locals.FirstOrDefault(local => local.Name == name);
        if (both is null)
        {
            var general = typeof(IntegerLanes).GetMethod(nameof(IntegerLanes.FloorDivideWithRemainder))!.MakeGenericMethod(typeArguments);
            both = Expression.Variable(general.ReturnType, name);
            locals.Add(both);
            body.Add(Expression.Assign(both, Expression.Call(general, dividend, divisor)));
        }

        return Expression.Field(both, quotient ? "Item1" : "Item2");
    }

    /// <summary>
    /// A vector load without a bounds check: per vector and operand, checked loads cost more instructions than the
    /// arithmetic they feed. The caller checks once per call that every operand holds offset + count elements.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> LoadUnchecked512<T>(T[] array, int index) =>
        Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)index);

    /// <summary>
    /// 64 bits loaded into the low half of a 128-bit vector, without a bounds check (see <see cref="LoadUnchecked512{T}"/>):
    /// the int32 or float32 lanes a 128-bit float64 loop converts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> LoadUnchecked64<T>(T[] array, int index)
        where T : struct =>
        Vector128.CreateScalar(Unsafe.ReadUnaligned<long>(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)index)))).As<long, T>();

    /// <summary>A 256-bit load without a bounds check (see <see cref="LoadUnchecked512{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> LoadUnchecked256<T>(T[] array, int index) =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)index);

    /// <summary>A 128-bit load without a bounds check (see <see cref="LoadUnchecked512{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> LoadUnchecked128<T>(T[] array, int index) =>
        Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)index);

    /// <summary>
    /// array[index], array[index + stride], … as one vector of 8- or 4-byte lanes (an input such as <c>a[::2]</c>,
    /// <c>a[::3]</c> or <c>a[::-1]</c>, read in place), without a bounds check: the caller checks that every element read
    /// exists, at a stride of 2 up to array[index + 2·lanes − 1]. The stride is a constant where the loop inlines this. A
    /// stride of −1 loads the vector ending at the element and reverses it; 8-byte lanes at a stride of 2 load whole
    /// vectors and shuffle (<see cref="Execution.StridedGather.Load512"/>); others load element by element:
    /// `s3*2 + 1` on 1e7 float64 at stride 3, 2 threads, took 4.7–5.4 ms with four loads per 256 bits, 6.0–6.9 with three
    /// 512-bit loads and two two-source permutes, 16 with AVX2's gather instruction (Zen 5), 8.7–9.3 gathered into blocks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> LoadStrided512<T>(T[] array, int index, int stride)
    {
        if (Unsafe.SizeOf<T>() == sizeof(float))
        {
            ref float single = ref ElementAs<T, float>(array, index);
            return (stride == -1 ? Vector512.Shuffle(Vector512.LoadUnsafe(ref Unsafe.Subtract(ref single, 15)), Vector512.Create(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0))
                : Vector512.Create(StridedSingles256(ref single, stride), StridedSingles256(ref Unsafe.Add(ref single, 8 * stride), stride))).As<float, T>();
        }

        ref double first = ref ElementAs<T, double>(array, index);
        return stride == 2 ? Execution.StridedGather.Load512(ref first).As<double, T>()
            : stride == -1 ? Vector512.Shuffle(Vector512.LoadUnsafe(ref Unsafe.Subtract(ref first, 7)), Vector512.Create(7L, 6, 5, 4, 3, 2, 1, 0)).As<double, T>()
            : Vector512.Create(StridedElements256(ref first, stride), StridedElements256(ref Unsafe.Add(ref first, 4 * stride), stride)).As<double, T>();
    }

    /// <summary>Elements at a stride as a 256-bit vector (see <see cref="LoadStrided512{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> LoadStrided256<T>(T[] array, int index, int stride)
    {
        if (Unsafe.SizeOf<T>() == sizeof(float))
        {
            ref float single = ref ElementAs<T, float>(array, index);
            return (stride == -1 ? Vector256.Shuffle(Vector256.LoadUnsafe(ref Unsafe.Subtract(ref single, 7)), Vector256.Create(7, 6, 5, 4, 3, 2, 1, 0))
                : StridedSingles256(ref single, stride)).As<float, T>();
        }

        ref double first = ref ElementAs<T, double>(array, index);
        return (stride == 2 ? Execution.StridedGather.Load256(ref first)
            : stride == -1 ? Vector256.Shuffle(Vector256.LoadUnsafe(ref Unsafe.Subtract(ref first, 3)), Vector256.Create(3L, 2, 1, 0))
            : StridedElements256(ref first, stride)).As<double, T>();
    }

    /// <summary>Elements at a stride as a 128-bit vector (see <see cref="LoadStrided512{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> LoadStrided128<T>(T[] array, int index, int stride)
    {
        if (Unsafe.SizeOf<T>() == sizeof(float))
        {
            ref float single = ref ElementAs<T, float>(array, index);
            return (stride == -1 ? Vector128.Shuffle(Vector128.LoadUnsafe(ref Unsafe.Subtract(ref single, 3)), Vector128.Create(3, 2, 1, 0))
                : StridedSingles128(ref single, stride)).As<float, T>();
        }

        ref double first = ref ElementAs<T, double>(array, index);
        return (stride == 2 ? Execution.StridedGather.Load128(ref first)
            : stride == -1 ? Vector128.Shuffle(Vector128.LoadUnsafe(ref Unsafe.Subtract(ref first, 1)), Vector128.Create(1L, 0))
            : Vector128.Create(first, Unsafe.Add(ref first, stride))).As<double, T>();
    }

    /// <summary>Two 4-byte elements at a stride in the low half of a 128-bit vector (see <see cref="LoadUnchecked64{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> LoadStrided64<T>(T[] array, int index, int stride)
    {
        ref float single = ref ElementAs<T, float>(array, index);
        return Vector128.Create(single, Unsafe.Add(ref single, stride), 0, 0).As<float, T>();
    }

    /// <summary>array[index], without a bounds check, as a lane of <typeparamref name="TLane"/> of the same size.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref TLane ElementAs<T, TLane>(T[] array, int index) =>
        ref Unsafe.As<T, TLane>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> StridedElements256(ref double first, int stride) =>
        Vector256.Create(first, Unsafe.Add(ref first, stride), Unsafe.Add(ref first, 2 * stride), Unsafe.Add(ref first, 3 * stride));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> StridedSingles256(ref float first, int stride) =>
        Vector256.Create(StridedSingles128(ref first, stride), StridedSingles128(ref Unsafe.Add(ref first, 4 * stride), stride));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> StridedSingles128(ref float first, int stride) =>
        Vector128.Create(first, Unsafe.Add(ref first, stride), Unsafe.Add(ref first, 2 * stride), Unsafe.Add(ref first, 3 * stride));

    /// <summary>A vector store without a bounds check (see <see cref="LoadUnchecked512{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreUnchecked512<T>(Vector512<T> value, T[] array, int index) =>
        value.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)index);

    /// <summary>A 256-bit store without a bounds check (see <see cref="LoadUnchecked512{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreUnchecked256<T>(Vector256<T> value, T[] array, int index) =>
        value.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)index);

    /// <summary>A 128-bit store without a bounds check (see <see cref="LoadUnchecked512{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreUnchecked128<T>(Vector128<T> value, T[] array, int index) =>
        value.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)index);

    /// <summary>A lane mask (all bits set or clear) stored as one bool per lane, without a bounds check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreMask512<T>(Vector512<T> mask, bool[] array, int index) =>
        StoreMaskBits(mask.ExtractMostSignificantBits(), Vector512<T>.Count, array, index);

    /// <summary>A 256-bit lane mask stored as bools (see <see cref="StoreMask512{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreMask256<T>(Vector256<T> mask, bool[] array, int index) =>
        StoreMaskBits(mask.ExtractMostSignificantBits(), Vector256<T>.Count, array, index);

    /// <summary>A 128-bit lane mask stored as bools (see <see cref="StoreMask512{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreMask128<T>(Vector128<T> mask, bool[] array, int index) =>
        StoreMaskBits(mask.ExtractMostSignificantBits(), Vector128<T>.Count, array, index);

    /// <summary>
    /// One byte (0 or 1) per bit of <paramref name="bits"/>, eight at a time from <see cref="BitBytes"/>; the lane count
    /// is a constant to the JIT, so one of the three stores remains.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreMaskBits(ulong bits, int lanes, bool[] array, int index)
    {
        ref byte destination = ref BoolBytes(array, index);
        ref ulong spread = ref MemoryMarshal.GetArrayDataReference(BitBytes);
        if (lanes == 2)
        {
            Unsafe.WriteUnaligned(ref destination, (ushort)Unsafe.Add(ref spread, (nint)(bits & 3)));
        }
        else if (lanes == 4)
        {
            Unsafe.WriteUnaligned(ref destination, (uint)Unsafe.Add(ref spread, (nint)(bits & 15)));
        }
        else
        {
            for (int k = 0; k < lanes; k += 8)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, k), Unsafe.Add(ref spread, (nint)((bits >> k) & 255)));
            }
        }
    }

    /// <summary>For each byte b, the eight bytes (b >> k) &amp; 1, k = 0..7, as one little-endian ulong.</summary>
    private static readonly ulong[] BitBytes = SpreadBits();

    private static ulong[] SpreadBits()
    {
        var spread = new ulong[256];
        for (int b = 0; b < spread.Length; b++)
        {
            for (int k = 0; k < 8; k++)
            {
                spread[b] |= (ulong)((b >> k) & 1) << (8 * k);
            }
        }

        return spread;
    }

    /// <summary><see cref="Unsafe.As{T}(object)"/>: a reference as another type, without a check.</summary>
    private static readonly MethodInfo UncheckedCast = typeof(Unsafe).GetMethods().Single(method => method.Name == nameof(Unsafe.As) && method.GetGenericArguments().Length == 1);

    /// <summary>LoadUnchecked, StoreUnchecked or StoreStreaming for a vector of <paramref name="bytes"/> bytes of <paramref name="element"/>.</summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static MethodInfo UncheckedMemoryMethod(string name, int bytes, Type element) =>
        element == typeof(System.Numerics.Complex) ? AtWidth(name + "Complex", bytes) : AtWidth(name, bytes).MakeGenericMethod(element);

    /// <summary>This class's method <paramref name="name"/>512, 256 or 128: its form for vectors of <paramref name="bytes"/> bytes.</summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static MethodInfo AtWidth(string name, int bytes) =>
        typeof(FusedKernel).GetMethod(name + (bytes * 8).ToString(System.Globalization.CultureInfo.InvariantCulture), BindingFlags.NonPublic | BindingFlags.Static)!;

    private const int CacheLineBytes = 64;

    private static readonly MethodInfo PrefetchAheadMethod = typeof(Execution.CachePrefetch).GetMethod(nameof(Execution.CachePrefetch.Ahead), BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>
    /// Whether x64 has an aligned non-temporal store of this many bytes (AVX-512F, AVX, SSE2). ARM64's only non-temporal
    /// store writes a pair of registers: there the fused loop stores as usual.
    /// </summary>
    private static bool NonTemporalStores(int bytes) => bytes switch
    {
        64 => Avx512F.IsSupported,
        32 => Avx.IsSupported,
        16 => Sse2.IsSupported,
        _ => false,
    };

    /// <summary>
    /// A non-temporal vector store without a bounds check. The caller has pinned the array (a moving array could land
    /// off the vector-size boundary the instruction requires) and made <paramref name="index"/>'s address a multiple of
    /// the vector's bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreStreaming512<T>(Vector512<T> value, T[] array, int index)
        where T : unmanaged =>
        Avx512F.StoreAlignedNonTemporal((byte*)Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)index)), value.AsByte());

    /// <summary>A 256-bit non-temporal store (see <see cref="StoreStreaming512{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreStreaming256<T>(Vector256<T> value, T[] array, int index)
        where T : unmanaged =>
        Avx.StoreAlignedNonTemporal((byte*)Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)index)), value.AsByte());

    /// <summary>A 128-bit non-temporal store (see <see cref="StoreStreaming512{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreStreaming128<T>(Vector128<T> value, T[] array, int index)
        where T : unmanaged =>
        Sse2.StoreAlignedNonTemporal((byte*)Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)index)), value.AsByte());

    /// <summary>The steps (by name) that our float64 lane functions (<see cref="VectorMath"/>, written over the width) compute.</summary>
    private static readonly Dictionary<string, string> LaneFunctions = new()
    {
        ["Exp"] = nameof(VectorMath.Exp),
        ["Log"] = nameof(VectorMath.Log),
        ["Tan"] = nameof(VectorMath.Tan),
        ["Tanh"] = nameof(VectorMath.Tanh),
        ["ArcSin"] = nameof(VectorMath.Asin),
        ["ArcCos"] = nameof(VectorMath.Acos),
        ["ArcTan"] = nameof(VectorMath.Atan),
        ["ArcTan2"] = nameof(VectorMath.Atan2),
        ["Hypot"] = nameof(VectorMath.Hypot),
        ["Power"] = nameof(VectorMath.Pow),
        ["Log2"] = nameof(VectorMath.Log2),
        ["Log10"] = nameof(VectorMath.Log10),
        ["Log1p"] = nameof(VectorMath.Log1p),
        ["Expm1"] = nameof(VectorMath.Expm1),
        ["Sinh"] = nameof(VectorMath.Sinh),
        ["Cosh"] = nameof(VectorMath.Cosh),
        ["ArcSinh"] = nameof(VectorMath.Asinh),
        ["ArcCosh"] = nameof(VectorMath.Acosh),
        ["ArcTanh"] = nameof(VectorMath.Atanh),
    };

    /// <summary>The float32 steps computed in float32 lanes: the step's name → VectorMath's lane function.</summary>
    private static readonly Dictionary<string, string> SingleLaneFunctions = new()
    {
        ["Exp"] = nameof(VectorMath.ExpSingle),
        ["Log"] = nameof(VectorMath.LogSingle),
        ["Expm1"] = nameof(VectorMath.Expm1Single),
        ["Log1p"] = nameof(VectorMath.Log1pSingle),
        ["Log2"] = nameof(VectorMath.Log2Single),
    };

    /// <summary>
    /// The other float32 functions, computed on lanes widened to float64 to float32's accuracy (VectorMath's
    /// NameForSingle&lt;W, TDouble, TLong&gt;), as the interpreter computes them.
    /// </summary>
    private static readonly Dictionary<string, string> WidenedSingleFunctions = new()
    {
        ["Tan"] = nameof(VectorMath.TanForSingle),
        ["Tanh"] = nameof(VectorMath.TanhForSingle),
        ["ArcSin"] = nameof(VectorMath.AsinForSingle),
        ["ArcCos"] = nameof(VectorMath.AcosForSingle),
        ["ArcTan"] = nameof(VectorMath.AtanForSingle),
        ["ArcTan2"] = nameof(VectorMath.Atan2ForSingle),
        ["Hypot"] = nameof(VectorMath.HypotForSingle),
        ["Power"] = nameof(VectorMath.PowForSingle),
        ["Log10"] = nameof(VectorMath.Log10ForSingle),
        ["Sinh"] = nameof(VectorMath.SinhForSingle),
        ["Cosh"] = nameof(VectorMath.CoshForSingle),
        ["ArcSinh"] = nameof(VectorMath.AsinhForSingle),
        ["ArcCosh"] = nameof(VectorMath.AcoshForSingle),
        ["ArcTanh"] = nameof(VectorMath.AtanhForSingle),
    };

    /// <summary>
    /// A vector width of the fused loop: its static class (Vector512), its generic type (Vector512&lt;T&gt;), its bytes, and
    /// its float64 and float32 lane operations (<see cref="VectorWidth512"/>, <see cref="SingleLanes512"/>).
    /// </summary>
    private sealed record VectorWidth(Type Static, Type Generic, int Bytes, Type Lanes, Type SingleLanes)
    {
        /// <summary>A call of the static class's <paramref name="name"/> on vectors of <paramref name="element"/>.</summary>
        [RequiresDynamicCode(WhyDynamic)]
        [RequiresUnreferencedCode(WhyDynamic)]
        public MethodCallExpression Call(Type element, string name, params Expression[] arguments)
        {
            var vector = Generic.MakeGenericType(element);
            var method = Static.GetMethod(name, arguments.Select(_ => vector).ToArray())
                ?? Static.GetMethods().Single(m => m.Name == name && m.IsGenericMethodDefinition && m.GetParameters().Length == arguments.Length).MakeGenericMethod(element);
            return Expression.Call(method, arguments);
        }
    }
}
