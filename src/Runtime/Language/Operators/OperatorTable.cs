namespace SlowSeries.Language.Operators;

/// <summary>
/// The one declaration of every operator and function. The grammar reads symbols and precedences from it, the binder
/// its type rules, the evaluators dispatch on <see cref="Operation"/>. Adding a function is one row here, its
/// scalar semantics in <c>ScalarSemantics</c>, and its tests.
/// </summary>
internal static class OperatorTable
{
    private const bool Complex = true;
    private const bool NoComplex = false;

    public static IReadOnlyList<OperatorInfo> All { get; } =
    [
        Infix(Operation.Add, "+", Precedence.Additive, TypeRule.Arithmetic, Complex, "addition"),
        Infix(Operation.Subtract, "-", Precedence.Additive, TypeRule.Arithmetic, Complex, "subtraction"),
        Infix(Operation.Multiply, "*", Precedence.Multiplicative, TypeRule.Arithmetic, Complex, "multiplication"),
        Infix(Operation.TrueDivide, "/", Precedence.Multiplicative, TypeRule.TrueDivision, Complex, "true division (integers give float64)"),
        Infix(Operation.FloorDivide, "//", Precedence.Multiplicative, TypeRule.IntegerOrReal, NoComplex, "floor division"),
        Infix(Operation.Remainder, "%", Precedence.Multiplicative, TypeRule.IntegerOrReal, NoComplex, "remainder with the divisor's sign"),
        Infix(Operation.Power, "**", Precedence.Power, TypeRule.Power, Complex, "power (right-associative)"),
        Infix(Operation.LeftShift, "<<", Precedence.Shift, TypeRule.Shift, NoComplex, "left shift of integers"),
        Infix(Operation.RightShift, ">>", Precedence.Shift, TypeRule.Shift, NoComplex, "arithmetic right shift of integers"),
        Infix(Operation.Less, "<", Precedence.Comparison, TypeRule.Comparison, NoComplex, "less than"),
        Infix(Operation.LessEqual, "<=", Precedence.Comparison, TypeRule.Comparison, NoComplex, "less than or equal"),
        Infix(Operation.Equal, "==", Precedence.Comparison, TypeRule.Comparison, Complex, "equal"),
        Infix(Operation.NotEqual, "!=", Precedence.Comparison, TypeRule.Comparison, Complex, "not equal"),
        Infix(Operation.GreaterEqual, ">=", Precedence.Comparison, TypeRule.Comparison, NoComplex, "greater than or equal"),
        Infix(Operation.Greater, ">", Precedence.Comparison, TypeRule.Comparison, NoComplex, "greater than"),
        Infix(Operation.And, "&", Precedence.BitwiseAnd, TypeRule.Bitwise, NoComplex, "logical and on bool, bitwise and on integers"),
        Infix(Operation.Or, "|", Precedence.BitwiseOr, TypeRule.Bitwise, NoComplex, "logical or on bool, bitwise or on integers"),
        Infix(Operation.Xor, "^", Precedence.BitwiseXor, TypeRule.Bitwise, NoComplex, "logical xor on bool, bitwise xor on integers"),
        Prefix(Operation.Invert, "~", TypeRule.Bitwise, "logical not on bool, bitwise not on integers"),
        Prefix(Operation.Negate, "-", TypeRule.Negate, "negation"),

        Function(Operation.Where, "where", 3, TypeRule.Where, Complex, "where(cond, x, y): x where cond is true, else y") with { AcceptsBytes = true },
        Function(Operation.Sin, "sin", 1, TypeRule.FloatFunction, Complex, "sine"),
        Function(Operation.Cos, "cos", 1, TypeRule.FloatFunction, Complex, "cosine"),
        Function(Operation.Tan, "tan", 1, TypeRule.FloatFunction, Complex, "tangent"),
        Function(Operation.ArcSin, "arcsin", 1, TypeRule.FloatFunction, Complex, "inverse sine"),
        Function(Operation.ArcCos, "arccos", 1, TypeRule.FloatFunction, Complex, "inverse cosine"),
        Function(Operation.ArcTan, "arctan", 1, TypeRule.FloatFunction, Complex, "inverse tangent"),
        Function(Operation.ArcTan2, "arctan2", 2, TypeRule.FloatFunction, NoComplex, "arctan2(y, x): angle of the point (x, y)"),
        Function(Operation.Sinh, "sinh", 1, TypeRule.FloatFunction, Complex, "hyperbolic sine"),
        Function(Operation.Cosh, "cosh", 1, TypeRule.FloatFunction, Complex, "hyperbolic cosine"),
        Function(Operation.Tanh, "tanh", 1, TypeRule.FloatFunction, Complex, "hyperbolic tangent"),
        Function(Operation.ArcSinh, "arcsinh", 1, TypeRule.FloatFunction, Complex, "inverse hyperbolic sine"),
        Function(Operation.ArcCosh, "arccosh", 1, TypeRule.FloatFunction, Complex, "inverse hyperbolic cosine"),
        Function(Operation.ArcTanh, "arctanh", 1, TypeRule.FloatFunction, Complex, "inverse hyperbolic tangent"),
        Function(Operation.Log, "log", 1, TypeRule.FloatFunction, Complex, "natural logarithm"),
        Function(Operation.Log2, "log2", 1, TypeRule.FloatFunction, NoComplex, "base-2 logarithm"),
        Function(Operation.Log10, "log10", 1, TypeRule.FloatFunction, Complex, "base-10 logarithm"),
        Function(Operation.Log1p, "log1p", 1, TypeRule.FloatFunction, Complex, "log(1 + x), accurate near 0"),
        Function(Operation.Exp, "exp", 1, TypeRule.FloatFunction, Complex, "exponential"),
        Function(Operation.Expm1, "expm1", 1, TypeRule.FloatFunction, Complex, "exp(x) - 1, accurate near 0"),
        Function(Operation.Sqrt, "sqrt", 1, TypeRule.FloatFunction, Complex, "square root"),
        Function(Operation.Abs, "abs", 1, TypeRule.FloatFunction, Complex, "absolute value (complex stays complex, as in NumExpr)"),
        Function(Operation.Conj, "conj", 1, TypeRule.Conjugate, Complex, "complex conjugate"),
        Function(Operation.Real, "real", 1, TypeRule.ComplexPart, Complex, "real part (float64); also written x.real") with { AlsoAttribute = true },
        Function(Operation.Imag, "imag", 1, TypeRule.ComplexPart, Complex, "imaginary part (float64); also written x.imag") with { AlsoAttribute = true },
        Function(Operation.Complex, "complex", 2, TypeRule.MakeComplex, NoComplex, "complex(re, im)"),
        Function(Operation.Fmod, "fmod", 2, TypeRule.FloatFunction, NoComplex, "remainder with the dividend's sign (C fmod)"),
        Function(Operation.Ceil, "ceil", 1, TypeRule.RealFunction, NoComplex, "round up"),
        Function(Operation.Floor, "floor", 1, TypeRule.RealFunction, NoComplex, "round down"),
        Function(Operation.Trunc, "trunc", 1, TypeRule.RealFunction, NoComplex, "round toward zero"),
        Function(Operation.Round, "round", 1, TypeRule.RealFunction, NoComplex, "round half to even"),
        Function(Operation.Sign, "sign", 1, TypeRule.RealFunction, NoComplex, "-1, 0 or 1 (NaN stays NaN)") with { AcceptsBool = false },
        Function(Operation.SignBit, "signbit", 1, TypeRule.Predicate, NoComplex, "true where the sign bit is set"),
        Function(Operation.CopySign, "copysign", 2, TypeRule.FloatFunction, NoComplex, "copysign(x, y): |x| with the sign of y"),
        Function(Operation.NextAfter, "nextafter", 2, TypeRule.FloatFunction, NoComplex, "nextafter(x, y): next representable value after x toward y"),
        Function(Operation.Hypot, "hypot", 2, TypeRule.FloatFunction, NoComplex, "sqrt(x*x + y*y) without overflow"),
        Function(Operation.Maximum, "maximum", 2, TypeRule.Extremum, NoComplex, "element-wise maximum (NaN propagates)"),
        Function(Operation.Minimum, "minimum", 2, TypeRule.Extremum, NoComplex, "element-wise minimum (NaN propagates)"),
        Function(Operation.IsNaN, "isnan", 1, TypeRule.Predicate, Complex, "true where NaN"),
        Function(Operation.IsFinite, "isfinite", 1, TypeRule.Predicate, Complex, "true where neither NaN nor infinite"),
        Function(Operation.IsInf, "isinf", 1, TypeRule.Predicate, Complex, "true where infinite"),
        Function(Operation.Copy, "copy", 1, TypeRule.KindPreserving, Complex, "copy (integers give float64, as in NumExpr)") with { AcceptsBytes = true },
        Function(Operation.OnesLike, "ones_like", 1, TypeRule.KindPreserving, Complex, "ones of the operand's shape (integers give float64, as in NumExpr)"),
        Function(Operation.Contains, "contains", 2, TypeRule.Contains, NoComplex, "contains(haystack, needle) on byte strings") with { AcceptsBytes = true },
        Reduction(Operation.Sum, "sum", TypeRule.Reduction, Complex, "sum(x[, axis]): sum over all elements or one axis"),
        Reduction(Operation.Prod, "prod", TypeRule.Reduction, Complex, "prod(x[, axis]): product over all elements or one axis"),
        Reduction(Operation.Min, "min", TypeRule.OrderedReduction, NoComplex, "min(x[, axis]): minimum (NaN propagates)"),
        Reduction(Operation.Max, "max", TypeRule.OrderedReduction, NoComplex, "max(x[, axis]): maximum (NaN propagates)"),
        new(Operation.PowerByConstant, "**", OperatorSyntax.Internal, 2, Precedence.Power, TypeRule.PowerByConstant, Complex, "power by a constant, as a chain of multiplications"),
    ];

