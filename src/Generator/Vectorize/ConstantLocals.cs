using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SlowSeries.Generator.Vectorize;

/// <summary>
/// Locals whose value the method's opening statements fix at build time: a local initialised from constants and changed
/// only by statements that depend on constants alone, like the course's <c>base = 10; while (9 / base &gt; 0) base *= 10;</c>.
/// The translator emits them as constants, so <c>num % base</c> becomes a division by a constant (a multiply, not a
/// divide), and the statements run here emit nothing, the way an optimising compiler's constant propagation folds them.
/// </summary>
/// <remarks>
/// The opening statements are those before the first statement that cannot run at build time (declarations with
/// run-time initialisers excepted: they run later, and a constant they read must not change after them). A local
/// counts only if nothing after the opening statements assigns it.
/// </remarks>
internal sealed class ConstantLocals
{
    /// <summary>Loops that would run longer than this at build time are left to run time.</summary>
    private const int MaximumIterations = 10_000;

    private static readonly ConstantLocals None = new(new Dictionary<ISymbol, object>(SymbolEqualityComparer.Default), new HashSet<StatementSyntax>());

    private readonly Dictionary<ISymbol, object> values;
    private readonly HashSet<StatementSyntax> evaluated;

    private ConstantLocals(Dictionary<ISymbol, object> values, HashSet<StatementSyntax> evaluated)
    {
        this.values = values;
        this.evaluated = evaluated;
    }

    /// <summary>The build-time value of <paramref name="local"/> (a boxed <c>int</c>, <c>long</c>, <c>double</c> or <c>bool</c>), if it has one.</summary>
    public bool TryGetValue(ISymbol? local, out object value)
    {
        value = null!;
        return local is ILocalSymbol && values.TryGetValue(local, out value!);
    }

    /// <summary>Whether <paramref name="statement"/> ran at build time (nothing to emit).</summary>
    public bool WasEvaluated(StatementSyntax statement) => evaluated.Contains(statement);

    public static ConstantLocals Analyze(BlockSyntax? body, SemanticModel model, CancellationToken cancellation)
    {
        if (body is null)
        {
            return None;
        }

        // Locals a later statement assigns, or whose build-time value differs from what run-time code reads, are
        // variables. A statement run at build time must not assign one: the opening then ends before that statement.
        var variables = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        int limit = body.Statements.Count;
        while (true)
        {
            var opening = Opening(body, model, limit, cancellation);
            foreach (var later in body.Statements.Skip(opening.End))
            {
                variables.UnionWith(AssignedLocals(later, model, cancellation));
            }

            bool changed = true;
            while (changed)
            {
                changed = false;
                foreach (var (declared, reads) in opening.DeclaratorReads)
                {
                    if (opening.State.ContainsKey(declared) && !variables.Contains(declared))
                    {
                        continue; // a constant: its declaration emits nothing
                    }

                    foreach (var read in reads.Where(read => !read.Value.Equals(opening.State[read.Key])))
                    {
                        changed |= variables.Add(read.Key);
                    }
                }
            }

            int conflict = opening.Evaluated.FindIndex(statement => AssignedLocals(statement, model, cancellation).Any(variables.Contains));
            if (conflict >= 0)
            {
                limit = body.Statements.IndexOf(opening.Evaluated[conflict]);
                continue;
            }

            foreach (var local in variables)
            {
                opening.State.Remove(local);
            }

            return opening.State.Count == 0 ? None : new ConstantLocals(opening.State, new HashSet<StatementSyntax>(opening.Evaluated));
        }
    }

    /// <summary>Runs the statements before <paramref name="limit"/> at build time, up to the first one that needs run-time values.</summary>
    private static OpeningStatements Opening(BlockSyntax body, SemanticModel model, int limit, CancellationToken cancellation)
    {
        var opening = new OpeningStatements();
        for (; opening.End < limit; opening.End++)
        {
            cancellation.ThrowIfCancellationRequested();
            var statement = body.Statements[opening.End];
            var operation = model.GetOperation(statement, cancellation);
            if (operation is IVariableDeclarationGroupOperation declarations && statement is LocalDeclarationStatementSyntax { IsConst: false, UsingKeyword.RawKind: 0 })
            {
                foreach (var declarator in declarations.Declarations.SelectMany(declaration => declaration.Declarators))
                {
                    var initializer = declarator.GetVariableInitializer()?.Value;
                    var reads = new Dictionary<ISymbol, object>(SymbolEqualityComparer.Default);
                    foreach (var reference in initializer?.DescendantsAndSelf().OfType<ILocalReferenceOperation>() ?? [])
                    {
                        if (opening.State.TryGetValue(reference.Local, out var read))
                        {
                            reads[reference.Local] = read;
                        }
                    }

                    opening.DeclaratorReads.Add((declarator.Symbol, reads));
                    if (initializer is not null && Evaluate(initializer, opening.State) is { } value && Convert(value, declarator.Symbol.Type) is { } converted)
                    {
                        opening.State[declarator.Symbol] = converted;
                    }
                }

                continue;
            }

            var trial = new Dictionary<ISymbol, object>(opening.State, SymbolEqualityComparer.Default);
            int budget = MaximumIterations;
            if (operation is null || !Run(operation, trial, ref budget))
            {
                break;
            }

            opening.State = trial;
            opening.Evaluated.Add(statement);
        }

        return opening;
    }

