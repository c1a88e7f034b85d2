using SlowSeries.Arrays;
using SlowSeries.Language.Diagnostics;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Semantics;
using SlowSeries.Language.Syntax;

namespace SlowSeries.Language.Binding;

/// <summary>
/// Resolves names, applies the type rules (inserting casts), broadcasts shapes, lowers constant powers and folds
/// constant subexpressions. Errors keep the position of the syntax that caused them.
/// </summary>
internal sealed class Binder
{
    private readonly string text;
    private readonly IReadOnlyDictionary<string, VariableSignature> available;
    private readonly List<VariableSignature> used = [];
    private readonly Dictionary<string, int> usedIndex = new(StringComparer.Ordinal);
    private readonly IReadOnlyCollection<string> otherNames;

    private readonly int[]? axisOrder;

    private Binder(string text, IReadOnlyDictionary<string, VariableSignature> available, IReadOnlyCollection<string> otherNames, int[]? axisOrder)
    {
        this.text = text;
        this.available = available;
        this.otherNames = otherNames;
        this.axisOrder = axisOrder;
    }

    /// <summary>Binds a parsed expression to the variables' dtypes and shapes (see <see cref="Binder"/>).</summary>
    /// <param name="text">The expression's text, for error messages.</param>
    /// <param name="syntax">Its syntax tree.</param>
    /// <param name="variables">The variables it may use, with their dtypes and shapes.</param>
    /// <param name="otherNames">Names the caller has but did not pass (they are only offered as "did you mean" hints).</param>
    /// <param name="axisOrder">
    /// When the variables are views with permuted axes (<see cref="Evaluation.MemoryOrder"/>): axis k of theirs is axis
    /// axisOrder[k] of the arrays the text's <c>axis=</c> arguments name.
    /// </param>
    public static BoundExpression Bind(
        string text,
        SyntaxNode syntax,
        IReadOnlyDictionary<string, VariableSignature> variables,
        IReadOnlyCollection<string>? otherNames = null,
        int[]? axisOrder = null)
    {
        var binder = new Binder(text, variables, otherNames ?? [], axisOrder);
        BoundNode root = binder.BindNode(syntax, isRoot: true);
        return new BoundExpression(text, root, binder.used);
    }

    /// <summary>The variable names an expression reads, in first-use order (NumExpr's <c>getExprNames</c>).</summary>
    public static IReadOnlyList<string> VariableNames(SyntaxNode syntax)
    {
        var names = new List<string>();
        var pending = new Stack<SyntaxNode>();
        pending.Push(syntax);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is NameSyntax name && !names.Contains(name.Name))
            {
                names.Add(name.Name);
            }

