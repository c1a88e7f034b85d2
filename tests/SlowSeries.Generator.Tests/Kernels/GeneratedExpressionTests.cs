namespace SlowSeries.Generator.Tests.Kernels;

/// <summary>The [GeneratedExpression] kernels against the run-time back-end evaluating the same expression: the same bits.</summary>
public class GeneratedExpressionTests
{
    private static readonly Random Random = new(7);

    [Theory]
    [InlineData(1)]
    [InlineData(1003)]
    [InlineData(100_005)]
    public void SinCosIdentityEqualsTheRunTimeBackEnd(int count)
    {
        double[] a = Enumerable.Range(0, count).Select(i => i * 1e-3 * (1 + Random.NextDouble())).ToArray();
        var generated = new double[count];
        TestExpressions.SinCosIdentity(a, 2 * Math.PI, generated);
        var expected = NumExpr.Evaluate("sin(twoPi*a)**2 + cos(twoPi*a)**2", new { a, twoPi = 2 * Math.PI }).Flat<double>().ToArray();
        Assert.Equal(expected, generated);
    }

    [Fact]
    public void MixedIntegerAndFloatExpressionsEqualTheRunTimeBackEnd()
    {
        double[] a = Enumerable.Range(0, 2003).Select(_ => (Random.NextDouble() - 0.5) * 100).ToArray();
        long[] k = Enumerable.Range(0, 2003).Select(_ => Random.NextInt64(-50, 50)).ToArray();
        var generated = new double[a.Length];
        TestExpressions.Mixed(a, k, generated);
        var expected = NumExpr.Evaluate("where((a > 0) & (k % 2 == 0), a * k - 3, -a / 2) + sqrt(abs(a))", new { a, k }).Flat<double>().ToArray();
        Assert.Equal(expected, generated);

        int[] i = Enumerable.Range(0, 1001).Select(_ => Random.Next(int.MinValue, int.MaxValue)).ToArray();
        var shifted = new long[i.Length];
        TestExpressions.IntegerShift(i, 17, shifted);
        var expectedShift = NumExpr.Evaluate("(i * 3 + j) << 2", new Dictionary<string, object?> { ["i"] = i, ["j"] = 17 });
        Assert.Equal(Enumerable.Range(0, i.Length).Select(n => System.Convert.ToInt64(expectedShift.GetAt(n).Integer)).ToArray(), shifted);
    }

    [Fact]
    public void AnExpressionOutsideTheEmittersCoverageRunsThroughTheRunTimeBackEnd()
    {
        double[] a = [1, -2, 3.5], b = [0.5, 4, -1];
        var generated = new double[3];
        TestExpressions.EvaluatedAtRunTime(a, b, generated);
        Assert.Equal(a.Zip(b, (x, y) => Math.Atan2(x, y) * 2).ToArray(), generated);
    }

    [Fact]
    public void MismatchedLengthsAreRejectedBeforeAnythingIsWritten()
    {
        var result = new double[4];
        var error = Assert.Throws<ArgumentException>(() => TestExpressions.SinCosIdentity(new double[5], 1.0, result));
        Assert.Contains("operand 'a' has 5 elements but the destination has 4", error.Message, StringComparison.Ordinal);
        Assert.All(result, v => Assert.Equal(0.0, v));
    }
}
