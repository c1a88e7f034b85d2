using SlowSeries.Arrays;
using SlowSeries.Evaluation;
using SlowSeries.Execution;
using SlowSeries.Kernels;
using SlowSeries.Language.Binding;
using SlowSeries.Language.Diagnostics;
using SlowSeries.Language.Syntax;
using SlowSeries.Language.Types;

namespace SlowSeries;

/// <summary>
/// A parsed expression, ready to evaluate many times with different inputs (NumExpr's <c>NumExpr(...)</c> object).
/// Thread-safe: it holds no per-evaluation state.
/// </summary>
public sealed class CompiledExpression
{
    internal CompiledExpression(string text, SyntaxNode syntax)
    {
        Text = text;
        Syntax = syntax;
        VariableNames = Binder.VariableNames(syntax);
    }

    public string Text { get; }

    /// <summary>The names the expression reads, in first-use order.</summary>
    public IReadOnlyList<string> VariableNames { get; }

    internal SyntaxNode Syntax { get; }

    /// <summary>Evaluates with variables from an anonymous object (<c>new { a, b }</c>) or a dictionary.</summary>
    /// <param name="variables">Values by name: arrays, <see cref="NDArray"/> views, memory, scalars, strings.</param>
    /// <param name="out">Optional destination with the result's shape and a dtype the result casts to safely. It is
    /// written only after the whole result has been computed, so a failure leaves it untouched.</param>
    public NDArray Evaluate(object? variables = null, NDArray? @out = null)
    {
        var values = InputConverter.ReadVariables(variables);
        var inputs = new Dictionary<string, NDArray>(StringComparer.Ordinal);
        foreach (string name in VariableNames)
        {
            if (values.TryGetValue(name, out object? value))
            {
                inputs[name] = InputConverter.ToNDArray(name, value);
            }
        }

        return Evaluate(inputs, @out, values.Keys.ToList());
    }

    /// <summary>Binds against the inputs' dtypes and shapes: the typed tree the evaluators run.</summary>
    public BoundExpression Bind(IReadOnlyDictionary<string, NDArray> inputs, IReadOnlyCollection<string>? otherNames = null)
    {
        var signatures = inputs.ToDictionary(kv => kv.Key, kv => new VariableSignature(kv.Key, kv.Value.DType, kv.Value.Shape), StringComparer.Ordinal);
        return Binder.Bind(Text, Syntax, signatures, otherNames);
    }

    internal NDArray Evaluate(IReadOnlyDictionary<string, NDArray> inputs, NDArray? @out, IReadOnlyCollection<string>? otherNames = null, bool reference = false)
    {
        var (bound, plan) = reference ? (Bind(inputs, otherNames), null) : KernelCache.Get(this, inputs, otherNames);
        if (@out is not null)
        {
            CheckOutput(bound, @out);
        }

        var ordered = bound.Variables.Select(v => inputs[v.Name]).ToList();
        int threads = ThreadSettings.Threads;
        if (plan is not null && @out is not null && @out.DType == bound.Type && @out.IsContiguous && plan.Reduction is null && !plan.CanFail)
        {
            // Nothing in the plan can fail once it starts, so the caller's buffer can take the results directly.
            return KernelExecutor.Run(plan, ordered, threads, @out);
        }

        var result = plan is null ? ReferenceEvaluator.Evaluate(bound, ordered, threads) : KernelExecutor.Run(plan, ordered, threads);
        if (@out is null)
        {
            return result;
        }

        using var source = result.Offsets().GetEnumerator();
        foreach (long offset in @out.Offsets())
        {
            source.MoveNext();
            @out.SetAt(offset, result.GetAt(source.Current));
        }

        return @out;
    }

    private void CheckOutput(BoundExpression bound, NDArray destination)
    {
        if (!destination.Shape.Equals(bound.Shape))
        {
            throw new ExpressionShapeException(Text, $"the output has shape {destination.Shape} but the result has shape {bound.Shape}", -1, 0);
        }

        if (!DTypes.CanCastSafely(bound.Type, destination.DType))
        {
            throw new ExpressionTypeException(Text, $"the result is {bound.Type.Name()} and cannot be stored safely in a {destination.DType.Name()} output", -1, 0);
        }

        if (destination.Strides.Any(s => s == 0) && destination.Size > 1)
        {
            throw new ExpressionShapeException(Text, "the output is a broadcast view (a stride is 0); it needs one element per result", -1, 0);
        }
    }
}
