using System.Runtime.CompilerServices;
using SlowSeries.Arrays;
using SlowSeries.Kernels;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Syntax;

namespace SlowSeries.Execution;

/// <summary>
/// A fresh process's first parse takes 25–35 ms (.NET compiles Sprache's parsers as they first run), while the other core
/// is idle. Meanwhile this binds, plans and runs <c>2*a + 3*b</c> on four elements, its syntax tree built
/// by hand (the parser is busy on the caller's thread): .NET then compiles and loads on the thread pool what the first
/// evaluation's binder, planner and block interpreter would otherwise compile on the caller's thread (generic collections
/// over our value types, the type rules, the interpreter's span loops). Nothing of it is cached or counted: no cache
/// entry, no telemetry, no fused loop (four elements are far below <see cref="KernelExecutor.FusedThreshold"/>).
/// </summary>
internal static class FirstEvaluationRehearsal
{
    private static int started;

    /// <summary>Starts the rehearsal on the thread pool, once per process; skipped where nothing is compiled at run time.</summary>
    public static void Start()
    {
        if (RuntimeFeature.IsDynamicCodeSupported && Interlocked.Exchange(ref started, 1) == 0)
        {
            // A task, not a bare work item: rehearsing is an optimisation, and a failure of it must not end the process.
            _ = Task.Run(Rehearse);
        }
    }

    internal static NDArray Rehearse()
    {
        var none = new TextSpan(0, 0);
        SyntaxNode Scaled(long factor, string name) =>
            new BinarySyntax(OperatorTable.Get(Operation.Multiply), new LiteralSyntax(Scalar.FromIntegerLiteral(factor), none), new NameSyntax(name, none), none, none);

        var syntax = new BinarySyntax(OperatorTable.Get(Operation.Add), Scaled(2, "a"), Scaled(3, "b"), none, none);
        var expression = new CompiledExpression("2*a + 3*b", syntax);
        var inputs = new Dictionary<string, NDArray>
        {
            ["a"] = NDArray.Wrap(new double[] { 1, 2, 3, 4 }),
            ["b"] = NDArray.Wrap(new double[] { 4, 3, 2, 1 }),
        };
        var plan = KernelCompiler.TryCompile([expression.Bind(inputs)]) ?? throw new InvalidOperationException("2*a + 3*b has no kernel plan");
        return KernelExecutor.Run(plan, inputs, ThreadSettings.Threads)[0];
    }
}