    // Indexed by the operation's value: a dictionary keyed by the enum is compiled by the JIT in every fresh process.
    private static readonly OperatorInfo?[] ByOperation = IndexByOperation(All);

    private static readonly Dictionary<string, OperatorInfo> FunctionsByName = All
        .Where(info => info.Syntax is OperatorSyntax.Function or OperatorSyntax.Reduction)
        .ToDictionary(info => info.Name, StringComparer.Ordinal);

    public static OperatorInfo Get(Operation operation) =>
        (uint)operation < (uint)ByOperation.Length && ByOperation[(int)operation] is { } info ? info : throw new KeyNotFoundException($"no operator for {operation}");

    private static OperatorInfo?[] IndexByOperation(IReadOnlyList<OperatorInfo> operators)
    {
        int largest = 0;
        foreach (var info in operators)
        {
            largest = Math.Max(largest, (int)info.Operation);
        }

        var byOperation = new OperatorInfo?[largest + 1];
        foreach (var info in operators)
        {
            byOperation[(int)info.Operation] = byOperation[(int)info.Operation] is null ? info : throw new InvalidOperationException($"two operators for {info.Operation}");
        }

        return byOperation;
    }

    public static bool TryGetFunction(string name, out OperatorInfo info)
    {
        if (FunctionsByName.TryGetValue(name, out var found))
        {
            info = found;
            return true;
        }

        info = null!;
        return false;
    }

