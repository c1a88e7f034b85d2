using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using SlowSeries.Arrays;
using SlowSeries.Execution;
using SlowSeries.Language.Operators;

namespace SlowSeries.Kernels;

/// <summary>
/// The loop of a whole reduction that folds its operand into registers as it computes it (see
/// <see cref="TryCompileAccumulating"/>): the loop body once per vector of a group of <see cref="FixedLayoutReduction"/>'s
/// partials, each copy into its own accumulator (or once, the accumulators rotating), so element i still goes to partial
/// i mod their count, in index order.
/// </summary>
internal static partial class FusedKernel
{
    /// <summary>
    /// A whole reduction's loop that keeps the partials of <see cref="Execution.FixedLayoutReduction"/> in vector registers
    /// (4 at 512 bits, 8 at 256, 16 at 128) instead of storing its operand: its result slot is an array of the partials,
    /// which the loop fills at the end; it runs whole groups of partials (count a multiple of their number, from the start
    /// of a block of the layout). Null where the plan is not such a reduction, or has a transcendental step and the vectors
    /// are narrower than 512 bits (see <see cref="RotatesAccumulators"/>).
    /// </summary>
    /// <remarks>
    /// Storing the operand into the frame's block (L2-sized at 16,384 elements) and folding it after cost `sum(a*b)` a
    /// third over a plain copy of the same bytes; a hand-written loop with the partials in registers ran at the copy's
    /// speed (2 threads, 1e7, AVX-512: 2.7-3.2 ms vs 3.7-4.2, copy 2.7-3.2). Accumulators in memory instead ran at 7 ms.
    /// </remarks>
    public static Delegate? TryCompileAccumulating(KernelPlan plan)
    {
        if (!AccumulatingQualifies(plan))
        {
            return null;
        }

        string key = "A" + StructureKey(plan, streaming: false, default, default);
        if (Loops.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var loop = Build(plan, streaming: false, strided: default, rows: default, out _, accumulating: true);
        Loops.Set(key, loop);
        HasCompiled |= loop is not null;
        return loop;
    }

    /// <summary>Whether the plan is a reduction <see cref="TryCompileAccumulating"/> compiles a loop for (where the hardware has vectors).</summary>
    public static bool AccumulatingQualifies(KernelPlan plan) =>
        plan is { Reduction: Operation.Sum or Operation.Prod or Operation.Min or Operation.Max, ReductionAxis: null, Roots.Count: 1 }
        && plan.Registers[plan.Roots[0]] is DType.Float64 or DType.Float32 or DType.Int64 or DType.Int32
        && (!RotatesAccumulators(plan) || Width?.Bytes == 64);

    /// <summary>
    /// Whether the loop runs its body once per iteration and rotates the accumulators (the next one to add into moved to
    /// the front: register moves) instead of one copy of the body per accumulator: for bodies with a transcendental step,
    /// whose copies would cost more than the store they save. Unrolled, `sum(exp(a))` (1e7, 2 threads) ran 3.4 → 2.9 ms at
    /// 512 bits but its first evaluation took 7 → 15 ms (four copies to compile), and 5.6 → 7.9 ms at 256 bits and 12.5 →
    /// 27 at 128 (out of registers). Rotating at 512 bits: `sum(exp(a))` 6.5-7.2 → 5.4-5.7 ms on 1 thread, 3.7-3.8 → 2.8-3.0
    /// on 2, its first evaluation unchanged; `sum(sin(twoPi*a)**2 + cos(twoPi*a)**2)` 10.1-10.5 → 9.6-10.5 on 1 thread. At
    /// 256 bits it ran slower (sin²+cos² 9.2 → 10.9-11.3 ms, `sum(exp(a))` 4.9 → 5.3-5.6): sixteen registers do not hold
    /// eight accumulators and the functions' constants, so such reductions store their operand there.
    /// </summary>
    private static bool RotatesAccumulators(KernelPlan plan) => plan.Steps.Any(step => step.IsTranscendental);

    /// <summary>
    /// The accumulators set to the reduction's identity, the loop over whole groups (<paramref name="body"/> computes one
    /// vector at <paramref name="i"/> into <paramref name="operand"/>), and the accumulators stored into the partials'
    /// array, partial j at element j.
    /// </summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static IEnumerable<Expression> AccumulatingLoop<T>(Operation reduction, bool rotating, VectorWidth width, Expression operand, ParameterExpression partials, ParameterExpression partialsOffset, ParameterExpression i, ParameterExpression count, List<Expression> body, List<ParameterExpression> locals)
    {
        var vectorType = width.Generic.MakeGenericType(typeof(T));
        int lanes = width.Bytes / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        int group = FixedLayoutReduction.PartialBytes / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var identity = Expression.Call(width.Static.GetMethod(nameof(System.Runtime.Intrinsics.Vector512.Create), [typeof(T)])!, Expression.Constant(IdentityOf<T>(reduction), typeof(T)));
        var accumulators = new ParameterExpression[group / lanes];
        for (int u = 0; u < accumulators.Length; u++)
        {
            accumulators[u] = Expression.Variable(vectorType, "partial" + u);
            locals.Add(accumulators[u]);
            yield return Expression.Assign(accumulators[u], identity);
        }

        var iteration = new List<Expression>();
        if (rotating)
        {
            // One copy of the body: it adds into the first accumulator, then the accumulators move down by one, so after
            // a group's vectors each is back in its place.
            var added = Expression.Variable(vectorType, "added");
            locals.Add(added);
            iteration.AddRange(body);
            iteration.Add(Expression.Assign(added, Combine(reduction, width, accumulators[0], operand)));
            for (int u = 1; u < accumulators.Length; u++)
            {
                iteration.Add(Expression.Assign(accumulators[u - 1], accumulators[u]));
            }

            iteration.Add(Expression.Assign(accumulators[^1], added));
            iteration.Add(Expression.AddAssign(i, Expression.Constant(lanes)));
        }
        else
        {
            // The same body's expressions again for each vector of a group: they read i, which moves on between the copies.
            foreach (var accumulator in accumulators)
            {
                iteration.AddRange(body);
                iteration.Add(Expression.Assign(accumulator, Combine(reduction, width, accumulator, operand)));
                iteration.Add(Expression.AddAssign(i, Expression.Constant(lanes)));
            }
        }

        var done = Expression.Label("groupsDone");
        int step = rotating ? lanes : group;
        yield return Expression.Loop(
            Expression.IfThenElse(
                Expression.LessThanOrEqual(Expression.Add(i, Expression.Constant(step)), count),
                Expression.Block(iteration),
                Expression.Break(done)),
            done);
        var store = UncheckedMemoryMethod("StoreUnchecked", width.Bytes, typeof(T));
        for (int u = 0; u < accumulators.Length; u++)
        {
            yield return Expression.Call(store, accumulators[u], partials, Expression.Add(partialsOffset, Expression.Constant(u * lanes)));
        }
    }

    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static Expression Combine(Operation reduction, VectorWidth width, Expression accumulator, Expression value) => reduction switch
    {
        Operation.Sum => Expression.Add(accumulator, value),
        Operation.Prod => Expression.Multiply(accumulator, value),
        Operation.Max => width.Call(value.Type.GetGenericArguments()[0], nameof(System.Runtime.Intrinsics.Vector512.Max), accumulator, value),
        _ => width.Call(value.Type.GetGenericArguments()[0], nameof(System.Runtime.Intrinsics.Vector512.Min), accumulator, value),
    };

    private static object IdentityOf<T>(Operation reduction) => typeof(T) switch
    {
        var t when t == typeof(double) => (object)FixedLayoutReduction.Identity<double>(reduction),
        var t when t == typeof(float) => (object)FixedLayoutReduction.Identity<float>(reduction),
        var t when t == typeof(long) => (object)FixedLayoutReduction.Identity<long>(reduction),
        _ => (object)FixedLayoutReduction.Identity<int>(reduction),
    };
}
