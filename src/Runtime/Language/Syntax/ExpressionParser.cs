using SlowSeries.Language.Diagnostics;
using Sprache;

namespace SlowSeries.Language.Syntax;

/// <summary>Turns expression text into a <see cref="SyntaxNode"/> tree, or throws <see cref="ExpressionSyntaxException"/>.</summary>
internal static class ExpressionParser
{
    /// <summary>Longest accepted expression. Sprache allocates per character; longer texts are rejected up front.</summary>
    public const int MaxLength = 100_000;

    /// <summary>Deepest accepted nesting of parentheses (the parser recurses once per level).</summary>
    public const int MaxParenthesisDepth = 100;

    /// <summary>Deepest accepted tree (evaluators and passes recurse once per level).</summary>
    public const int MaxTreeDepth = 500;

    public static SyntaxNode Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (text.Trim().Length == 0)
        {
            throw new ExpressionSyntaxException(text, "the expression is empty", 0, ["an expression"]);
        }

        if (text.Length > MaxLength)
        {
            throw new ExpressionSyntaxException(text, $"the expression is too long ({text.Length:N0} characters; the limit is {MaxLength:N0})", MaxLength, []);
        }

        CheckParenthesisDepth(text);

        IResult<SyntaxNode> result;
        try
        {
            result = ExpressionGrammar.Whole(SourceInput.Start(text));
        }
        catch (LexicalError error)
        {
            throw new ExpressionSyntaxException(text, error.Message, error.Position, []);
        }

        if (!result.WasSuccessful)
        {
            int position = result.Remainder.Position;
            string problem = position >= text.Length ? "unexpected end of expression" : $"unexpected {Describe(text[position])}";
            if (ExpressionGrammar.UnsupportedKeywordProblem(WordAt(text, position)) is { } keyword)
            {
                throw new ExpressionSyntaxException(text, keyword, position, []);
            }

            var expected = result.Expectations.Where(e => !string.IsNullOrEmpty(e)).Distinct().ToList();
            throw new ExpressionSyntaxException(text, problem, position, expected);
        }

        CheckTreeDepth(text, result.Value);
        return result.Value;
    }

    private static string WordAt(string text, int position)
    {
        int end = position;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return text.Substring(position, end - position);
    }

    private static string Describe(char c) => c switch
    {
        ' ' => "space",
        _ when char.IsControl(c) => $"control character U+{(int)c:X4}",
        _ when c > 127 => $"character '{c}' (U+{(int)c:X4})",
        _ => $"'{c}'",
    };

    private static void CheckParenthesisDepth(string text)
    {
        int depth = 0;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '(':
                    if (++depth > MaxParenthesisDepth)
                    {
                        throw new ExpressionSyntaxException(text, $"parentheses are nested more than {MaxParenthesisDepth} deep", i, []);
                    }

                    break;
                case ')':
                    depth--;
                    break;
            }
        }
    }

    private static void CheckTreeDepth(string text, SyntaxNode root)
    {
        var pending = new Stack<(SyntaxNode Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (depth > MaxTreeDepth)
            {
                throw new ExpressionSyntaxException(text, $"the expression nests operations more than {MaxTreeDepth} deep", node.Span.Start, []);
            }

            foreach (var child in Children(node))
            {
                pending.Push((child, depth + 1));
            }
        }
    }

    /// <summary>The direct sub-expressions of a node, in source order.</summary>
    public static IEnumerable<SyntaxNode> Children(SyntaxNode node) => node switch
    {
        UnarySyntax unary => [unary.Operand],
        BinarySyntax binary => [binary.Left, binary.Right],
        CallSyntax call => call.Arguments.Concat(call.Keywords.Select(k => k.Value)),
        _ => [],
    };
}
