using SlowSeries.Arrays;
using SlowSeries.Language.Diagnostics;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Syntax;

namespace SlowSeries.Runtime.Tests.Language;

public class ParserTests
{
    [Theory]
    [InlineData("a + b * c", "(a + (b * c))")]
    [InlineData("a * b + c", "((a * b) + c)")]
    [InlineData("a - b - c", "((a - b) - c)")]
    [InlineData("a / b / c", "((a / b) / c)")]
    [InlineData("a // b * c % d", "(((a // b) * c) % d)")]
    [InlineData("a ** b ** c", "(a ** (b ** c))")]
    [InlineData("-a ** 2", "(-(a ** 2))")]
    [InlineData("-2**2", "(-(2 ** 2))")]
    [InlineData("2**-1", "(2 ** (-1))")]
    [InlineData("2**-x**2", "(2 ** (-(x ** 2)))")]
    [InlineData("--a", "(-(-a))")]
    [InlineData("~-a", "(~(-a))")]
    [InlineData("+a", "a")]
    [InlineData("- + - a", "(-(-a))")]
    [InlineData("a + -b", "(a + (-b))")]
    [InlineData("a << b + c", "(a << (b + c))")]
    [InlineData("a & b << c", "(a & (b << c))")]
    [InlineData("a ^ b & c", "(a ^ (b & c))")]
    [InlineData("a | b ^ c", "(a | (b ^ c))")]
    [InlineData("a < b | c", "(a < (b | c))")]
    [InlineData("a == b + 1", "(a == (b + 1))")]
    [InlineData("(a < b) & (c >= d)", "((a < b) & (c >= d))")]
    [InlineData("a <= b", "(a <= b)")]
    [InlineData("a != b", "(a != b)")]
    [InlineData("a >> 2 >> 1", "((a >> 2) >> 1)")]
    [InlineData("(a + b) * c", "((a + b) * c)")]
    [InlineData("sin(a)**2 + cos(a)**2", "((sin(a) ** 2) + (cos(a) ** 2))")]
    [InlineData("where(a > 0, a, -a)", "where((a > 0), a, (-a))")]
    [InlineData("sum(a, axis=1)", "sum(a, axis=1)")]
    [InlineData("sum(a, 1)", "sum(a, 1)")]
    [InlineData("f(a,)", "f(a)")]
    [InlineData("  a\t+\nb  ", "(a + b)")]
    [InlineData("a.real", "real(a)")]
    [InlineData("(a - 10).real != 0.0", "(real((a - 10)) != 0.0)")]
    [InlineData("-z.imag ** 2", "(-(imag(z) ** 2))")]
    [InlineData("sin(z).real.imag", "imag(real(sin(z)))")]
    [InlineData("a . real", "real(a)")]
    [InlineData("1.5.real", "real(1.5)")]
    public void PrecedenceAndAssociativityFollowPython(string text, string expected) =>
        Assert.Equal(expected, SyntaxPrinter.Print(ExpressionParser.Parse(text)));

    [Theory]
    [InlineData("1", DType.Int32, "1")]
    [InlineData("2147483647", DType.Int32, "2147483647")]
    [InlineData("2147483648", DType.Int64, "2147483648")]
    [InlineData("9223372036854775807", DType.Int64, "9223372036854775807")]
    [InlineData("1_000_000", DType.Int32, "1000000")]
    [InlineData("0x1F", DType.Int32, "31")]
    [InlineData("0o17", DType.Int32, "15")]
    [InlineData("0b101", DType.Int32, "5")]
    [InlineData("0", DType.Int32, "0")]
    [InlineData("1.", DType.Float64, "1.0")]
    [InlineData(".5", DType.Float64, "0.5")]
    [InlineData("1e-3", DType.Float64, "0.001")]
    [InlineData("1.5E+3", DType.Float64, "1500.0")]
    [InlineData("1e400", DType.Float64, "inf")]
    [InlineData("2j", DType.Complex128, "(0.0+2.0j)")]
    [InlineData("1.5J", DType.Complex128, "(0.0+1.5j)")]
    [InlineData("True", DType.Bool, "True")]
    [InlineData("False", DType.Bool, "False")]
    [InlineData("b'ab'", DType.Bytes, "b'ab'")]
    [InlineData("'ab'", DType.Bytes, "b'ab'")]
    [InlineData("\"it's\"", DType.Bytes, "b'it\\'s'")]
    [InlineData("b'\\x41\\n'", DType.Bytes, "b'A\\n'")]
    [InlineData("B\"\"", DType.Bytes, "b''")]
    public void LiteralsHaveNumExprTypes(string text, DType type, string value)
    {
        var literal = Assert.IsType<LiteralSyntax>(ExpressionParser.Parse(text));
        Assert.Equal(type, literal.Value.Type);
        Assert.Equal(value, literal.Value.ToString());
    }

