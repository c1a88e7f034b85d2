using SlowSeries.Language.Diagnostics;

namespace SlowSeries;

/// <summary>
/// Base of every error the language reports about a user's expression or inputs. The message is written for the user;
/// <see cref="Position"/> and <see cref="Length"/> point into the expression when the error has a place.
/// </summary>
public abstract class ExpressionException : Exception
{
    /// <summary>An error about <paramref name="expression"/>; <paramref name="position"/> is -1 when the error has no place in it.</summary>
    protected ExpressionException(string expression, string message, int position, int length)
        : base(message)
    {
        Expression = expression;
        Position = position;
        Length = length;
    }

    /// <summary>The expression the error is about.</summary>
    public string Expression { get; }

    /// <summary>Zero-based offset of the offending text, or -1 when the error is not about one place.</summary>
    public int Position { get; }

    /// <summary>How many characters from <see cref="Position"/> the error covers.</summary>
    public int Length { get; }

    /// <summary>The message with the expression and a caret line under the offending text (one line, trimmed if long).</summary>
    public string Describe() => Position < 0 ? Message : Message + "\n" + Caret.Excerpt(Expression, Position, Math.Max(1, Length));
}
