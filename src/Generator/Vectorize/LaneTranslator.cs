using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SlowSeries.Generator.Vectorize;

/// <summary>
/// Translates the body of a scalar <c>[Vectorize]</c> method into the body of its lane version, written once for every
/// vector width: each operation is a static member of the width type parameter <c>W</c>. Control flow
/// becomes predication: every statement runs under a lane mask; <c>if</c> runs each branch only when some lane takes
/// it; loops run while any lane is still looping; <c>return</c>, <c>break</c> and <c>continue</c> retire lanes from
/// the masks. Assignments blend under the mask, so inactive lanes keep their values. Anything else throws
/// <see cref="NotVectorizableException"/> naming the construct.
/// </summary>
internal sealed class LaneTranslator
{
    // Every lane operation is a static member of the width type parameter W (see IVectorWidth in the runtime).
    private const string Lanes = "W";
    private const string Vector = "W";

    // Our lane functions written over the width, called with the lane method's own width.
    private const string VectorMath = "global::SlowSeries.Vectorization.VectorMath";

    /// <summary>Branch bodies up to this many statements (and without loops or calls) run without an any-lane test.</summary>
    private const int CheapBranchStatements = 3;

    private readonly SemanticModel model;
    private readonly Func<IMethodSymbol, bool> isVectorizedMethod;
    private readonly CancellationToken cancellation;
    private readonly ConstantLocals constants;
    private readonly StringBuilder code = new();
    private readonly Dictionary<ISymbol, LaneType> variables = new(SymbolEqualityComparer.Default);
    private readonly Stack<LoopMasks> loops = new();
    private Dictionary<string, string> assignmentMasks = [];

    // Quotient and remainder temporaries by "dividend@version/divisor": `k % 10` and `k / 10` share one division while
    // k keeps its value. Versions count assignments; scopes restore what is visible.
    private Dictionary<string, (string Quotient, string Remainder)> divisions = [];
    // What each C# block of the output can see: masks and divisions declared inside it go out of scope with it.
    private readonly Stack<(Dictionary<string, (string Quotient, string Remainder)> Divisions, Dictionary<string, string> AssignmentMasks)> scopes = new();
    private readonly Dictionary<string, int> versions = [];

    // Variables known to be in [0, 2^31) in every lane while the loop that tested them runs (they only shrink in it):
    // their divisions by positive constants skip the per-iteration range test.
    private readonly Dictionary<string, string> smallDividends = [];

    // Integer variables at the version a loop's condition tested them non-negative (`while (n > 1)`), for that loop's
    // body: their divisions by powers of two are a shift and a mask, with no bias for negative dividends on the path
    // from one iteration to the next. An assignment in the body changes the version and ends the fact.
    private readonly Dictionary<string, int> nonNegative = [];
    private LaneType resultType;
    private bool returnEmitted;
    private int indent = 2;
    private int temporaries;

    private LaneTranslator(SemanticModel model, Func<IMethodSymbol, bool> isVectorizedMethod, ConstantLocals constants, CancellationToken cancellation)
    {
        this.model = model;
        this.isVectorizedMethod = isVectorizedMethod;
        this.constants = constants;
        this.cancellation = cancellation;
    }

    /// <summary>
    /// The statements of <c>static TResult NameLanes&lt;W, TDouble, TLong&gt;(TParameter1 p1, ..., TLong active)</c>, generic
    /// over the vector width W; parameters keep
    /// their names with a <c>v_</c> prefix (the caller declares them), the result is returned at the end.
    /// </summary>
    /// <param name="isVectorizedMethod">Whether a called <c>[Vectorize]</c> method has a lane version to call.</param>
    public static string Translate(IMethodSymbol method, MethodDeclarationSyntax declaration, SemanticModel model, Func<IMethodSymbol, bool> isVectorizedMethod, CancellationToken cancellation)
    {
        var translator = new LaneTranslator(model, isVectorizedMethod, ConstantLocals.Analyze(declaration.Body, model, cancellation), cancellation);
        return translator.TranslateMethod(method, declaration);
    }

    private string TranslateMethod(IMethodSymbol method, MethodDeclarationSyntax declaration)
    {
        resultType = LaneTypes.Of(method.ReturnType) ?? throw new NotVectorizableException(declaration.ReturnType, $"return type '{method.ReturnType.ToDisplayString()}'");
        foreach (var parameter in method.Parameters)
        {
            var syntax = parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellation) ?? declaration;
            variables[parameter] = LaneTypes.Of(parameter.Type) ?? throw new NotVectorizableException(syntax, $"parameter type '{parameter.Type.ToDisplayString()}'");
        }

        Line($"var result = {Zero(resultType)};");
        Line($"var returned = {Lanes}.None;");
        Line("var m0 = active;");
        if (declaration.ExpressionBody is { } arrow)
        {
            Return(arrow.Expression, "m0");
        }
        else if (declaration.Body is { } body)
        {
            Statements(body.Statements, "m0");
        }
        else
        {
            throw new NotVectorizableException(declaration, "a method without a body");
        }

