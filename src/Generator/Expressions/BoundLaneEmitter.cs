using System.Globalization;
using System.Text;
using SlowSeries.Arrays;
using SlowSeries.Generator.Vectorize;
using SlowSeries.Language.Binding;
using SlowSeries.Language.Operators;

namespace SlowSeries.Generator.Expressions;

/// <summary>
/// Turns a bound NumExpr expression (types and casts already resolved by the shared binder) into the statements of an
/// eight-lane function, one temporary per node. The operations emitted are exactly those whose vector form gives the
/// run-time back-end's results; any other node throws <see cref="NotSupportedException"/> naming it, and the method
/// is then evaluated by the run-time back-end instead.
/// </summary>
internal sealed class BoundLaneEmitter
{
    // Every lane operation is a static member of the width type parameter W (see IVectorWidth in the runtime).
    private const string Lanes = "W";
    private const string Vector = "W";

    private readonly StringBuilder code = new();
    private int temporaries;

    /// <summary>The statements (ending in a <c>return</c>) computing <paramref name="expression"/>'s root as <paramref name="target"/> lanes.</summary>
    public static string Emit(BoundExpression expression, LaneType target)
    {
        var emitter = new BoundLaneEmitter();
        var (value, type) = emitter.Node(expression.Root);
        string result = type == target ? value
            : type is LaneType.Int or LaneType.Long && target == LaneType.Double ? $"{Lanes}.ToDouble({value})"
            : type == LaneType.Int && target == LaneType.Long ? value
            : throw new NotSupportedException($"a {type.ToString().ToLowerInvariant()} result stored as {target.ToString().ToLowerInvariant()}");
        emitter.code.Append($"return {result};\n");
        return emitter.code.ToString();
    }

    /// <summary>The lane type of a dtype, or null for the dtypes the generated kernels do not handle.</summary>
    public static LaneType? LaneOf(DType type) => type switch
    {
        DType.Float64 => LaneType.Double,
        DType.Int64 => LaneType.Long,
        DType.Int32 => LaneType.Int,
        DType.Bool => LaneType.Bool,
        _ => null,
    };

    private (string Value, LaneType Type) Node(BoundNode node)
    {
        var type = LaneOf(node.Type) ?? throw new NotSupportedException($"{node.Type.ToString().ToLowerInvariant()} values");
        switch (node)
        {
            case BoundConstant constant:
                return (Constant(constant.Value, type), type);
            case BoundVariable variable:
                return ("v_" + variable.Name, type);
            case BoundCast cast:
                var operand = Node(cast.Operand);
                return (Temporary(Cast(operand, type)), type);
            case BoundOperation { Operator.Operation: Language.Operators.Operation.PowerByConstant } power:
                return (PowerByConstant(power, type), type);
            case BoundOperation { Operator.Operation: Language.Operators.Operation.LeftShift or Language.Operators.Operation.RightShift } shift
                when type.IsInteger() && shift.Operands[1] is BoundConstant count && count.Value.Integer >= 0:
                return (Temporary(Shift(shift.Operator.Operation, Node(shift.Operands[0]).Value, count.Value.Integer, shift.Type == DType.Int32 ? 32 : 64, type)), type);
            case BoundOperation operation:
                var operands = operation.Operands.Select(Node).ToList();
                return (Temporary(Operation(operation.Operator.Operation, operands, type)), type);
            default:
                throw new NotSupportedException(node is BoundReduction reduction ? $"the reduction {reduction.Operator.DisplayName}" : node.GetType().Name);
        }
    }

    /// <summary>NumPy's shifts by a constant: counts at or past the width give 0 (left) or the sign (right).</summary>
    private static string Shift(Operation operation, string value, long count, int bits, LaneType type)
    {
        if (operation == Language.Operators.Operation.LeftShift)
        {
            return count >= bits ? $"{Vector}.Create(0L)" : type == LaneType.Int ? $"{Lanes}.WrapInt32({Vector}.ShiftLeft({value}, {count}))" : $"{Vector}.ShiftLeft({value}, {count})";
        }

        return $"{Vector}.ShiftRightArithmetic({value}, {Math.Min(count, bits - 1)})";
    }

