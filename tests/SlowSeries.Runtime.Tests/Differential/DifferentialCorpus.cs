using SlowSeries.Language.Operators;

namespace SlowSeries.Runtime.Tests.Differential;

/// <summary>
/// The differential corpus: every operator and function over every dtype, array and constant operands,
/// broadcasting, strided and zero-length inputs, reductions with and without axis, precedence and literal forms.
/// </summary>
internal static class DifferentialCorpus
{
    private static readonly string[] Constants = ["2", "-3", "2.5", "3000000000", "True", "1.5j", "b'hi'"];

    private static readonly string[] Exponents = ["0", "1", "2", "3", "-1", "0.5", "2.5", "-2.0", "-0.5", "51", "3.3", "2.0"];

    private static readonly HashSet<string> NewerFunctions =
    [
        "log2", "trunc", "round", "sign", "signbit", "copysign", "nextafter", "hypot", "maximum", "minimum", "isnan", "isfinite", "isinf",
    ];

    /// <summary>Where SlowSeries chooses differently from NumExpr 2.8, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownDifferences = new Dictionary<string, string>
    {
        ["s ** 1"] = "NumExpr 2.8 returns byte strings unchanged for ** 1; SlowSeries rejects arithmetic on byte strings",
        ["s ** True"] = "as s ** 1",
        ["abs(2)"] = "NumExpr 2.8 folds functions of constants with NumPy scalars (int64); SlowSeries applies the array type rules (float64)",
        ["real(2)"] = "as abs(2)",
        ["imag(2)"] = "as abs(2)",
        ["conj(2)"] = "as abs(2)",
        ["conj(2.5)"] = "as abs(2)",
        ["copy(2)"] = "NumExpr 2.8 fails on functions of constants it cannot hash; SlowSeries folds them",
        ["copy(2.5)"] = "as copy(2)",
        ["ones_like(2)"] = "as copy(2)",
        ["ones_like(2.5)"] = "as copy(2)",
        ["ones_like(b)"] = "NumExpr 2.8 has no bool ones_like opcode; SlowSeries returns True",
        ["b ** 0"] = "as ones_like(b)",
        ["f0 * 2.5"] = "NumExpr 2.14's rule (a float literal does not upcast float32) holds for 0-d inputs too; NumExpr 2.8 and NumPy 1.24 give float64",
    };

    public static IReadOnlyList<DifferentialCase> All { get; } = Build().Select(c =>
        KnownDifferences.TryGetValue(c.Expression, out var reason) ? c with { BeyondNumExpr28 = true, KnownDifference = reason } : c).ToList();

