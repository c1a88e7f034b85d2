using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SlowSeries.Generator.Common;

/// <summary>Maps a position in an expression string to the character of the string literal that wrote it.</summary>
internal static class StringLiteralLocations
{
    /// <summary>The characters [position, position + length) of a plain string literal's value (at least one, none past its end); null when escapes or concatenation make the mapping unsure.</summary>
    public static Location? Inside(SyntaxNode syntax, int position, int length = 1)
    {
        if (syntax is not LiteralExpressionSyntax literal || !literal.Token.IsKind(SyntaxKind.StringLiteralToken))
        {
            return null;
        }

        string written = literal.Token.Text;
        if (written.StartsWith("@", StringComparison.Ordinal) || written.StartsWith("\"\"\"", StringComparison.Ordinal) || written.IndexOf('\\') >= 0)
        {
            return null;
        }

        int start = literal.Token.SpanStart + 1 + Math.Max(0, position);
        int available = literal.Token.ValueText.Length - Math.Max(0, position);
        return Location.Create(literal.SyntaxTree, new Microsoft.CodeAnalysis.Text.TextSpan(start, Math.Max(0, Math.Min(Math.Max(1, length), available))));
    }
}
