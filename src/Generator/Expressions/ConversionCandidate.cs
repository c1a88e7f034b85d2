using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SlowSeries.Generator.Vectorize;

namespace SlowSeries.Generator.Expressions;

/// <summary>An input of a convertible call: its name in the expression, the C# expression passing it, and its type.</summary>
internal sealed record CandidateInput(string Name, ExpressionSyntax Value, string Element, bool IsArray);

/// <summary>
/// A <c>NumExpr.Evaluate("constant", new { a, b }, result);</c> statement that a <c>[GeneratedExpression]</c> method can
/// replace one for one: the result is discarded, the output is an array, and the variables are an anonymous object of
/// arrays and scalars of double, long, int or bool. The analyzer offers the conversion (SLS0002) only for these; the
/// code fix uses the same description to write the method.
/// </summary>
internal sealed record ConversionCandidate(
    InvocationExpressionSyntax Invocation,
    ExpressionSyntax Expression,
    string Text,
    IReadOnlyList<CandidateInput> Inputs,
    ExpressionSyntax Output,
    string OutputElement)
{
    private const int MaxInputs = 4;

    public static ConversionCandidate? TryCreate(InvocationExpressionSyntax invocation, SemanticModel model, System.Threading.CancellationToken cancellation)
    {
        if (invocation.Parent is not ExpressionStatementSyntax
            || invocation.ArgumentList.Arguments is not { Count: 3 } arguments
            || arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None))
            || model.GetConstantValue(arguments[0].Expression, cancellation) is not { HasValue: true, Value: string text }
            || arguments[1].Expression is not AnonymousObjectCreationExpressionSyntax variables
            || variables.Initializers.Count is 0 or > MaxInputs
            || Element(model.GetTypeInfo(arguments[2].Expression, cancellation).Type, out bool outputIsArray) is not { } outputElement
            || !outputIsArray)
        {
            return null;
        }

        var inputs = new List<CandidateInput>();
        foreach (var member in variables.Initializers)
        {
            string? name = member.NameEquals?.Name.Identifier.Text ?? (member.Expression as IdentifierNameSyntax)?.Identifier.Text;
            if (name is null || Element(model.GetTypeInfo(member.Expression, cancellation).Type, out bool isArray) is not { } element)
            {
                return null;
            }

            inputs.Add(new CandidateInput(name, member.Expression, element, isArray));
        }

        return new ConversionCandidate(invocation, arguments[0].Expression, text, inputs, arguments[2].Expression, outputElement);
    }

    /// <summary>The element keyword of a supported array or scalar type (double, long, int, bool), or null.</summary>
    private static string? Element(ITypeSymbol? type, out bool isArray)
    {
        isArray = type is IArrayTypeSymbol { Rank: 1 };
        var element = type is IArrayTypeSymbol { Rank: 1 } array ? array.ElementType : type;
        return LaneTypes.Keyword(element) is { } keyword && keyword != "float" ? keyword : null;
    }
}
