using SlowSeries.Arrays;
using SlowSeries.Samples;

namespace SlowSeries.Samples.Tests;

public sealed class EvalCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("slowseries-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = SamplesCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void ScalarResultsArePrintedWithTheirDtype()
    {
        var (code, output, error) = Run("eval", "2*a + b", "--var", "a=3", "--var", "b=0.5");
        Assert.Equal(0, code);
        Assert.Equal("2*a + b = 6.5 (float64)\n", output.ReplaceLineEndings("\n"));
        Assert.Empty(error);
    }

    [Fact]
    public void NpyInputsAndOutputsRoundTrip()
    {
        string a = Path.Combine(folder, "a.npy");
        string result = Path.Combine(folder, "result.npy");
        NpyFile.Write(a, NDArray.Wrap(new[] { 1.0, 2, 3, 4 }, 2, 2));
        var (code, output, _) = Run("eval", "sum(a * 2, axis=1)", "--var", $"a={a}", "--out", result);
        Assert.Equal(0, code);
        Assert.Contains("float64 array of shape (2,) [6.0, 14.0] min=6 max=14 mean=10", output, StringComparison.Ordinal);
        Assert.Equal([6.0, 14], NpyFile.Read(result).ToArray<double>());
    }

    [Fact]
    public void ExplainAndProfilePrecedeTheResult()
    {
        string a = Path.Combine(folder, "a.npy");
        NpyFile.Write(a, NDArray.Wrap(Enumerable.Range(0, 1000).Select(i => i * 1e-3).ToArray()));
        var (code, output, error) = Run("eval", "sin(a)**2 + cos(a)**2", "--var", $"a={a}", "--explain", "--profile");
        Assert.Equal(0, code);
        Assert.Empty(error);
        var lines = output.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal("expression: sin(a)**2 + cos(a)**2 -> float64 (1000,)", lines[0]);
        Assert.Contains(lines, line => line.StartsWith("engine: block interpreter", StringComparison.Ordinal));
        Assert.StartsWith("profile (no caches; ms): parse ", lines[^2], StringComparison.Ordinal);
        Assert.StartsWith("sin(a)**2 + cos(a)**2: float64 array of shape (1000,)", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralExpressionsShareTheLoadedInputs()
    {
        string a = Path.Combine(folder, "a.npy");
        NpyFile.Write(a, NDArray.Wrap(new[] { 1, 2, 3 }));
        var (code, output, _) = Run("eval", "a + 1", "--expr", "a > 1", "-e", "sum(a)", "--var", $"a={a}");
        Assert.Equal(0, code);
        var lines = output.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("a + 1: int32 array of shape (3,) [2, 3, 4]", lines[0], StringComparison.Ordinal);
        Assert.Equal("a > 1: bool array of shape (3,) [False, True, True] true=2 of 3", lines[1]);
        Assert.Equal("sum(a) = 6 (int32)", lines[2]);
    }

    [Fact]
    public void BatchFilesListExpressionsAndOutputs()
    {
        string batch = Path.Combine(folder, "jobs.txt");
        string squares = Path.Combine(folder, "squares.npy");
        File.WriteAllLines(batch, ["# squares and a flag", "x ** 2 -> " + squares, "", "contains(s, b'9')"]);
        var (code, output, _) = Run("eval", "--batch", batch, "--var", "x=3", "--var", "s=b'1929'");
        Assert.Equal(0, code);
        Assert.Contains("x ** 2 = 9 (int32)", output, StringComparison.Ordinal);
        Assert.Contains("contains(s, b'9') = True (bool)", output, StringComparison.Ordinal);
        Assert.Equal(9, NpyFile.Read(squares).Item<int>());
    }

    [Theory]
    [InlineData(new[] { "eval", "2 * (a + ", "--var", "a=1" }, "error: syntax error at position 9")]
    [InlineData(new[] { "eval", "a + q", "--var", "a=1" }, "error: name 'q' is not defined; did you mean 'a'?")]
    [InlineData(new[] { "eval", "a" }, "error: name 'a' is not defined (no variables were given)")]
    [InlineData(new[] { "eval", "a", "--var", "a=missing.npy" }, "error: Could not find file")]
    [InlineData(new[] { "eval", "a", "--var", "a" }, "error: --var 'a' is not name=value")]
    [InlineData(new[] { "eval", "a", "--var", "a=b + 1" }, "error: name 'b' is not defined")]
    [InlineData(new[] { "eval" }, "error: no expression given")]
    [InlineData(new[] { "eval", "1", "--threads", "0" }, "error: the number of threads must be between 1 and 1024")]
    [InlineData(new[] { "eval", "1", "--threads", "many" }, "error: Cannot parse argument 'many'")]
    [InlineData(new[] { "frobnicate" }, "error: Unrecognized command or argument 'frobnicate'")]
    public void BadInputExitsWithCodeTwoAndOneLine(string[] args, string message)
    {
        var (code, _, error) = Run(args);
        Assert.Equal(SamplesCli.UsageError, code);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLanguageTourRuns()
    {
        var (code, output, _) = Run("tour");
        Assert.Equal(0, code);
        Assert.Contains("All checks passed.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", output, StringComparison.Ordinal);
    }
}
