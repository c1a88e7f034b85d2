using System.Diagnostics.CodeAnalysis;
using SlowSeries.Arrays;
using SlowSeries.Language.Binding;

namespace SlowSeries;

/// <summary>
/// The NumExpr-like entry point: <c>NumExpr.Evaluate("2*a + 3*b", new { a, b })</c>.
/// </summary>
public static class NumExpr
{
    /// <summary>Evaluates an expression; see <see cref="CompiledExpression.Evaluate(object?, NDArray?, IProgress{EvaluationProgress}?, CancellationToken)"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "One expression or several: the first parameter's type decides, as numexpr.evaluate takes either.")]
    public static NDArray Evaluate(string expression, object? variables = null, NDArray? @out = null, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Compile(expression).Evaluate(variables, @out, progress, cancellationToken);

    /// <summary>
    /// Evaluates an expression with variables from an object whose type is known here (<c>new { a, b }</c>, the form C#
    /// picks for it): trimming and NativeAOT keep its properties. See
    /// <see cref="CompiledExpression.Evaluate{TVariables}(TVariables, NDArray?, IProgress{EvaluationProgress}?, CancellationToken)"/>.
    /// </summary>
    [SuppressMessage("ApiDesign", "RS0026", Justification = "One expression or several, and a typed object or any object: the arguments' types decide, as numexpr.evaluate takes either.")]
    public static NDArray Evaluate<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TVariables>(string expression, TVariables variables, NDArray? @out = null, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Compile(expression).Evaluate(variables, @out, progress, cancellationToken);

    /// <summary>
    /// Evaluates several expressions of one shape over the same inputs in one pass over memory (the course's vx, vy, vz):
    /// shared subexpressions are computed once. <paramref name="outs"/>, if given, has one buffer (or null) per expression.
    /// </summary>
    /// <param name="expressions">The expressions, one result each.</param>
    /// <param name="variables">Values by name (an anonymous object or a dictionary).</param>
    /// <param name="outs">Optional destinations, one (or null) per expression.</param>
    /// <param name="progress">Told how many elements are done (see <see cref="EvaluationProgress"/>).</param>
    /// <param name="cancellationToken">Stops the evaluation within one to four chunks per thread; the outputs are then untouched.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "One expression or several: the first parameter's type decides, as numexpr.evaluate takes either.")]
    public static NDArray[] Evaluate(IReadOnlyList<string> expressions, object? variables = null, IReadOnlyList<NDArray?>? outs = null, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var compiled = CompileGroup(expressions, outs);
        if (compiled.Count == 0)
        {
            return [];
        }

        var (inputs, offered) = InputConverter.Collect(compiled.SelectMany(c => c.VariableNames), variables);
        return Evaluation.Evaluator.Evaluate(compiled, inputs, outs, offered, reference: false, progress, cancellationToken);
    }

    /// <summary>
    /// Evaluates several expressions with variables from an object whose type is known here (<c>new { a, b }</c>), whose
    /// properties trimming and NativeAOT keep; otherwise as the other group overload.
    /// </summary>
    /// <param name="expressions">The expressions, one result each.</param>
    /// <param name="variables">Values by name (an anonymous object or a dictionary).</param>
    /// <param name="outs">Optional destinations, one (or null) per expression.</param>
    /// <param name="progress">Told how many elements are done (see <see cref="EvaluationProgress"/>).</param>
    /// <param name="cancellationToken">Stops the evaluation within one to four chunks per thread; the outputs are then untouched.</param>
    [SuppressMessage("ApiDesign", "RS0026", Justification = "One expression or several, and a typed object or any object: the arguments' types decide, as numexpr.evaluate takes either.")]
    public static NDArray[] Evaluate<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TVariables>(IReadOnlyList<string> expressions, TVariables variables, IReadOnlyList<NDArray?>? outs = null, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var compiled = CompileGroup(expressions, outs);
        if (compiled.Count == 0)
        {
            return [];
        }

        var (inputs, offered) = InputConverter.Collect(compiled.SelectMany(c => c.VariableNames), variables);
        return Evaluation.Evaluator.Evaluate(compiled, inputs, outs, offered, reference: false, progress, cancellationToken);
    }

    /// <summary>The expressions of a group evaluation, compiled, after checking that <paramref name="outs"/> matches them.</summary>
    private static List<CompiledExpression> CompileGroup(IReadOnlyList<string> expressions, IReadOnlyList<NDArray?>? outs)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        if (outs is not null && expressions.Count > 0 && outs.Count != expressions.Count)
        {
            throw new ArgumentException($"{outs.Count} outputs given for {expressions.Count} expressions", nameof(outs));
        }

        return [.. expressions.Select(Compile)];
    }

    /// <summary>
    /// How evaluating <paramref name="expression"/> with these variables runs, as text (NumExpr's <c>disassemble</c>):
    /// the inputs with dtypes, shapes and layouts; the engine (the fused vector loop and its width, or the block
    /// interpreter and why the loop does not apply) and the threads; the steps with their dtypes; shared and hoisted
    /// subexpressions; the bytes moved per element. Nothing is evaluated.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "One expression or several: the first parameter's type decides.")]
    public static string Explain(string expression, object? variables = null) => Explain([expression], variables);

    /// <summary>How evaluating several expressions together runs (see <see cref="Explain(string, object?)"/>).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "One expression or several: the first parameter's type decides.")]
    public static string Explain(IReadOnlyList<string> expressions, object? variables = null)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        var compiled = expressions.Select(Compile).ToList();
        var (inputs, _) = InputConverter.Collect(compiled.SelectMany(c => c.VariableNames), variables);
        return Evaluation.PlanExplainer.Explain(compiled, inputs, ThreadSettings.Threads);
    }

