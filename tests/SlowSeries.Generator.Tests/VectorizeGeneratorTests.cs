using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SlowSeries.Generator.Vectorize;

namespace SlowSeries.Generator.Tests;

/// <summary>
/// The generator run through Roslyn's <see cref="CSharpGeneratorDriver"/>: generated sources against the expected files
/// in <c>Snapshots/</c> (readable C#; set <c>SLOWSERIES_UPDATE_SNAPSHOTS=1</c> to rewrite them after an intended change),
/// one test per diagnostic, and the incremental pipeline's caching.
/// </summary>
public class VectorizeGeneratorTests
{
    private const string CourseKernels = """
        namespace Course;

        public static partial class Series
        {
            [SlowSeries.Vectorize]
            public static double Combined(long k)
            {
                long digitBase = 10, k0 = k;
                while (9 / digitBase > 0)
                {
                    digitBase *= 10;
                }

                while (k > 0)
                {
                    if (k % digitBase == 9)
                    {
                        return 0.0;
                    }

                    k /= 10;
                }

                return 1.0 / k0;
            }

            [SlowSeries.Vectorize]
            public static double TrigonometricTerm(long k) => System.Math.Cos(k) / k;

            // Not the course's: a loop carrying doubles, whose lanes run as two vectors at 256 and 128 bits.
            [SlowSeries.Vectorize]
            public static long EscapeTime(double cx, double cy)
            {
                double x = 0, y = 0;
                long iterations = 0;
                while (iterations < 100 && (x * x) + (y * y) <= 4.0)
                {
                    double next = (x * x) - (y * y) + cx;
                    y = (2 * x * y) + cy;
                    x = next;
                    iterations++;
                }

                return iterations;
            }
        }
        """;

    private static readonly string SnapshotDirectory = Path.Combine(FindTestProjectDirectory(), "Snapshots");

