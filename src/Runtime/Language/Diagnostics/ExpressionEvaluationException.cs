namespace SlowSeries.Language.Diagnostics;

/// <summary>A value-dependent failure while computing (e.g. an integer raised to a negative power at run time).</summary>
public sealed class ExpressionEvaluationException : ExpressionException
{
    public ExpressionEvaluationException(string expression, string message, int position, int length)
        : base(expression, message, position, length)
    {
    }
}