        Line("return result;");
        return code.ToString();
    }

    // ---------------------------------------------------------------- statements

    /// <summary>Translates a statement list under <paramref name="mask"/>; stops after a jump (the rest is unreachable).</summary>
    private void Statements(IEnumerable<StatementSyntax> statements, string mask)
    {
        foreach (var statement in statements)
        {
            cancellation.ThrowIfCancellationRequested();
            if (constants.WasEvaluated(statement))
            {
                continue;
            }

            Statement(statement, mask);
            if (statement is ReturnStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax)
            {
                return;
            }

            if (ContainsJump(statement))
            {
                // Lanes that returned, broke or continued inside the statement skip what follows. Assignments to locals
                // may still write the lanes that returned: nothing reads them again, and leaving those lanes out would
                // put the return test on the path of every loop-carried variable.
                var exits = Exits();
                if (!assignmentMasks.ContainsKey(mask))
                {
                    string assignment = NewTemporary("w");
                    Line($"var {assignment} = {mask};");
                    assignmentMasks[mask] = assignment;
                }

                if (exits.Count > 1)
                {
                    Line($"{assignmentMasks[mask]} = {AndNot(assignmentMasks[mask], Or(exits.Skip(1)))};");
                }

                Line($"{mask} = {AndNot(mask, Or(exits))};");
            }
        }
    }

    private void Statement(StatementSyntax statement, string mask)
    {
        switch (statement)
        {
            case BlockSyntax block:
                Open("{");
                Statements(block.Statements, mask);
                Close("}");
                break;
            case EmptyStatementSyntax:
                break;
            case LocalDeclarationStatementSyntax local when !local.IsConst && local.UsingKeyword == default:
                Declaration(local.Declaration, mask);
                break;
            case LocalDeclarationStatementSyntax { IsConst: true }:
                break; // constants are folded where they are used
            case ExpressionStatementSyntax expression:
                ExpressionStatement(expression.Expression, mask);
                break;
            case IfStatementSyntax conditional:
                If(conditional, mask);
                break;
            case WhileStatementSyntax loop:
                Loop(loop, loop.Condition, loop.Statement, [], mask);
                break;
            case ForStatementSyntax loop:
                Open("{");
                if (loop.Declaration is { } declaration)
                {
                    Declaration(declaration, mask);
                }

                foreach (var initializer in loop.Initializers)
                {
                    ExpressionStatement(initializer, mask);
                }

                Loop(loop, loop.Condition, loop.Statement, loop.Incrementors, mask);
                Close("}");
                break;
            case ReturnStatementSyntax { Expression: { } value }:
                Return(value, mask);
                break;
            case BreakStatementSyntax when loops.Count > 0 && loops.Peek().Broke is not null:
                Line($"{loops.Peek().Broke} = {Or([loops.Peek().Broke!, mask])};");
                break;
            case ContinueStatementSyntax when loops.Count > 0 && loops.Peek().Continued is not null:
                Line($"{loops.Peek().Continued} = {Or([loops.Peek().Continued!, mask])};");
                break;
            default:
                throw new NotVectorizableException(statement, $"'{statement.Kind().ToString().Replace("Statement", string.Empty).ToLowerInvariant()}' statement");
        }
    }

    private void Declaration(VariableDeclarationSyntax declaration, string mask)
    {
        foreach (var variable in declaration.Variables)
        {
            var symbol = (ILocalSymbol)model.GetDeclaredSymbol(variable, cancellation)!;
            if (constants.TryGetValue(symbol, out _))
            {
                continue; // used as the constant it is
            }

            var type = LaneTypes.Of(symbol.Type) ?? throw new NotVectorizableException(declaration.Type, $"local of type '{symbol.Type.ToDisplayString()}'");
            string value = variable.Initializer is { } initializer ? Convert(Expression(initializer.Value, mask), initializer.Value, type) : Zero(type);

            // A declaration sets every lane: lanes inactive here never read the variable before assigning it.
            Line($"var v_{symbol.Name} = {value};");
            Assigned($"v_{symbol.Name}");
            variables[symbol] = type;
        }
    }

    private void ExpressionStatement(ExpressionSyntax expression, string mask)
    {
        switch (expression)
        {
            case AssignmentExpressionSyntax assignment:
                Assignment(assignment, mask);
                break;
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } step:
                Step(step.Operand, step.IsKind(SyntaxKind.PostIncrementExpression), mask);
                break;
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } step:
                Step(step.Operand, step.IsKind(SyntaxKind.PreIncrementExpression), mask);
                break;
            default:
                throw new NotVectorizableException(expression, $"expression statement '{expression}'");
        }
    }

    private void Assignment(AssignmentExpressionSyntax assignment, string mask)
    {
        var (name, type) = Variable(assignment.Left);
        string value;
        if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
        {
            value = Convert(Expression(assignment.Right, mask), assignment.Right, type);
        }
        else
        {
            var operation = assignment.Kind() switch
            {
                SyntaxKind.AddAssignmentExpression => SyntaxKind.AddExpression,
                SyntaxKind.SubtractAssignmentExpression => SyntaxKind.SubtractExpression,
                SyntaxKind.MultiplyAssignmentExpression => SyntaxKind.MultiplyExpression,
                SyntaxKind.DivideAssignmentExpression => SyntaxKind.DivideExpression,
                SyntaxKind.ModuloAssignmentExpression => SyntaxKind.ModuloExpression,
                SyntaxKind.AndAssignmentExpression => SyntaxKind.BitwiseAndExpression,
                SyntaxKind.OrAssignmentExpression => SyntaxKind.BitwiseOrExpression,
                SyntaxKind.ExclusiveOrAssignmentExpression => SyntaxKind.ExclusiveOrExpression,
                _ => throw new NotVectorizableException(assignment, $"'{assignment.OperatorToken.Text}' assignment"),
            };
            var right = Expression(assignment.Right, mask);
            var operandType = Promote(type, right.Type);
            var combined = operandType.IsInteger() && operation is SyntaxKind.DivideExpression or SyntaxKind.ModuloExpression && ConstantDivisor(assignment.Right) is { } divisor
                ? DivisionByConstant(operation, ConvertName((name, type), operandType), divisor)
                : Arithmetic(operation, (name, type), right, operandType, assignment, mask);
            value = Cast((Temporary(combined), operandType), type, assignment);
        }

        Store(assignment.Left, name, value, mask);
    }

    private void Step(ExpressionSyntax target, bool increment, string mask)
    {
        var (name, type) = Variable(target);
        if (type.IsInteger() && !IsDeadOutsideIteration(target, mask))
        {
            // A mask lane is −1 where set: subtracting the mask counts the lanes it selects, one instruction where a
            // blend of the stepped value takes three (x64 below AVX-512), on the loop's path to its next iteration.
            string counted = Wrap($"{Lanes}.{(increment ? "Subtract" : "Add")}({name}, {AssignmentMask(mask)})", type);
            Line($"{name} = {counted};");
            Assigned(name);
            return;
        }

        string one = type == LaneType.Double ? $"{Vector}.Create(1.0)" : $"{Vector}.Create(1L)";
        string value = Wrap($"{Lanes}.{(increment ? "Add" : "Subtract")}({name}, {one})", type);
        Store(target, name, value, mask);
    }

    /// <summary>Assigns the lanes of <paramref name="mask"/> (and perhaps lanes nothing reads again).</summary>
    private void Store(ExpressionSyntax target, string name, string value, string mask)
    {
        Line(IsDeadOutsideIteration(target, mask) ? $"{name} = {value};" : $"{name} = {Lanes}.Select({AssignmentMask(mask)}, {value}, {name});");
        Assigned(name);
    }

    /// <summary>
    /// Whether an assignment under <paramref name="mask"/> may write every lane: it is at the top level of the body of
    /// a loop that is itself a statement of the method (no enclosing loop comes round again), the loop has no break or
    /// continue (every lane still in the loop runs it), and nothing after the loop reads the variable. Lanes outside the
    /// mask have left the loop for good or returned, so no one reads what they get.
    /// </summary>
    private bool IsDeadOutsideIteration(ExpressionSyntax target, string mask) =>
        loops.Count == 1 && loops.Peek() is { Broke: null, Continued: null } loop && loop.Iteration == mask
        && IsDeadAfter(loop.Statement, target);

    /// <summary>Whether <paramref name="loop"/> is a statement of the method and nothing after it reads <paramref name="target"/>'s variable.</summary>
    private bool IsDeadAfter(StatementSyntax loop, ExpressionSyntax target)
    {
        if (loop.Parent is not BlockSyntax { Parent: MethodDeclarationSyntax } body || model.GetSymbolInfo(target, cancellation).Symbol is not { } symbol)
        {
            return false;
        }

        return !body.Statements.SkipWhile(statement => statement != loop).Skip(1)
            .SelectMany(statement => statement.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            .Any(identifier => identifier.Identifier.Text == symbol.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellation).Symbol, symbol));
    }

    /// <summary>
    /// Whether the loop changes <paramref name="variable"/> only by dividing it by positive constants (<c>k /= 10</c>,
    /// <c>k = k / 10</c>): a value in [0, 2^31) then stays there in every lane, written or not.
    /// </summary>
    private bool OnlyShrinks(ISymbol variable, StatementSyntax loop)
    {
        bool Is(ExpressionSyntax expression) => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(expression, cancellation).Symbol, variable);
        bool PositiveConstant(ExpressionSyntax expression) => ConstantDivisor(expression) is > 0;
        bool assigned = false;
        foreach (var node in loop.DescendantNodesAndSelf())
        {
            if (WrittenVariable.Of(node) is not { } target || !Is(target))
            {
                continue;
            }

            bool shrinks = node is AssignmentExpressionSyntax assignment && assignment.Kind() switch
            {
                SyntaxKind.DivideAssignmentExpression => PositiveConstant(assignment.Right),
                SyntaxKind.SimpleAssignmentExpression => assignment.Right is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.DivideExpression } division
                    && Is(division.Left) && PositiveConstant(division.Right),
                _ => false,
            };
            if (!shrinks)
            {
                return false;
            }

            assigned = true;
        }

        return assigned;
    }

    /// <summary>
    /// Whether every assignment in a loop's body writes every lane (see <see cref="IsDeadOutsideIteration"/>): each is
    /// a statement of the body itself, of a variable nothing reads after the loop, in a top-level loop without break,
    /// continue or incrementors. Such a loop needs no assignment mask at all.
    /// </summary>
    private bool WritesOnlyDeadVariables(StatementSyntax loop, StatementSyntax body, bool jumps, IEnumerable<ExpressionSyntax> incrementors)
    {
        if (loops.Count != 0 || jumps || incrementors.Any())
        {
            return false;
        }

        var iterationLevel = body is BlockSyntax block ? block.Statements.ToList() : [body];
        foreach (var node in body.DescendantNodesAndSelf())
        {
            if (WrittenVariable.Of(node) is { } target && (node.Parent is not ExpressionStatementSyntax statement || !iterationLevel.Contains(statement) || !IsDeadAfter(loop, target)))
            {
                return false;
            }
        }

        return true;
    }

    private (string Name, LaneType Type) Variable(ExpressionSyntax target)
    {
        var symbol = model.GetSymbolInfo(target, cancellation).Symbol;
        return symbol is ILocalSymbol or IParameterSymbol && variables.TryGetValue(symbol, out var type)
            ? ("v_" + symbol.Name, type)
            : throw new NotVectorizableException(target, $"assignment to '{target}' (only locals and parameters are vectorized)");
    }

    private void If(IfStatementSyntax conditional, string mask)
    {
        string condition = Convert(Expression(conditional.Condition, mask), conditional.Condition, LaneType.Bool);
        string taken = NewTemporary("m");
        Line($"var {taken} = {Lanes}.And({mask}, {condition});");
        Branch(conditional.Statement, taken);
        if (conditional.Else is { } otherwise)
        {
            string other = NewTemporary("m");
            Line($"var {other} = {AndNot(mask, condition)};");
            Branch(otherwise.Statement, other);
        }
    }

    /// <summary>
    /// A branch body under its mask. A short body without loops runs unconditionally (its assignments blend under the
    /// mask): testing whether any of eight lanes takes a data-dependent branch mispredicts about half the time, which
    /// costs more than the few blends it would skip.
    /// </summary>
    private void Branch(StatementSyntax body, string mask)
    {
        bool cheap = !body.DescendantNodesAndSelf().Any(n => n is WhileStatementSyntax or ForStatementSyntax or InvocationExpressionSyntax)
            && body.DescendantNodesAndSelf().OfType<StatementSyntax>().Count(n => n is not BlockSyntax) <= CheapBranchStatements;
        if (cheap)
        {
            Open("{");
            Statement(body, mask);
            Close("}");
            return;
        }

        Open($"if ({Lanes}.Any({mask}))");
        Statement(body, mask);
        Close("}");
    }

    private void Loop(StatementSyntax statement, ExpressionSyntax? condition, StatementSyntax body, IEnumerable<ExpressionSyntax> incrementors, string mask)
    {
        // Only the jumps the body has get masks (the JIT does not fold unused all-zero vectors away).
        var jumps = body.DescendantNodesAndSelf(n => n == body || n is not (WhileStatementSyntax or ForStatementSyntax)).ToList();
        bool breaks = jumps.OfType<BreakStatementSyntax>().Any(), continues = jumps.OfType<ContinueStatementSyntax>().Any();
        bool returns = body.DescendantNodesAndSelf().OfType<ReturnStatementSyntax>().Any();
        var masks = new LoopMasks(statement, NewTemporary("loop"), breaks ? NewTemporary("broke") : null, continues ? NewTemporary("continued") : null, NewTemporary("m"));
        Line($"var {masks.Loop} = {mask};");

        // Where the body returns, assignments use the loop mask as if no lane had returned (see Statements): the test
        // whether a lane returned then stays off the path from one iteration's variables to the next.
        string? looping = returns && !WritesOnlyDeadVariables(statement, body, breaks || continues, incrementors) ? NewTemporary("lw") : null;
        if (looping is not null)
        {
            Line($"var {looping} = {AssignmentMask(mask)};");
        }
        if (masks.Broke is not null)
        {
            Line($"var {masks.Broke} = {Lanes}.None;");
        }

        foreach (var variable in variables.Keys)
        {
            Assigned($"v_{variable.Name}"); // divisions from before the loop are stale in its later iterations
        }

        var tested = new List<string>();
        foreach (var variable in variables.Where(pair => pair.Value.IsInteger()).Select(pair => pair.Key).ToList())
        {
            string name = $"v_{variable.Name}";
            if (!smallDividends.ContainsKey(name) && OnlyShrinks(variable, statement))
            {
                string flag = NewTemporary("small");
                Line($"var {flag} = {Lanes}.IsSmallDividend({name});");
                smallDividends[name] = flag;
                tested.Add(name);
            }
        }

        Open("while (true)");
        if (condition is not null)
        {
            string test = Convert(Expression(condition, masks.Loop), condition, LaneType.Bool);
            Line($"{masks.Loop} = {Lanes}.And({masks.Loop}, {test});");
            if (looping is not null)
            {
                Line($"{looping} = {Lanes}.And({looping}, {test});");
            }
        }

        Line($"if (!{Lanes}.Any({masks.Loop})) break;");
        string iteration = masks.Iteration;
        Line($"var {iteration} = {masks.Loop};");
        if (looping is not null)
        {
            // A copy: continue retires lanes from it for this iteration only.
            string assignment = NewTemporary("w");
            Line($"var {assignment} = {looping};");
            assignmentMasks[iteration] = assignment;
            assignmentMasks[masks.Loop] = looping;
        }
        if (masks.Continued is not null)
        {
            Line($"var {masks.Continued} = {Lanes}.None;");
        }

        var outerFacts = new Dictionary<string, int>(nonNegative);
        if (condition is not null)
        {
            foreach (string variable in NonNegativeIn(condition))
            {
                nonNegative[variable] = Version(variable);
            }
        }

        loops.Push(masks);
        Statement(body, iteration);
        loops.Pop();
        nonNegative.Clear();
        foreach (var fact in outerFacts)
        {
            nonNegative[fact.Key] = fact.Value;
        }

        var retired = new[] { returns ? "returned" : null, masks.Broke }.OfType<string>().ToList();
        if (retired.Count > 0)
        {
            Line($"{masks.Loop} = {AndNot(masks.Loop, Or(retired))};");
        }

        if (looping is not null && masks.Broke is not null)
        {
            Line($"{looping} = {AndNot(looping, masks.Broke)};");
        }

        foreach (var incrementor in incrementors)
        {
            ExpressionStatement(incrementor, masks.Loop);
        }

        Close("}");
        foreach (string name in tested)
        {
            smallDividends.Remove(name);
        }
    }

    /// <summary>
    /// The integer variables (as lane names) that <paramref name="condition"/> being true proves non-negative: its
    /// conjuncts <c>v &gt; c</c> with c ≥ −1 and <c>v &gt;= c</c> with c ≥ 0, either way round.
    /// </summary>
    private IEnumerable<string> NonNegativeIn(ExpressionSyntax condition)
    {
        var unwrapped = condition;
        while (unwrapped is ParenthesizedExpressionSyntax parenthesized)
        {
            unwrapped = parenthesized.Expression;
        }

        if (unwrapped is not BinaryExpressionSyntax binary)
        {
            yield break;
        }

        if (binary.IsKind(SyntaxKind.LogicalAndExpression))
        {
            foreach (string name in NonNegativeIn(binary.Left).Concat(NonNegativeIn(binary.Right)))
            {
                yield return name;
            }

            yield break;
        }

        // As "variable > bound" or "variable >= bound".
        var (variable, bound, strict) = binary.Kind() switch
        {
            SyntaxKind.GreaterThanExpression => (binary.Left, binary.Right, true),
            SyntaxKind.GreaterThanOrEqualExpression => (binary.Left, binary.Right, false),
            SyntaxKind.LessThanExpression => (binary.Right, binary.Left, true),
            SyntaxKind.LessThanOrEqualExpression => (binary.Right, binary.Left, false),
            _ => (binary.Left, binary.Right, false),
        };
        if (binary.Kind() is not (SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression)
            || variable is not IdentifierNameSyntax
            || model.GetSymbolInfo(variable, cancellation).Symbol is not { } symbol
            || !variables.TryGetValue(symbol, out var type) || !type.IsInteger()
            || IntegerConstant(bound) is not { } value || value < (strict ? -1 : 0))
        {
            yield break;
        }

        yield return $"v_{symbol.Name}";
    }

    private void Return(ExpressionSyntax value, string mask)
    {
        string result = Convert(Expression(value, mask), value, resultType);
        if (mask == "m0" && !returnEmitted)
        {
            // The method's last statement, reached by every active lane and by no lane that returned before (any earlier
            // jump would have narrowed the mask): the value is the result as it is, inactive lanes being unspecified. A
            // select by `active` would cost a blend per call where the JIT cannot see that the mask is all lanes.
            Line($"result = {result};");
            return;
        }

        returnEmitted = true;
        Line($"result = {Lanes}.Select({mask}, {result}, result);");
        Line($"returned = {Lanes}.Or(returned, {mask});");
    }

    /// <summary>The lanes an assignment under <paramref name="mask"/> writes: the mask, or a superset with lanes that returned.</summary>
    private string AssignmentMask(string mask) => assignmentMasks.TryGetValue(mask, out var assignment) ? assignment : mask;

    /// <summary>The masks of lanes that left the current statement list: returned first, then the innermost loop's.</summary>
    private List<string> Exits()
    {
        if (loops.Count == 0)
        {
            return ["returned"];
        }

        var innermost = loops.Peek();
        return new[] { "returned", innermost.Broke, innermost.Continued }.OfType<string>().ToList();
    }

    /// <summary>The union of masks, as nested <c>W.Or</c> calls.</summary>
    private static string Or(IEnumerable<string> masks) => masks.Aggregate((union, next) => $"{Lanes}.Or({union}, {next})");

    /// <summary><paramref name="mask"/> without the lanes of <paramref name="removed"/>.</summary>
    private static string AndNot(string mask, string removed) => $"{Lanes}.AndNot({mask}, {removed})";

    private static bool ContainsJump(StatementSyntax statement) =>
        statement is not (ExpressionStatementSyntax or LocalDeclarationStatementSyntax)
        && statement.DescendantNodesAndSelf().Any(n => n is ReturnStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax);

    // ---------------------------------------------------------------- expressions

    /// <summary>Emits the expression (its natural type) into a temporary; lanes outside <paramref name="mask"/> may hold anything.</summary>
    private (string Name, LaneType Type) Expression(ExpressionSyntax expression, string mask)
    {
        cancellation.ThrowIfCancellationRequested();
        var natural = model.GetTypeInfo(expression, cancellation).Type;
        var constant = ConstantValue(expression);
        if (constant.HasValue)
        {
            var type = LaneTypes.Of(natural) ?? throw new NotVectorizableException(expression, $"constant of type '{natural?.ToDisplayString()}'");
            return (Constant(constant.Value, type, expression), type);
        }

        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Expression(parenthesized.Expression, mask);
            case IdentifierNameSyntax identifier:
                var symbol = model.GetSymbolInfo(identifier, cancellation).Symbol;
                return symbol is not null && variables.TryGetValue(symbol, out var variableType)
                    ? ("v_" + symbol.Name, variableType)
                    : throw new NotVectorizableException(identifier, $"use of '{identifier.Identifier.Text}' (only parameters, locals and constants are vectorized)");
            case PrefixUnaryExpressionSyntax unary:
                return Unary(unary, mask);
            case BinaryExpressionSyntax binary:
                return Binary(binary, mask);
            case ConditionalExpressionSyntax conditional:
                return Conditional(conditional, mask);
            case CastExpressionSyntax cast:
                var target = LaneTypes.Of(model.GetTypeInfo(cast.Type, cancellation).Type) ?? throw new NotVectorizableException(cast, $"cast to '{cast.Type}'");
                return (Cast(Expression(cast.Expression, mask), target, cast), target);
            case InvocationExpressionSyntax invocation:
                return Invocation(invocation, mask);
            default:
                throw new NotVectorizableException(expression, $"expression '{expression}' ({expression.Kind()})");
        }
    }

    private (string, LaneType) Unary(PrefixUnaryExpressionSyntax unary, string mask)
    {
        var operand = Expression(unary.Operand, mask);
        var type = LaneTypes.Of(model.GetTypeInfo(unary, cancellation).Type) ?? throw new NotVectorizableException(unary, $"operator '{unary.OperatorToken.Text}'");
        string value = Convert(operand, unary.Operand, type);
        return unary.Kind() switch
        {
            SyntaxKind.UnaryPlusExpression => (value, type),
            SyntaxKind.UnaryMinusExpression => (Temporary(Wrap($"{Lanes}.Negate({value})", type)), type),
            SyntaxKind.LogicalNotExpression or SyntaxKind.BitwiseNotExpression => (Temporary($"{Lanes}.Not({value})"), type),
            _ => throw new NotVectorizableException(unary, $"operator '{unary.OperatorToken.Text}'"),
        };
    }

    private (string, LaneType) Binary(BinaryExpressionSyntax binary, string mask)
    {
        if (binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.LogicalOrExpression))
        {
            // Short-circuit: the right side runs (for division's zero check) only on lanes the left side did not decide.
            bool and = binary.IsKind(SyntaxKind.LogicalAndExpression);
            string left = Convert(Expression(binary.Left, mask), binary.Left, LaneType.Bool);
            string rightMask = Temporary(and ? $"{Lanes}.And({mask}, {left})" : AndNot(mask, left));
            string right = Convert(Expression(binary.Right, rightMask), binary.Right, LaneType.Bool);
            return (Temporary($"{Lanes}.{(and ? "And" : "Or")}({left}, {right})"), LaneType.Bool);
        }

        if (model.GetSymbolInfo(binary, cancellation).Symbol is not IMethodSymbol { Parameters.Length: 2 } operation
            || operation.ContainingType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Int64 or SpecialType.System_Int32 or SpecialType.System_Boolean))
        {
            throw new NotVectorizableException(binary, $"operator '{binary.OperatorToken.Text}' on these operand types");
        }

        var operandType = LaneTypes.Of(operation.Parameters[0].Type)!.Value;
        var left2 = Expression(binary.Left, mask);
        var right2 = Expression(binary.Right, mask);
        var resultType = LaneTypes.Of(operation.ReturnType)!.Value;
        if (binary.IsKind(SyntaxKind.LeftShiftExpression) || binary.IsKind(SyntaxKind.RightShiftExpression))
        {
            var count = ConstantValue(binary.Right);
            if (!count.HasValue || count.Value is not int shift)
            {
                throw new NotVectorizableException(binary, "shift by a non-constant count");
            }

            shift &= operandType == LaneType.Int ? 31 : 63;
            string shifted = binary.IsKind(SyntaxKind.LeftShiftExpression)
                ? Wrap($"{Vector}.ShiftLeft({Convert(left2, binary.Left, operandType)}, {shift})", operandType)
                : $"{Vector}.ShiftRightArithmetic({Convert(left2, binary.Left, operandType)}, {shift})";
            return (Temporary(shifted), operandType);
        }

        if (operandType.IsInteger() && (binary.IsKind(SyntaxKind.DivideExpression) || binary.IsKind(SyntaxKind.ModuloExpression))
            && ConstantDivisor(binary.Right) is { } divisor)
        {
            return (DivisionByConstant(binary.Kind(), Convert(left2, binary.Left, operandType), divisor), resultType);
        }

        // Integer products with a constant become shifts and adds where they can (no 64-bit lane multiply below AVX-512).
        if (operandType.IsInteger() && binary.IsKind(SyntaxKind.MultiplyExpression)
            && (IntegerConstant(binary.Right) ?? IntegerConstant(binary.Left)) is { } factor)
        {
            var (other, otherSyntax) = IntegerConstant(binary.Right) is not null ? (left2, binary.Left) : (right2, binary.Right);
            string product = $"{Lanes}.MultiplyByConstant({Convert(other, otherSyntax, operandType)}, {factor.ToString(CultureInfo.InvariantCulture)}L)";
            return (Temporary(Wrap(product, operandType)), resultType);
        }

        var combined = Arithmetic(binary.Kind(), (Convert(left2, binary.Left, operandType), operandType), (Convert(right2, binary.Right, operandType), operandType), operandType, binary, mask);
        return (Temporary(combined), resultType);
    }

    /// <summary>
    /// Integer division or remainder by a constant: what it takes is computed here, the lanes multiply instead of
    /// dividing; quotient and remainder come together and are reused while the dividend keeps its value.
    /// </summary>
    private string DivisionByConstant(SyntaxKind operation, string dividend, long divisor)
    {
        string key = $"{dividend}@{Version(dividend)}/{divisor.ToString(CultureInfo.InvariantCulture)}";
        if (!divisions.TryGetValue(key, out var division))
        {
            var constant = global::SlowSeries.Vectorization.ConstantDivisor.Of(divisor);
            string arguments = string.Join(", ", [
                constant.Value.ToString(CultureInfo.InvariantCulture) + "L",
                DoubleLiteral(constant.ReciprocalRoundedUp),
                constant.Multiplier.ToString(CultureInfo.InvariantCulture) + "u",
                constant.Shift.ToString(CultureInfo.InvariantCulture)]);
            division = (NewTemporary("q"), NewTemporary("r"));
            string constantDivisor = $"new global::SlowSeries.Vectorization.ConstantDivisor({arguments})";
            bool powerOfTwo = divisor != long.MinValue && Math.Abs(divisor) >= 2 && (Math.Abs(divisor) & (Math.Abs(divisor) - 1)) == 0;
            if (powerOfTwo && nonNegative.TryGetValue(dividend, out int version) && version == Version(dividend))
            {
                Line($"var ({division.Quotient}, {division.Remainder}) = {Lanes}.DivideNonNegativeWithRemainderByConstant({dividend}, {constantDivisor});");
            }
            else if (divisor > 0 && constant.Multiplier != 0 && smallDividends.TryGetValue(dividend, out var flag))
            {
                // A statement, not a conditional expression: the JIT must branch on the loop-invariant flag rather than
                // compute the range test anyway.
                Line($"TLong {division.Quotient}, {division.Remainder};");
                Line($"if ({flag}) ({division.Quotient}, {division.Remainder}) = {Lanes}.DivideSmallWithRemainderByConstant({dividend}, {constantDivisor});");
                Line($"else ({division.Quotient}, {division.Remainder}) = {Lanes}.DivideWithRemainderByConstant({dividend}, {constantDivisor});");
            }
            else
            {
                Line($"var ({division.Quotient}, {division.Remainder}) = {Lanes}.DivideWithRemainderByConstant({dividend}, {constantDivisor});");
            }
            divisions[key] = division;
        }

        return operation == SyntaxKind.DivideExpression ? division.Quotient : division.Remainder;
    }

    private int Version(string variable) => versions.TryGetValue(variable, out int version) ? version : 0;

    private void Assigned(string variable) => versions[variable] = Version(variable) + 1;

    /// <summary>A constant integer divisor that the by-constant division handles (not 0, magnitude below 2^51), or null.</summary>
    private long? ConstantDivisor(ExpressionSyntax divisor)
    {
        var constant = ConstantValue(divisor);
        long? value = constant.HasValue ? constant.Value switch { int i => i, long l => l, _ => null } : null;
        return value is { } v && v != 0 && v > -global::SlowSeries.Vectorization.ConstantDivisor.Limit && v < global::SlowSeries.Vectorization.ConstantDivisor.Limit ? v : null;
    }

    /// <summary>A C# constant, or a local whose value is known at build time (see <see cref="ConstantLocals"/>).</summary>
    /// <summary>The value of an int or long constant expression (literal or constant local), else null.</summary>
    private long? IntegerConstant(ExpressionSyntax expression) => ConstantValue(expression) is { HasValue: true, Value: int or long } constant
        ? System.Convert.ToInt64(constant.Value, CultureInfo.InvariantCulture)
        : null;

    private Optional<object?> ConstantValue(ExpressionSyntax expression)
    {
        var constant = model.GetConstantValue(expression, cancellation);
        if (constant.HasValue)
        {
            return constant;
        }

        var unwrapped = expression;
        while (unwrapped is ParenthesizedExpressionSyntax parenthesized)
        {
            unwrapped = parenthesized.Expression;
        }

        return unwrapped is IdentifierNameSyntax && constants.TryGetValue(model.GetSymbolInfo(unwrapped, cancellation).Symbol, out var value)
            ? new Optional<object?>(value)
            : default;
    }

    /// <summary>The vector expression of a binary operator on operands already of <paramref name="type"/>.</summary>
    private static string Arithmetic(SyntaxKind kind, (string Name, LaneType Type) left, (string Name, LaneType Type) right, LaneType type, SyntaxNode node, string mask)
    {
        string a = ConvertName(left, type), b = ConvertName(right, type);
        return (kind, type) switch
        {
            (SyntaxKind.AddExpression, _) when type != LaneType.Bool => Wrap($"{Lanes}.Add({a}, {b})", type),
            (SyntaxKind.SubtractExpression, _) when type != LaneType.Bool => Wrap($"{Lanes}.Subtract({a}, {b})", type),
            (SyntaxKind.MultiplyExpression, _) when type != LaneType.Bool => Wrap($"{Lanes}.Multiply({a}, {b})", type),
            (SyntaxKind.DivideExpression, LaneType.Double) => $"{Lanes}.Divide({a}, {b})",
            (SyntaxKind.DivideExpression, LaneType.Long or LaneType.Int) => $"{Lanes}.Divide({a}, {b}, {mask})",
            (SyntaxKind.ModuloExpression, LaneType.Long or LaneType.Int) => $"{Lanes}.Remainder({a}, {b}, {mask})",
            (SyntaxKind.BitwiseAndExpression, not LaneType.Double) => $"{Lanes}.And({a}, {b})",
            (SyntaxKind.BitwiseOrExpression, not LaneType.Double) => $"{Lanes}.Or({a}, {b})",
            (SyntaxKind.ExclusiveOrExpression, not LaneType.Double) => $"{Lanes}.Xor({a}, {b})",
            (SyntaxKind.EqualsExpression, LaneType.Bool) => $"{Lanes}.Not({Lanes}.Xor({a}, {b}))",
            (SyntaxKind.NotEqualsExpression, LaneType.Bool) => $"{Lanes}.Xor({a}, {b})",
            (SyntaxKind.EqualsExpression, _) => Compare("Equal", a, b, type),
            (SyntaxKind.NotEqualsExpression, _) => $"{Lanes}.Not({Compare("Equal", a, b, type)})",
            (SyntaxKind.LessThanExpression, not LaneType.Bool) => Compare("LessThan", a, b, type),
            (SyntaxKind.LessThanOrEqualExpression, not LaneType.Bool) => Compare("LessThanOrEqual", a, b, type),
            (SyntaxKind.GreaterThanExpression, not LaneType.Bool) => Compare("GreaterThan", a, b, type),
            (SyntaxKind.GreaterThanOrEqualExpression, not LaneType.Bool) => Compare("GreaterThanOrEqual", a, b, type),
            _ => throw new NotVectorizableException(node, $"operator '{kind}' on {type.ToString().ToLowerInvariant()}"),
        };
    }

    /// <summary>A comparison of double or integer lanes as a mask.</summary>
    private static string Compare(string comparison, string a, string b, LaneType type) => $"{Lanes}.{comparison}({a}, {b})";

    private (string, LaneType) Conditional(ConditionalExpressionSyntax conditional, string mask)
    {
        var type = LaneTypes.Of(model.GetTypeInfo(conditional, cancellation).Type) ?? throw new NotVectorizableException(conditional, "conditional of this type");
        string condition = Convert(Expression(conditional.Condition, mask), conditional.Condition, LaneType.Bool);
        string whenTrue = Convert(Expression(conditional.WhenTrue, Temporary($"{Lanes}.And({mask}, {condition})")), conditional.WhenTrue, type);
        string whenFalse = Convert(Expression(conditional.WhenFalse, Temporary(AndNot(mask, condition))), conditional.WhenFalse, type);
        return (Temporary($"{Lanes}.Select({condition}, {whenTrue}, {whenFalse})"), type);
    }

    private (string, LaneType) Invocation(InvocationExpressionSyntax invocation, string mask)
    {
        if (model.GetSymbolInfo(invocation, cancellation).Symbol is not IMethodSymbol method)
        {
            throw new NotVectorizableException(invocation, $"call '{invocation.Expression}'");
        }

        var arguments = invocation.ArgumentList.Arguments;
        if (method.ContainingType.ToDisplayString() == "System.Math")
        {
            var type = LaneTypes.Of(method.ReturnType);
            string? function = (method.Name, arguments.Count, type) switch
            {
                ("Sin" or "Cos" or "Tan" or "Tanh", 1, LaneType.Double) => $"{Vector}.{method.Name}",
                ("Asin" or "Acos" or "Atan" or "Sinh" or "Cosh" or "Asinh" or "Acosh" or "Atanh" or "Log10", 1, LaneType.Double)
                    or ("Atan2", 2, LaneType.Double) => $"{VectorMath}.{method.Name}<{Vector}, TDouble, TLong>",
                ("Sqrt" or "Floor" or "Ceiling" or "Truncate" or "Exp" or "Log" or "Log2", 1, LaneType.Double) => $"{Vector}.{method.Name}",
                ("Round", 1, LaneType.Double) => $"{Vector}.Round",
                ("Abs", 1, LaneType.Double or LaneType.Long) => $"{Vector}.Abs",
                ("Min" or "Max", 2, LaneType.Double or LaneType.Long) => $"{Vector}.{method.Name}",
                ("FusedMultiplyAdd", 3, LaneType.Double) => $"{Vector}.FusedMultiplyAdd",
                _ => null,
            };
            if (function is null || type is null)
            {
                throw new NotVectorizableException(invocation, $"call to Math.{method.Name} with {arguments.Count} argument(s) of type {method.ReturnType.ToDisplayString()}");
            }

            var values = arguments.Select((argument, k) => Convert(Expression(argument.Expression, mask), argument.Expression, LaneTypes.Of(method.Parameters[k].Type)!.Value));
            return (Temporary($"{function}({string.Join(", ", values)})"), type.Value);
        }

        if (method.IsStatic && isVectorizedMethod(method.OriginalDefinition) && LaneTypes.Of(method.ReturnType) is { } result)
        {
            var values = arguments.Select((argument, k) => Convert(Expression(argument.Expression, mask), argument.Expression, LaneTypes.Of(method.Parameters[k].Type)!.Value));
            string owner = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            return (Temporary($"{owner}.{method.Name}Lanes<W, TDouble, TLong>({string.Join(", ", values.Append(mask))})"), result);
        }

        throw new NotVectorizableException(invocation, $"call to '{method.ContainingType.Name}.{method.Name}' (only Math functions and other vectorizable [Vectorize] methods are vectorized)");
    }

    // ---------------------------------------------------------------- conversions and constants

    /// <summary>The value converted to the type C# converts the expression to implicitly at this point, then to <paramref name="target"/>.</summary>
    private string Convert((string Name, LaneType Type) value, ExpressionSyntax expression, LaneType target)
    {
        if (value.Type == target)
        {
            return value.Name;
        }

        // An integer constant used as a double is a double constant: no run-time conversion (int64 → double lanes have
        // no instruction below AVX-512).
        if (target == LaneType.Double && ConstantValue(expression) is { HasValue: true, Value: int or long } constant)
        {
            return Constant(System.Convert.ToDouble(constant.Value, CultureInfo.InvariantCulture), LaneType.Double, expression);
        }

        var converted = LaneTypes.Of(model.GetTypeInfo(expression, cancellation).ConvertedType);
        if (converted is { } implicitType && implicitType != target && implicitType != value.Type)
        {
            value = (ConvertName(value, implicitType), implicitType);
        }

        return value.Type == target ? value.Name : ConvertName(value, target);
    }

    /// <summary>Implicit numeric conversions (int → long → double); anything else is an error of the translator.</summary>
    private static string ConvertName((string Name, LaneType Type) value, LaneType target) => (value.Type, target) switch
    {
        var (from, to) when from == to => value.Name,
        (LaneType.Int, LaneType.Long) => value.Name,
        (LaneType.Int or LaneType.Long, LaneType.Double) => $"{Lanes}.ToDouble({value.Name})",
        _ => throw new InvalidOperationException($"no implicit conversion from {value.Type} to {target}"),
    };

    private string Cast((string Name, LaneType Type) value, LaneType target, SyntaxNode node) => (value.Type, target) switch
    {
        var (from, to) when from == to => value.Name,
        (LaneType.Int, LaneType.Long) => value.Name,
        (LaneType.Int or LaneType.Long, LaneType.Double) => Temporary($"{Lanes}.ToDouble({value.Name})"),
        (LaneType.Double, LaneType.Long) => Temporary($"{Lanes}.ToInt64({value.Name})"),
        (LaneType.Double, LaneType.Int) => Temporary($"{Lanes}.ToInt32({value.Name})"),
        (LaneType.Long, LaneType.Int) => Temporary($"{Lanes}.WrapInt32({value.Name})"),
        _ => throw new NotVectorizableException(node, $"conversion from {value.Type.ToString().ToLowerInvariant()} to {target.ToString().ToLowerInvariant()}"),
    };

    private static LaneType Promote(LaneType a, LaneType b) =>
        a == LaneType.Double || b == LaneType.Double ? LaneType.Double
        : a == LaneType.Long || b == LaneType.Long ? LaneType.Long
        : a == LaneType.Bool && b == LaneType.Bool ? LaneType.Bool
        : LaneType.Int;

    private static string Wrap(string value, LaneType type) => type == LaneType.Int ? $"{Lanes}.WrapInt32({value})" : value;

    private static string Constant(object? value, LaneType type, SyntaxNode node) => (type, value) switch
    {
        (LaneType.Bool, bool flag) => flag ? $"{Lanes}.All" : $"{Lanes}.None",
        (LaneType.Double, double number) => $"{Vector}.Create({DoubleLiteral(number)})",
        (LaneType.Long, long number) => $"{Vector}.Create({number.ToString(CultureInfo.InvariantCulture)}L)",
        (LaneType.Int, int number) => $"{Vector}.Create({number.ToString(CultureInfo.InvariantCulture)}L)",
        _ => throw new NotVectorizableException(node, $"constant '{value}'"),
    };

    private static string DoubleLiteral(double number) =>
        double.IsNaN(number) ? "double.NaN"
        : double.IsPositiveInfinity(number) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(number) ? "double.NegativeInfinity"
        : number.ToString("R", CultureInfo.InvariantCulture) + "d";

    private static string Zero(LaneType type) => type == LaneType.Double ? $"{Vector}.Create(0d)" : $"{Vector}.Create(0L)";

    // ---------------------------------------------------------------- output

    private string NewTemporary(string prefix) => $"{prefix}{++temporaries}";

    private string Temporary(string value)
    {
        string name = NewTemporary("t");
        Line($"var {name} = {value};");
        return name;
    }

    private void Line(string text) => code.Append(' ', indent * 4).Append(text).Append('\n');

    private void Open(string header)
    {
        if (header != "{")
        {
            Line(header);
        }

        Line("{");
        indent++;
        scopes.Push((divisions, assignmentMasks));
        divisions = new Dictionary<string, (string Quotient, string Remainder)>(divisions);
        assignmentMasks = new Dictionary<string, string>(assignmentMasks);
    }

    private void Close(string footer)
    {
        (divisions, assignmentMasks) = scopes.Pop();
        indent--;
        Line(footer);
    }

    private sealed record LoopMasks(StatementSyntax Statement, string Loop, string? Broke, string? Continued, string Iteration);
}