    public static TheoryData<string> Functions => new(OperatorTable.All
        .Where(op => op.Syntax is OperatorSyntax.Function or OperatorSyntax.Reduction)
        .Select(op => op.Name));

    [Theory]
    [MemberData(nameof(Functions))]
    public void EveryFunctionParsesAsACall(string name)
    {
        var info = OperatorTable.All.Single(op => op.Name == name && op.Syntax is OperatorSyntax.Function or OperatorSyntax.Reduction);
        string arguments = string.Join(", ", Enumerable.Range(0, info.Arity).Select(i => $"x{i}"));
        var call = Assert.IsType<CallSyntax>(ExpressionParser.Parse($"{name}({arguments})"));
        Assert.Equal(name, call.Function);
        Assert.Equal(info.Arity, call.Arguments.Count);
    }

    [Fact]
    public void SpansPointAtTheSource()
    {
        var sum = Assert.IsType<BinarySyntax>(ExpressionParser.Parse("alpha + sin(beta)"));
        Assert.Equal(new TextSpan(0, 17), sum.Span);
        Assert.Equal(new TextSpan(6, 1), sum.OperatorSpan);
        var call = Assert.IsType<CallSyntax>(sum.Right);
        Assert.Equal(new TextSpan(8, 3), call.NameSpan);
        Assert.Equal(new TextSpan(12, 4), call.Arguments[0].Span);
    }

    [Theory]
    [InlineData("(a + b) * (a - c)", "(a + b) * (a - c)", "(a + b)", "(a - c)")]
    [InlineData("( a+b )*c ", "( a+b )*c", "( a+b )", "c")]
    [InlineData("((a)) - (b)", "((a)) - (b)", "((a))", "(b)")]
    public void ParenthesesBelongToTheTextTheyEnclose(string source, string whole, string left, string right)
    {
        var binary = Assert.IsType<BinarySyntax>(ExpressionParser.Parse(source));
        Assert.Equal(whole, source.Substring(binary.Span.Start, binary.Span.Length));
        Assert.Equal(left, source.Substring(binary.Left.Span.Start, binary.Left.Span.Length));
        Assert.Equal(right, source.Substring(binary.Right.Span.Start, binary.Right.Span.Length));
    }

    [Theory]
    [InlineData("a +", 3, "unexpected end of expression")]
    [InlineData("a + * b", 4, "unexpected '*'")]
    [InlineData("(a + b", 6, "unexpected end of expression")]
    [InlineData("a + b)", 5, "unexpected ')'")]
    [InlineData("sin(a b)", 6, "unexpected 'b'")]
    [InlineData("a $ b", 2, "unexpected '$'")]
    [InlineData("a = b", 2, "unexpected '='")]
    [InlineData("a < b < c", 6, "chained comparisons are not supported")]
    [InlineData("a and b", 2, "'and' is not supported; use '&'")]
    [InlineData("not a", 0, "'not' is not supported; use '~'")]
    [InlineData("a if b else c", 2, "use where(cond, x, y)")]
    [InlineData("'abc", 0, "unterminated string literal")]
    [InlineData("12abc", 2, "cannot follow a number")]
    [InlineData("1e+", 3, "the exponent has no digits")]
    [InlineData("99999999999999999999", 0, "does not fit in 64 bits")]
    [InlineData("007", 0, "leading zeros")]
    [InlineData("'é'", 1, "ASCII")]
    [InlineData("None", 0, "None is not a value")]
    [InlineData("a +\n* b", 4, "unexpected '*'")]
    [InlineData("a × b", 2, "U+00D7")]
    [InlineData("a\0b", 1, "control character U+0000")]
    [InlineData("a.shape", 2, "unknown attribute '.shape'; expressions have '.real', '.imag'")]
    [InlineData("(a + b).", 8, "unexpected end of expression")]
    public void SyntaxErrorsNameThePositionAndTheProblem(string text, int position, string problem)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse(text));
        Assert.Equal(position, error.Position);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains($"position {position}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxErrorsSayWhatWasExpectedAndShowACaret()
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse("2 * (a + )"));
        Assert.Equal(9, error.Position);
        Assert.Equal((1, 10), (error.Line, error.Column));
        Assert.Contains("expected operand", error.Message, StringComparison.Ordinal);
        Assert.Equal("syntax error at position 9 (line 1, column 10): unexpected ')'; expected operand (number, name, string, call or '(')\n  2 * (a + )\n           ^", error.Describe());
    }

    [Fact]
    public void LineAndColumnCountNewlines()
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse("a +\n  b +\n  )"));
        Assert.Equal((3, 3), (error.Line, error.Column));
    }
}
