using Microsoft.CodeAnalysis;

namespace SlowSeries.Generator;

/// <summary>Every diagnostic SlowSeries reports at build time, in one table (ids are tracked in AnalyzerReleases.*.md).</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "SlowSeries";

    public static readonly DiagnosticDescriptor InvalidExpressionSyntax = new(
        id: "SLS0001",
        title: "Malformed NumExpr expression",
        messageFormat: "The expression cannot be parsed: {0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A constant expression string passed to NumExpr.Evaluate or NumExpr.Compile does not parse; the call would throw ExpressionSyntaxException at run time.");
}
