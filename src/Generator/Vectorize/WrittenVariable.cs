using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SlowSeries.Generator.Vectorize;

/// <summary>What a syntax node writes: the target of an assignment, <c>++</c>/<c>--</c>, or a <c>ref</c>/<c>out</c> argument.</summary>
internal static class WrittenVariable
{
    /// <summary>The expression <paramref name="node"/> assigns, or null when it assigns nothing.</summary>
    public static ExpressionSyntax? Of(SyntaxNode node) => node switch
    {
        AssignmentExpressionSyntax assignment => assignment.Left,
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } step => step.Operand,
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } step => step.Operand,
        ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument => argument.Expression,
        _ => null,
    };
}
