using System.Globalization;
using System.Text;
using SlowSeries.Arrays;
using SlowSeries.Execution;
using SlowSeries.Kernels;
using SlowSeries.Language.Binding;

namespace SlowSeries.Evaluation;

/// <summary>
/// What an evaluation will do, in the words a user tuning for speed needs (NumExpr's <c>disassemble</c>, Numba's
/// parallel diagnostics): the inputs, the engine that runs each part and why, the steps with their dtypes, shared and
/// hoisted subexpressions, and the bytes moved per element.
/// </summary>
internal static class PlanExplainer
{
    public static string Explain(IReadOnlyList<CompiledExpression> expressions, IReadOnlyDictionary<string, NDArray> inputs, int threads)
    {
        // As the evaluation does: arrays laid out with permuted axes are walked in their memory order (MemoryOrder).
        var order = MemoryOrder.Find(inputs, null, expressions.SelectMany(e => e.VariableNames));
        var text = new StringBuilder();
        if (order is not null)
        {
            foreach (var expression in KernelCache.Get(expressions, inputs, null).Bound)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"expression: {expression.Text} -> {expression.Type.Name()} {expression.Shape}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"memory order: the arrays' axes walked as ({string.Join(", ", order.Axes)}), the order of their strides, which makes them contiguous; below, the plan on those views (results laid out as the inputs are)");
            inputs = order.Permute(inputs);
        }

        var (bound, plan) = KernelCache.Get(expressions, inputs, null, order?.Axes);
        foreach (var expression in order is null ? bound : [])
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"expression: {expression.Text} -> {expression.Type.Name()} {expression.Shape}");
        }

        var inPlace = plan is null ? default : KernelExecutor.InPlaceStrided(plan, inputs);
        var (perRow, periodic, segmented) = plan is null ? (0UL, 0UL, 0UL) : KernelExecutor.InPlaceByRow(plan, inputs);
        foreach (var variable in bound.SelectMany(b => b.Variables).DistinctBy(v => v.Name))
        {
            var input = inputs[variable.Name];
            int k = plan is null ? -1 : plan.Inputs.ToList().FindIndex(i => i.Name == variable.Name);
            bool Reads(ulong mask) => k is >= 0 and < 64 && ((mask >> k) & 1) != 0;
            string? byRow = Reads(perRow) ? ", broadcast along rows: one element per row read in place, broadcast to the row's lanes"
                : Reads(periodic) ? ", repeated along rows: read from a tile of its row repeated, at the position in the row"
                : Reads(segmented) ? ", rows read in place where they lie in its array, at the position in the row"
                : null;
            string read = byRow ?? (k >= 0 && inPlace.Contains(k) ? (inPlace.Stride == 2 ? ", read in place as every other element of its array" : $", read in place at a stride of {inPlace.Stride} elements through its array") : plan is null ? string.Empty : ", gathered into blocks");
            string layout = input.Rank == 0 ? "scalar" : input.IsContiguous ? "contiguous" + byRow : $"strided {Format(input.Strides)}{read}";
            text.AppendLine(CultureInfo.InvariantCulture, $"input: {variable.Name} {input.DType.Name()} {input.Shape} {layout}");
        }

        if (plan is null)
        {
            text.AppendLine("engine: reference evaluator, element by element on " + Threads(threads) + " (the kernel compiler does not cover this expression: "
                + (bound.Count > 1 ? "a group with a reduction, or of different shapes" : "a reduction of non-numeric values, or of complex values along an axis") + ")");
            return text.ToString();
        }

        Describe(plan, inputs, threads, text, indent: string.Empty, readsRows: (perRow | periodic | segmented) != 0);
        return text.ToString();
    }

    /// <summary>
    /// Times each phase of a first evaluation, bypassing every cache: parse, bind, plan, compile (the fused loop, when
    /// it applies), the first run and a second one (warm). It evaluates the expression twice.
    /// </summary>
    public static string Profile(string expression, IReadOnlyDictionary<string, NDArray> inputs, int threads)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        double Lap()
        {
            double milliseconds = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            return milliseconds;
        }

        var syntax = Language.Syntax.ExpressionParser.Parse(expression);
        double parse = Lap();

        // As the evaluation does: arrays laid out with permuted axes are walked in their memory order (MemoryOrder).
        var order = MemoryOrder.Find(inputs, null, Binder.VariableNames(syntax));
        if (order is not null)
        {
            inputs = order.Permute(inputs);
        }

        var signatures = inputs.ToDictionary(kv => kv.Key, kv => new VariableSignature(kv.Key, kv.Value.DType, kv.Value.Shape), StringComparer.Ordinal);
        var bound = Binder.Bind(expression, syntax, signatures, null, order?.Axes);
        double bind = Lap();
        var plan = KernelCompiler.TryCompile([bound]);
        double planning = Lap();
        bool fusable = plan is not null && plan.IterationShape.Size >= KernelExecutor.FusedThreshold && FusedKernel.TryCompile(plan, streaming: false, fresh: true) is not null;
        double compile = Lap();
        var variables = bound.Variables.Select(v => inputs[v.Name]).ToList();
        _ = plan is null ? ReferenceEvaluator.Evaluate(bound, variables, threads) : KernelExecutor.Run(plan, inputs, threads)[0];
        double first = Lap();
        _ = plan is null ? ReferenceEvaluator.Evaluate(bound, variables, threads) : KernelExecutor.Run(plan, inputs, threads)[0];
        double second = Lap();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"profile (no caches; ms): parse {parse:0.###}, bind {bind:0.###}, plan {planning:0.###}, compile {(fusable ? compile.ToString("0.###", CultureInfo.InvariantCulture) : "- (not fused)")}, first run {first:0.###}, second run {second:0.###}");
    }

    private static void Describe(KernelPlan plan, IReadOnlyDictionary<string, NDArray> inputs, int threads, StringBuilder text, string indent, bool readsRows = false)
    {
        string Name(string input) => plan.Inputs.FirstOrDefault(i => i.Name == input) is var (_, register) && input.StartsWith('$') && plan.Sources.TryGetValue(register, out string? written)
            ? $"'{written}' (hoisted)"
            : input;
        foreach (var (name, hoisted) in plan.Hoisted)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{indent}hoisted: {Name(name)} on shape {hoisted.IterationShape} (constant along the other axes): computed once before the main loop, then read as a broadcast input");
            Describe(hoisted, inputs, threads, text, indent + "  ");
        }

        long size = plan.IterationShape.Size;
        text.AppendLine(indent + "engine: " + Engine(plan, size, threads, readsRows));
        bool fusedRuns = size >= KernelExecutor.FusedThreshold && plan.Fused.Value is not null;
        int block = plan.BlockFor(fusedRuns);
        text.AppendLine(CultureInfo.InvariantCulture, $"{indent}steps, per block of up to {block:N0} elements:");
        foreach (var ((name, register), k) in plan.Inputs.Select((input, k) => (input, k)))
        {
            string uniform = !plan.IsUniform(k) ? string.Empty : fusedRuns ? ", one element: broadcast into a register once per call" : ", one element: filled into each block";
            string parts = fusedRuns && FusedKernel.ReadsParts(plan, register) ? ", only its parts read: every other double, by the real and imag steps" : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"{indent}  r{register} = load {Name(name)}  [{plan.Registers[register].Name()}{uniform}{parts}]");
        }

        foreach (var (register, value) in plan.Constants)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{indent}  r{register} = {value}  [{plan.Registers[register].Name()}, constant]");
        }

        foreach (var step in plan.Steps)
        {
            string source = plan.Sources.TryGetValue(step.Output, out string? written) ? "  # " + written : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"{indent}  {step.Describe()}  [{plan.Registers[step.Output].Name()}]{source}");
        }

        // A register computed by a step and read by several: a subexpression written more than once, computed once.
        var reads = plan.Steps.SelectMany(step => step.Inputs.Distinct()).GroupBy(register => register).ToDictionary(g => g.Key, g => g.Count());
        var computed = plan.Steps.Select(step => step.Output).ToHashSet();
        foreach (var (register, count) in reads.Where(r => r.Value > 1 && computed.Contains(r.Key)).OrderBy(r => r.Key))
        {
            string source = plan.Sources.TryGetValue(register, out string? written) ? $"'{written}'" : $"r{register}";
            text.AppendLine(CultureInfo.InvariantCulture, $"{indent}shared: {source} (r{register}) computed once, read by {count} steps");
        }

        if (plan.Steps.Any(step => step.Describe().Contains("sincos", StringComparison.Ordinal)))
        {
            text.AppendLine(indent + "shared: sin and cos of one operand come from one range reduction (sincos)");
        }

        long InputSize(string name) => inputs.TryGetValue(name, out var input) ? input.Shape.Size : plan.Hoisted.First(h => h.Name == name).Plan.IterationShape.Size;
        text.AppendLine(indent + "memory: " + Traffic(plan, size, InputSize));
    }

    private static string Engine(KernelPlan plan, long size, int threads, bool readsRows)
    {
        string where = $"on {Threads(threads)}, chunks of {ChunkScheduler.ChunkElements:N0} elements";
        if (plan.Reduction is { } reduction && plan.ReductionAxis is { } axis)
        {
            string operand = size >= KernelExecutor.FusedThreshold && plan.Fused.Value is not null ? $"the fused vector loop ({FusedKernel.Describe(plan.Fused.Value)})" : "the block interpreter";
            return $"{reduction.ToString().ToLowerInvariant()} along axis {axis}: the operand computed by {operand}, folded into the result row by row, {where}";
        }

        bool accumulates = size >= KernelExecutor.FusedThreshold && plan.FusedAccumulating.Value is not null;
        string layout = $"blocks of {KernelCompiler.ReductionBlockSize:N0} in a fixed layout of {FixedLayoutReduction.PartialBytes} bytes of partials, each block's partials combined as a tree, blocks and chunks in order";
        string reduces = plan.Reduction is not { } full ? string.Empty
            : accumulates ? $"; {full.ToString().ToLowerInvariant()} folded in vector registers as the loop computes the operand (nothing stored): {layout}"
            : $"; {full.ToString().ToLowerInvariant()} of the operand's {layout}";
        if (size < KernelExecutor.FusedThreshold)
        {
            return $"block interpreter (one span operation per step and block), {where}: {size:N0} elements are fewer than the {KernelExecutor.FusedThreshold:N0} from which compiling a fused loop pays{reduces}";
        }

        if (FusedKernel.WhyNotFused(plan) is { } reason)
        {
            return $"block interpreter (one span operation per step and block), {where}; not fused because {reason}{reduces}";
        }

        long outputBytes = plan.Reduction is null ? plan.Roots.Sum(root => size * plan.Registers[root].ItemSize()) : 0;
        // .NET usually places large arrays' data 8 bytes past a 16-byte boundary: complex128 results stream only by the loop that
        // stores across numbers (KernelExecutor.HalfAlignedComplex), which needs 512-bit vectors or AVX2.
        bool complexResults = plan.Roots.All(root => plan.Registers[root] == DType.Complex128);
        string streaming = plan.Reduction is null && outputBytes >= KernelExecutor.StreamingThreshold
            ? !KernelExecutor.StreamingPays(plan.Roots.Count, readsRows)
                ? $"; ordinary stores ({(plan.Roots.Count > 1 ? $"{plan.Roots.Count} outputs" : "an output")}{(readsRows ? " with inputs read by row" : string.Empty)}{(FusedKernel.VectorBytes < 32 ? $" from {FusedKernel.VectorBytes * 8}-bit vectors" : string.Empty)}: there non-temporal stores wait on the write-combining buffers)"
            : (complexResults ? plan.FusedStreamingHalfAligned : plan.FusedStreaming).Value is not null
                ? $"; outputs of {outputBytes / (1 << 20):N0} MiB are written with non-temporal stores"
                : complexResults ? "; ordinary stores (complex128 numbers in large arrays usually straddle vector boundaries: streamed only with 512-bit vectors or AVX2, and not with a function or a division in the loop)"
                : "; ordinary stores (no non-temporal stores at this width, or a function or float division in the loop)"
            : string.Empty;
        string pairs = FusedKernel.PairsVectors(plan) ? "; two vectors per iteration once hot (after 50,000,000 elements), each function running on both at once"
            : FusedKernel.PairsComplex(plan) ? "; two vectors per iteration, their quotients sharing each division"
            : string.Empty;
        string once = accumulates ? "each element loaded once" : "each element loaded and stored once";
        return $"fused vector loop ({FusedKernel.Describe(plan.Fused.Value!)}; every step in registers, {once}{pairs}), {where}{streaming}{reduces}";
    }

    private static string Traffic(KernelPlan plan, long size, Func<string, long> inputSize)
    {
        // An input smaller than the iteration space (a scalar, a broadcast row) is read once per pass of its own size.
        double read = plan.Inputs.Sum(input => plan.Registers[input.Register].ItemSize() * Math.Min(1.0, (double)inputSize(input.Name) / Math.Max(1, size)));
        double written = plan.Reduction is null ? plan.Roots.Sum(root => plan.Registers[root].ItemSize()) : 0;
        double total = (read + written) * size;
        return string.Create(CultureInfo.InvariantCulture, $"reads {read:0.##} and writes {written:0.##} bytes per element ({read + written:0.##} B/element, {Bytes(total)} for {size:N0} elements)");
    }

    private static string Bytes(double bytes) => bytes >= 1 << 30 ? $"{bytes / (1 << 30):0.##} GiB" : bytes >= 1 << 20 ? $"{bytes / (1 << 20):0.##} MiB" : $"{bytes / 1024:0.##} KiB";

    private static string Threads(int threads) => threads == 1 ? "1 thread" : $"{threads} threads";

    private static string Format(IReadOnlyList<long> strides) => "(" + string.Join(", ", strides) + ")";
}
