using System.Text.Json;
using SlowSeries.Samples.Course;

namespace SlowSeries.Samples.Tests;

/// <summary>
/// Every course workload through the CLI at small sizes: its variants agree with each other and with their references,
/// the JSON has the documented shape, and bad arguments are usage errors.
/// </summary>
public class CourseCommandTests
{
    public static TheoryData<string, string> SmallRuns => new()
    {
        { "slow-series", "200000" },
        { "velocity", "20" },
        { "broadcasting", "4" },
        { "sincos", "300000" },
        { "trig-series", "300000" },
        { "pool-map", "40" },
        { "contains", "50000" },
    };

    [Theory]
    [MemberData(nameof(SmallRuns))]
    public void EveryVariantMatchesItsReferenceAndTheJsonHasItsShape(string workload, string n)
    {
        var (code, output, error) = Run("run", workload, "--n", n, "--threads", "1,2", "--repeat", "1", "--json");
        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        var variants = WorkloadRegistry.Find(workload)!.Variants;
        Assert.Equal(variants.ToHashSet(), rows.Select(r => r.GetProperty("variant").GetString()!).ToHashSet());
        foreach (var row in rows)
        {
            Assert.Equal(workload, row.GetProperty("workload").GetString());
            Assert.True(row.GetProperty("medianSeconds").GetDouble() >= 0);
            Assert.True(row.GetProperty("threads").GetInt32() >= 1);
            Assert.True(row.GetProperty("n").GetInt64() >= 1);
            Assert.True(row.GetProperty("matches").GetBoolean(), row.ToString());
        }
    }

    [Fact]
    public void TheSlowSeriesVariantsAgreeWithTheSerialLoop()
    {
        const long N = 100_000;
        double serial = SlowSeriesWorkload.SerialSum(1, N);
        Assert.Equal(serial, SlowSeriesWorkload.StringSum(N), 12);
        Assert.Equal(serial, SlowSeriesWorkload.PartialSums(N, 3), 12);
        Assert.Equal(serial, Workloads.SeriesKernels.CombinedSum(1, N), 12);
        Assert.Equal(serial, SlowSeriesWorkload.NumExprStyle(N, TextWriter.Null).Total, 12);
    }

    [Fact]
    public void ListShowsEveryWorkload()
    {
        var (code, output, _) = Run("list");
        Assert.Equal(0, code);
        Assert.All(WorkloadRegistry.All, w => Assert.Contains(w.Name, output, StringComparison.Ordinal));
    }

    [Fact]
    public void ATableRunPrintsTheCoursesLines()
    {
        var (code, output, _) = Run("run", "trig-series", "--n", "10000", "--threads", "2", "--repeat", "1");
        Assert.Equal(0, code);
        Assert.Contains("-total/log(2*sin(0.5)) = ", output, StringComparison.Ordinal);
        Assert.Contains("✓", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slow-series", "30000")]
    [InlineData("velocity", "20")]
    [InlineData("sincos", "30000")]
    [InlineData("trig-series", "30000")]
    [InlineData("contains", "30000")]
    public void CompareRunsTheCoursesPythonInTheSameRunAndTheResultsAgree(string workload, string n)
    {
        var (code, output, error) = Run("compare", workload, "--n", n, "--repeat", "1");
        Assert.True(code == 0, error + output);
        string row = Assert.Single(output.Split('\n'), line => line.Contains(workload + " (n=", StringComparison.Ordinal));
        Assert.Contains("✓ results agree", row, StringComparison.Ordinal);
        var timings = row.Split('│').Skip(3).Take(3).Select(c => c.Trim()).ToList();
        Assert.True(timings.Any(t => t != "n/a"), $"no Python tool was timed: {row}");
    }

    [Fact]
    public void PlotWritesPngCharts()
    {
        string directory = Path.Combine(Path.GetTempPath(), "slowseries-plots-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output, error) = Run("run", "trig-series", "--n", "20000", "--threads", "1,2", "--repeat", "1", "--plot", directory);
            Assert.True(code == 0, error);
            (code, _, error) = Run("compare", "sincos", "--n", "20000", "--repeat", "1", "--plot", directory);
            Assert.True(code == 0, error);
            foreach (string chart in new[] { "trig-series-threads.png", "compare.png" })
            {
                byte[] png = File.ReadAllBytes(Path.Combine(directory, chart));
                Assert.True(png.Length > 1000, $"{chart} is {png.Length} bytes");
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            }

            Assert.Contains("wrote ", output, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void AGridTooLargeForOneArrayIsAUsageError()
    {
        var (code, _, error) = Run("run", "velocity", "--n", "3000");
        Assert.Equal(SamplesCli.UsageError, code);
        Assert.Contains("one array holds at most", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error: 'pool-map' has no Python counterpart to compare with", "compare", "pool-map")]
    [InlineData("error: unknown workload 'nope'", "compare", "nope")]
    [InlineData("error: --n must be positive (got -5)", "run", "sincos", "--n", "-5")]
    [InlineData("error: --threads takes thread counts between 1 and 1024, comma-separated (got '0' in '0')", "run", "sincos", "--threads", "0")]
    [InlineData("error: --threads takes thread counts between 1 and 1024, comma-separated (got 'x' in '1,x')", "run", "sincos", "--threads", "1,x")]
    [InlineData("error: unknown workload 'slow'", "run", "slow")]
    [InlineData("error: 'sincos' has no variant 'fast'", "run", "sincos", "--variant", "fast")]
    [InlineData("error: --repeat must be at least 1", "run", "sincos", "--repeat", "0")]
    public void BadArgumentsAreUsageErrors(string message, params string[] args)
    {
        var (code, _, error) = Run(args);
        Assert.Equal(SamplesCli.UsageError, code);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = SamplesCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
