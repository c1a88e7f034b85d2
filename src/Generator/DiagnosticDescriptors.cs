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

    public static readonly DiagnosticDescriptor NotVectorized = new(
        id: "SLS0100",
        title: "Method not vectorized",
        messageFormat: "'{0}' is not vectorized: {1} is not supported in vector code; SlowSeries generated threaded scalar loops instead",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "The [Vectorize] method uses a construct the lane translator does not handle; its generated element-wise and reduction methods run the scalar method on each element (multi-threaded, not SIMD).");

    public static readonly DiagnosticDescriptor InvalidVectorizeMethod = new(
        id: "SLS0101",
        title: "[Vectorize] method has an unsupported signature",
        messageFormat: "[Vectorize] method '{0}' {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "[Vectorize] applies to static, non-generic methods of partial types with 1 to 4 parameters and a result of type double, float, long, int or bool.");

    /// <summary>The descriptor with this id (diagnostics travel through the generator pipeline as ids).</summary>
    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "SLS0001" => InvalidExpressionSyntax,
        "SLS0100" => NotVectorized,
        "SLS0101" => InvalidVectorizeMethod,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "unknown diagnostic id"),
    };
}
