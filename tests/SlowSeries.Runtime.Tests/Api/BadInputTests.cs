using SlowSeries.Arrays;
using SlowSeries.Language.Diagnostics;

namespace SlowSeries.Runtime.Tests.Api;

/// <summary>Bad input gives a clear error and never crashes or touches the caller's output.</summary>
public class BadInputTests
{
    private static readonly double[] A = [1, 2, 3];

    [Fact]
    public void TenThousandNestedParenthesesAreRejectedNotOverflowed()
    {
        string text = new string('(', 10_000) + "a" + new string(')', 10_000);
        var error = Assert.Throws<ExpressionSyntaxException>(() => NumExpr.Evaluate(text, new { a = A }));
        Assert.Contains("nested more than 100 deep", error.Message, StringComparison.Ordinal);
        Assert.Equal(100, error.Position);
    }

    [Fact]
    public void OneHundredNestedParenthesesStillParse()
    {
        string text = new string('(', 100) + "a + 1" + new string(')', 100);
        Assert.Equal([2.0, 3, 4], NumExpr.Evaluate(text, new { a = A }).ToArray<double>());
    }

    [Fact]
    public void AMegabyteExpressionIsRejectedWithItsLength()
    {
        string text = string.Concat(Enumerable.Repeat("a+", 524_288)) + "a";
        var error = Assert.Throws<ExpressionSyntaxException>(() => NumExpr.Evaluate(text, new { a = A }));
        Assert.Contains("too long (1,048,577 characters; the limit is 100,000)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30_000, "+")]
    [InlineData(30_000, "**")]
    public void LongFlatChainsAreRejectedByDepthNotByAStackOverflow(int terms, string op)
    {
        string text = string.Join(op, Enumerable.Repeat("a", terms));
        var error = Assert.Throws<ExpressionSyntaxException>(() => NumExpr.Evaluate(text, new { a = A }));
        Assert.Contains("more than 500 deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongUnaryChainsAreRejectedByDepth()
    {
        string text = new string('-', 20_000) + "a";
        Assert.Throws<ExpressionSyntaxException>(() => NumExpr.Evaluate(text, new { a = A }));
    }

    [Fact]
    public void ChainsWithinTheDepthLimitEvaluate()
    {
        string text = string.Join("+", Enumerable.Repeat("a", 400));
        Assert.Equal([400.0, 800, 1200], NumExpr.Evaluate(text, new { a = A }).ToArray<double>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t")]
    public void EmptyInputIsASyntaxError(string text)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => NumExpr.Evaluate(text));
        Assert.Contains("the expression is empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u0001")]
    [InlineData("a \uFFFF b")]
    [InlineData("a + \U0001F600")]
    [InlineData("\\")]
    [InlineData("a @ b")]
    [InlineData("a[0]")]
    [InlineData("a.b")]
    [InlineData("lambda: 1")]
    public void OddCharactersAreSyntaxErrors(string text) =>
        Assert.Throws<ExpressionSyntaxException>(() => NumExpr.Evaluate(text, new { a = A, b = A }));

    [Theory]
    [InlineData("alpah + 1", "name 'alpah' is not defined; did you mean 'alpha'?", 0)]
    [InlineData("alpha + bta", "name 'bta' is not defined; did you mean 'beta'?", 8)]
    [InlineData("sine(alpha)", "unknown function 'sine'; did you mean 'sin", 0)]
    [InlineData("arctan3(alpha, beta)", "unknown function 'arctan3'; did you mean 'arctan2'?", 0)]
    [InlineData("zzz", "name 'zzz' is not defined", 0)]
    [InlineData("sin + 1", "'sin' is a function; call it", 0)]
    public void UnknownNamesSuggestTheNearestKnownName(string text, string message, int position)
    {
        var error = Assert.Throws<ExpressionTypeException>(() => NumExpr.Evaluate(text, new { alpha = A, beta = A }));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(position, error.Position);
    }

    [Theory]
    [InlineData("contains(a, a)", "contains() needs byte-string operands (float64, float64)")]
    [InlineData("~a", "'~' needs bool or integer operands (float64)")]
    [InlineData("a << 1", "'<<' needs integer operands (float64, int32)")]
    [InlineData("s + 1", "'+' is not defined for byte strings (bytes, int32)")]
    [InlineData("s == 1", "byte strings can only be compared with byte strings (bytes, int32)")]
    [InlineData("where(a, a, a)", "where() needs a bool condition, got float64")]
    [InlineData("b + b", "'+' is not defined for bool operands")]
    [InlineData("-b", "unary '-' is not defined for bool")]
    [InlineData("i ** -2", "integers to negative integer powers are not allowed")]
    [InlineData("sin(a, a)", "sin() takes 1 argument, got 2")]
    [InlineData("arctan2(a)", "arctan2() takes 2 arguments, got 1")]
    [InlineData("sin(x=a)", "sin() takes no keyword arguments (got 'x')")]
    [InlineData("sum(a) + 1", "sum() must be the outermost operation")]
    [InlineData("sum(a, axis=i)", "axis must be an integer constant")]
    [InlineData("sum(a, kind=1)", "takes only the keyword 'axis'")]
    [InlineData("c < c", "'<' is not defined for complex128 operands")]
    public void TypeErrorsNameTheOperandsAndTheirDtypes(string text, string message)
    {
        var error = Assert.Throws<ExpressionTypeException>(() => NumExpr.Evaluate(text, new
        {
            a = A,
            i = new[] { 1, 2, 3 },
            b = new[] { true, false, true },
            s = new[] { "x", "y", "z" },
            c = new System.Numerics.Complex[] { 1, 2, 3 },
        }));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.True(error.Position >= 0);
    }

    [Fact]
    public void ShapeErrorsListTheOperandsAndShapes()
    {
        var a = NDArray.Wrap(new double[6], 3, 2);
        var b = NDArray.Wrap(new double[3]);
        var error = Assert.Throws<ExpressionShapeException>(() => NumExpr.Evaluate("2 * a + b", new { a, b }));
        Assert.Equal("operands could not be broadcast together in '+': '2 * a' with shape (3, 2), 'b' with shape (3,)", error.Message);
        Assert.Equal(6, error.Position);
    }

    [Fact]
    public void ABroadcastBeyondOneArrayIsAShapeErrorNamingTheShapeAndCount()
    {
        var a = NDArray.Wrap(new double[100_000], 100_000, 1);
        var b = NDArray.Wrap(new double[100_000]);
        var error = Assert.Throws<ExpressionShapeException>(() => NumExpr.Evaluate("a + b", new { a, b }));
        Assert.Equal("the result of '+' on 'a' with shape (100000, 1), 'b' with shape (100000,) would have shape (100000, 100000): 10,000,000,000 elements, more than one array holds (2,147,483,591)", error.Message);
        Assert.Equal(2, error.Position);

        // Inside a reduction too: its operand would be that large.
        Assert.Throws<ExpressionShapeException>(() => NumExpr.Evaluate("sum(a * b)", new { a, b }));
    }

    [Fact]
    public void AxisOutOfRangeIsAShapeError()
    {
        var error = Assert.Throws<ExpressionShapeException>(() => NumExpr.Evaluate("sum(a, axis=2)", new { a = NDArray.Wrap(new double[6], 2, 3) }));
        Assert.Contains("axis 2 is out of bounds for an operand of rank 2 (shape (2, 3))", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputOfTheWrongShapeOrDtypeIsRejectedBeforeAnythingIsWritten()
    {
        double[] wrongShape = [-1, -1];
        Assert.Throws<ExpressionShapeException>(() => NumExpr.Evaluate("a + 1", new { a = A }, wrongShape));
        Assert.Equal([-1.0, -1], wrongShape);

        int[] narrower = [-1, -1, -1];
        var error = Assert.Throws<ExpressionTypeException>(() => NumExpr.Evaluate("a + 1", new { a = A }, narrower));
        Assert.Contains("float64 and cannot be stored safely in a int32 output", error.Message, StringComparison.Ordinal);
        Assert.Equal([-1, -1, -1], narrower);
    }

    [Fact]
    public void ARunTimeFailureLeavesTheOutputUntouched()
    {
        long[] output = [7, 7, 7];
        long[] exponents = [1, -1, 2];
        var error = Assert.Throws<ExpressionEvaluationException>(() => NumExpr.Evaluate("b ** e", new { b = new long[] { 2, 2, 2 }, e = exponents }, output));
        Assert.Contains("negative integer powers", error.Message, StringComparison.Ordinal);
        Assert.Equal([7L, 7, 7], output);
    }

    [Fact]
    public void UnsupportedVariableTypesAreNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => NumExpr.Evaluate("a + 1", new { a = new List<double> { 1 } }));
        Assert.Contains("variable 'a' has unsupported type List`1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingVariablesSayNoneWereGiven()
    {
        var error = Assert.Throws<ExpressionTypeException>(() => NumExpr.Evaluate("a + 1"));
        Assert.Contains("name 'a' is not defined (no variables were given)", error.Message, StringComparison.Ordinal);
    }
}
