using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests;

public class SmokeTests
{
    [Fact]
    public void EvaluatesTheCourseExpression()
    {
        double[] a = [0.1, 0.2, 0.3];
        var result = NumExpr.Evaluate("sin(twoPi*a)**2 + cos(twoPi*a)**2", new { a, twoPi = 2 * Math.PI });
        Assert.All(result.ToArray<double>(), v => Assert.Equal(1.0, v, 12));
    }
}
