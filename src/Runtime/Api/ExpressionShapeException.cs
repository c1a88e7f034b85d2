namespace SlowSeries;

/// <summary>Operand shapes that do not broadcast together, or an output buffer of the wrong shape or dtype.</summary>
public sealed class ExpressionShapeException : ExpressionException
{
    /// <summary>A shape error in <paramref name="expression"/> (see <see cref="ExpressionException"/>).</summary>
    public ExpressionShapeException(string expression, string message, int position, int length)
        : base(expression, message, position, length)
    {
    }
}
