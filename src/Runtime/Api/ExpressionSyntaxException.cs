using SlowSeries.Language.Diagnostics;

namespace SlowSeries;

/// <summary>The text is not a well-formed expression. Carries line, column and what the parser expected there.</summary>
public sealed class ExpressionSyntaxException : ExpressionException
{
    /// <summary>A syntax error in <paramref name="expression"/> at <paramref name="position"/>: <paramref name="problem"/>, and what the grammar expected there.</summary>
    public ExpressionSyntaxException(string expression, string problem, int position, IReadOnlyList<string> expected)
        : base(expression, Format(expression, problem, position, expected), position, 1)
    {
        Problem = problem;
        Expected = expected;
        (Line, Column) = Caret.LineAndColumn(expression, position);
    }

    /// <summary>What is wrong, without the position (e.g. "unexpected ')'").</summary>
    public string Problem { get; }

    /// <summary>What the grammar would have accepted at <see cref="ExpressionException.Position"/> (e.g. <c>an operand</c>, <c>)</c>).</summary>
    public IReadOnlyList<string> Expected { get; }

    /// <summary>One-based line.</summary>
    public int Line { get; }

    /// <summary>One-based column.</summary>
    public int Column { get; }

    private static string Format(string expression, string problem, int position, IReadOnlyList<string> expected)
    {
        var (line, column) = Caret.LineAndColumn(expression, position);
        string expectation = expected.Count == 0 ? "" : "; expected " + string.Join(" or ", expected);
        return $"syntax error at position {position} (line {line}, column {column}): {problem}{expectation}";
    }
}