    private static IEnumerable<ILocalSymbol> AssignedLocals(StatementSyntax statement, SemanticModel model, CancellationToken cancellation)
    {
        foreach (var node in statement.DescendantNodesAndSelf())
        {
            if (WrittenVariable.Of(node) is { } target && model.GetSymbolInfo(target, cancellation).Symbol is ILocalSymbol local)
            {
                yield return local;
            }
        }
    }

    /// <summary>Runs a statement at build time; false if it does anything that needs run-time values.</summary>
    private static bool Run(IOperation operation, Dictionary<ISymbol, object> state, ref int budget)
    {
        switch (operation)
        {
            case IBlockOperation block:
                foreach (var inner in block.Operations)
                {
                    if (!Run(inner, state, ref budget))
                    {
                        return false;
                    }
                }

                return true;
            case IEmptyOperation:
                return true;
            case IExpressionStatementOperation { Operation: var expression }:
                return Assign(expression, state);
            case IWhileLoopOperation { ConditionIsTop: true, ConditionIsUntil: false, Condition: { } condition, Body: var body, IgnoredCondition: null }:
                while (true)
                {
                    if (Evaluate(condition, state) is not bool test)
                    {
                        return false;
                    }

                    if (!test)
                    {
                        return true;
                    }

                    if (--budget < 0 || !Run(body, state, ref budget))
                    {
                        return false;
                    }
                }

            default:
                return false;
        }
    }

    private static bool Assign(IOperation expression, Dictionary<ISymbol, object> state)
    {
        (ILocalSymbol Local, object? Value) assignment = expression switch
        {
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value: var value } => (target.Local, Evaluate(value, state)),
            ICompoundAssignmentOperation { Target: ILocalReferenceOperation target, OperatorMethod: null, InConversion.IsIdentity: true, OutConversion.IsIdentity: true } compound =>
                (target.Local, state.TryGetValue(target.Local, out var current) && Evaluate(compound.Value, state) is { } right ? Binary(compound.OperatorKind, current, right, target.Local.Type) : null),
            IIncrementOrDecrementOperation { Target: ILocalReferenceOperation target, OperatorMethod: null } step =>
                (target.Local, state.TryGetValue(target.Local, out var current) ? Binary(step.Kind == OperationKind.Increment ? BinaryOperatorKind.Add : BinaryOperatorKind.Subtract, current, Convert(1, target.Local.Type)!, target.Local.Type) : null),
            _ => (null!, null),
        };
        if (assignment.Local is null || assignment.Value is null || !state.ContainsKey(assignment.Local) || Convert(assignment.Value, assignment.Local.Type) is not { } converted)
        {
            return false;
        }

