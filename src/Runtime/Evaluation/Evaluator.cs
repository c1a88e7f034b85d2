using SlowSeries.Arrays;
using SlowSeries.Execution;
using SlowSeries.Kernels;
using SlowSeries.Language.Binding;
using SlowSeries.Language.Diagnostics;
using SlowSeries.Language.Operators;

namespace SlowSeries.Evaluation;

/// <summary>
/// Evaluates one expression or a group: binds (through the kernel cache), checks the outputs before anything is
/// written, runs the kernel plan (or the reference evaluator where no plan exists) and delivers the results.
/// </summary>
internal static class Evaluator
{
    public static NDArray[] Evaluate(
        IReadOnlyList<CompiledExpression> expressions,
        IReadOnlyDictionary<string, NDArray> inputs,
        IReadOnlyList<NDArray?>? outs,
        IReadOnlyCollection<string>? otherNames,
        bool reference,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        if (!reference && MemoryOrder.Find(inputs, outs, expressions.SelectMany(e => e.VariableNames)) is { } order)
        {
            try
            {
                var permutedOuts = outs?.Select(o => o is null ? null : order.Permute(o)).ToArray();
                var (permuted, permutedBound) = Run(expressions, order.Permute(inputs), permutedOuts, otherNames, reference, order.Axes, progress, cancellation);
                return [.. permuted.Select((result, k) => outs?[k] ?? order.Restore(result, permutedBound[k]))];
            }
            catch (ExpressionShapeException)
            {
                // Raised before anything is written: evaluated in the caller's order below, the message names the caller's shapes.
            }
        }

        return Run(expressions, inputs, outs, otherNames, reference, null, progress, cancellation).Results;
    }

    private static (NDArray[] Results, IReadOnlyList<BoundExpression> Bound) Run(
        IReadOnlyList<CompiledExpression> expressions,
        IReadOnlyDictionary<string, NDArray> inputs,
        IReadOnlyList<NDArray?>? outs,
        IReadOnlyCollection<string>? otherNames,
        bool reference,
        int[]? axisOrder,
        IProgress<EvaluationProgress>? progress,
        CancellationToken cancellation)
    {
        var (bound, plan) = reference
            ? (expressions.Select(e => e.Bind(inputs, otherNames)).ToList(), null)
            : KernelCache.Get(expressions, inputs, otherNames, axisOrder);
        if (bound.Count > 1 && bound.Any(b => !b.Shape.Equals(bound[0].Shape)))
        {
            throw new ExpressionShapeException(
                string.Join("; ", bound.Select(b => b.Text)),
                "expressions evaluated together must have one shape: " + string.Join(", ", bound.Select(b => $"'{b.Text}' has shape {b.Shape}")),
                -1,
                0);
        }

        for (int k = 0; k < bound.Count; k++)
        {
            if (outs?[k] is { } destination)
            {
                CheckOutput(bound[k], destination);
            }
        }

        int threads = ThreadSettings.Threads;
        using var activity = Telemetry.Activities.StartActivity("SlowSeries.Evaluate");
        NDArray[] results;
        // Before the run: a loop still compiling in the background when it starts does not run in it (KernelPlan.FusedOrCompiling).
        bool loopReady = plan is not null && (plan.Fused.IsValueCreated || FusedKernel.HasCompiled);
        if (plan is null)
        {
            var counter = ProgressCounter.For(progress, bound.Sum(b => b.Shape.Size));
            results = bound.Select(b => ReferenceEvaluator.Evaluate(b, b.Variables.Select(v => inputs[v.Name]).ToList(), threads, counter, cancellation)).ToArray();
        }
        else
        {
            // A cancellable evaluation never writes the caller's buffer in place: cancelled midway, it leaves it untouched.
            var direct = bound.Select((b, k) => outs?[k] is { } o && !cancellation.CanBeCanceled && CanWriteDirectly(plan, b, o, inputs) ? o : null).ToArray();

            // Results for an output not written in place go into kept scratch arrays, copied into it after the run.
            var scratch = bound.Select((b, k) => direct[k] is null && outs?[k] is not null && b.Shape.Size >= ScratchResults.MinimumSize ? ScratchResults.Rent(b.Type, b.Shape) : null).ToArray();
            try
            {
                results = KernelExecutor.Run(plan, inputs, threads, direct.Select((d, k) => d ?? scratch[k]).ToArray(), progress, cancellation);
                for (int k = 0; k < results.Length; k++)
                {
                    if (scratch[k] is not null && outs?[k] is { } destination)
                    {
                        Copy(results[k], destination);
                        results[k] = destination;
                    }
                }
            }
            finally
            {
                foreach (var aside in scratch)
                {
                    if (aside is not null)
                    {
                        ScratchResults.Return(aside);
                    }
                }
            }
        }

        Record(bound, plan, loopReady, inputs, activity);

        for (int k = 0; k < results.Length; k++)
        {
            if (outs?[k] is { } destination && !ReferenceEquals(results[k], destination))
            {
                Copy(results[k], destination);
                results[k] = destination;
            }
        }

        return (results, bound);
    }

