using SlowSeries.Samples;

namespace SlowSeries.Samples.Tests;

public class BenchCommandTests
{
    [Fact]
    public void TheQuickBenchTimesEveryTargetAgainstThePythonToolsAndTheirChecksumsAgree()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = SamplesCli.Run(["bench", "--quick", "--repeat", "1"], output, error);
        string text = output.ToString();
        Assert.True(code == 0, error.ToString());
        foreach (string workload in new[] { "sin²+cos², n=1E+05, 1 thread(s)", "sin²+cos², n=1E+05, 2 thread(s)", "sum(sin²+cos²), n=1E+05, 2 threads", "velocity 10x6x16, 3 outputs, 2 threads", "new expression, first evaluation", "cached expression" })
        {
            string row = Assert.Single(text.Split('\n'), line => line.StartsWith(workload, StringComparison.Ordinal));
            string numExpr = row.Split('|')[2].Trim();
            Assert.True(numExpr != "n/a", $"NumExpr was not timed: {row}");
        }

        foreach (string series in new[] { "slow series [Vectorize], n=1E+06", "Σcos(k)/k [Vectorize], n=1E+06" })
        {
            string row = Assert.Single(text.Split('\n'), line => line.StartsWith(series, StringComparison.Ordinal));
            Assert.True(row.Split('|')[4].Trim() != "n/a", $"Numba was not timed: {row}");
        }

