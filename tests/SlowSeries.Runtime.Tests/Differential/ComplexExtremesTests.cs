using System.Numerics;
using SlowSeries.Arrays;
using Xunit.Abstractions;

namespace SlowSeries.Runtime.Tests.Differential;

/// <summary>
/// Every complex function against NumPy's (glibc's C99 functions) on a grid of arguments from ±1e-10 to ±1e300, ±0 and ±∞
/// in each part: branch cuts and their signed zeros, overflow, underflow and infinite limits. Within 8 ulps of the
/// result's magnitude, or NaN in a part where NumPy's has one (which part is NaN is documented as free).
/// </summary>
public sealed class ComplexExtremesTests(ITestOutputHelper output)
{
    private static readonly double[] RealParts =
        [-1e300, -1e200, -1e20, -1e5, -50, -2, -1, -0.5, -1e-10, -0.0, 0.0, 1e-10, 0.5, 1, 2, 50, 1e5, 1e20, 1e200, 1e300, double.PositiveInfinity, double.NegativeInfinity];

    private static readonly double[] ImaginaryParts =
        [double.NegativeInfinity, -1e300, -1e20, -50, -2, -1, -1e-10, -0.0, 0.0, 1e-10, 1, 2, 50, 1e20, 1e300, double.PositiveInfinity];

    // Not log1p: near 0 NumPy's loses the digits ours keeps (README, documented differences).
    public static TheoryData<string> Functions =>
    [
        "sqrt", "exp", "expm1", "log", "log10", "sin", "cos", "tan", "sinh", "cosh", "tanh", "arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh",
    ];

    [Theory]
    [MemberData(nameof(Functions))]
    public void AgreesWithNumPy(string function)
    {
        Complex[] grid = [.. from x in RealParts from y in ImaginaryParts select new Complex(x, y)];
        var inputs = new Dictionary<string, NDArray>(StringComparer.Ordinal) { ["z"] = NDArray.Wrap(grid) };
        string expression = $"{function}(z)";
        var (_, numPy, versions) = NumPyOracle.Evaluate(inputs, [expression]);
        var theirs = numPy[0].Value ?? throw new InvalidOperationException($"NumPy failed on {expression}: {numPy[0].Error}");
        var ours = NumExpr.Compile(expression).Evaluate(inputs, null);
        var problems = new List<string>();
        double worst = 0;
        for (int k = 0; k < grid.Length; k++)
        {
            var (mine, expected) = (ours.GetAt(k).Complex, theirs.GetAt(k).Complex);
            bool nan = HasNaN(mine) && HasNaN(expected);
            double distance = nan || mine == expected ? 0 : Agreement.Distance(Scalar.FromComplex(mine), Scalar.FromComplex(expected));
            worst = Math.Max(worst, distance);
            if (!(distance <= 8))
            {
                problems.Add($"{expression} at {grid[k]}: {mine} vs NumPy's {expected}");
            }
        }

        output.WriteLine($"{versions}; {expression}: {grid.Length} arguments, worst {worst:F1} ulps of the magnitude, {problems.Count} beyond 8");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    private static bool HasNaN(Complex z) => double.IsNaN(z.Real) || double.IsNaN(z.Imaginary);
}