    /// <summary>
    /// The run-time kernel compiler's constant-power chain (binary exponentiation: square the factor, multiply it in for
    /// each set bit, then the square root for a half, then the reciprocal for a negative exponent), so both agree bit for bit.
    /// </summary>
    private string PowerByConstant(BoundOperation power, LaneType type)
    {
        var baseNode = power.Operands[0];
        var exponent = ((BoundConstant)power.Operands[1]).Value;
        double c = exponent.Type is DType.Bool or DType.Int32 or DType.Int64 ? exponent.Integer : exponent.Real;
        long n = (long)Math.Abs(c);
        bool half = Math.Abs(2 * c) % 2 == 1;
        var baseType = LaneOf(baseNode.Type) ?? throw new NotSupportedException($"{baseNode.Type} powers");
        if ((half || c < 0) && type != LaneType.Double)
        {
            throw new NotSupportedException("an integer power with a negative or half exponent");
        }

        var chainType = half && baseType.IsInteger() ? type : baseType;
        string x = Node(baseNode).Value;
        if (chainType != baseType)
        {
            x = Temporary(Cast((x, baseType), chainType));
        }

        string Multiply(string a, string b, LaneType t) => Temporary(t == LaneType.Int ? $"{Lanes}.WrapInt32({Lanes}.Multiply({a}, {b}))" : $"{Lanes}.Multiply({a}, {b})");
        string? product = null;
        string factor = x;
        for (long mask = 1; ; mask <<= 1)
        {
            if ((n & mask) != 0)
            {
                product = product is null ? factor : Multiply(product, factor, chainType);
            }

            if ((mask << 1) > n)
            {
                break;
            }

            factor = Multiply(factor, factor, chainType);
        }

        if (half)
        {
            string root = Temporary($"{Vector}.Sqrt({Cast((x, chainType), type)})");
            product = product is null ? root : Multiply(Cast((product, chainType), type), root, type);
            chainType = type;
        }

        string value = product ?? Constant(Scalar.FromInt32(1).CastTo(chainType == LaneType.Double ? DType.Float64 : DType.Int64), chainType);
        if (c < 0)
        {
            value = Temporary($"{Lanes}.Divide({Vector}.Create(1d), {value})");
        }

        return Cast((value, chainType), type);
    }

    private static string Cast((string Value, LaneType Type) operand, LaneType target) => (operand.Type, target) switch
    {
        var (from, to) when from == to => operand.Value,
        (LaneType.Int, LaneType.Long) => operand.Value,
        (LaneType.Int or LaneType.Long, LaneType.Double) => $"{Lanes}.ToDouble({operand.Value})",

        // A mask is -1 or 0; NumPy's true is 1.
        (LaneType.Bool, LaneType.Int or LaneType.Long) => $"{Lanes}.Negate({operand.Value})",
        (LaneType.Bool, LaneType.Double) => $"{Lanes}.ToDouble({Lanes}.Negate({operand.Value}))",
        _ => throw new NotSupportedException($"a cast from {operand.Type.ToString().ToLowerInvariant()} to {target.ToString().ToLowerInvariant()}"),
    };

