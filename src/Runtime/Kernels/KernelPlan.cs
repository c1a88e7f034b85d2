using SlowSeries.Arrays;
using SlowSeries.Language.Binding;
using SlowSeries.Language.Operators;

namespace SlowSeries.Kernels;

/// <summary>
/// A bound expression lowered to a straight-line program over typed block registers: the shared plan the run-time
/// back-end executes (and the source back-end will render). Each input variable has a register loaded per block;
/// constants are registers filled when a frame borrows their block; every step writes one register; the root register holds the result.
/// </summary>
internal sealed class KernelPlan
{
    /// <summary>
    /// Idle frames, one slot per core: renting and returning swap a slot with Interlocked and allocate nothing. (A
    /// ConcurrentBag here cost every new expression a finalizable ThreadLocal, which the GC must promote and finalize.)
    /// A frame returned when every slot is taken is left to the GC.
    /// </summary>
    private readonly KernelFrame?[] frames = new KernelFrame?[Math.Max(2, Environment.ProcessorCount)];

    public KernelPlan()
    {
        Fused = new Lazy<Delegate?>(() => Timed(() => FusedKernel.TryCompile(this, streaming: false)));
        FusedStreaming = new Lazy<Delegate?>(() => Timed(() => FusedKernel.TryCompile(this, streaming: true)));
        FusedStreamingHalfAligned = new Lazy<Delegate?>(() => Timed(() => FusedKernel.TryCompile(this, streaming: true, halfAligned: true)));
        FusedAccumulating = new Lazy<Delegate?>(() => Timed(() => FusedKernel.TryCompileAccumulating(this)));
    }

    /// <summary>A whole reduction's loop that folds its operand in registers (see <see cref="FusedKernel.TryCompileAccumulating"/>).</summary>
    public Lazy<Delegate?> FusedAccumulating { get; }

    /// <summary>The steps as one JIT-compiled vector loop, where the plan qualifies (compiled on first large use).</summary>
    public Lazy<Delegate?> Fused { get; }

    /// <summary>The same loop with non-temporal stores, for outputs far larger than the caches (see <see cref="FusedKernel"/>).</summary>
    public Lazy<Delegate?> FusedStreaming { get; }

    /// <summary>The streaming loop for complex128 results whose numbers straddle vector boundaries (see <see cref="FusedKernel.TryCompile"/>'s halfAligned).</summary>
    public Lazy<Delegate?> FusedStreamingHalfAligned { get; }

    /// <summary>
    /// The fused loop with the inputs of <paramref name="strided"/> read in place at their stride through their arrays
    /// (views such as <c>a[::2]</c> or <c>a[::3]</c>), its results stored as usual or, with
    /// <paramref name="streaming"/>, by non-temporal writes; compiled on first use, one per set of such inputs.
    /// </summary>
    /// <remarks>
    /// With <paramref name="perRow"/> and <paramref name="periodic"/> (bit k: input k), those inputs are read as one
    /// element per row (x of shape (R, 1) against (R, C)) and at their position in the row (y of shape (C,)) instead,
    /// inputs of one row length sharing that position (<paramref name="rowGroups"/>; see <see cref="FusedKernel.TryCompile"/>);
    /// with <paramref name="segmented"/>, those inputs' rows are read where they lie in their arrays (<c>m[:, :50]</c>).
    /// </remarks>
    public Delegate? FusedInPlace(StridedInputs strided, bool streaming = false, ulong perRow = 0, ulong periodic = 0, IReadOnlyList<int>? rowGroups = null, ulong segmented = 0) =>
        Loop(strided, streaming, perRow, periodic, rowGroups, segmented).Value;

    /// <summary>
    /// Starts compiling <see cref="FusedInPlace"/>'s loop for these arguments on the thread pool, unless it is compiled
    /// or compiling: for a loop an evaluation will need after the one it is compiling now.
    /// </summary>
    public void StartCompiling(StridedInputs strided, bool streaming, ulong perRow = 0, ulong periodic = 0, IReadOnlyList<int>? rowGroups = null, ulong segmented = 0)
    {
        var loop = Loop(strided, streaming, perRow, periodic, rowGroups, segmented);
        if (!loop.IsValueCreated)
        {
            _ = Task.Run(() => loop.Value);
        }
    }

