using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using SlowSeries.Generator.Expressions;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SlowSeries.Generator.CodeFixes;

/// <summary>
/// SLS0002's fix, in the way Visual Studio offers <c>[GeneratedRegex]</c>: the <c>NumExpr.Evaluate</c> statement becomes
/// a call to a new <c>[GeneratedExpression]</c> partial method of the containing type (made partial if needed), whose
/// parameters are the anonymous object's members (arrays as <c>ReadOnlySpan&lt;T&gt;</c>) and the output span.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GeneratedExpressionCodeFix))]
[Shared]
public sealed class GeneratedExpressionCodeFix : CodeFixProvider
{
    public const string Title = "Compile at build time with [GeneratedExpression]";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.UseGeneratedExpression.Id);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
            || model is null
            || ConversionCandidate.TryCreate(invocation, model, context.CancellationToken) is not { } candidate
            || invocation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(Title, cancellation => ConvertAsync(context.Document, root, model, candidate, cancellation), equivalenceKey: Title),
            context.Diagnostics);
    }

    private static Task<Document> ConvertAsync(Document document, SyntaxNode root, SemanticModel model, ConversionCandidate candidate, CancellationToken cancellation)
    {
        var type = candidate.Invocation.FirstAncestorOrSelf<TypeDeclarationSyntax>()!;
        string name = UniqueName(model.GetDeclaredSymbol(type, cancellation), candidate.Output);
        string outputName = candidate.Output is IdentifierNameSyntax identifier ? identifier.Identifier.Text : "result";
        bool outputClashes = candidate.Inputs.Any(i => i.Name == outputName);

        var parameters = candidate.Inputs
            .Select(input => Parameter(Identifier(input.Name)).WithType(ParseTypeName(input.IsArray ? $"global::System.ReadOnlySpan<{input.Element}>" : input.Element).WithAdditionalAnnotations(Simplifier.Annotation)))
            .Append(Parameter(Identifier(outputClashes ? "result" : outputName)).WithType(ParseTypeName($"global::System.Span<{candidate.OutputElement}>").WithAdditionalAnnotations(Simplifier.Annotation)));
        var attribute = Attribute(ParseName("global::SlowSeries.GeneratedExpression").WithAdditionalAnnotations(Simplifier.Annotation))
            .AddArgumentListArguments(AttributeArgument(candidate.Expression.WithoutTrivia()));
        var method = MethodDeclaration(PredefinedType(Token(SyntaxKind.VoidKeyword)), Identifier(name))
            .AddAttributeLists(AttributeList(SingletonSeparatedList(attribute)))
            .AddModifiers(Token(SyntaxKind.PrivateKeyword), Token(SyntaxKind.StaticKeyword), Token(SyntaxKind.PartialKeyword))
            .WithParameterList(ParameterList(SeparatedList(parameters)))
            .WithSemicolonToken(Token(SyntaxKind.SemicolonToken))
            .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);

        var call = InvocationExpression(IdentifierName(name))
            .WithArgumentList(ArgumentList(SeparatedList(candidate.Inputs.Select(i => Argument(i.Value.WithoutTrivia())).Append(Argument(candidate.Output.WithoutTrivia())))))
            .WithTriviaFrom(candidate.Invocation);

        var updated = root.ReplaceNode(candidate.Invocation, call);
        var updatedType = updated.DescendantNodes().OfType<TypeDeclarationSyntax>().First(t => t.SpanStart == type.SpanStart && t.Identifier.Text == type.Identifier.Text);
        updated = updated.ReplaceNode(updatedType, updatedType.AddMembers(method));

        // Every type from the method outwards must be partial for the generated half to attach.
        foreach (var declaration in updated.DescendantNodes().OfType<TypeDeclarationSyntax>().Where(t => t.DescendantNodes().OfType<MethodDeclarationSyntax>().Any(m => m.Identifier.Text == name && m.Modifiers.Any(SyntaxKind.PartialKeyword))).ToList())
        {
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                var current = updated.DescendantNodes().OfType<TypeDeclarationSyntax>().First(t => t.Identifier.Text == declaration.Identifier.Text && t.SpanStart == declaration.SpanStart);
                updated = updated.ReplaceNode(current, current.AddModifiers(Token(SyntaxKind.PartialKeyword)));
            }
        }

        return Task.FromResult(document.WithSyntaxRoot(updated));
    }

    /// <summary>"Compute" and the output's name (Compute + Result), numbered if the type already has that member.</summary>
    private static string UniqueName(INamedTypeSymbol? type, ExpressionSyntax output)
    {
        string stem = output is IdentifierNameSyntax identifier && identifier.Identifier.Text.Length > 0
            ? "Compute" + char.ToUpperInvariant(identifier.Identifier.Text[0]) + identifier.Identifier.Text.Substring(1)
            : "ComputeExpression";
        string name = stem;
        for (int k = 2; type is not null && type.GetMembers(name).Length > 0; k++)
        {
            name = stem + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }
}
