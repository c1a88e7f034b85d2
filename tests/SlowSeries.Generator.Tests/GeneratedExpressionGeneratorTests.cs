using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SlowSeries.Generator.Expressions;

namespace SlowSeries.Generator.Tests;

/// <summary>[GeneratedExpression] through Roslyn's generator driver: which expressions become SIMD kernels, and the diagnostics.</summary>
public class GeneratedExpressionGeneratorTests
{
    [Fact]
    public void TheTestExpressionsCompileToKernelsExceptTheOneOutsideTheEmittersCoverage()
    {
        var (compilation, result) = Run(File.ReadAllText(Path.Combine(ProjectDirectory(), "Kernels", "TestExpressions.cs")));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SLS0104", diagnostic.Id);
        Assert.Contains("'EvaluatedAtRunTime' is not compiled to a SIMD kernel at build time (arctan2()", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sin(a) + ", "SLS0102", "expected operand", "")]
    [InlineData("sin(a) + bb", "SLS0102", "name 'bb' is not defined", "bb")]
    [InlineData("a +* 2", "SLS0102", "unexpected '*'", "*")]
    public void ExpressionErrorsAreReportedInsideTheStringLiteral(string expression, string id, string message, string marked)
    {
        string source = $$"""
            public static partial class Formulas
            {
                [SlowSeries.GeneratedExpression("{{expression}}")]
                public static partial void Compute(ReadOnlySpan<double> a, Span<double> result);
            }
            """;
        var (_, result) = Run(source);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(message, diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        int literal = source.IndexOf('"', StringComparison.Ordinal) + 1;
        Assert.InRange(diagnostic.Location.SourceSpan.Start, literal, literal + expression.Length);
        Assert.Equal(marked, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Theory]
    [InlineData("public static partial double Compute(ReadOnlySpan<double> a);", "must be a static, non-generic partial method returning void")]
    [InlineData("public static partial void Compute(ReadOnlySpan<double> a, double[] result);", "must end with a Span<T> parameter")]
    [InlineData("public static partial void Compute(ReadOnlySpan<string> a, Span<double> result);", "has parameter 'a' of type")]
    public void UnsupportedSignaturesAreErrors(string method, string problem)
    {
        var (_, result) = Run($$"""
            public static partial class Formulas
            {
                [SlowSeries.GeneratedExpression("a * 2")]
                {{method}}
            }
            """);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id.StartsWith("SLS", StringComparison.Ordinal));
        Assert.Equal("SLS0103", diagnostic.Id);
        Assert.Contains(problem, diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static (Compilation Compilation, GeneratorDriverRunResult Result) Run(string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(NumExpr).Assembly.Location));
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "UserCode",
            new[] { "global using System;", source }.Select(s => CSharpSyntaxTree.ParseText(s, options)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(new GeneratedExpressionGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (output, driver.GetRunResult());
    }

    private static string ProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SlowSeries.Generator.Tests.csproj")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("the test project directory was not found above " + AppContext.BaseDirectory);
    }
}