        state[assignment.Local] = converted;
        return true;
    }

    /// <summary>The value of an expression over constants and known locals, with C#'s unchecked semantics; null if it has none.</summary>
    private static object? Evaluate(IOperation operation, Dictionary<ISymbol, object> state)
    {
        if (operation.ConstantValue is { HasValue: true, Value: { } constant })
        {
            return Convert(constant, operation.Type);
        }

        return operation switch
        {
            ILocalReferenceOperation reference => state.TryGetValue(reference.Local, out var value) ? value : null,
            IParenthesizedOperation parenthesized => Evaluate(parenthesized.Operand, state),
            IConversionOperation { OperatorMethod: null, IsTryCast: false } conversion =>
                Evaluate(conversion.Operand, state) is { } operand ? Convert(operand, conversion.Type) : null,
            IBinaryOperation { OperatorMethod: null } binary when binary.OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr =>
                Evaluate(binary.LeftOperand, state) is bool left
                    ? (left == (binary.OperatorKind == BinaryOperatorKind.ConditionalOr) ? left : Evaluate(binary.RightOperand, state) as bool?)
                    : null,
            IBinaryOperation { OperatorMethod: null } binary =>
                Evaluate(binary.LeftOperand, state) is { } left && Evaluate(binary.RightOperand, state) is { } right
                    ? Binary(binary.OperatorKind, left, right, binary.LeftOperand.Type)
                    : null,
            IUnaryOperation { OperatorMethod: null } unary => Evaluate(unary.Operand, state) switch
            {
                bool flag when unary.OperatorKind == UnaryOperatorKind.Not => !flag,
                int number when unary.OperatorKind == UnaryOperatorKind.Minus => unchecked(-number),
                long number when unary.OperatorKind == UnaryOperatorKind.Minus => unchecked(-number),
                double number when unary.OperatorKind == UnaryOperatorKind.Minus => -number,
                { } value when unary.OperatorKind == UnaryOperatorKind.Plus => value,
                _ => null,
            },
            _ => null,
        };
    }

    /// <summary>A built-in binary operator on operands of one type (C# has converted them already); null where C# would throw.</summary>
    private static object? Binary(BinaryOperatorKind kind, object left, object right, ITypeSymbol? operandType)
    {
        var type = operandType?.SpecialType;
        if (type == SpecialType.System_Boolean && left is bool p && right is bool q)
        {
            return kind switch
            {
                BinaryOperatorKind.And => p & q,
                BinaryOperatorKind.Or => p | q,
                BinaryOperatorKind.ExclusiveOr or BinaryOperatorKind.NotEquals => p ^ q,
                BinaryOperatorKind.Equals => p == q,
                _ => null,
            };
        }

        if (type == SpecialType.System_Double && Convert(left, operandType) is double x && Convert(right, operandType) is double y)
        {
            return kind switch
            {
                BinaryOperatorKind.Add => x + y,
                BinaryOperatorKind.Subtract => x - y,
                BinaryOperatorKind.Multiply => x * y,
                BinaryOperatorKind.Divide => x / y,
                BinaryOperatorKind.Remainder => x % y,
                _ => Compare(kind, x.CompareTo(y), double.IsNaN(x) || double.IsNaN(y)),
            };
        }

        if (type is not (SpecialType.System_Int32 or SpecialType.System_Int64) || Convert(left, operandType) is not { } a || Convert(right, operandType) is not { } b)
        {
            return null;
        }

        long m = System.Convert.ToInt64(a), n = System.Convert.ToInt64(b);
        long? result = kind switch
        {
            BinaryOperatorKind.Add => unchecked(m + n),
            BinaryOperatorKind.Subtract => unchecked(m - n),
            BinaryOperatorKind.Multiply => unchecked(m * n),
            BinaryOperatorKind.Divide when n != 0 && !(n == -1 && m == long.MinValue) => m / n,
            BinaryOperatorKind.Remainder when n != 0 && n != -1 => m % n,
            BinaryOperatorKind.Remainder when n == -1 => 0,
            BinaryOperatorKind.And => m & n,
            BinaryOperatorKind.Or => m | n,
            BinaryOperatorKind.ExclusiveOr => m ^ n,
            _ => null,
        };
        if (result is null)
        {
            return kind is BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder ? null : Compare(kind, m.CompareTo(n), unordered: false);
        }

        return Convert(result.Value, operandType);
    }

    private static object? Compare(BinaryOperatorKind kind, int order, bool unordered) => kind switch
    {
        BinaryOperatorKind.Equals => !unordered && order == 0,
        BinaryOperatorKind.NotEquals => unordered || order != 0,
        BinaryOperatorKind.LessThan => !unordered && order < 0,
        BinaryOperatorKind.LessThanOrEqual => !unordered && order <= 0,
        BinaryOperatorKind.GreaterThan => !unordered && order > 0,
        BinaryOperatorKind.GreaterThanOrEqual => !unordered && order >= 0,
        _ => null,
    };

    /// <summary>C#'s unchecked conversion of a constant to one of the vectorized types; null for any other type.</summary>
    private static object? Convert(object value, ITypeSymbol? type) => (type?.SpecialType, value) switch
    {
        (SpecialType.System_Boolean, bool flag) => flag,
        (SpecialType.System_Int32, int or long) => unchecked((int)System.Convert.ToInt64(value)),
        (SpecialType.System_Int32, double number) when Math.Abs(number) < int.MaxValue => (int)number,
        (SpecialType.System_Int64, int or long) => System.Convert.ToInt64(value),
        (SpecialType.System_Int64, double number) when Math.Abs(number) < long.MaxValue => (long)number,
        (SpecialType.System_Double, int or long) => (double)System.Convert.ToInt64(value),
        (SpecialType.System_Double, double number) => number,
        _ => null,
    };

    private sealed class OpeningStatements
    {
        public Dictionary<ISymbol, object> State { get; set; } = new(SymbolEqualityComparer.Default);

        public List<StatementSyntax> Evaluated { get; } = [];

        public List<(ILocalSymbol Declared, Dictionary<ISymbol, object> Reads)> DeclaratorReads { get; } = [];

        public int End { get; set; }
    }
}
