using SlowSeries.Arrays;
using SlowSeries.Language.Binding;
using SlowSeries.Language.Diagnostics;
using SlowSeries.Language.Semantics;

namespace SlowSeries.Evaluation;

/// <summary>
/// The oracle: evaluates a bound expression one output element at a time by walking the tree, with
/// <see cref="ScalarSemantics"/> for every step. Slow on purpose: nothing here is clever enough to be wrong.
/// Work is split over threads by output element only, which cannot change any result.
/// </summary>
internal static class ReferenceEvaluator
{
    /// <summary>Evaluates into a new C-contiguous array of the expression's dtype and shape.</summary>
    public static NDArray Evaluate(BoundExpression expression, IReadOnlyList<NDArray> inputs, int threads = 1, Execution.ProgressCounter? progress = null, CancellationToken cancellation = default)
    {
        if (inputs.Count != expression.Variables.Count)
        {
            throw new ArgumentException($"{expression.Variables.Count} inputs expected, {inputs.Count} given", nameof(inputs));
        }

        var result = NDArray.Zeros(expression.Type, expression.Shape);
        try
        {
            // The kernels' fixed chunks: splitting by output element cannot change any result.
            Execution.ChunkScheduler.Run(result.Size, threads, (_, start, end) => FillRange(expression, inputs, result, start, end), progress, cancellation);
        }
        catch (AggregateException error) when (error.InnerException is ExpressionException inner)
        {
            throw inner;
        }

        return result;
    }

    private static void FillRange(BoundExpression expression, IReadOnlyList<NDArray> inputs, NDArray result, long start, long end)
    {
        var walker = new Walker(expression.Text, inputs);
        var index = new int[result.Rank];
        for (long flat = start; flat < end; flat++)
        {
            Unravel(flat, result.Shape, index);
            Scalar value = expression.Root is BoundReduction reduction
                ? walker.Reduce(reduction, index)
                : walker.Evaluate(expression.Root, index);
            result.SetAt(flat, value);
        }
    }

    private static void Unravel(long flat, Shape shape, int[] index)
    {
        for (int axis = shape.Rank - 1; axis >= 0; axis--)
        {
            index[axis] = (int)(flat % shape[axis]);
            flat /= shape[axis];
        }
    }

    private sealed class Walker(string text, IReadOnlyList<NDArray> inputs)
    {
        public Scalar Evaluate(BoundNode node, int[] index)
        {
            switch (node)
            {
                case BoundConstant constant:
                    return constant.Value;
                case BoundVariable variable:
                    return inputs[variable.Index].GetAt(inputs[variable.Index].OffsetOf(index));
                case BoundCast cast:
                    return Evaluate(cast.Operand, Project(index, cast.Shape, cast.Operand.Shape)).CastTo(cast.Type);
                case BoundOperation operation:
                    {
                        var operands = new Scalar[operation.Operands.Count];
                        for (int i = 0; i < operands.Length; i++)
                        {
                            var operand = operation.Operands[i];
                            operands[i] = Evaluate(operand, Project(index, operation.Shape, operand.Shape));
                        }

                        try
                        {
                            return ScalarSemantics.Apply(operation.Operator.Operation, operation.Type, operands);
                        }
                        catch (ArithmeticException error)
                        {
                            throw new ExpressionEvaluationException(text, error.Message, operation.Span.Start, operation.Span.Length);
                        }
                    }

                default:
                    throw new InvalidOperationException($"{node.GetType().Name} cannot appear inside an element-wise expression");
            }
        }

        /// <summary>Reduces the operand over the reduced axis (or all axes) at one output position.</summary>
        public Scalar Reduce(BoundReduction reduction, int[] outputIndex)
        {
            Shape operandShape = reduction.Operand.Shape;
            var op = reduction.Operator.Operation;
            bool hasIdentity = op is Language.Operators.Operation.Sum or Language.Operators.Operation.Prod;
            Scalar? accumulator = hasIdentity ? ScalarSemantics.ReductionIdentity(op, reduction.Type) : null;
            foreach (var index in ReducedIndices(operandShape, reduction.Axis, outputIndex))
            {
                Scalar element = Evaluate(reduction.Operand, index);
                accumulator = accumulator is { } current ? ScalarSemantics.Accumulate(op, current, element) : element;
            }

            return accumulator ?? throw new ExpressionEvaluationException(
                text,
                $"{reduction.Operator.DisplayName} of an empty operand (shape {operandShape}) has no value: it has no identity",
                reduction.Span.Start,
                reduction.Span.Length);
        }

        private static IEnumerable<int[]> ReducedIndices(Shape shape, int? axis, int[] outputIndex)
        {
            if (axis is not { } reducedAxis)
            {
                var all = new int[shape.Rank];
                for (long flat = 0; flat < shape.Size; flat++)
                {
                    Unravel(flat, shape, all);
                    yield return all;
                }

                yield break;
            }

            var index = new int[shape.Rank];
            for (int axisPosition = 0, o = 0; axisPosition < shape.Rank; axisPosition++)
            {
                index[axisPosition] = axisPosition == reducedAxis ? 0 : outputIndex[o++];
            }

            for (int i = 0; i < shape[reducedAxis]; i++)
            {
                index[reducedAxis] = i;
                yield return index;
            }
        }

        /// <summary>Maps an index in a parent's shape to the broadcast operand's index (right-aligned; size-1 axes read 0).</summary>
        private static int[] Project(int[] index, Shape parent, Shape operand)
        {
            if (operand.Rank == parent.Rank && operand.Equals(parent))
            {
                return index;
            }

            var projected = new int[operand.Rank];
            int shift = parent.Rank - operand.Rank;
            for (int axis = 0; axis < operand.Rank; axis++)
            {
                projected[axis] = operand[axis] == 1 ? 0 : index[axis + shift];
            }

            return projected;
        }
    }
}