    [Theory]
    [InlineData("Series.Combined.Vectorize.g.cs")]
    [InlineData("Series.TrigonometricTerm.Vectorize.g.cs")]
    [InlineData("Series.EscapeTime.Vectorize.g.cs")]
    public void GeneratedSourcesMatchTheirSnapshots(string hintName)
    {
        var (compilation, result) = Run(CourseKernels);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string generated = result.Results[0].GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        string path = Path.Combine(SnapshotDirectory, hintName + ".txt");
        if (Environment.GetEnvironmentVariable("SLOWSERIES_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"no snapshot {path}; run the tests once with SLOWSERIES_UPDATE_SNAPSHOTS=1 and review it");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), generated);
    }

    /// <summary>
    /// Small loops carrying a value from one iteration to the next (doubles or integers) run as two vectors (PairedWidth)
    /// at 256 and 128 bits; vector functions, calls to other lane methods and divisions by variables keep one vector
    /// (paired, they outgrow what the JIT inlines), and so does a method without a loop.
    /// </summary>
    [Theory]
    [InlineData("double x = 0; long i = 0; while (i < 50 && x < 4) { x = (x * x) + c; i++; } return x;", true)]
    [InlineData("double x = c; for (long i = 0; i < 9; i++) { x /= 1.5; } return x;", true)]
    [InlineData("long x = k; long s = 0; while (x > 1) { x = x % 2 == 0 ? x / 2 : (3 * x) + 1; s++; } return s;", true)]
    [InlineData("double x = c; long i = 0; while (i < 9) { x = System.Math.Sin(x); i++; } return x;", false)]
    [InlineData("double x = c; long i = 0; while (i < 9) { x = x + (k / (i + 1)); i++; } return x;", false)]
    [InlineData("double x = c * k; return x > 0 ? System.Math.Sqrt(x) : -x;", false)]
    public void OnlySmallLoopsCarryingValuesRunPaired(string body, bool paired)
    {
        string source = $$"""
            public static partial class Kernels
            {
                [SlowSeries.Vectorize]
                public static double Kernel(double c, long k)
                {
                    {{body}}
                }
            }
            """;
        var (compilation, result) = Run(source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string generated = result.Results[0].GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("KernelLanes<W, TDouble, TLong>", generated, StringComparison.Ordinal);
        Assert.Equal(paired, generated.Contains("PairedWidth<", StringComparison.Ordinal));
    }

    [Fact]
    public void AConstructThatCannotBeVectorizedIsReportedAsInfoWithItsLocation()
    {
        const string source = """
            public static partial class Kernels
            {
                [SlowSeries.Vectorize]
                public static double Slow(long k) => k.ToString().Contains('9') ? 0.0 : 1.0 / k;
            }
            """;
        var (compilation, result) = Run(source);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SLS0100", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Contains("'Slow' is not vectorized: call to 'String.Contains'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("k.ToString().Contains('9')", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains("threaded scalar loops", result.Results[0].GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public double Instance(long k) => k;", "must be static")]
    [InlineData("public static double Many(long a, long b, long c, long d, long e) => a;", "must have between 1 and 4 parameters")]
    [InlineData("public static double Text(string s) => 1;", "has parameter 's' of type 'string'")]
    [InlineData("public static decimal Money(long k) => k;", "returns 'decimal'")]
    public void AnUnsupportedSignatureIsAnErrorAndGeneratesNothing(string method, string problem)
    {
        var (_, result) = Run($$"""
            public static partial class Kernels
            {
                [SlowSeries.Vectorize]
                {{method}}
            }
            """);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SLS0101", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(problem, diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.Results[0].GeneratedSources);
    }

    [Fact]
    public void IntegerConstantsUsedAsDoublesAreDoubleConstants()
    {
        // Below AVX-512 a long → double lane conversion has no instruction: constants are converted when the code is built.
        var (compilation, result) = Run("""
            public static partial class Kernels
            {
                [SlowSeries.Vectorize]
                public static double Twice(double x)
                {
                    double zero = 0;
                    return (2 * x) + zero;
                }
            }
            """);
        string generated = result.Results[0].GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("W.Multiply(W.Create(2d), v_x)", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("W.ToDouble(W.Create(", generated, StringComparison.Ordinal);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void ANonPartialContainingTypeIsAnError()
    {
        var (_, result) = Run("""
            public static class Kernels
            {
                [SlowSeries.Vectorize]
                public static double Term(long k) => 1.0 / k;
            }
            """);
        Assert.Contains("must be declared in partial types", Assert.Single(result.Diagnostics).GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTestKernelButTheFallbackOneIsVectorized()
    {
        var (_, result) = Run(File.ReadAllText(Path.Combine(FindTestProjectDirectory(), "Kernels", "TestKernels.cs")));
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Severity > DiagnosticSeverity.Hidden);
        Assert.Contains("'NotVectorizable' is not vectorized", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnrelatedEditHitsTheCache()
    {
        var compilation = Compile(CourseKernels, "public static class Other { public static int Value => 1; }");
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new VectorizeGenerator().AsSourceGenerator()],
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("public static class Other { public static int Value => 2; }", (CSharpParseOptions)compilation.SyntaxTrees.First().Options));
        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        var outputs = result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    private static (Compilation Compilation, GeneratorDriverRunResult Result) Run(string source)
    {
        var compilation = Compile(source);
        var driver = CSharpGeneratorDriver.Create(new VectorizeGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (output, driver.GetRunResult());
    }

    private static CSharpCompilation Compile(params string[] sources)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(NumExpr).Assembly.Location));
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        return CSharpCompilation.Create(
            "UserCode",
            sources.Prepend("global using System;").Select(s => CSharpSyntaxTree.ParseText(s, options)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static string FindTestProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SlowSeries.Generator.Tests.csproj")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("the test project directory (with the snapshots) was not found above " + AppContext.BaseDirectory);
    }
}
