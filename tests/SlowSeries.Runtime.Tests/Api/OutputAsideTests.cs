using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Api;

/// <summary>
/// Results that cannot be written into the caller's output as they are computed (a plan that can fail midway; a
/// cancellable evaluation) are computed aside, in a scratch array kept from one evaluation to the next, and copied in
/// at the end: each evaluation must still leave exactly its own result, and a failed one must leave the output as it was.
/// </summary>
public class OutputAsideTests
{
    [Fact]
    public void EvaluationsComputedAsideLeaveTheirOwnResultsOrNothing()
    {
        const int Count = 100_003;
        long[] b = [.. Enumerable.Range(0, Count).Select(k => (long)(k % 13) - 6)];
        long[] e = [.. Enumerable.Range(0, Count).Select(k => (long)(k % 7))];
        long[] e2 = [.. e.Select(x => x + 1)];
        long[] negative = [.. e];
        negative[Count - 5] = -1;
        var output = new long[Count];

        NumExpr.Evaluate("b ** e", new { b, e }, output);
        Assert.Equal(b.Zip(e, Power), output);

        Assert.Throws<ExpressionEvaluationException>(() => NumExpr.Evaluate("b ** e", new { b, e = negative }, output));
        Assert.Equal(b.Zip(e, Power), output);

        NumExpr.Evaluate("b ** e2 - 1", new { b, e2 }, output);
        Assert.Equal(b.Zip(e2, (x, y) => Power(x, y) - 1), output);

        // A cancellable evaluation of a plan that cannot fail goes aside too, into the array the power left.
        using var cancellation = new CancellationTokenSource();
        NumExpr.Evaluate("b * 3 + e", new { b, e }, output, cancellationToken: cancellation.Token);
        Assert.Equal(b.Zip(e, (x, y) => (x * 3) + y), output);
    }

    private static long Power(long x, long y)
    {
        long result = 1;
        for (long k = 0; k < y; k++)
        {
            result *= x;
        }

        return result;
    }
}
