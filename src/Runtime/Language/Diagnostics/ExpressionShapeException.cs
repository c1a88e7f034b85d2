namespace SlowSeries.Language.Diagnostics;

/// <summary>Operand shapes that do not broadcast together, or an output buffer of the wrong shape or dtype.</summary>
public sealed class ExpressionShapeException : ExpressionException
{
    public ExpressionShapeException(string expression, string message, int position, int length)
        : base(expression, message, position, length)
    {
    }
}
