namespace SlowSeries;

/// <summary>A value-dependent failure while computing (e.g. an integer raised to a negative power at run time).</summary>
public sealed class ExpressionEvaluationException : ExpressionException
{
    /// <summary>A value error while evaluating <paramref name="expression"/> (see <see cref="ExpressionException"/>).</summary>
    public ExpressionEvaluationException(string expression, string message, int position, int length)
        : base(expression, message, position, length)
    {
    }
}