    /// <summary>The chunk partials of a whole-operand reduction (see <see cref="ReductionPartials"/>).</summary>
    public static ReductionPartials Partials(CompiledExpression expression, IReadOnlyDictionary<string, NDArray> inputs, IReadOnlyCollection<string>? otherNames, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var (bound, plan) = KernelCache.Get([expression], inputs, otherNames);
        var root = bound[0].Root.Span;
        if (plan is null)
        {
            throw new ExpressionTypeException(expression.Text, $"'{expression.Text}' runs on the reference evaluator (its operands' dtypes have no kernel yet), which computes no chunk partials", root.Start, root.Length);
        }

        if (plan.Reduction is not { } reduction || plan.ReductionAxis is not null)
        {
            throw new ExpressionShapeException(expression.Text, $"partials exist for sum, prod, min or max of a whole operand; '{expression.Text}' gives {(bound[0].Shape.Rank == 0 ? "a value that is not such a reduction" : $"shape {bound[0].Shape}")}", root.Start, root.Length);
        }

        if (plan.Hoisted.Count > 0 || plan.Inputs.Any(input => inputs[input.Name].Rank > 0 && (!inputs[input.Name].IsContiguous || !inputs[input.Name].Shape.Equals(plan.IterationShape))))
        {
            throw new ExpressionShapeException(expression.Text, $"partials need every array input contiguous and of the operand's shape {plan.IterationShape} (or a scalar): " + string.Join(", ", plan.Inputs.Select(input => $"'{input.Name}' {inputs[input.Name].Shape}{(inputs[input.Name].IsContiguous ? string.Empty : " (strided)")}")), root.Start, root.Length);
        }

        var values = KernelExecutor.Partials(plan, inputs, ThreadSettings.Threads, cancellation);
        return new ReductionPartials(OperatorTable.Get(reduction).Name, plan.Registers[plan.Roots[0]], values);
    }

    /// <summary>
    /// The kernel may write the caller's buffer itself when nothing in the plan can fail once started, the buffer has the
    /// result's dtype and is contiguous, and it is not also an input (a group's first result would overwrite what the
    /// others still read). Reductions along an axis too (a new result of 100,000 rows cost its page faults on every
    /// evaluation), not whole-operand ones, whose one value is combined at the end.
    /// </summary>
    private static bool CanWriteDirectly(KernelPlan plan, BoundExpression bound, NDArray destination, IReadOnlyDictionary<string, NDArray> inputs) =>
        (plan.Reduction is null || plan.ReductionAxis is not null)
        && !plan.CanFail
        && destination.DType == bound.Type
        && destination.IsContiguous
        && !inputs.Values.Any(input => ReferenceEquals(input.Data, destination.Data));

    /// <summary>The evaluation's counters and span tags; skipped entirely while nobody listens.</summary>
    private static void Record(IReadOnlyList<BoundExpression> bound, KernelPlan? plan, bool loopReady, IReadOnlyDictionary<string, NDArray> inputs, System.Diagnostics.Activity? activity)
    {
        if (!Telemetry.Listening && activity is null)
        {
            return;
        }

        long elements = bound.Sum(b => b.Shape.Size);
        long bytes = inputs.Values.Sum(input => input.Size * input.DType.ItemSize()) + bound.Sum(b => b.Shape.Size * b.Type.ItemSize());
        bool interpreted = elements >= KernelExecutor.FusedThreshold && (plan is null || !loopReady || plan.Fused.Value is null);
        Telemetry.CountEvaluation(elements, bytes, interpreted);

        activity?.SetTag("slowseries.expressions", string.Join("; ", bound.Select(b => b.Text)));
        activity?.SetTag("slowseries.elements", elements);
        activity?.SetTag("slowseries.engine", plan is null ? "reference" : interpreted || elements < KernelExecutor.FusedThreshold ? "interpreter" : "fused");
    }

    private static void Copy(NDArray source, NDArray destination)
    {
        if (source.DType == destination.DType && source.IsContiguous && destination.IsContiguous)
        {
            // One block copy: element by element through Scalar, 1e5 results of sum(m, axis=1) cost more than the sum.
            Array.Copy(source.Data, source.Offset, destination.Data, destination.Offset, source.Size);
            return;
        }

        using var from = source.Offsets().GetEnumerator();
        foreach (long offset in destination.Offsets())
        {
            from.MoveNext();
            destination.SetAt(offset, source.GetAt(from.Current));
        }
    }

    private static void CheckOutput(BoundExpression bound, NDArray destination)
    {
        if (!destination.Shape.Equals(bound.Shape))
        {
            throw new ExpressionShapeException(bound.Text, $"the output has shape {destination.Shape} but the result has shape {bound.Shape}", -1, 0);
        }

        if (!DTypes.CanCastSafely(bound.Type, destination.DType))
        {
            throw new ExpressionTypeException(bound.Text, $"the result is {bound.Type.Name()} and cannot be stored safely in a {destination.DType.Name()} output", -1, 0);
        }

        bool broadcast = false;
        foreach (long stride in destination.Strides)
        {
            broadcast |= stride == 0;
        }

        if (broadcast && destination.Size > 1)
        {
            throw new ExpressionShapeException(bound.Text, "the output is a broadcast view (a stride is 0); it needs one element per result", -1, 0);
        }
    }
}
