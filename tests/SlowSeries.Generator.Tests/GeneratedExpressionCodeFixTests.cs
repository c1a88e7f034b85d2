using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SlowSeries.Generator.CodeFixes;
using SlowSeries.Generator.Expressions;

namespace SlowSeries.Generator.Tests;

/// <summary>SLS0002 and its code fix in a Roslyn workspace: the fixed code compiles with the generator and keeps its meaning.</summary>
public class GeneratedExpressionCodeFixTests
{
    private const string Before = """
        using SlowSeries;

        public static class Physics
        {
            public static void Energy(double[] mass, double[] velocity, double[] energy)
            {
                NumExpr.Evaluate("0.5 * mass * velocity**2", new { mass, velocity }, energy);
            }
        }
        """;

    [Fact]
    public async Task AConstantEvaluateStatementIsOfferedTheConversion()
    {
        var diagnostics = await AnalyzerDiagnosticsAsync(Before);
        var diagnostic = Assert.Single(diagnostics, d => d.Id == "SLS0002");
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal("\"0.5 * mass * velocity**2\"", Before.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Contains("is constant", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var r = NumExpr.Evaluate(\"a * 2\", new { a });")]
    [InlineData("NumExpr.Evaluate(text, new { a }, a);")]
    [InlineData("NumExpr.Evaluate(\"a * 2\", new { a = a.AsMemory() }, a);")]
    [InlineData("NumExpr.Evaluate(\"a * 2\", new { a, f }, a);")]
    public async Task CallsThatCannotBeConvertedOneForOneAreNotOffered(string statement)
    {
        string source = $$"""
            using SlowSeries;
            public static class User
            {
                public static void Run(double[] a, string text, float f) { {{statement}} }
            }
            """;
        var diagnostics = await AnalyzerDiagnosticsAsync(source);
        Assert.DoesNotContain(diagnostics, d => d.Id == "SLS0002");
    }

    [Fact]
    public async Task TheFixWritesAGeneratedExpressionMethodThatCompilesAndKeepsTheMeaning()
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Create(),
            "UserCode",
            "UserCode",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: References()));
        var document = workspace.AddDocument(project.Id, "Physics.cs", SourceText.From(Before));
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostic = (await compilation.WithAnalyzers([new ExpressionSyntaxAnalyzer()]).GetAnalyzerDiagnosticsAsync()).Single(d => d.Id == "SLS0002");

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new GeneratedExpressionCodeFix().RegisterCodeFixesAsync(context);
        var action = Assert.Single(actions);
        Assert.Equal(GeneratedExpressionCodeFix.Title, action.Title);
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        string after = (await changed.GetTextAsync()).ToString();

        Assert.Contains("public static partial class Physics", after, StringComparison.Ordinal);
        Assert.Contains("ComputeEnergy(mass, velocity, energy);", after, StringComparison.Ordinal);
        Assert.Contains("[GeneratedExpression(\"0.5 * mass * velocity**2\")]", after, StringComparison.Ordinal);
        Assert.True(after.Contains("private static partial void ComputeEnergy(System.ReadOnlySpan<double> mass, System.ReadOnlySpan<double> velocity, System.Span<double> energy);", StringComparison.Ordinal), after);

        // The fixed code, with the generator, compiles without errors and without SLS0002.
        var fixedCompilation = (await changed.Project.GetCompilationAsync())!;
        var driver = CSharpGeneratorDriver.Create(new GeneratedExpressionGenerator()).RunGeneratorsAndUpdateCompilation(fixedCompilation, out var generated, out _);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Empty(generated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.DoesNotContain((await generated.WithAnalyzers([new ExpressionSyntaxAnalyzer()]).GetAnalyzerDiagnosticsAsync()), d => d.Id == "SLS0002");
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzerDiagnosticsAsync(string source)
    {
        var compilation = CSharpCompilation.Create(
            "UserCode",
            [CSharpSyntaxTree.ParseText("global using System;"), CSharpSyntaxTree.ParseText(source)],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return await compilation.WithAnalyzers([new ExpressionSyntaxAnalyzer()]).GetAnalyzerDiagnosticsAsync();
    }

    private static IEnumerable<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(NumExpr).Assembly.Location));
}
