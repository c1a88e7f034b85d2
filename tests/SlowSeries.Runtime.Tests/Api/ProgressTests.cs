using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Api;

/// <summary>
/// Progress reports: elements done out of the total, never going backwards, at most about one per percent, the last
/// one complete; the result is the same with or without a listener.
/// </summary>
public sealed class ProgressTests
{
    [Theory]
    [InlineData("sin(a) * cos(a) + a", 1)]
    [InlineData("sin(a) * cos(a) + a", 2)]
    [InlineData("sum(sin(a) * a)", 2)]
    [InlineData("a > 0.5", 2)]
    public void ReportsGrowToTheWholeEvaluation(string expression, int threads)
    {
        double[] a = [.. Enumerable.Range(0, 2_000_000).Select(i => (i % 997) * 1e-3)];
        var expected = NumExpr.Evaluate(expression, new { a });
        var reports = new RecordedProgress();
        int previous = NumExpr.SetNumThreads(threads);
        try
        {
            var result = NumExpr.Evaluate(expression, new { a }, progress: reports);
            Assert.Equal(expected.ToString(), result.ToString());
            Assert.Equal(expected.GetAt(0), result.GetAt(0));
        }
        finally
        {
            NumExpr.SetNumThreads(previous);
        }

        reports.AssertComplete(a.Length);
    }

    [Fact]
    public void AReductionAlongAnAxisReportsEveryElement()
    {
        double[] m = [.. Enumerable.Range(0, 600_000).Select(i => (i % 1000) * 1e-3)];
        var reports = new RecordedProgress();
        var rows = NumExpr.Evaluate("sum(m * 2, axis=1)", new { m = NDArray.Wrap(m, 600, 1_000) }, progress: reports);
        Assert.Equal(600, rows.Size);
        reports.AssertComplete(m.Length);
        var columns = new RecordedProgress();
        NumExpr.Evaluate("sum(m * 2, axis=0)", new { m = NDArray.Wrap(m, 600, 1_000) }, progress: columns);
        columns.AssertComplete(m.Length);
    }

    [Fact]
    public void SeveralExpressionsReportTheirCommonShapeOnce()
    {
        double[] a = [.. Enumerable.Range(0, 200_000).Select(i => i * 1e-5)];
        var reports = new RecordedProgress();
        NumExpr.Evaluate(["a * 2", "sin(a)"], new { a }, progress: reports);
        reports.AssertComplete(a.Length);
    }

    /// <summary>Records reports as they arrive, on whichever worker thread makes them.</summary>
    internal sealed class RecordedProgress : IProgress<EvaluationProgress>
    {
        private readonly List<EvaluationProgress> reports = [];

        public void Report(EvaluationProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }

        public void AssertComplete(long total)
        {
            Assert.NotEmpty(reports);
            Assert.All(reports, report => Assert.Equal(total, report.Total));
            Assert.Equal(total, reports[^1].Done);
            Assert.Equal(1.0, reports[^1].Fraction);
            for (int k = 1; k < reports.Count; k++)
            {
                Assert.True(reports[k].Done > reports[k - 1].Done, $"report {k} ({reports[k].Done}) does not pass report {k - 1} ({reports[k - 1].Done})");
            }

            // One per percent crossed, plus the end: never one per chunk.
            Assert.InRange(reports.Count, 1, 102);
        }
    }
}
