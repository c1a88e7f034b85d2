using System.Diagnostics.CodeAnalysis;
using SlowSeries.Arrays;
using SlowSeries.Evaluation;
using SlowSeries.Execution;
using SlowSeries.Kernels;
using SlowSeries.Language.Binding;
using SlowSeries.Language.Diagnostics;
using SlowSeries.Language.Syntax;

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

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>The names the expression reads, in first-use order.</summary>
    public IReadOnlyList<string> VariableNames { get; }

    internal SyntaxNode Syntax { get; }

    /// <summary>Evaluates with variables from an anonymous object (<c>new { a, b }</c>) or a dictionary.</summary>
    /// <param name="variables">Values by name: arrays, <see cref="NDArray"/> views, memory, scalars, strings.</param>
    /// <param name="out">Optional destination with the result's shape and a dtype the result casts to safely. It is
    /// written only after the whole result has been computed, so a failure leaves it untouched.</param>
    /// <param name="progress">Told how many elements are done, at most once per percent and at the end (see
    /// <see cref="EvaluationProgress"/>).</param>
    /// <param name="cancellationToken">Stops the evaluation within one to four chunks of 16,384 elements per thread
    /// (<see cref="OperationCanceledException"/>); <paramref name="out"/> is then untouched.</param>
    [SuppressMessage("ApiDesign", "RS0026", Justification = "The generic form is the one C# picks for a typed object; this one takes null, dictionaries and objects typed as object.")]
    public NDArray Evaluate(object? variables = null, NDArray? @out = null, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (inputs, names) = InputConverter.Collect(VariableNames, variables);
        return Evaluator.Evaluate([this], inputs, [@out], names, reference: false, progress, cancellationToken)[0];
    }

    /// <summary>
    /// Evaluates with variables from an object whose type is known here (<c>new { a, b }</c>): its properties are kept
    /// by trimming and NativeAOT. Otherwise as <see cref="Evaluate(object?, NDArray?, IProgress{EvaluationProgress}?, CancellationToken)"/>.
    /// </summary>
    /// <param name="variables">Values by name: an anonymous object or any object whose public properties name them, or a dictionary.</param>
    /// <param name="out">Optional destination (see the other overload).</param>
    /// <param name="progress">Told how many elements are done.</param>
    /// <param name="cancellationToken">Stops the evaluation within one to four chunks per thread; <paramref name="out"/> is then untouched.</param>
    [SuppressMessage("ApiDesign", "RS0026", Justification = "The generic form is the one C# picks for a typed object; the other takes null, dictionaries and objects typed as object.")]
    public NDArray Evaluate<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TVariables>(TVariables variables, NDArray? @out = null, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (inputs, names) = InputConverter.Collect(VariableNames, variables);
        return Evaluator.Evaluate([this], inputs, [@out], names, reference: false, progress, cancellationToken)[0];
    }

    /// <summary>
    /// For a reduction of a whole operand (<c>sum(a*b)</c>): the reduction of each fixed chunk of 16,384 elements, which
    /// <see cref="ReductionPartials.Combine"/> folds into the value <see cref="Evaluate(object?, NDArray?, IProgress{EvaluationProgress}?, CancellationToken)"/>
    /// gives — also when the inputs were cut into pieces on chunk boundaries and each piece's partials computed elsewhere.
    /// </summary>
    /// <param name="variables">Values by name (an anonymous object or a dictionary); arrays contiguous and of one shape.</param>
    /// <param name="cancellationToken">Stops the computation within one to four chunks per thread.</param>
    /// <exception cref="ExpressionShapeException">The expression is not a reduction of a whole operand, or an array input is
    /// strided or of another shape than the operand.</exception>
    public ReductionPartials EvaluatePartials(object? variables = null, CancellationToken cancellationToken = default)
    {
        var (inputs, names) = InputConverter.Collect(VariableNames, variables);
        return Evaluator.Partials(this, inputs, names, cancellationToken);
    }

    /// <summary>Binds against the inputs' dtypes and shapes: the typed tree the evaluators run.</summary>
    internal BoundExpression Bind(IReadOnlyDictionary<string, NDArray> inputs, IReadOnlyCollection<string>? otherNames = null, int[]? axisOrder = null)
    {
        var signatures = new Dictionary<string, VariableSignature>(inputs.Count, StringComparer.Ordinal);
        foreach (var (name, value) in inputs)
        {
            signatures.Add(name, new VariableSignature(name, value.DType, value.Shape));
        }

        return Binder.Bind(Text, Syntax, signatures, otherNames, axisOrder);
    }

    internal NDArray Evaluate(IReadOnlyDictionary<string, NDArray> inputs, NDArray? @out, IReadOnlyCollection<string>? otherNames = null, bool reference = false) =>
        Evaluator.Evaluate([this], inputs, [@out], otherNames, reference)[0];
}
