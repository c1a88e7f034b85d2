using SlowSeries.Arrays;
using SlowSeries.Language.Diagnostics;
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

    /// <summary>NumPy errors that mean the expression has no correct value, whatever NumExpr 2.8 returns.</summary>
    private static readonly string[] AuthoritativeNumPyErrors = ["broadcast", "zero-size array", "Integers to negative integer powers"];

    /// <summary>Complex powers go through the polar form, whose error grows with |y log x|.</summary>
    public const double ComplexPowerUlps = 64;

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

            (string? Failure, double? Ulps) verdict;
            try
            {
                verdict = Compare(testCase, oracle.NumExpr[k], oracle.NumPy[k]);
            }
            catch (Exception error)
            {
                verdict = ($"the comparison crashed: {error}", null);
            }

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

        foreach (string expression in MatchedOnlyNumPy)
        {
            output.WriteLine($"agrees with NumPy, not NumExpr 2.8: {expression}");
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
        if (testCase.KnownDifference is not null)
        {
            if (ours is null)
            {
                return (null, null);
            }

            referenceType = ours.DType.Name();
        }
        else if (numPy.Error is { } numPyError && AuthoritativeNumPyErrors.Any(marker => numPyError.Contains(marker, StringComparison.Ordinal)))
        {
            // NumPy is the reference for shapes and values: NumExpr 2.8 accepts some impossible broadcasts, empty
            // min/max, and integers to negative powers, and returns garbage for them.
            return ours is null ? (null, null) : ($"NumPy fails ({numPyError}) but SlowSeries returns {ours.DType.Name()} {ours.Shape}", null);
        }

        else if (numExpr.Succeeded)
        {
            referenceType = FloatLiteralRule(numExpr, numPy, ours?.DType) ? "float32" : numExpr.DTypeName;
        }
        else if (testCase.BeyondNumExpr28 && numPy.Succeeded)
        {
            if (ours is null && (testCase.KnownDifference is not null || DocumentedRejection(testCase)))
            {
                return (null, null);
            }

            // NumPy's dtype is not NumExpr's (NumPy types Python constants by value), so only the kind must agree.
            referenceType = ours is not null && (SameKind(ours.DType, numPy.DTypeName!) || DocumentedTypeDifference(ours.DType, numPy.DTypeName!))
                ? ours.DType.Name()
                : numPy.DTypeName;
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

        // Every result must equal NumExpr's or NumPy's, element for element (where the two differ, either is a real
        // implementation's answer: NumExpr computes float32 intermediates NumPy does not, NumPy floors integer
        // division where NumExpr 2.8 truncates).
        bool reduction = testCase.Category == "reductions";
        double tolerance = reduction
            ? ReductionUlpsPerElement * Math.Max(1, ReducedCount(testCase, ours))
            : ours.DType != DType.Complex128 ? ElementwiseUlps
            : testCase.Expression.Contains("**", StringComparison.Ordinal) ? ComplexPowerUlps : ComplexUlps;
        var candidates = new List<(string Name, NDArray Value)>();
        int narrowerBits = 0;
        if (numExpr.Succeeded && numExpr.DTypeName == ours.DType.Name())
        {
            candidates.Add(("NumExpr", numExpr.Value!));
        }

        if (numPy.Succeeded)
        {
            candidates.Add(("NumPy", numPy.Value!));

            // NumPy computes some mixed cases in a narrower type (float16 for functions of bool, complex64 for complex
            // constants with float32 arrays); compare those at the narrower type's precision, in our dtype's ulps.
            narrowerBits = numPy.DTypeName switch { "float16" => 13, "complex64" => 29, _ => 0 };
            tolerance = Math.Max(tolerance, 4 * Math.Pow(2, narrowerBits));
        }

        string? mismatch = null;
        foreach (var (name, reference) in candidates)
        {
            var (worst, problem) = Measure(ours, reference, tolerance);
            if (problem is null)
            {
                if (name == "NumPy" && candidates.Count > 1)
                {
                    MatchedOnlyNumPy.Add(testCase.Expression);
                }

                // Report agreement with a narrower NumPy result in that type's ulps.
                return (null, name == "NumPy" ? worst / Math.Pow(2, narrowerBits) : worst);
            }

            mismatch = mismatch is null ? $"{name}: {problem}" : $"{mismatch}; {name}: {problem}";
        }

        return (mismatch ?? "no reference value to compare with", null);
    }

    /// <summary>Cases whose values agree with NumPy but not with NumExpr 2.8 (reported, they are the documented differences).</summary>
    private List<string> MatchedOnlyNumPy { get; } = [];

    private static (double Worst, string? Problem) Measure(NDArray ours, NDArray reference, double tolerance)
    {
        if (!reference.Shape.Equals(ours.Shape))
        {
            return (0, $"shape {ours.Shape}, reference {reference.Shape}");
        }

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
                return (distance, $"element at storage offset {offset} is {mine}, reference {expected} ({distance:G3} ulps > {tolerance})");
            }

            worst = Math.Max(worst, distance);
        }

        return (worst, null);
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
    /// <summary>NumExpr 2.14 keeps float32 when a float literal meets a float32 array (2.8 upcast to float64); NumPy agrees.</summary>
    internal static bool FloatLiteralRule(OracleOutcome numExpr, OracleOutcome numPy, DType? ours) =>
        numExpr.DTypeName == "float64" && numPy.DTypeName == "float32" && ours == DType.Float32;

    internal static bool SameKind(DType ours, string numPyType) => ours switch
    {
        DType.Int32 or DType.Int64 => numPyType is "int8" or "int16" or "int32" or "int64",
        DType.Float32 or DType.Float64 => numPyType is "float16" or "float32" or "float64",
        DType.Complex128 => numPyType is "complex64" or "complex128",
        _ => ours.Name() == numPyType,
    };

    internal static bool DocumentedTypeDifference(DType ours, string numPyType) =>
        (ours == DType.Float32 && numPyType == "float16")
        || (ours == DType.Float64 && numPyType is "int32" or "int64" or "int8");
}
