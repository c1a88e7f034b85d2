using SlowSeries;
using SlowSeries.Arrays;

// Checks what a user of the package sees: the generator ran from the package ([Vectorize] and [GeneratedExpression]
// methods exist and compute the right values), and run-time expressions evaluate. Exit code 1 on any difference.
var failures = new List<string>();
void Check(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")} {what}");
    if (!condition)
    {
        failures.Add(what);
    }
}

const int N = 100_003;
double[] a = [.. Enumerable.Range(0, N).Select(i => (i % 1000) / 1000.0)];

// A run-time expression: sin² + cos² of every element is 1 within a few ulps.
var identity = NumExpr.Evaluate("sin(a)**2 + cos(a)**2", new { a }).ToArray<double>();
double ulpOfOne = Math.BitIncrement(1.0) - 1.0;
Check(identity.Length == N && identity.All(v => Math.Abs(v - 1) <= 4 * ulpOfOne), "NumExpr.Evaluate(\"sin(a)**2 + cos(a)**2\") is 1 within 4 ulps for every element");

// An expression compiled at build time by the package's generator.
var generated = new double[N];
Kernels.Scaled(a, 3.0, generated);
Check(generated.Select((v, i) => v == (a[i] * 3.0) + 1).All(same => same), "[GeneratedExpression(\"a * factor + 1\")] computes every element exactly");

// [Vectorize]: the element-wise version and a range sum against the scalar method.
long[] k = [.. Enumerable.Range(1, N).Select(i => (long)i)];
var steps = new long[N];
Kernels.CollatzSteps(k, steps);
Check(steps.Select((v, i) => v == Kernels.CollatzSteps(k[i])).All(same => same), "[Vectorize] CollatzSteps over a span equals the scalar method for every element");
long serial = 0;
for (long i = 1; i <= N; i++)
{
    serial += Kernels.CollatzSteps(i);
}

Check(Kernels.CollatzStepsSum(1L, (long)N) == serial, $"[Vectorize] CollatzStepsSum(1, {N}) equals the serial sum {serial}");

// The arrays API: an NDArray input and a reduction.
var view = NDArray.Wrap(a);
Check(Math.Abs(NumExpr.Evaluate("sum(a)", new { a = view }).ToArray<double>()[0] - a.Sum()) <= 1e-9 * a.Sum(), "sum(a) matches LINQ's sum");

Console.WriteLine(failures.Count == 0 ? "package consumer: all checks passed" : $"package consumer: {failures.Count} check(s) failed");
return failures.Count == 0 ? 0 : 1;

/// <summary>Kernels a user writes, compiled by the generator inside the SlowSeries package.</summary>
public static partial class Kernels
{
    /// <summary>Collatz steps from n down to 1.</summary>
    [Vectorize]
    public static long CollatzSteps(long n)
    {
        long count = 0;
        while (n > 1)
        {
            n = n % 2 == 0 ? n / 2 : (3 * n) + 1;
            count++;
        }

        return count;
    }

    /// <summary>a · factor + 1, element by element.</summary>
    [GeneratedExpression("a * factor + 1")]
    public static partial void Scaled(ReadOnlySpan<double> a, double factor, Span<double> result);
}