            foreach (var child in ExpressionParser.Children(node).Reverse())
            {
                pending.Push(child);
            }
        }

        return names;
    }

    private BoundNode BindNode(SyntaxNode syntax, bool isRoot) => syntax switch
    {
        LiteralSyntax literal => new BoundConstant(literal.Value, literal.Span),
        NameSyntax name => BindName(name),
        UnarySyntax unary => BindOperation(unary.Operator, [BindNode(unary.Operand, false)], unary.Span, unary.Span),
        BinarySyntax binary => BindBinary(binary),
        CallSyntax call => BindCall(call, isRoot),
        _ => throw new ArgumentOutOfRangeException(nameof(syntax), syntax.GetType().Name, "unknown syntax node"),
    };

    private BoundNode BindName(NameSyntax name)
    {
        if (available.TryGetValue(name.Name, out var signature))
        {
            if (!usedIndex.TryGetValue(name.Name, out int index))
            {
                index = used.Count;
                used.Add(signature);
                usedIndex.Add(name.Name, index);
            }

            return new BoundVariable(name.Name, index, signature.Type, signature.Shape, name.Span);
        }

        if (OperatorTable.TryGetFunction(name.Name, out var function))
        {
            throw TypeError($"'{name.Name}' is a function; call it, e.g. {name.Name}(x)", name.Span);
        }

        var known = available.Keys.Concat(otherNames).Distinct().ToList();
        string hint = NameSuggestions.Hint(name.Name, known.Concat(["True", "False"]));
        string none = known.Count == 0 ? " (no variables were given)" : "";
        throw TypeError($"name '{name.Name}' is not defined{none}{hint}", name.Span);
    }

    private BoundNode BindBinary(BinarySyntax binary)
    {
        BoundNode left = BindNode(binary.Left, false);
        BoundNode right = BindNode(binary.Right, false);
        if (binary.Operator.Operation == Operation.Power
            && left is not BoundConstant
            && right is BoundConstant exponent
            && TypeRules.IsChainExponent(exponent.Value))
        {
            if (left.Type.IsInteger() && right.Type.IsInteger())
            {
                // Report the general rule's error for integer ** negative integer before lowering.
                Resolve(binary.Operator, [left, right], binary.OperatorSpan);
            }

            return BindOperation(OperatorTable.Get(Operation.PowerByConstant), [left, right], binary.OperatorSpan, binary.Span);
        }

        return BindOperation(binary.Operator, [left, right], binary.OperatorSpan, binary.Span);
    }

    private BoundNode BindCall(CallSyntax call, bool isRoot)
    {
        if (!OperatorTable.TryGetFunction(call.Function, out var function))
        {
            string hint = NameSuggestions.Hint(call.Function, OperatorTable.FunctionNames);
            throw TypeError($"unknown function '{call.Function}'{hint}", call.NameSpan);
        }

        if (function.IsReduction)
        {
            return BindReduction(function, call, isRoot);
        }

        if (call.Keywords.Count > 0)
        {
            var keyword = call.Keywords[0];
            throw TypeError($"{function.DisplayName} takes no keyword arguments (got '{keyword.Name}')", keyword.Span);
        }

        if (call.Arguments.Count != function.Arity)
        {
            throw TypeError($"{function.DisplayName} takes {Plural(function.Arity, "argument")}, got {call.Arguments.Count}", call.Span);
        }

        var operands = call.Arguments.Select(a => BindNode(a, false)).ToList();
        return BindOperation(function, operands, call.NameSpan, call.Span);
    }

    private BoundNode BindReduction(OperatorInfo function, CallSyntax call, bool isRoot)
    {
        if (!isRoot)
        {
            throw TypeError($"{function.DisplayName} must be the outermost operation of the expression (as in NumExpr)", call.Span);
        }

        var axisSyntax = new List<SyntaxNode>();
        if (call.Arguments.Count == 2)
        {
            axisSyntax.Add(call.Arguments[1]);
        }

        foreach (var keyword in call.Keywords)
        {
            if (keyword.Name != "axis")
            {
                throw TypeError($"{function.DisplayName} takes only the keyword 'axis' (got '{keyword.Name}')", keyword.Span);
            }

            axisSyntax.Add(keyword.Value);
        }

        if (call.Arguments.Count is < 1 or > 2 || axisSyntax.Count > 1)
        {
            throw TypeError($"{function.DisplayName} takes an operand and an optional axis: {function.Name}(x) or {function.Name}(x, axis=0)", call.Span);
        }

        BoundNode operand = BindNode(call.Arguments[0], false);
        var resolution = Resolve(function, [operand], call.NameSpan);
        operand = Cast(operand, resolution.OperandTypes[0]);
        if (axisSyntax.Count == 0)
        {
            return new BoundReduction(function, operand, null, resolution.Result, Shape.Scalar, call.Span);
        }

        BoundNode axisNode = BindNode(axisSyntax[0], false);
        if (axisNode is not BoundConstant { Value.Type: DType.Int32 or DType.Int64 } axisConstant)
        {
            throw TypeError("axis must be an integer constant", axisSyntax[0].Span);
        }

        long axis = axisConstant.Value.Integer;
        int rank = operand.Shape.Rank;
        if (axis < -rank || axis >= rank)
        {
            throw new ExpressionShapeException(text, $"axis {axis} is out of bounds for an operand of rank {rank} (shape {operand.Shape})", axisSyntax[0].Span.Start, axisSyntax[0].Span.Length);
        }

        int normalized = (int)(axis < 0 ? axis + rank : axis);
        if (axisOrder is not null)
        {
            normalized = Array.IndexOf(axisOrder, normalized);
        }

        return new BoundReduction(function, operand, normalized, resolution.Result, operand.Shape.RemoveAxis(normalized), call.Span);
    }

    private BoundNode BindOperation(OperatorInfo op, IReadOnlyList<BoundNode> operands, TextSpan operatorSpan, TextSpan span)
    {
        operands = DemoteFloatLiterals(op, operands);
        var resolution = Resolve(op, operands, operatorSpan);
        Shape shape = operands[0].Shape;
        for (int i = 1; i < operands.Count; i++)
        {
            shape = Shape.Broadcast(shape, operands[i].Shape)
                ?? throw new ExpressionShapeException(text, BroadcastMessage(op, operands), operatorSpan.Start, operatorSpan.Length);
        }

        if (shape.ExceedsArrayLimit)
        {
            throw new ExpressionShapeException(text, TooLargeMessage(op, operands, shape), operatorSpan.Start, operatorSpan.Length);
        }

        if (op.Operation == Operation.PowerByConstant)
        {
            // The exponent stays as written: it selects the multiplication chain.
            return Fold(new BoundOperation(op, [Cast(operands[0], resolution.OperandTypes[0]), operands[1]], resolution.Result, shape, span), operatorSpan);
        }

        var cast = operands.Select((operand, i) => Cast(operand, resolution.OperandTypes[i])).ToList();
        return Fold(new BoundOperation(op, cast, resolution.Result, shape, span), operatorSpan);
    }

    private TypeResolution Resolve(OperatorInfo op, IReadOnlyList<BoundNode> operands, TextSpan span)
    {
        operands = DemoteFloatLiterals(op, operands);
        // Loops, not LINQ: its instantiations over value types are compiled by the JIT in every fresh process.
        var types = new DType[operands.Count];
        var constants = new Scalar?[operands.Count];
        for (int k = 0; k < operands.Count; k++)
        {
            types[k] = operands[k].Type;
            constants[k] = operands[k] is BoundConstant c ? c.Value : null;
        }

        var resolution = TypeRules.Resolve(op, types, constants);
        return resolution.Succeeded ? resolution : throw TypeError(resolution.Error!, span);
    }

    /// <summary>
    /// NumExpr 2.14's rule: a float literal does not upcast a float32 array (<c>f * 2.5</c> stays float32), as in NumPy.
    /// Not where each operand has its own fixed type: <c>complex(f, 1e-3)</c> takes two float64 parts, and rounding the
    /// literal to float32 first would only lose its digits.
    /// </summary>
    private static IReadOnlyList<BoundNode> DemoteFloatLiterals(OperatorInfo op, IReadOnlyList<BoundNode> operands)
    {
        if (op.TypeRule == TypeRule.MakeComplex || !operands.Any(o => o is not BoundConstant && o.Type == DType.Float32))
        {
            return operands;
        }

        return operands.Select(o => o is BoundConstant { Type: DType.Float64 } constant ? Cast(constant, DType.Float32) : o).ToList();
    }

    private static BoundNode Cast(BoundNode operand, DType type)
    {
        if (operand.Type == type)
        {
            return operand;
        }

        return operand is BoundConstant constant ? new BoundConstant(constant.Value.CastTo(type), constant.Span) : new BoundCast(operand, type);
    }

    /// <summary>
    /// Folds operations on constants. Integer results follow Python's arithmetic, as NumExpr folds with Python: they
    /// are computed in 64 bits and typed int32 when they fit (so <c>2**31</c> is an int64 constant).
    /// </summary>
    private BoundNode Fold(BoundOperation operation, TextSpan operatorSpan)
    {
        if (!operation.Operands.All(o => o is BoundConstant))
        {
            return operation;
        }

        var values = operation.Operands.Select(o => ((BoundConstant)o).Value).ToArray();
        try
        {
            if (operation.Type.IsInteger() && values.All(v => v.Type.IsInteger()))
            {
                var wide = values.Select(v => v.CastTo(DType.Int64)).ToArray();
                return new BoundConstant(Scalar.FromIntegerLiteral(ScalarSemantics.Apply(operation.Operator.Operation, DType.Int64, wide).Integer), operation.Span);
            }

            return new BoundConstant(ScalarSemantics.Apply(operation.Operator.Operation, operation.Type, values), operation.Span);
        }
        catch (ArithmeticException error)
        {
            throw TypeError(error.Message, operatorSpan);
        }
    }

    private string BroadcastMessage(OperatorInfo op, IReadOnlyList<BoundNode> operands)
    {
        var described = operands.Select(o => $"{Source(o)} with shape {o.Shape}");
        return $"operands could not be broadcast together in {op.DisplayName}: {string.Join(", ", described)}";
    }

    private string TooLargeMessage(OperatorInfo op, IReadOnlyList<BoundNode> operands, Shape shape)
    {
        var described = operands.Select(o => $"{Source(o)} with shape {o.Shape}");
        string size = shape.ExactSize is long elements ? elements.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "more than 2^63";
        return $"the result of {op.DisplayName} on {string.Join(", ", described)} would have shape {shape}: {size} elements, more than one array holds ({Shape.MaxElements.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)})";
    }

    private string Source(BoundNode node)
    {
        string written = text.Substring(node.Span.Start, node.Span.Length);
        return written.Length > 40 ? "'" + written.Substring(0, 37) + "...'" : "'" + written + "'";
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private ExpressionTypeException TypeError(string message, TextSpan span) => new(text, message, span.Start, span.Length);
}
