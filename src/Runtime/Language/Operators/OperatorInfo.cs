namespace SlowSeries.Language.Operators;

/// <summary>One row of the <see cref="OperatorTable"/>.</summary>
/// <param name="Operation">What is computed.</param>
/// <param name="Name">The symbol (<c>+</c>) or function name (<c>sin</c>) users write.</param>
/// <param name="Syntax">How it is written.</param>
/// <param name="Arity">Number of operands (a reduction's optional <c>axis</c> is not counted).</param>
/// <param name="Precedence">Binding strength of prefix and infix operators.</param>
/// <param name="TypeRule">How the result dtype is found.</param>
/// <param name="AcceptsComplex">Whether complex128 operands are allowed.</param>
/// <param name="Summary">One line for help texts and the README.</param>
/// <param name="AcceptsBytes">Whether byte-string operands are allowed.</param>
/// <param name="AcceptsBool">Whether bool operands are allowed where the type rule would promote them.</param>
/// <param name="AlsoAttribute">Whether a one-operand function can also be written as an attribute: <c>x.real</c> is <c>real(x)</c>.</param>
internal sealed record OperatorInfo(
    Operation Operation,
    string Name,
    OperatorSyntax Syntax,
    int Arity,
    Precedence Precedence,
    TypeRule TypeRule,
    bool AcceptsComplex,
    string Summary,
    bool AcceptsBytes = false,
    bool AcceptsBool = true,
    bool AlsoAttribute = false)
{
    public bool IsReduction => Syntax == OperatorSyntax.Reduction;

    /// <summary>How the operator appears in messages: <c>'+'</c> or <c>sin()</c>.</summary>
    public string DisplayName => Syntax is OperatorSyntax.Function or OperatorSyntax.Reduction ? Name + "()" : "'" + Name + "'";
}
