namespace SlowSeries;

/// <summary>Operands whose dtypes the operation does not accept, an unknown name, or a misused argument.</summary>
public sealed class ExpressionTypeException : ExpressionException
{
    /// <summary>A type error in <paramref name="expression"/> (see <see cref="ExpressionException"/>).</summary>
    public ExpressionTypeException(string expression, string message, int position, int length)
        : base(expression, message, position, length)
    {
    }
}
