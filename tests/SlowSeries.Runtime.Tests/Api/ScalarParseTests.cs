using System.Numerics;
using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Api;

/// <summary><see cref="Scalar.Parse"/>: one literal (or literals folded to one), typed as the language types it; anything else is an error that says why.</summary>
public sealed class ScalarParseTests
{
    [Fact]
    public void LiteralsKeepTheLanguagesTypes()
    {
        Assert.Equal(Scalar.FromInt32(3), Scalar.Parse("3"));
        Assert.Equal(Scalar.FromInt64(3_000_000_000), Scalar.Parse("3000000000"));
        Assert.Equal(Scalar.FromFloat64(-2.5), Scalar.Parse("-2.5"));
        Assert.Equal(Scalar.FromFloat64(1e-3), Scalar.Parse("1e-3"));
        Assert.Equal(Scalar.FromComplex(new Complex(0, 2)), Scalar.Parse("2j"));
        Assert.Equal(Scalar.FromBool(true), Scalar.Parse("True"));
        Assert.Equal("hi"u8.ToArray(), Scalar.Parse("b'hi'").Bytes);
        Assert.Equal(Scalar.FromFloat64(Math.Sin(1.0)), Scalar.Parse("sin(1.0)"));
    }

    [Fact]
    public void OtherTextIsRefusedWithTheReason()
    {
        Assert.Throws<ExpressionSyntaxException>(() => Scalar.Parse("2 +"));
        Assert.Contains("'b'", Assert.Throws<ExpressionTypeException>(() => Scalar.Parse("b + 1")).Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => Scalar.Parse("sum(1)"));
    }
}
