using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SlowSeries.Generator.Common;
using SlowSeries.Generator.Expressions;
using SlowSeries.Language.Diagnostics;
using SlowSeries.Language.Syntax;

namespace SlowSeries.Generator;

/// <summary>
/// Parses constant expression strings passed to <c>NumExpr.Evaluate</c>, <c>NumExpr.Compile</c> and
/// <c>NumExpr.GetVariableNames</c> with the run-time parser itself, and reports syntax errors at the offending
/// character inside the string literal.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExpressionSyntaxAnalyzer : DiagnosticAnalyzer
{
    private const string NumExprTypeName = "SlowSeries.NumExpr";
    private static readonly ImmutableHashSet<string> ParsingMethods = ImmutableHashSet.Create("Evaluate", "Compile", "GetVariableNames");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.InvalidExpressionSyntax, DiagnosticDescriptors.UseGeneratedExpression);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var numExpr = start.Compilation.GetTypeByMetadataName(NumExprTypeName);
            if (numExpr is not null)
            {
                start.RegisterOperationAction(operation => AnalyzeInvocation(operation, numExpr), OperationKind.Invocation);
            }
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol numExpr)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, numExpr)
            || !ParsingMethods.Contains(invocation.TargetMethod.Name)
            || invocation.Arguments.Length == 0)
        {
            return;
        }

        var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0);
        if (argument?.Value.ConstantValue is not { HasValue: true, Value: string text })
        {
            return;
        }

        try
        {
            ExpressionParser.Parse(text);
            if (invocation.TargetMethod.Name == "Evaluate"
                && invocation.Syntax is InvocationExpressionSyntax call
                && invocation.SemanticModel is { } model
                && ConversionCandidate.TryCreate(call, model, context.CancellationToken) is { } candidate)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UseGeneratedExpression, candidate.Expression.GetLocation(), text));
            }
        }
        catch (ExpressionSyntaxException error)
        {
            string problem = error.Message.Substring(error.Message.IndexOf(": ", StringComparison.Ordinal) + 2);
            var location = StringLiteralLocations.Inside(argument.Value.Syntax, error.Position) ?? argument.Value.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidExpressionSyntax, location, problem));
        }
    }
}
