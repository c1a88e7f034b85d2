using System.Text;
using SlowSeries.Arrays;
using SlowSeries.Language.Diagnostics;

namespace SlowSeries.Samples;

/// <summary>
/// The course's NumExpr and NumPy examples, evaluated through SlowSeries at small sizes, each checked against the
/// answer the course states. (The timed workloads join this program with the samples issue.)
/// </summary>
public static class LanguageTour
{
    public static int Run(TextWriter output)
    {
        int failures = 0;
        output.WriteLine("SlowSeries language tour: the course's expressions through the NumExpr-compatible front end");
        output.WriteLine();

        double[] a = Enumerable.Range(0, 100_000).Select(i => i * 1e-3).ToArray();
        var identity = NumExpr.Evaluate("sin(twoPi*a)**2 + cos(twoPi*a)**2", new { a, twoPi = 2 * Math.PI }).ToArray<double>();
        double worst = identity.Max(v => Math.Abs(v - 1));
        failures += Check(output, "sin(twoPi*a)**2 + cos(twoPi*a)**2 == 1 on 1e5 points", worst < 1e-15, $"max |x - 1| = {worst:E2}");

        long[] seq = Enumerable.Range(0, 100).Select(i => (long)i).ToArray();
        var copy = NumExpr.Evaluate("(a**2 + a)/(a + 1)", new { a = seq }).ToArray<double>();
        failures += Check(output, "(a**2+a)/(a+1) is a float copy of arange(100)", copy.SequenceEqual(seq.Select(v => (double)v)), $"float64 [{copy[0]}, {copy[1]}, ..., {copy[^1]}]");

        string[] words = ["hi", "there", "ahia", "this"];
        var found = NumExpr.Evaluate("contains(x, b'hi')", new { x = words }).ToArray<bool>();
        failures += Check(output, "contains(x, b'hi') on [b'hi', b'there', b'ahia', b'this']", found.SequenceEqual([true, false, true, true]), string.Join(", ", found));

        string[] digits = Enumerable.Range(1, 100).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var mask = NumExpr.Evaluate("~contains(j, '9')", new { j = digits }).ToArray<bool>();
        failures += Check(output, "~contains(j, '9') keeps 81 of 1..100", mask.Count(m => m) == 81, $"{mask.Count(m => m)} kept");

        output.WriteLine();
        output.WriteLine("Broadcasting (the course's four examples):");
        failures += Broadcast(output, "a + b", NDArray.Wrap(new long[] { 0, 1, 2 }), NDArray.Wrap(Enumerable.Repeat(1.0, 9).ToArray(), 3, 3), "(3, 3)");
        failures += Broadcast(output, "a + b", NDArray.Wrap(new long[] { 0, 1, 2 }), NDArray.Wrap(new long[] { 0, 1, 2 }, 3, 1), "(3, 3)");
        failures += Broadcast(output, "a + b", NDArray.Wrap(new long[6], 2, 3), NDArray.Wrap(new long[3]), "(2, 3)");
        failures += Broadcast(output, "a + b", NDArray.Wrap(new long[6], 3, 2), NDArray.Wrap(new long[3]), null);

        output.WriteLine();
        output.WriteLine(failures == 0 ? "All checks passed." : $"{failures} check(s) failed.");
        return failures == 0 ? 0 : 1;
    }

    private static int Broadcast(TextWriter output, string expression, NDArray a, NDArray b, string? expectedShape)
    {
        string label = $"  a{a.Shape} + b{b.Shape}";
        try
        {
            var result = NumExpr.Evaluate(expression, new { a, b });
            return Check(output, label, result.Shape.ToString() == expectedShape, $"-> {result.Shape}");
        }
        catch (ExpressionShapeException error)
        {
            return Check(output, label, expectedShape is null, "-> error: " + error.Message);
        }
    }

    private static int Check(TextWriter output, string what, bool passed, string detail)
    {
        var line = new StringBuilder(passed ? "  ✓ " : "  ✗ ").Append(what).Append(": ").Append(detail);
        output.WriteLine(line.ToString());
        return passed ? 0 : 1;
    }
}
