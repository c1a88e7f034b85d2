namespace SlowSeries.Language.Operators;

/// <summary>Python's binding strengths, loosest first (NumExpr parses with Python's grammar).</summary>
internal enum Precedence
{
    None,
    Comparison,
    BitwiseOr,
    BitwiseXor,
    BitwiseAnd,
    Shift,
    Additive,
    Multiplicative,
    Unary,
    Power,
}
