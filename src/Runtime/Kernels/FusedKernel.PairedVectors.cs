using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using SlowSeries.Arrays;
using SlowSeries.Vectorization;

namespace SlowSeries.Kernels;

/// <summary>
/// Two vectors per iteration for float64 loops with a function of ours (sin, cos, exp, log, …): each step is emitted for
/// both vectors side by side, and each function runs once on the pair (<see cref="PairedWidth{W, TDouble, TLong}"/>), its
/// operations alternating between the halves. complex128 loops that divide get the same shape narrower than 512 bits
/// (<see cref="PairsComplex(KernelPlan)"/>).
/// </summary>
/// <remarks>
/// Such a function is a chain of 40–100 dependent operations; the CPU overlaps one vector's chain with the next one's only
/// as far as its scheduler reaches, and a function of a function (<c>exp(log(a))</c>) or a long reduction (sin and cos
/// without FMA) leaves it waiting on latency. With two independent chains interleaved operation by operation the waits
/// overlap. Each lane still goes through the same operations in the same order: the results are the same bits.
/// </remarks>
internal static partial class FusedKernel
{
    /// <summary>Compilations of paired loops still running in the background.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Task, byte> Promotions = new();

    /// <summary>Waits until every paired loop being compiled in the background is in place.</summary>
    public static void WaitForPromotions() => Task.WaitAll([.. Promotions.Keys]);

    /// <summary>Whether <paramref name="body"/> (a compiled fused loop) now runs two vectors per iteration.</summary>
    public static bool RunsPairs(Delegate? body) => body?.Target is Promotion { Paired: true };

    /// <summary>
    /// Puts the paired loop in place now where <paramref name="body"/> (a compiled fused loop) would take one later, so
    /// that tests run it: true if it has one.
    /// </summary>
    public static bool PromoteNow(Delegate? body)
    {
        if (body?.Target is not Promotion promotion)
        {
            return false;
        }

        promotion.Promote();
        return true;
    }

    /// <summary>
    /// The loop of one vector per iteration, and where pairs pay, once it has run over <see cref="PromotionElements"/>
    /// elements, the same loop with two vectors per iteration compiled in the background, which takes over when ready —
    /// as .NET tiers up its own hot methods. A pair's loop takes the JIT about twice as long, and on two cores a compile
    /// beside an evaluation slows it: compiled at once, a new <c>exp(a)</c> structure's first evaluation on 1e7 elements
    /// took 16 ms instead of 10 and its next ones 12 instead of 7. The same bits either way.
    /// </summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static Body<double>? PromotedToPairs(Body<double>? single, KernelPlan plan, bool streaming, StridedInputs strided, RowReads rows)
    {
        if (single is null || !Pairs(plan, rows))
        {
            return single;
        }

        return new Promotion(single, () => Compile<double>(plan, streaming, strided, rows, out _, pairs: true)).Run;
    }

    /// <summary>
    /// Elements a loop runs before its paired form is compiled: about five evaluations of 1e7 elements, by when the
    /// paired loop's savings (1–10 ms per 1e7 elements where it pays) repay its compilation (5–10 ms).
    /// </summary>
    private const long PromotionElements = 50_000_000;

    /// <summary>A promoted body: runs the single-vector loop, then the paired one once compiled.</summary>
    private sealed class Promotion(Body<double> single, Func<Body<double>?> compilePaired)
    {
        private readonly Body<double> single = single;
        private volatile Body<double> current = single;

        // The plan it compiles from, released once compiled (the loop cache keeps loops, not plans).
        private Func<Body<double>?>? compilePaired = compilePaired;
        private long processed;
        private int started;

        public void Run(Array[] arrays, int[] offsets, int count)
        {
            if (Interlocked.Add(ref processed, count) >= PromotionElements && Interlocked.Exchange(ref started, 1) == 0)
            {
                var compiling = Task.Run(Promote);
                Promotions.TryAdd(compiling, 0);
                compiling.ContinueWith(done => Promotions.TryRemove(done, out _), TaskScheduler.Default);
            }

            current(arrays, offsets, count);
        }

        public bool Paired => current != single;

