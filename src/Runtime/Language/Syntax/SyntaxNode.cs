using SlowSeries.Arrays;
using SlowSeries.Language.Operators;

namespace SlowSeries.Language.Syntax;

/// <summary>The parsed expression, before names and types are known. Every node knows where it was written.</summary>
internal abstract record SyntaxNode(TextSpan Span);

/// <summary>A number, <c>True</c>/<c>False</c> or byte-string literal.</summary>
internal sealed record LiteralSyntax(Scalar Value, TextSpan Span) : SyntaxNode(Span);

/// <summary>A variable name.</summary>
internal sealed record NameSyntax(string Name, TextSpan Span) : SyntaxNode(Span);

/// <summary>A prefix operator applied to an operand.</summary>
internal sealed record UnarySyntax(OperatorInfo Operator, SyntaxNode Operand, TextSpan Span) : SyntaxNode(Span);

/// <summary>An infix operator.</summary>
internal sealed record BinarySyntax(OperatorInfo Operator, SyntaxNode Left, SyntaxNode Right, TextSpan OperatorSpan, TextSpan Span) : SyntaxNode(Span);

/// <summary>A call <c>name(arg, ..., keyword=value)</c>; the name is resolved by the binder.</summary>
internal sealed record CallSyntax(
    string Function,
    TextSpan NameSpan,
    IReadOnlyList<SyntaxNode> Arguments,
    IReadOnlyList<KeywordArgumentSyntax> Keywords,
    TextSpan Span) : SyntaxNode(Span);

/// <summary><c>axis=1</c> inside a call.</summary>
internal sealed record KeywordArgumentSyntax(string Name, SyntaxNode Value, TextSpan Span);