    private Lazy<Delegate?> Loop(StridedInputs strided, bool streaming, ulong perRow, ulong periodic, IReadOnlyList<int>? rowGroups, ulong segmented) =>
        !strided.Any && (perRow | periodic | segmented) == 0 ? (streaming ? FusedStreaming : Fused)
        : inPlaceLoops.GetOrAdd((strided, perRow, periodic, segmented, string.Join(',', rowGroups ?? []), streaming), _ => new Lazy<Delegate?>(() => Timed(() => FusedKernel.TryCompile(this, streaming, strided, perRow: perRow, periodic: periodic, rowGroups: rowGroups, segmented: segmented))));

    /// <summary>
    /// The fused loop if it is ready or can be compiled at once; null (the block interpreter runs) while the process's
    /// first fused loop is compiling in the background.
    /// </summary>
    /// <remarks>
    /// The first loop a process compiles costs 45 ms on this machine (.NET compiling System.Linq.Expressions' compiler,
    /// reflection over the vector types), later ones 1-4 ms. So, until one loop has been compiled, evaluations run on the
    /// interpreter (the same bits as the fused loop) while the loop the first one asked for compiles on the thread pool,
    /// from that request on; later plans compile theirs on first use, as waiting 1-4 ms costs less than interpreting.
    /// Zen 5, fresh processes (ReadyToRun image), `2*a + 3*b` on 1e7 with the result reused, medians of 8 processes
    /// each, alternating: compiled once the first evaluation was done, evaluations 1-5 took 132, 20, 15, 18, 16 ms (the
    /// loop ran from the 6th-7th; 4.3 steady); compiled from the first evaluation's request, with
    /// <see cref="CompileFirst"/>'s preparation, 149, 16, 7.9, 5.1, 4.6 — the first evaluation shares its cores with the
    /// compile, the next ones run the loop.
    /// </remarks>
    public Delegate? FusedOrCompiling() => OrCompiling(Fused);

    /// <summary>The loop of <see cref="FusedAccumulating"/> if it is ready or can be compiled at once (see <see cref="FusedOrCompiling"/>).</summary>
    public Delegate? AccumulatingOrCompiling() => OrCompiling(FusedAccumulating);

    private Delegate? OrCompiling(Lazy<Delegate?> loop)
    {
        if (loop.IsValueCreated || FusedKernel.HasCompiled)
        {
            return loop.Value;
        }

        if (Interlocked.Exchange(ref compileStarted, 1) == 0)
        {
            _ = Task.Run(() => CompileFirst(loop));
        }

        return null;
    }

    /// <summary>
    /// Compiles the process's first loop and what its first fused run needs besides, so that run waits for none of it: the
    /// loop's streaming form (taken for large results) and the executor's methods that call loops, which .NET compiles,
    /// fully optimised as they ask, on their first call (in the measurement of <see cref="FusedOrCompiling"/>, evaluations
    /// 3-5 took 14, 4.5, 4.4 ms without this preparation).
    /// </summary>
    private void CompileFirst(Lazy<Delegate?> loop)
    {
        if (loop.Value is not { } compiled)
        {
            return;
        }

        if (ReferenceEquals(loop, Fused))
        {
            _ = FusedStreaming.Value;
        }

        Execution.KernelExecutor.PrepareFusedRun(compiled);
    }

    /// <summary>1 once this plan has started compiling the process's first loop (<see cref="OrCompiling"/>).</summary>
    private int compileStarted;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(StridedInputs Strided, ulong PerRow, ulong Periodic, ulong Segmented, string RowGroups, bool Streaming), Lazy<Delegate?>> inPlaceLoops = new();

    /// <summary>The expressions computed together, one per root (several for group evaluation).</summary>
    public required IReadOnlyList<BoundExpression> Expressions { get; init; }

    /// <summary>The dtype of each register.</summary>
    public required IReadOnlyList<DType> Registers { get; init; }

