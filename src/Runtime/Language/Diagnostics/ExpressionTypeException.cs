namespace SlowSeries.Language.Diagnostics;

/// <summary>Operands whose dtypes the operation does not accept, an unknown name, or a misused argument.</summary>
public sealed class ExpressionTypeException : ExpressionException
{
    public ExpressionTypeException(string expression, string message, int position, int length)
        : base(expression, message, position, length)
    {
    }
}
