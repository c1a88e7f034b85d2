using SlowSeries.Language.Syntax;

namespace SlowSeries.Runtime.Tests.Language;

/// <summary>Prints a syntax tree fully parenthesized, so tests can state precedence and associativity plainly.</summary>
internal static class SyntaxPrinter
{
    public static string Print(SyntaxNode node) => node switch
    {
        LiteralSyntax literal => literal.Value.ToString(),
        NameSyntax name => name.Name,
        UnarySyntax unary => $"({unary.Operator.Name}{Print(unary.Operand)})",
        BinarySyntax binary => $"({Print(binary.Left)} {binary.Operator.Name} {Print(binary.Right)})",
        CallSyntax call => $"{call.Function}({string.Join(", ", call.Arguments.Select(Print).Concat(call.Keywords.Select(k => $"{k.Name}={Print(k.Value)}")))})",
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };
}