        // Four rows checked against NumExpr, the two series against Numba.
        Assert.Equal(6, text.Split('\n').Count(line => line.Contains("✓ sums agree", StringComparison.Ordinal)));
        Assert.DoesNotContain("✗", text, StringComparison.Ordinal);
        string scaling = Assert.Single(text.Split('\n'), line => line.StartsWith("Thread scaling, 1 → 2 threads", StringComparison.Ordinal));
        Assert.Matches(@"sin²\+cos² \d+\.\d\dx .*sum\(sin²\+cos²\) \d+\.\d\dx", scaling);
    }

    [Fact]
    public void BreadthTimesEveryListedExpressionAtTwoWidthsAndItsSumsAgreeWithNumExpr()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = SamplesCli.Run(["bench", "--breadth", "--quick", "--repeat", "1", "--isa", "v128"], output, error);
        string text = output.ToString();
        Assert.True(code == 0, error.ToString());
        string listing = Path.Combine(AppContext.BaseDirectory, "Python", "breadth.txt");
        var expressions = File.ReadLines(listing).Where(line => line.Trim().Length > 0 && !line.StartsWith('#')).ToList();
        Assert.True(expressions.Count >= 30, $"{expressions.Count} expressions");
        var lines = text.Split('\n');
        foreach (string expression in expressions)
        {
            string row = Assert.Single(lines, line => line.StartsWith(expression + " ", StringComparison.Ordinal));
            Assert.DoesNotContain("error", row.Split('|')[1], StringComparison.Ordinal);
            Assert.Matches(@"^\d+(\.\d+)? (s|ms|µs)$", row.Split('|')[2].Trim()); // the 128-bit child's time
        }

        string[] header = Assert.Single(lines, line => line.StartsWith("expression", StringComparison.Ordinal)).Split('|').Select(cell => cell.Trim()).ToArray();
        Assert.Equal("ours v128", header[2]);
        Assert.Contains(lines, line => line.StartsWith("ours v128: geometric mean of NumExpr/ours", StringComparison.Ordinal));

        // NumPy again as a 128-bit x64 CPU runs it: its own time and ratio columns, and a summary line.
        Assert.Equal(["NumPy as v128", "NumPy v128/ours v128"], header[^2..]);
        Assert.All(expressions, expression => Assert.Matches(@"^\d+(\.\d+)? (s|ms|µs)$", Assert.Single(lines, line => line.StartsWith(expression + " ", StringComparison.Ordinal)).Split('|')[^2].Trim()));
        Assert.Contains(lines, line => line.StartsWith("ours v128 against NumPy dispatching as at v128 (NPY_DISABLE_CPU_FEATURES=", StringComparison.Ordinal));

        // NumExpr 2.8 has no //, no ^ and no int64 ** of two arrays; every other expression's sum matches NumExpr's.
        Assert.Equal(expressions.Count - 3, lines.Count(line => line.Contains("| ✓ ", StringComparison.Ordinal)));
        Assert.DoesNotContain("✗", text, StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith("Geometric mean of NumExpr/ours over the", StringComparison.Ordinal));
        Assert.Equal(["ours first eval", "ours cold (evals 2-4)"], header[3..5]);
        Assert.Matches($@"^With the caches cleared: evaluations 2-4 \(median of 9\) within 1\.2x steady on \d+ of {expressions.Count} rows \(worst \d+\.\d\dx\); evaluation 1 within 1\.5x steady \+ 5 ms on \d+ of {expressions.Count}\.", Assert.Single(lines, line => line.StartsWith("With the caches cleared", StringComparison.Ordinal)));
    }

    [Fact]
    public void FreshTimesAFreshProcesssFirstEvaluationsAgainstNumExprsAndTheirSumsAgree()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = SamplesCli.Run(["bench", "--fresh", "--quick", "--repeat", "1"], output, error);
        string text = output.ToString();
        Assert.True(code == 0, error.ToString());
        var lines = text.Split('\n');
        foreach (string expression in new[] { "2*a + 3*b", "exp(a)" })
        {
            var rows = lines.Where(line => line.StartsWith(expression + " ", StringComparison.Ordinal)).Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray()).ToList();
            Assert.Equal(Enumerable.Range(1, 8).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("start to 1st"), rows.Select(row => row[1]));
            Assert.All(rows, row => Assert.Matches(@"^\d+(\.\d+)? (s|ms|µs)$", row[2]));
            Assert.All(rows, row => Assert.Matches(@"^\d+(\.\d+)? (s|ms|µs)$", row[3]));
            Assert.Equal("✓ sums agree", rows[0][5]);
        }

        Assert.DoesNotContain("n/a", text, StringComparison.Ordinal);
    }

    [Fact]
    public void IsaTimesOurKernelsAgainInAChildProcessAtThatWidth()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = SamplesCli.Run(["bench", "--quick", "--repeat", "1", "--isa", "v128"], output, error);
        string text = output.ToString();
        Assert.True(code == 0, error.ToString());
        string[] header = Assert.Single(text.Split('\n'), line => line.StartsWith("workload", StringComparison.Ordinal)).Split('|').Select(cell => cell.Trim()).ToArray();
        Assert.Equal("ours v128", header[2]);
        foreach (string series in new[] { "slow series [Vectorize], n=1E+06", "Σcos(k)/k [Vectorize], n=1E+06", "sin²+cos², n=1E+05, 2 thread(s)" })
        {
            string row = Assert.Single(text.Split('\n'), line => line.StartsWith(series, StringComparison.Ordinal));
            Assert.Matches(@"^\d+(\.\d+)? (s|ms|µs)$", row.Split('|')[2].Trim());
        }
    }

    [Fact]
    public void AnUnknownIsaIsAUsageError()
    {
        var error = new StringWriter();
        int code = SamplesCli.Run(["bench", "--isa", "avx1024"], new StringWriter(), error);
        Assert.Equal(SamplesCli.UsageError, code);
        Assert.StartsWith("error: --isa: unknown width 'avx1024'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ARepeatCountBelowOneIsAUsageError()
    {
        var error = new StringWriter();
        int code = SamplesCli.Run(["bench", "--repeat", "0"], new StringWriter(), error);
        Assert.Equal(SamplesCli.UsageError, code);
        Assert.StartsWith("error: --repeat must be at least 1", error.ToString(), StringComparison.Ordinal);
    }
}