    private static List<DifferentialCase> Build()
    {
        var cases = new List<DifferentialCase>();
        var operands = DifferentialInputs.OneDimensional;
        foreach (var op in OperatorTable.All.Where(o => o.Syntax == OperatorSyntax.Infix))
        {
            foreach (string x in operands)
            {
                foreach (string y in operands)
                {
                    cases.Add(Binary(op.Name, x, y));
                }

                foreach (string k in Constants)
                {
                    cases.Add(Binary(op.Name, x, k));
                    cases.Add(Binary(op.Name, k, x));
                }
            }
        }

        foreach (string x in operands)
        {
            foreach (string k in Exponents)
            {
                cases.Add(new("power by constant", $"{x} ** {k}"));
            }

            cases.Add(new("unary", $"-{x}"));
            cases.Add(new("unary", $"~{x}", IsInteger(x)));
            cases.Add(new("unary", $"--{x}"));
        }

        foreach (var function in OperatorTable.All.Where(o => o.Syntax == OperatorSyntax.Function && o.Operation is not Operation.Where and not Operation.Contains))
        {
            bool newer = NewerFunctions.Contains(function.Name);
            if (function.Arity == 1)
            {
                foreach (string x in operands.Append("d2").Append("2").Append("2.5"))
                {
                    cases.Add(new("functions", $"{function.Name}({x})", newer));
                }
            }
            else
            {
                foreach (string x in DifferentialInputs.Numeric)
                {
                    foreach (string y in DifferentialInputs.Numeric)
                    {
                        // NumExpr 2.8 has complex() only for float arguments; SlowSeries converts integers and bools.
                        bool beyond = newer || (function.Operation == Operation.Complex && (x is "b" or "i" or "l" || y is "b" or "i" or "l"));
                        cases.Add(new("functions", $"{function.Name}({x}, {y})", beyond));
                    }

                    cases.Add(new("functions", $"{function.Name}({x}, 2.5)", newer));
                }
            }
        }

        foreach (string x in operands.Append("1").Append("2.5"))
        {
            foreach (string y in operands.Append("0"))
            {
                cases.Add(new("where", $"where(b, {x}, {y})"));
            }
        }

        cases.AddRange(new[]
        {
            "where(i, d, d)", "where(d > 0, d, 0)", "where(b2, d, -d)", "where(b, d2, dcol)", "where(i > 1, i, l)",
        }.Select(e => new DifferentialCase("where", e)));

        cases.AddRange(new[]
        {
            "contains(s, b'hi')", "contains(s, s)", "contains(s, 'e')", "contains(s2, s)", "~contains(s, '9')",
            "contains(s, b'')", "contains(i, s)", "contains(s, 2)", "contains(d, d)", "s == b'hi'", "s < s2", "'hi' == s",
            "s != b'hi'", "s <= s2", "s2 >= s", "s > b'hi'", "s2 > s", "s <= b''",
        }.Select(e => new DifferentialCase("contains", e)));

        foreach (string reduction in new[] { "sum", "prod", "min", "max" })
        {
            foreach (string x in DifferentialInputs.Numeric)
            {
                cases.Add(new("reductions", $"{reduction}({x})"));
                cases.Add(new("reductions", $"{reduction}({x}, axis=0)"));
                cases.Add(new("reductions", $"{reduction}({x}2)"));
                cases.Add(new("reductions", $"{reduction}({x}2, axis=0)"));
                cases.Add(new("reductions", $"{reduction}({x}2, axis=1)"));
                cases.Add(new("reductions", $"{reduction}({x}2, 1)"));
            }

            cases.Add(new("reductions", $"{reduction}(d3, axis=1)"));
            cases.Add(new("reductions", $"{reduction}(d3)"));
            cases.Add(new("reductions", $"{reduction}(d2 * 2 + 1, axis=0)"));
            cases.Add(new("reductions", $"{reduction}(dt, axis=0)"));
            cases.Add(new("reductions", $"{reduction}(e)"));
            cases.Add(new("reductions", $"{reduction}(e2, axis=1)"));
            cases.Add(new("reductions", $"{reduction}(d) + 1"));
        }

        cases.AddRange(new[]
        {
            "d + d2", "d2 + dcol", "i2 * icol + d", "d3 + d2", "d3 * dcol", "d + e", "e + 1", "e2 + d", "e2 * dcol", "dcol + d",
            "d + istr", "ds + d", "dt + d2", "ds * istr - dt", "d0 + d", "i0 * i", "f0 * f", "i0 + d0", "f0 * 2.5",
            "d2 + d3", "dcol + icol", "i2 + i", "s2 == s",
        }.Select(e => new DifferentialCase("broadcasting, strides, 0-d, zero-length", e)));

        cases.AddRange(new[]
        {
            "-2**2", "2**-1", "2**3**2", "-d**2", "d**-1", "~b & b | b ^ ~b", "i << 2 + 1", "i + 2 * 3 - 4 / 5",
            "(i > 0) & (d < 2)", "i % 3 * 2", "d // 2 ** 2", "-i // 2", "1 + -i", "2*-d", "~~b", "+d", "- - d",
            "i & 3 | 4 ^ 1", "i > 2 | 1", "d * (i + 1) ** 2", "2 ** d ** 0.5", "-(d)", "((d))", "d - -d", "i - - - i",
            "1.", ".5 + d", "1e-3 * d", "1E3 + i", "2j * d", "0x1F + i", "0o17 + i", "0b101 + i", "1_000 + i",
            "True", "False", "3", "2.5", "2147483647 + 1", "-2147483648", "7 // 2", "-7 % 3", "3 % -2", "2 ** 31",
            "b'ab' == s", "(i + l) * f / d", "d > 0 & d < 2", "a", "sin", "sin(d) +", "d ++ d", "d == == d",
        }.Select(e => new DifferentialCase("precedence and literals", e, e.Contains("//", StringComparison.Ordinal) || e.Contains('^', StringComparison.Ordinal) || (e.Contains('&', StringComparison.Ordinal) && e.Contains('i', StringComparison.Ordinal)))));

        // Attributes: x.real is real(x) on any subexpression, as NumExpr's own tests write it.
        foreach (var attribute in OperatorTable.All.Where(op => op.AlsoAttribute))
        {
            foreach (string x in DifferentialInputs.Numeric)
            {
                cases.Add(new DifferentialCase("attributes", $"{x}.{attribute.Name}", false));
                cases.Add(new DifferentialCase("attributes", $"({x} - 10).{attribute.Name} * 2", false));
            }
        }

        cases.Add(new DifferentialCase("attributes", "where((d - 10).real != 0.0, d, 2)", false));
        cases.Add(new DifferentialCase("attributes", "sqrt(c).imag + c.real ** 2", false));

        return cases;
    }

    private static bool IsInteger(string operand) => operand is "i" or "l" or "2" or "-3" or "3000000000";

    private static DifferentialCase Binary(string op, string x, string y)
    {
        bool newer = op is "//" or "^"
            || (op is "&" or "|" && (IsInteger(x) || IsInteger(y)))
            || (op == "**" && IsInteger(x) && IsInteger(y))
            // NumExpr 2.8 crashes on these (Python's bool operators run before it sees them; complex constant exponents).
            || (op is "&" or "|" && x == "True")
            || (op == "**" && y == "1.5j");
        return new DifferentialCase("operators", $"{x} {op} {y}", newer);
    }
}
