using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SlowSeries.Generator.Tests;

public class ExpressionSyntaxAnalyzerTests
{
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(NumExpr).Assembly.Location));
        var compilation = CSharpCompilation.Create(
            "UserCode",
            [CSharpSyntaxTree.ParseText(source)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return await compilation.WithAnalyzers([new ExpressionSyntaxAnalyzer()]).GetAnalyzerDiagnosticsAsync();
    }

    [Fact]
    public async Task AMalformedConstantExpressionIsReportedAtTheOffendingCharacter()
    {
        const string source = """
            using SlowSeries;
            static class User
            {
                static object Run(double[] a) => NumExpr.Evaluate("2 * (a + )", new { a });
            }
            """;
        var diagnostic = Assert.Single(await AnalyzeAsync(source));
        Assert.Equal("SLS0001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("The expression cannot be parsed: unexpected ')'; expected operand (number, name, string, call or '(')", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        int literalStart = source.IndexOf("\"2 * (a + )\"", StringComparison.Ordinal);
        Assert.Equal(literalStart + 1 + 9, diagnostic.Location.SourceSpan.Start);
        Assert.Equal(1, diagnostic.Location.SourceSpan.Length);
    }

    [Fact]
    public async Task ConstantsAndCompileCallsAreCheckedToo()
    {
        const string source = """
            using SlowSeries;
            static class User
            {
                const string Formula = "a < b < c";
                static object Run() => NumExpr.Compile(Formula);
            }
            """;
        var diagnostic = Assert.Single(await AnalyzeAsync(source));
        Assert.Contains("chained comparisons are not supported", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WellFormedAndNonConstantExpressionsAreNotReported()
    {
        const string source = """
            using SlowSeries;
            static class User
            {
                static object Run(double[] a, string text)
                {
                    NumExpr.Evaluate("sin(twoPi*a)**2 + cos(twoPi*a)**2", new { a, twoPi = 6.28 });
                    NumExpr.GetVariableNames("where(a > 0, a, -a)");
                    return NumExpr.Evaluate(text, new { a });
                }
            }
            """;
        Assert.Empty(await AnalyzeAsync(source));
    }
}