    /// <summary>Input names (variables, then hoisted subexpressions) and the register each is loaded into.</summary>
    public required IReadOnlyList<(string Name, int Register)> Inputs { get; init; }

    /// <summary>
    /// Subexpressions whose shape is smaller than the iteration space (sin(lat) of a (nlat, 1, 1) input): evaluated
    /// once, on their own shape, before the main loop, then read as broadcast inputs under their synthetic name.
    /// </summary>
    public required IReadOnlyList<(string Name, KernelPlan Plan)> Hoisted { get; init; }

    /// <summary>
    /// The inputs (bit k: input k) that are one element broadcast over the iteration space (a scalar variable, an array of
    /// shape (1,), a hoisted part of size one): the fused loop broadcasts each into a vector register once per call rather
    /// than reading a block filled with copies of it (`twoPi` in sin²+cos²: 12% of the loop's time on one thread).
    /// </summary>
    public ulong UniformInputs { get; init; }

    /// <summary>Whether input <paramref name="input"/> is one element broadcast (see <see cref="UniformInputs"/>).</summary>
    public bool IsUniform(int input) => input < 64 && ((UniformInputs >> input) & 1) != 0;

    public required IReadOnlyList<(int Register, Scalar Value)> Constants { get; init; }

    public required IReadOnlyList<KernelStep> Steps
    {
        get => StepArray;
        init => StepArray = value.ToArray();
    }

    public KernelStep[] StepArray { get; private init; } = [];

    /// <summary>The register of each expression's result.</summary>
    public required IReadOnlyList<int> Roots { get; init; }

    /// <summary>The shape iterated over: the result's, or a full reduction's operand.</summary>
    public required Shape IterationShape { get; init; }

    /// <summary>For a full reduction at the root: the reduction; null for element-wise expressions.</summary>
    public required Operation? Reduction { get; init; }

    /// <summary>The axis of <see cref="Reduction"/>, or null when it reduces all elements.</summary>
    public int? ReductionAxis { get; init; }

    public required int BlockSize { get; init; }

    /// <summary>
    /// The elements per block an engine runs: the fused loop uses the whole buffers, the interpreter's steps (each a
    /// pass over their operands) at most <see cref="KernelCompiler.InterpreterBlockSize"/>, to stay in the L1 cache.
    /// </summary>
    public int BlockFor(bool fused) => fused ? BlockSize : Math.Min(BlockSize, KernelCompiler.InterpreterBlockSize);

    /// <summary>The buffer each register uses; temporaries that are never live at the same time share one.</summary>
    public required IReadOnlyList<int> Slots { get; init; }

    /// <summary>The subexpression each register holds, as canonical text (for explanations; not every register has one).</summary>
    public IReadOnlyDictionary<int, string> Sources { get; init; } = new Dictionary<int, string>();

    public int Rank => IterationShape.Rank;

    public bool CanFail => Steps.Any(s => s.CanFail);

    public KernelFrame RentFrame()
    {
        for (int k = 0; k < frames.Length; k++)
        {
            if (Volatile.Read(ref frames[k]) is not null && Interlocked.Exchange(ref frames[k], null) is { } frame)
            {
                return frame;
            }
        }

        return new KernelFrame(this);
    }

    public void ReturnFrame(KernelFrame frame)
    {
        frame.ReturnBuffers();
        for (int k = 0; k < frames.Length; k++)
        {
            if (Volatile.Read(ref frames[k]) is null && Interlocked.CompareExchange(ref frames[k], frame, null) is null)
            {
                return;
            }
        }
    }

    public string Describe() => string.Join("\n", Hoisted.Select(h => $"{h.Name} = hoisted:\n  " + h.Plan.Describe().Replace("\n", "\n  ", StringComparison.Ordinal))
        .Concat(Inputs.Select(i => $"r{i.Register} = load {i.Name}"))
        .Concat(Steps.Select(s => s.Describe())));

    private static Delegate? Timed(Func<Delegate?> compile)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        var loop = compile();
        Evaluation.Telemetry.RecordCompileTime(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return loop;
    }
}
