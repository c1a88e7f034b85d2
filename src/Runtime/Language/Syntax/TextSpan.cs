namespace SlowSeries.Language.Syntax;

/// <summary>A range of characters in the expression text, kept by value so diagnostics can point into it.</summary>
internal readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    public TextSpan Cover(TextSpan other) => FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));
}