    /// <summary>
    /// Times the phases of a first evaluation of <paramref name="expression"/> with these variables, every cache bypassed
    /// (parse, bind, plan, compile, first run, second run), as one line. It evaluates the expression twice.
    /// </summary>
    public static string Profile(string expression, object? variables = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var compiled = Compile(expression);
        var (inputs, _) = InputConverter.Collect(compiled.VariableNames, variables);
        return Evaluation.PlanExplainer.Profile(expression, inputs, ThreadSettings.Threads);
    }

    /// <summary>Parses once for repeated evaluation. Throws <c>ExpressionSyntaxException</c> on malformed text.</summary>
    public static CompiledExpression Compile(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);

        // Started on the thread pool while this parses (the other core is idle meanwhile): the telemetry's meter and source,
        // compiling the interpreter's per-block methods, and a rehearsal of binding, planning and running, which a fresh
        // process's first evaluation otherwise waited for.
        Evaluation.Telemetry.Start();
        Execution.KernelExecutor.StartPreparingInterpreter();
        Execution.FirstEvaluationRehearsal.Start();
        return new CompiledExpression(expression, ParsedExpressionCache.Get(expression));
    }

    /// <summary>
    /// Forgets every parsed expression, kernel plan and compiled loop this process holds, so the next evaluation of any
    /// text pays a first evaluation's costs again (parse, bind, plan, compile): for timing those, or to let the memory
    /// of many one-off expressions go before the caches' bounds would. <see cref="CompiledExpression"/> objects and
    /// evaluations under way keep what they hold.
    /// </summary>
    public static void ClearCaches()
    {
        ParsedExpressionCache.Clear();
        Kernels.KernelCache.Clear();
        Kernels.FusedKernel.ClearLoops();
    }

    /// <summary>The variable names an expression reads, in first-use order (NumExpr's <c>getExprNames</c>).</summary>
    public static IReadOnlyList<string> GetVariableNames(string expression) =>
        Binder.VariableNames(ParsedExpressionCache.Get(expression));

    /// <summary>Sets the number of threads evaluations use and returns the previous number, like NumExpr's.</summary>
    public static int SetNumThreads(int threads) => ThreadSettings.Set(threads);

    /// <summary>The number of threads evaluations use (NumExpr's <c>get_num_threads</c>).</summary>
    public static int GetNumThreads() => ThreadSettings.Threads;
}
