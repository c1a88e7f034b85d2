namespace SlowSeries.Generator.Tests.Kernels;

/// <summary>NumExpr expressions compiled at build time by [GeneratedExpression].</summary>
public static partial class TestExpressions
{
    [GeneratedExpression("sin(twoPi*a)**2 + cos(twoPi*a)**2")]
    public static partial void SinCosIdentity(ReadOnlySpan<double> a, double twoPi, Span<double> result);

    [GeneratedExpression("where((a > 0) & (k % 2 == 0), a * k - 3, -a / 2) + sqrt(abs(a))")]
    public static partial void Mixed(double[] a, ReadOnlySpan<long> k, Span<double> result);

    [GeneratedExpression("(i * 3 + j) << 2")]
    public static partial void IntegerShift(ReadOnlySpan<int> i, int j, Span<long> result);

    [GeneratedExpression("arctan2(a, b) * 2")]
    public static partial void EvaluatedAtRunTime(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result);
}
