namespace SlowSeries.Language.Syntax;

/// <summary>A parsed value together with the characters it came from.</summary>
internal readonly record struct Spanned<T>(T Value, TextSpan Span);