    public static IEnumerable<string> FunctionNames => FunctionsByName.Keys;

    /// <summary>Infix operators of one precedence level, longest symbol first so <c>**</c> wins over <c>*</c>.</summary>
    public static IReadOnlyList<OperatorInfo> InfixAt(Precedence precedence)
    {
        var infix = new List<OperatorInfo>();
        foreach (var info in All)
        {
            if (info.Syntax == OperatorSyntax.Infix && info.Precedence == precedence)
            {
                infix.Add(info);
            }
        }

        return LongestFirst(infix);
    }

    public static IReadOnlyList<OperatorInfo> PrefixOperators => All.Where(info => info.Syntax == OperatorSyntax.Prefix).ToList();

    /// <summary>
    /// The operators ordered by symbol length, longest first, keeping the table's order among equal lengths (a stable
    /// sort, written out: LINQ's ordering over an int key is compiled by the JIT in every fresh process).
    /// </summary>
    public static List<OperatorInfo> LongestFirst(IEnumerable<OperatorInfo> operators)
    {
        var ordered = new List<OperatorInfo>();
        foreach (var info in operators)
        {
            int position = ordered.Count;
            while (position > 0 && ordered[position - 1].Name.Length < info.Name.Length)
            {
                position--;
            }

            ordered.Insert(position, info);
        }

        return ordered;
    }

    private static OperatorInfo Infix(Operation operation, string symbol, Precedence precedence, TypeRule rule, bool acceptsComplex, string summary) =>
        new(operation, symbol, OperatorSyntax.Infix, 2, precedence, rule, acceptsComplex, summary, AcceptsBytes: rule == TypeRule.Comparison);

    private static OperatorInfo Prefix(Operation operation, string symbol, TypeRule rule, string summary) =>
        new(operation, symbol, OperatorSyntax.Prefix, 1, Precedence.Unary, rule, operation == Operation.Negate, summary);

    private static OperatorInfo Function(Operation operation, string name, int arity, TypeRule rule, bool acceptsComplex, string summary) =>
        new(operation, name, OperatorSyntax.Function, arity, Precedence.None, rule, acceptsComplex, summary);

    private static OperatorInfo Reduction(Operation operation, string name, TypeRule rule, bool acceptsComplex, string summary) =>
        new(operation, name, OperatorSyntax.Reduction, 1, Precedence.None, rule, acceptsComplex, summary);
}
