using SlowSeries.Execution;

namespace SlowSeries.Runtime.Tests.Execution;

/// <summary>
/// The rehearsal a fresh process runs on the thread pool while it parses its first expression binds, plans and runs
/// <c>2*a + 3*b</c> from a syntax tree built by hand: it must compute what the parsed text computes (a tree that no longer
/// binds, after a change to the syntax records or the operator table, would fail here rather than unseen on the pool).
/// </summary>
public class FirstEvaluationRehearsalTests
{
    [Fact]
    public void TheRehearsalComputesWhatTheParsedTextComputes()
    {
        var rehearsed = FirstEvaluationRehearsal.Rehearse();
        var parsed = NumExpr.Evaluate("2*a + 3*b", new { a = new double[] { 1, 2, 3, 4 }, b = new double[] { 4, 3, 2, 1 } });

        Assert.Equal(parsed.DType, rehearsed.DType);
        Assert.Equal(new double[] { 14, 13, 12, 11 }, rehearsed.Flat<double>().ToArray());
        Assert.Equal(parsed.Flat<double>().ToArray(), rehearsed.Flat<double>().ToArray());
    }
}
