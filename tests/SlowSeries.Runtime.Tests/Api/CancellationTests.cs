using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Api;

/// <summary>
/// Cancellation of evaluations: a cancelled token stops an evaluation with <see cref="OperationCanceledException"/> and
/// leaves the caller's output untouched, for element-wise expressions, groups, full reductions and reductions along an
/// axis; an uncancelled token changes nothing.
/// </summary>
public class CancellationTests
{
    private const string Heavy = "sin(a) * cos(a) * tanh(a) * arctan2(a, a + 1)";

    [Fact]
    public void AnAlreadyCancelledTokenStopsBeforeAnythingIsWritten()
    {
        double[] a = [.. Enumerable.Range(0, 100_000).Select(i => i * 1e-5)];
        double[] output = [.. Enumerable.Repeat(-7.0, a.Length)];
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => NumExpr.Evaluate(Heavy, new { a }, output, cancellationToken: source.Token));
        Assert.All(output, value => Assert.Equal(-7.0, value));
    }

    [Fact]
    public void ALongEvaluationStopsMidwayAndLeavesTheOutputUntouched()
    {
        // Over 100 ms of work even at the widest width on two threads, cancelled after 10 ms.
        const int Count = 20_000_000;
        double[] a = [.. Enumerable.Range(0, Count).Select(i => (i % 1000) * 1e-3)];
        double[] output = [.. Enumerable.Repeat(-7.0, Count)];
        using var source = CancelSoon();
        Assert.ThrowsAny<OperationCanceledException>(() => NumExpr.Evaluate(Heavy, new { a }, output, cancellationToken: source.Token));
        Assert.All(output, value => Assert.Equal(-7.0, value));
    }

    [Fact]
    public void AFullReductionStopsToo()
    {
        double[] a = [.. Enumerable.Range(0, 20_000_000).Select(i => (i % 1000) * 1e-3)];
        using var source = CancelSoon();
        Assert.ThrowsAny<OperationCanceledException>(() => NumExpr.Evaluate("sum(" + Heavy + ")", new { a }, null, cancellationToken: source.Token));
    }

    [Fact]
    public void AReductionAlongAnAxisStopsToo()
    {
        double[] m = [.. Enumerable.Range(0, 20_000_000).Select(i => (i % 1000) * 1e-3)];
        using var source = CancelSoon();
        Assert.ThrowsAny<OperationCanceledException>(() => NumExpr.Evaluate("sum(sin(m) * cos(m) * tanh(m) * arctan2(m, m + 1), axis=1)", new { m = NDArray.Wrap(m, 20_000, 1_000) }, null, cancellationToken: source.Token));
    }

    /// <summary>
    /// A source cancelled 10 ms from now by a thread of its own: a timer's callback runs on the thread pool, which the
    /// evaluations of parallel tests can keep busy until long after the evaluation under test has finished.
    /// </summary>
    private static CancellationTokenSource CancelSoon()
    {
        var source = new CancellationTokenSource();
        new Thread(() =>
        {
            Thread.Sleep(10);
            source.Cancel();
        })
        { IsBackground = true }.Start();
        return source;
    }

    [Fact]
    public void AnUncancelledTokenGivesTheSameResult()
    {
        double[] a = [.. Enumerable.Range(0, 300_000).Select(i => (i % 1000) * 1e-3)];
        double[] expected = NumExpr.Evaluate(Heavy, new { a }).ToArray<double>();
        double[] output = new double[a.Length];
        using var source = new CancellationTokenSource();
        NumExpr.Evaluate(Heavy, new { a }, output, cancellationToken: source.Token);
        Assert.Equal(expected, output);
        var group = NumExpr.Evaluate([Heavy, "a * 2"], new { a }, null, cancellationToken: source.Token);
        Assert.Equal(expected, group[0].ToArray<double>());
    }
}
