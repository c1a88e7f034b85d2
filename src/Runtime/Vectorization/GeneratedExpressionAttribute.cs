namespace SlowSeries;

/// <summary>
/// Marks a static partial method whose body the SlowSeries source generator writes from a NumExpr expression: the
/// expression is parsed and type-checked at build time (errors are compiler diagnostics inside the string), and the
/// method's parameters bind the expression's variables by name.
/// </summary>
/// <param name="expression">The NumExpr expression, e.g. <c>"sin(twoPi*a)**2 + cos(twoPi*a)**2"</c>.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class GeneratedExpressionAttribute(string expression) : Attribute
{
    /// <summary>The NumExpr expression.</summary>
    public string Expression { get; } = expression;
}
