using System.Text;
using SlowSeries.Arrays;
using SlowSeries.Language.Diagnostics;
using SlowSeries.Language.Types;
using Xunit.Abstractions;

namespace SlowSeries.Runtime.Tests.Differential;

/// <summary>
/// Every corpus case through SlowSeries, NumExpr 2.8 and NumPy. Dtypes follow NumExpr; values follow NumPy
/// (NumExpr where NumPy cannot evaluate the text); errors where NumExpr errors, unless the case uses what
/// NumExpr 2.14 added (then NumPy decides).
/// </summary>
public sealed class DifferentialTests(NumPyOracle oracle, ITestOutputHelper output) : IClassFixture<NumPyOracle>
{
    /// <summary>Element-wise float results agree within this many ulps.</summary>
    public const double ElementwiseUlps = 4;

    /// <summary>Complex results agree within this many ulps of the result's magnitude.</summary>
    public const double ComplexUlps = 8;

    /// <summary>Reductions may differ by summation order (NumPy sums pairwise): ulps of the result, per element reduced.</summary>
    public const double ReductionUlpsPerElement = 2;

    public static TheoryData<string> Categories => new(DifferentialCorpus.All.Select(c => c.Category).Distinct());

    [Theory]
    [MemberData(nameof(Categories))]
    public void SlowSeriesAgreesWithNumPyAndNumExpr(string category)
    {
        var failures = new List<string>();
        int compared = 0, errorsAgreed = 0;
        double worstUlps = 0;
        string worstCase = "";
        for (int k = 0; k < DifferentialCorpus.All.Count; k++)
        {
            var testCase = DifferentialCorpus.All[k];
            if (testCase.Category != category)
            {
                continue;
            }

            var verdict = Compare(testCase, oracle.NumExpr[k], oracle.NumPy[k]);
            if (verdict.Failure is not null)
            {
                failures.Add($"{testCase.Expression}: {verdict.Failure}");
            }
            else if (verdict.Ulps is null)
            {
                errorsAgreed++;
            }
            else
            {
                compared++;
                if (verdict.Ulps > worstUlps)
                {
                    worstUlps = verdict.Ulps.Value;
                    worstCase = testCase.Expression;
                }
            }
        }

        output.WriteLine($"{oracle.Versions}; category '{category}': {compared} results compared, {errorsAgreed} errors agreed, worst {worstUlps:F1} ulps ({worstCase})");
        Assert.True(failures.Count == 0, $"{failures.Count} disagreement(s) in '{category}':\n" + string.Join("\n", failures.Take(60)));
    }

    private (string? Failure, double? Ulps) Compare(DifferentialCase testCase, OracleOutcome numExpr, OracleOutcome numPy)
    {
        NDArray? ours = null;
        string? ourError = null;
        try
        {
            ours = NumExpr.Compile(testCase.Expression).Evaluate(oracle.Inputs.ToDictionary(kv => kv.Key, kv => (object?)kv.Value));
        }
        catch (ExpressionException error)
        {
            ourError = error.Message;
        }
        catch (Exception error)
        {
            return ($"crashed with {error.GetType().Name}: {error.Message}", null);
        }

        string? referenceType;
        if (numExpr.Succeeded)
        {
            referenceType = numExpr.DTypeName;
        }
        else if (testCase.BeyondNumExpr28 && numPy.Succeeded)
        {
            if (ours is null && DocumentedRejection(testCase))
            {
                return (null, null);
            }

            referenceType = ours is not null && DocumentedTypeDifference(ours.DType, numPy.DTypeName!) ? ours.DType.Name() : numPy.DTypeName;
        }
        else
        {
            return ours is null
                ? (null, null)
                : ($"NumExpr fails ({numExpr.Error}) but SlowSeries returns {ours.DType.Name()} {ours.Shape}", null);
        }

        if (ours is null)
        {
            return ($"SlowSeries fails ({ourError}) but the reference returns {referenceType}", null);
        }

        if (ours.DType.Name() != referenceType)
        {
            return ($"dtype {ours.DType.Name()}, reference {referenceType}", null);
        }

        var reference = numPy.Succeeded && numPy.Value!.Shape.Equals(ours.Shape) ? numPy.Value! : numExpr.Value ?? numPy.Value!;
        if (!reference.Shape.Equals(ours.Shape))
        {
            return ($"shape {ours.Shape}, reference {reference.Shape}", null);
        }

        bool reduction = testCase.Category == "reductions";
        double tolerance = reduction
            ? ReductionUlpsPerElement * Math.Max(1, ReducedCount(testCase, ours))
            : ours.DType == DType.Complex128 ? ComplexUlps : ElementwiseUlps;
        double worst = 0;
        using var theirs = reference.Offsets().GetEnumerator();
        foreach (long offset in ours.Offsets())
        {
            theirs.MoveNext();
            Scalar mine = ours.GetAt(offset);
            Scalar expected = reference.GetAt(theirs.Current).CastTo(ours.DType);
            double distance = Agreement.Distance(mine, expected);
            if (distance > tolerance)
            {
                return ($"element {Describe(ours, offset)} is {mine}, reference {expected} ({distance:G3} ulps > {tolerance})", null);
            }

            worst = Math.Max(worst, distance);
        }

        return (null, worst);
    }

    private long ReducedCount(DifferentialCase testCase, NDArray result)
    {
        long total = oracle.Inputs.Where(kv => testCase.Expression.Contains(kv.Key + ")", StringComparison.Ordinal) || testCase.Expression.Contains(kv.Key + ",", StringComparison.Ordinal))
            .Select(kv => kv.Value.Size).DefaultIfEmpty(1).Max();
        return Math.Max(1, total / Math.Max(1, result.Size));
    }

    /// <summary>Rejections we keep on purpose: arithmetic on bool alone (NumExpr has no such opcodes) and complex where only reals make sense.</summary>
    private static bool DocumentedRejection(DifferentialCase testCase)
    {
        string[] tokens = testCase.Expression.Split([' ', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries);
        var operands = tokens.Where(t => DifferentialInputs.OneDimensional.Contains(t) || t is "True" or "1.5j" or "2.5" or "2" or "-3" or "3000000000" or "b'hi'").ToList();
        bool boolOnly = operands.Count > 0 && operands.All(t => t is "b" or "True");
        bool complexOrBytes = operands.Any(t => t is "c" or "1.5j" or "s" or "b'hi'");
        bool realOnly = testCase.Expression.Contains("//", StringComparison.Ordinal) || testCase.Expression.Contains('^', StringComparison.Ordinal) || testCase.Expression.Contains('&', StringComparison.Ordinal) || testCase.Expression.Contains('|', StringComparison.Ordinal);
        bool floatBitwise = realOnly && operands.Any(t => t is "f" or "d" or "2.5") && !testCase.Expression.Contains("//", StringComparison.Ordinal);
        return boolOnly || complexOrBytes || floatBitwise;
    }

    /// <summary>
    /// NumExpr-style result types we keep where NumPy differs: functions of bool give float32 (NumPy: float16) and
    /// rounding functions of integers give float64 (NumPy keeps integers for round and sign).
    /// </summary>
    private static bool DocumentedTypeDifference(DType ours, string numPyType) =>
        (ours == DType.Float32 && numPyType == "float16")
        || (ours == DType.Float64 && numPyType is "int32" or "int64" or "int8");

    private static string Describe(NDArray array, long offset)
    {
        var text = new StringBuilder("at storage offset ").Append(offset);
        return text.ToString();
    }
}