        /// <summary>Compiles the paired loop and puts it in place (in the background, or now: <see cref="PromoteNow"/>).</summary>
        public void Promote()
        {
            if (Interlocked.Exchange(ref compilePaired, null) is { } compile)
            {
                current = compile() ?? single;
            }
        }
    }

    /// <summary>
    /// The body of one iteration over two vectors (at <paramref name="i"/> and <paramref name="i"/> + lanes), or null when a
    /// step has no vector form. For plans <see cref="Pairs"/> or <see cref="PairsComplex(KernelPlan)"/> admits (the caller checks); the other arguments are <see cref="Compile{T}"/>'s, <paramref name="registers"/> those of its single-vector
    /// body, whose constants and uniform inputs both vectors read.
    /// </summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static List<Expression>? PairedBody(
        KernelPlan plan,
        VectorWidth width,
        int lanes,
        bool complex,
        Dictionary<int, Expression> registers,
        Dictionary<int, Scalar> constants,
        ParameterExpression[] operandArrays,
        ParameterExpression[] operandOffsets,
        ParameterExpression i,
        StridedInputs strided,
        MethodInfo store,
        List<ParameterExpression> locals,
        List<Expression> prologue)
    {
        var vectorType = width.Generic.MakeGenericType(typeof(double));
        var indices = new Expression[] { i, Expression.Add(i, Expression.Constant(lanes)) };
        var halves = new[] { new Dictionary<int, Expression>(), new Dictionary<int, Expression>() };
        var body = new List<Expression>();
        foreach (int register in constants.Keys)
        {
            halves[0][register] = halves[1][register] = registers[register];
        }

        for (int k = 0; k < plan.Inputs.Count; k++)
        {
            int register = plan.Inputs[k].Register;
            if (plan.IsUniform(k))
            {
                halves[0][register] = halves[1][register] = registers[register];
                continue;
            }

            var element = ElementTypes.ClrType(OperandType(plan, k));
            bool half = OperandType(plan, k) is DType.Int32 or DType.Float32;
            bool atStride = strided.Contains(k);
            var load = element == typeof(bool) ? MaskLoad(width, typeof(double))
                : complex && element == typeof(double) ? LoadRealAsPairs(width)
                : UncheckedMemoryMethod(atStride ? "LoadStrided" : "LoadUnchecked", half ? width.Bytes / 2 : width.Bytes, element);
            for (int h = 0; h < 2; h++)
            {
                var local = Expression.Variable(load.ReturnType, $"in{k}_{h}");
                locals.Add(local);
                body.Add(Expression.Assign(local, atStride
                    ? Expression.Call(load, operandArrays[k], Expression.Add(operandOffsets[k], Expression.Multiply(indices[h], Expression.Constant(strided.Stride))), Expression.Constant(strided.Stride))
                    : Expression.Call(load, operandArrays[k], Expression.Add(operandOffsets[k], indices[h]))));
                halves[h][register] = local;
            }
        }

        var pairedWidth = typeof(PairedWidth<,,>).MakeGenericType(width.Lanes, vectorType, width.Generic.MakeGenericType(typeof(long)));
        var pairType = typeof(VectorPair<>).MakeGenericType(vectorType);
        var pairLongType = typeof(VectorPair<>).MakeGenericType(width.Generic.MakeGenericType(typeof(long)));
        foreach (var step in plan.Steps)
        {
            var method = complex
                ? IsComplexQuotient(step)
                    ? typeof(ComplexDivision).GetMethod(nameof(ComplexDivision.QuotientPair))!.MakeGenericMethod(width.Lanes, vectorType, width.Generic.MakeGenericType(typeof(long)))
                    : null
                : PairedFunction(step) is { } function
                    ? typeof(VectorMath).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                        .Single(candidate => candidate.Name == function && candidate.IsGenericMethodDefinition && candidate.GetParameters().Length == step.Inputs.Length)
                        .MakeGenericMethod(pairedWidth, pairType, pairLongType)
                    : null;
            if (method is null)
            {
                // Each vector's own step, one after the other.
                for (int h = 0; h < 2; h++)
                {
                    var translated = complex ? TranslateInComplexLoop(plan, width, step, halves[h], constants, locals, prologue, body) : Translate<double>(width, step, halves[h], constants, locals, prologue, body);
                    if (translated is null)
                    {
                        return null;
                    }
                }

                continue;
            }

            var arguments = new Expression[step.Inputs.Length];
            for (int k = 0; k < arguments.Length; k++)
            {
                // An initialiser rather than a constructor: one method fewer for the JIT to inline.
                arguments[k] = Expression.MemberInit(
                    Expression.New(pairType),
                    Expression.Bind(pairType.GetField(nameof(VectorPair<double>.Low))!, halves[0][step.Inputs[k]]),
                    Expression.Bind(pairType.GetField(nameof(VectorPair<double>.High))!, halves[1][step.Inputs[k]]));
            }

            var result = Expression.Variable(method.ReturnType, "pair" + step.Output);
            locals.Add(result);
            body.Add(Expression.Assign(result, Expression.Call(method, arguments)));
            if (step is SinCosStep<double> both)
            {
                Split(Expression.Field(result, "Item1"), both.Output);
                Split(Expression.Field(result, "Item2"), both.Cosine);
            }
            else
            {
                Split(result, step.Output);
            }
        }

        for (int r = 0; r < plan.Roots.Count; r++)
        {
            int slot = plan.Inputs.Count + r;
            var stored = plan.Registers[plan.Roots[r]] == DType.Bool ? UncheckedMemoryMethod("StoreMask", width.Bytes, typeof(double)) : store;
            for (int h = 0; h < 2; h++)
            {
                body.Add(Expression.Call(stored, halves[h][plan.Roots[r]], operandArrays[slot], Expression.Add(operandOffsets[slot], indices[h])));
            }
        }

        return body;

        void Split(Expression pair, int register)
        {
            halves[0][register] = Expression.Field(pair, nameof(VectorPair<double>.Low));
            halves[1][register] = Expression.Field(pair, nameof(VectorPair<double>.High));
        }
    }

    /// <summary>Whether the plan's float64 loop over contiguous inputs runs two vectors per iteration (see <see cref="PairedBody"/>).</summary>
    public static bool PairsVectors(KernelPlan plan) => Width is not null && Qualifies(plan, DType.Float64) && Pairs(plan, rows: default);

    /// <summary>
    /// The plan's paired float64 loop whether or not this CPU takes it (<see cref="PairingPays"/>), or null: so that its
    /// bits are checked against the single loop's on every machine the tests run on.
    /// </summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    public static Body<double>? CompilePaired(KernelPlan plan) =>
        Width is not null && IsSupported && Qualifies(plan, DType.Float64) ? Compile<double>(plan, streaming: false, strided: default, rows: default, out _, pairs: true) : null;

    /// <summary>
    /// Whether a float64 loop of the plan gets a paired form: inputs read as whole vectors or at a stride (no row or part
    /// reads) and functions whose pairing pays at this width.
    /// </summary>
    private static bool Pairs(KernelPlan plan, RowReads rows) =>
        Width is { } width && rows.All == 0 && PartInputRegisters(plan).Count == 0 && PairingPays(plan, width);

    /// <summary>
    /// Whether a complex128 loop of the plan runs two vectors per iteration from the start: where it divides, at widths
    /// below 512 bits, whose vectors hold one or two numbers — the pair's quotients share their divisions
    /// (<see cref="ComplexDivision.QuotientPair{W, TDouble, TLong}"/>).
    /// Compiled at once rather than promoted later as float64 pairs are: a complex loop is short (the first `z / w` on 1e6
    /// numbers, compile included, 5.9–6.8 ms at AVX2 against 3.8 with single vectors; 4.3–6.4 against 6.9 at 128 bits).
    /// </summary>
    public static bool PairsComplex(KernelPlan plan) => PairsComplex(plan, strided: default, rows: default);

    private static bool PairsComplex(KernelPlan plan, StridedInputs strided, RowReads rows) =>
        Width is { Bytes: < 64 } && !strided.Any && rows.All == 0 && ComplexQualifies(plan) && plan.Steps.Any(IsComplexQuotient);

    /// <summary>Whether the step divides complex128 values (the step a paired complex loop runs on both vectors at once).</summary>
    private static bool IsComplexQuotient(KernelStep step) =>
        step is BinarySpanStep<System.Numerics.Complex, System.Numerics.Complex, System.Numerics.Complex> { Name: nameof(Language.Operators.Operation.TrueDivide) };

    /// <summary>
    /// Whether the plan's functions run faster paired at this width (measured on AVX-512, AVX2 and 128-bit x64; 1e7
    /// elements, 2 threads). With 512-bit vectors (32 registers) pairs pay for up to two functions' worth of code:
    /// <c>exp(log(a))</c> 33 → 16 ms, <c>tan(a)</c> 12–16 → 8–10, <c>arctan(a)</c> 19 → 12; beyond that the JIT stops
    /// inlining the pair's operations (<c>sin(a) + cos(b)</c> 13 → 43 ms; <c>sinh</c>, <c>arcsinh</c> and <c>arccosh</c>
    /// alone are that large). Narrower, only sin and cos gain (sin²+cos² without FMA −8%, AVX2 −3%): other functions
    /// paired ran up to 2x slower with 16 registers for two vectors' values (<c>expm1</c>, <c>cosh</c>, <c>log1p</c>).
    /// Those gains were measured on Intel; on AMD's Zen 5 (2 threads, 1e7, alternating processes with and without pairs,
    /// medians of 30, the thirty-fourth session) pairs at 512 bits ran slower for most of our functions and faster for
    /// none: <c>cosh(a)</c> 5.3–5.4 → 7.8–10.7 ms, <c>expm1(a)</c> 4.5–4.9 → 7.8–11.2, <c>tan(a)</c> 6.4–7.1 → 8.3–9.5,
    /// <c>arctan(a)</c> 8.8–9.8 → 10.1–12.4, <c>log(a)</c> 7.5–7.9 → 8.9, sin²+cos² 6.3–6.9 → 7.4–7.9; <c>exp</c>,
    /// <c>sin</c>, <c>arcsin</c>, <c>arctan2</c>, <c>exp(log(a))</c> the same within the noise. So AMD runs single
    /// vectors at 512 bits.
    /// </summary>
    private static bool PairingPays(KernelPlan plan, VectorWidth width)
    {
        if (width.Bytes == 64 && IsAmd)
        {
            return false;
        }

        int weight = 0;
        bool onlySineAndCosine = true;
        foreach (var step in plan.Steps)
        {
            if (PairedFunction(step) is not { } function)
            {
                continue;
            }

            onlySineAndCosine &= function is nameof(VectorMath.SinCos) or nameof(VectorMath.Sin) or nameof(VectorMath.Cos);
            weight += function switch
            {
                nameof(VectorMath.SinCos) or nameof(VectorMath.Sin) or nameof(VectorMath.Cos) or nameof(VectorMath.Tan) => 2,
                nameof(VectorMath.Sinh) or nameof(VectorMath.Asinh) or nameof(VectorMath.Acosh) or nameof(VectorMath.Pow) => 3,
                _ => 1,
            };
        }

        return weight > 0 && weight <= 2 && (width.Bytes == 64 || onlySineAndCosine);
    }

    /// <summary>Whether the CPU is AMD's (CPUID's vendor string), where pairs at 512 bits measured slower (see <see cref="PairingPays"/>).</summary>
    internal static bool IsAmd { get; } = System.Runtime.Intrinsics.X86.X86Base.IsSupported && VendorIs("AuthenticAMD");

    private static bool VendorIs(string vendor)
    {
        var (_, ebx, ecx, edx) = System.Runtime.Intrinsics.X86.X86Base.CpuId(0, 0);
        Span<byte> name = stackalloc byte[12];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(name, ebx);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(name[4..], edx);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(name[8..], ecx);
        return System.Text.Encoding.ASCII.GetString(name) == vendor;
    }

    /// <summary>VectorMath's function over the width for a float64 step of one of our functions, or null.</summary>
    private static string? PairedFunction(KernelStep step) => step switch
    {
        SinCosStep<double> => nameof(VectorMath.SinCos),
        AlignedUnaryStep<double> { Name: "Sin" } => nameof(VectorMath.Sin),
        AlignedUnaryStep<double> { Name: "Cos" } => nameof(VectorMath.Cos),
        AlignedUnaryStep<double> { Name: var name } when LaneFunctions.TryGetValue(name, out string? function) => function,
        AlignedBinaryStep<double> { Name: var name } when LaneFunctions.TryGetValue(name, out string? function) => function,
        _ => null,
    };
}
