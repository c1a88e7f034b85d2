using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SlowSeries.Generator.Vectorize;

/// <summary>
/// Whether a method's loops carry a value from one iteration to the next (<c>x = x * x - y * y + cx</c> in an
/// escape-time loop, <c>n = n % 2 == 0 ? n / 2 : 3 * n + 1</c> in a Collatz step). Such a loop waits on the latency of
/// each step of the chain and leaves the vector units mostly idle; its lanes run as two independent vectors of the width
/// (<c>PairedWidth</c> in the runtime), whose steps the CPU overlaps.
/// </summary>
/// <remarks>
/// Only small lane bodies are paired: the JIT inlines a limited amount into one method, and a pair inlines every
/// operation three times (the pair's, then each half's). Past that limit it stops inlining and passes vectors through
/// memory (measured: a loop with <c>Math.Sin</c> and <c>Math.Exp</c>, 30 lane operations, paired ran 2.7x slower at AVX2
/// than unpaired). Calls to vector functions, to other lane methods and variable integer divisions are that large.
/// </remarks>
internal static class LoopCarriedChains
{
    private const int MaxPairedOperations = 64;

    /// <summary>Whether the lane version of <paramref name="declaration"/> (its body <paramref name="laneBody"/>) runs as two vectors.</summary>
    public static bool RunsPaired(MethodDeclarationSyntax declaration, SemanticModel model, string laneBody)
    {
        var operations = LaneOperation.Matches(laneBody).Cast<Match>().Select(match => match.Groups[1].Value).ToList();
        return operations.Count <= MaxPairedOperations
            && !operations.Any(name => name is "Sin" or "Cos" or "Tan" or "Tanh" or "Exp" or "Log" or "Log2")
            && !OtherLaneMethod.IsMatch(laneBody)
            && !laneBody.Contains("VectorMath.", System.StringComparison.Ordinal)
            && !DividesIntegersByVariables(declaration, model)
            && CarriesValues(declaration, model);
    }

    private static readonly Regex LaneOperation = new(@"\bW\.(\w+)", RegexOptions.CultureInvariant);

    private static readonly Regex OtherLaneMethod = new(@"\w+Lanes<W, TDouble, TLong>\(", RegexOptions.CultureInvariant);

    private static bool CarriesValues(MethodDeclarationSyntax declaration, SemanticModel model)
    {
        var loops = declaration.DescendantNodes().Where(node => node is WhileStatementSyntax or ForStatementSyntax or DoStatementSyntax);
        return loops.Any(loop => loop.DescendantNodes().Any(node => AssignedVariable(node) is { } target && IsNumber(model.GetSymbolInfo(target).Symbol)));
    }

    private static bool DividesIntegersByVariables(MethodDeclarationSyntax declaration, SemanticModel model) =>
        declaration.DescendantNodes().Any(node => node is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.DivideExpression or (int)SyntaxKind.ModuloExpression } division
            && model.GetTypeInfo(division).Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
            && !model.GetConstantValue(division.Right).HasValue);

    private static ExpressionSyntax? AssignedVariable(SyntaxNode node) => node switch
    {
        AssignmentExpressionSyntax assignment => assignment.Left,
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } step => step.Operand,
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } step => step.Operand,
        _ => null,
    };

    private static bool IsNumber(ISymbol? symbol) =>
        ((symbol as ILocalSymbol)?.Type ?? (symbol as IParameterSymbol)?.Type)?.SpecialType
            is SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int64 or SpecialType.System_Int32;
}
