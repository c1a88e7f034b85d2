namespace SlowSeries.Runtime.Tests.Differential;

/// <param name="Category">Which part of the language the case exercises (reported in coverage counts).</param>
/// <param name="Expression">Evaluated by SlowSeries, NumExpr and NumPy alike.</param>
/// <param name="BeyondNumExpr28">
/// The case uses what NumExpr 2.14 added after Debian's 2.8 (floor division, xor, integer bitwise operators,
/// the newer functions): where 2.8 fails, NumPy is the reference for values and dtype.
/// </param>
/// <param name="KnownDifference">Why SlowSeries deliberately differs from NumExpr 2.8 here (listed in the README).</param>
internal sealed record DifferentialCase(string Category, string Expression, bool BeyondNumExpr28 = false, string? KnownDifference = null);
