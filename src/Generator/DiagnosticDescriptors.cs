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

    public static readonly DiagnosticDescriptor UseGeneratedExpression = new(
        id: "SLS0002",
        title: "Use [GeneratedExpression] for a constant expression",
        messageFormat: "'{0}' is constant: a [GeneratedExpression] method compiles it at build time into a SIMD kernel",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A NumExpr.Evaluate statement with a constant expression, an anonymous object of arrays and scalars and an output array can be replaced by a [GeneratedExpression] partial method (a code fix does it), as [GeneratedRegex] replaces constant Regex constructions.");

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

    public static readonly DiagnosticDescriptor InvalidGeneratedExpression = new(
        id: "SLS0102",
        title: "Invalid [GeneratedExpression] expression",
        messageFormat: "{0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The expression of a [GeneratedExpression] method does not parse, names a variable that is not a parameter, or has a type error; reported inside the string literal.");

    public static readonly DiagnosticDescriptor InvalidGeneratedExpressionMethod = new(
        id: "SLS0103",
        title: "[GeneratedExpression] method has an unsupported signature",
        messageFormat: "[GeneratedExpression] method '{0}' {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "[GeneratedExpression] applies to static partial void methods of partial types whose inputs are ReadOnlySpan<T>, T[] or T and whose last parameter is the Span<T> result.");

    public static readonly DiagnosticDescriptor ExpressionNotCompiled = new(
        id: "SLS0104",
        title: "Expression evaluated at run time",
        messageFormat: "'{0}' is not compiled to a SIMD kernel at build time ({1} is not covered yet); it is evaluated by the run-time back-end",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "The build-time kernel emitter covers arithmetic, comparisons, logic, where and the common functions on double, long, int and bool; other expressions run through NumExpr.Evaluate, which compiles its own fused kernel at run time.");

    /// <summary>The descriptor with this id (diagnostics travel through the generator pipeline as ids).</summary>
    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "SLS0001" => InvalidExpressionSyntax,
        "SLS0002" => UseGeneratedExpression,
        "SLS0100" => NotVectorized,
        "SLS0101" => InvalidVectorizeMethod,
        "SLS0102" => InvalidGeneratedExpression,
        "SLS0103" => InvalidGeneratedExpressionMethod,
        "SLS0104" => ExpressionNotCompiled,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "unknown diagnostic id"),
    };
}