    private static string Operation(Operation operation, List<(string Value, LaneType Type)> operands, LaneType type)
    {
        string A() => operands[0].Value;
        string B() => operands[1].Value;
        var operandType = operands[0].Type;
        string Wrap(string value) => type == LaneType.Int ? $"{Lanes}.WrapInt32({value})" : value;
        string Compare(string name) => $"{Lanes}.{name}({A()}, {B()})";
        return (operation, type) switch
        {
            (Language.Operators.Operation.Add, not LaneType.Bool) => Wrap($"{Lanes}.Add({A()}, {B()})"),
            (Language.Operators.Operation.Subtract, not LaneType.Bool) => Wrap($"{Lanes}.Subtract({A()}, {B()})"),
            (Language.Operators.Operation.Multiply, not LaneType.Bool) => Wrap($"{Lanes}.Multiply({A()}, {B()})"),
            (Language.Operators.Operation.TrueDivide, LaneType.Double) => $"{Lanes}.Divide({A()}, {B()})",
            (Language.Operators.Operation.Remainder, LaneType.Long or LaneType.Int) => $"{Lanes}.FloorRemainder({A()}, {B()})",
            (Language.Operators.Operation.Negate, LaneType.Double or LaneType.Long or LaneType.Int) => Wrap($"{Lanes}.Negate({A()})"),
            (Language.Operators.Operation.Less, _) => Compare("LessThan"),
            (Language.Operators.Operation.LessEqual, _) => Compare("LessThanOrEqual"),
            (Language.Operators.Operation.Greater, _) => Compare("GreaterThan"),
            (Language.Operators.Operation.GreaterEqual, _) => Compare("GreaterThanOrEqual"),
            (Language.Operators.Operation.Equal, _) when operandType != LaneType.Bool => Compare("Equal"),
            (Language.Operators.Operation.NotEqual, _) when operandType != LaneType.Bool => $"{Lanes}.Not({Compare("Equal")})",
            (Language.Operators.Operation.And, not LaneType.Double) => $"{Lanes}.And({A()}, {B()})",
            (Language.Operators.Operation.Or, not LaneType.Double) => $"{Lanes}.Or({A()}, {B()})",
            (Language.Operators.Operation.Xor, not LaneType.Double) => $"{Lanes}.Xor({A()}, {B()})",
            (Language.Operators.Operation.Invert, not LaneType.Double) => $"{Lanes}.Not({A()})",
            (Language.Operators.Operation.Where, _) => $"{Lanes}.Select({A()}, {B()}, {operands[2].Value})",
            (Language.Operators.Operation.Sin or Language.Operators.Operation.Cos, LaneType.Double) => $"{Lanes}.{operation}({A()})",
            (Language.Operators.Operation.Sqrt, LaneType.Double) => $"{Vector}.Sqrt({A()})",
            (Language.Operators.Operation.Abs, LaneType.Double or LaneType.Long) => $"{Vector}.Abs({A()})",
            (Language.Operators.Operation.Floor, LaneType.Double) => $"{Vector}.Floor({A()})",
            (Language.Operators.Operation.Ceil, LaneType.Double) => $"{Vector}.Ceiling({A()})",
            (Language.Operators.Operation.Trunc, LaneType.Double) => $"{Vector}.Truncate({A()})",
            (Language.Operators.Operation.Maximum, LaneType.Double) => $"{Vector}.Max({A()}, {B()})",
            (Language.Operators.Operation.Minimum, LaneType.Double) => $"{Vector}.Min({A()}, {B()})",
            (Language.Operators.Operation.Copy, _) => A(),
            _ => throw new NotSupportedException($"{OperatorTable.Get(operation).DisplayName} on {type.ToString().ToLowerInvariant()}"),
        };
    }

    private static string Constant(Scalar value, LaneType type) => type switch
    {
        LaneType.Double => $"{Vector}.Create({Literal(value.Real)})",
        LaneType.Bool => value.Boolean ? $"{Lanes}.All" : $"{Lanes}.None",
        _ => $"{Vector}.Create({value.Integer.ToString(CultureInfo.InvariantCulture)}L)",
    };

    private static string Literal(double number) =>
        double.IsNaN(number) ? "double.NaN"
        : double.IsPositiveInfinity(number) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(number) ? "double.NegativeInfinity"
        : number.ToString("R", CultureInfo.InvariantCulture) + "d";

    private string Temporary(string value)
    {
        string name = "t" + ++temporaries;
        code.Append($"var {name} = {value};\n");
        return name;
    }
}
