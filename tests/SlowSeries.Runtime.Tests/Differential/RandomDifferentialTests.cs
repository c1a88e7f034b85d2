using System.Globalization;
using System.Numerics;
using SlowSeries.Arrays;
using SlowSeries.Language.Binding;
using SlowSeries.Language.Diagnostics;
using SlowSeries.Language.Semantics;
using SlowSeries.Language.Syntax;
using Xunit.Abstractions;

namespace SlowSeries.Runtime.Tests.Differential;

/// <summary>
/// Random well-typed expressions (see <see cref="RandomExpressions"/>) through our evaluator and, in one batch, NumExpr
/// and NumPy: the check of the reference evaluator against the outside world. Each result must have NumExpr's dtype
/// (NumPy's kind where NumExpr 2.8 cannot evaluate the text) and agree with NumExpr's or NumPy's values element by
/// element, within a few ulps, or within what the element's conditioning allows (see <see cref="Classify"/>).
/// </summary>
/// <remarks>
/// SLOWSERIES_RANDOM_EXPRESSIONS sets the count (default <see cref="DefaultCount"/>; 100000 for a soak run) and
/// SLOWSERIES_RANDOM_SEED the seed; a failure prints both with the expression.
/// </remarks>
public sealed partial class RandomDifferentialTests(ITestOutputHelper output)
{
    public const int DefaultCount = 3000;

    public const int DefaultSeed = 20261203;

    /// <summary>Elements agree within this many ulps of the result type outright (complex: of the magnitude).</summary>
    public const double Ulps = 4;

    public const double ComplexUlps = 8;

    /// <summary>How much a differing element may exceed <see cref="Ulps"/>, as a multiple of its measured sensitivity.</summary>
    public const double ConditionFactor = 4;

    /// <summary>
    /// A sensitivity from which an element counts as undetermined by its inputs (2^20 ulps: its inputs fix no more
    /// than its first 32 bits): fmod of a huge number, a power near a pole, where any two answers may differ wholly.
    /// </summary>
    public const double Undetermined = 1 << 20;

    /// <summary>Expressions per run of the Python oracle (a soak run's files stay small).</summary>
    private const int Batch = 4000;

    private enum Rounding
    {
        Exact,
        Up,
        Down,
        Mixed,
    }

    internal enum Verdict
    {
        Agreed,
        IllConditioned,
        ComplexNonFinite,
        ZeroSign,
        ErrorsAgreed,
        Failed,
    }

    [Fact]
    public void RandomExpressionsAgreeWithNumExprAndNumPy()
    {
        int count = Setting("SLOWSERIES_RANDOM_EXPRESSIONS", DefaultCount);
        int seed = Setting("SLOWSERIES_RANDOM_SEED", DefaultSeed);
        var source = new RandomExpressions(seed);
        var inputs = source.CreateInputs();
        var perturbed = new[] { Perturb(inputs, new Random(seed + 1)), Perturb(inputs, new Random(seed + 2)) };
        var widened = inputs.ToDictionary(kv => kv.Key, kv => kv.Value.DType == DType.Float32 ? Widen(kv.Value) : kv.Value, StringComparer.Ordinal);
        var expressions = Enumerable.Range(0, count).Select(_ => source.Next()).ToList();

        var tally = new Dictionary<Verdict, int>();
        var failures = new List<string>();
        int nanSigns = 0;
        string versions = "";
        for (int start = 0; start < count; start += Batch)
        {
            var batch = expressions.Skip(start).Take(Batch).ToList();
            var (numExpr, numPy, batchVersions) = NumPyOracle.Evaluate(inputs, batch);
            versions = batchVersions;
            for (int k = 0; k < batch.Count; k++)
            {
                var (verdict, detail, nanSignsHere) = Classify(start + k, batch[k], inputs, perturbed, widened, numExpr[k], numPy[k]);
                tally[verdict] = tally.GetValueOrDefault(verdict) + 1;
                nanSigns += nanSignsHere;
                if (verdict == Verdict.Failed)
                {
                    failures.Add($"#{start + k} {batch[k]}: {detail}");
                }
            }
        }

        output.WriteLine($"{versions}; seed {seed}: {count} expressions, {tally.GetValueOrDefault(Verdict.Agreed)} agreed within {Ulps} ulps, "
            + $"{tally.GetValueOrDefault(Verdict.IllConditioned)} ill-conditioned (agreed within their sensitivity), "
            + $"{tally.GetValueOrDefault(Verdict.ComplexNonFinite)} with complex NaN parts paired differently (documented), "
            + $"{tally.GetValueOrDefault(Verdict.ZeroSign)} with the sign of maximum/minimum(+0, −0) (documented), "
            + $"{tally.GetValueOrDefault(Verdict.ErrorsAgreed)} rejected by all, {nanSigns} NaN elements whose sign differs (ignored), "
            + $"{failures.Count} failed");
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} of {count} random expressions disagree:\n" + string.Join("\n", failures.Take(40)));
    }

    /// <summary>
    /// One expression's verdict. Where an element differs from the reference by more than <see cref="Ulps"/>, it is
    /// ill-conditioned (not wrong) if our own result moves about as far when every float input moves by 4 ulps of its
    /// type: two such perturbations measure the element's sensitivity (a float32 chain, tan near a pole, a comparison
    /// on the edge), and the difference may be up to <see cref="ConditionFactor"/> times that. NaN's sign is not compared
    /// (IEEE leaves it unspecified).
    /// </summary>
    private static (Verdict Verdict, string Detail, int NanSigns) Classify(
        int index, string expression, IReadOnlyDictionary<string, NDArray> inputs, IReadOnlyDictionary<string, NDArray>[] perturbed, IReadOnlyDictionary<string, NDArray> widened, OracleOutcome numExpr, OracleOutcome numPy)
    {
        NDArray? ours;
        string? ourError = null;
        try
        {
            ours = Evaluate(expression, inputs);
        }
        catch (ExpressionException error)
        {
            ours = null;
            ourError = error.Message;
        }
        catch (Exception error)
        {
            return (Verdict.Failed, $"crashed with {error.GetType().Name}: {error.Message}", 0);
        }

        if (ours is null)
        {
            return numExpr.Succeeded || numPy.Succeeded
                ? (Verdict.Failed, $"SlowSeries fails ({ourError}) but {(numExpr.Succeeded ? "NumExpr" : "NumPy")} returns {(numExpr.Succeeded ? numExpr : numPy).DTypeName}", 0)
                : (Verdict.ErrorsAgreed, "", 0);
        }

        string? typeProblem = numExpr.Succeeded
            ? ours.DType.Name() == numExpr.DTypeName || DifferentialTests.FloatLiteralRule(numExpr, numPy, ours.DType) || FloatLiteralKeepsFloat32(expression, numExpr, ours.DType) ? null : $"dtype {ours.DType.Name()}, NumExpr {numExpr.DTypeName}"
            : numPy.Succeeded
                ? DifferentialTests.SameKind(ours.DType, numPy.DTypeName!) || DifferentialTests.DocumentedTypeDifference(ours.DType, numPy.DTypeName!) ? null : $"dtype {ours.DType.Name()}, NumPy {numPy.DTypeName}"
                : $"NumExpr ({numExpr.Error}) and NumPy ({numPy.Error}) fail, SlowSeries returns {ours.DType.Name()} {ours.Shape}";
        if (typeProblem is not null)
        {
            return (Verdict.Failed, typeProblem, 0);
        }

        var compiled = NumExpr.Compile(expression);
        var root = compiled.Bind(inputs).Root;
        string unchanged = WithRoundingPerturbed(expression, root, new Random(0), Rounding.Exact);
        if (!Evaluate(unchanged, inputs).Offsets().Select(ours.GetAt).SequenceEqual(ours.Offsets().Select(ours.GetAt)))
        {
            return (Verdict.Failed, $"the perturbation's rewrite changes the result even with factors of 1: {unchanged}", 0);
        }

        // The inputs moved (two ways), float32 inputs widened to float64 (NumPy promotes float32 with int64 to float64,
        // NumExpr keeps float32), then every step's rounding moved (all up, all down, mixed): each alone, so that
        // opposite moves cannot cancel.
        var random = new Random(index);
        var rewritten = new[] { Rounding.Up, Rounding.Down, Rounding.Mixed }.Select(r => WithRoundingPerturbed(expression, root, random, r)).ToArray();
        var moved = perturbed.Select(p => Evaluate(expression, p))
            .Concat(rewritten.Select(text => Evaluate(text, inputs)))
            .Append(Evaluate(expression, widened))
            .ToArray();
        var references = new[] { numExpr, numPy }.Where(r => r.Succeeded && r.Value!.Shape.Equals(ours.Shape)).ToList();
        if (references.Count == 0)
        {
            return (Verdict.Failed, $"shape {ours.Shape}, NumExpr {numExpr.Value?.Shape.ToString() ?? numExpr.Error}, NumPy {numPy.Value?.Shape.ToString() ?? numPy.Error}", 0);
        }

        var (verdict, problem, nanSigns) = CompareElements(expression, ours, moved, references);
        return (verdict, problem is null ? "" : $"{problem}; rounded differently as {rewritten[2]}", nanSigns);
    }

    /// <summary>
    /// <paramref name="expression"/> with every float32, float64 and complex128 operation's result multiplied by 1 ± 4
    /// ulps of its type (<see cref="Rounding.Exact"/>: by 1, and float steps only): what rounding each step differently,
    /// as another implementation may, does to the result. A complex step's factor is a float64 literal; it turns an
    /// infinite part's partner into NaN (∞ · 0), which only makes that element count as ill-conditioned.
    /// </summary>
    private static string WithRoundingPerturbed(string expression, BoundNode root, Random random, Rounding rounding)
    {
        var opens = new int[expression.Length + 1];
        var closes = new List<(int Position, int Length, string Text)>();
        var pending = new Stack<BoundNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            var operands = node switch
            {
                BoundOperation operation => operation.Operands,
                BoundCast cast => [cast.Operand],
                BoundReduction reduction => [reduction.Operand],
                _ => [],
            };
            foreach (var operand in operands)
            {
                pending.Push(operand);
            }

            bool perturbed = node.Type is DType.Float32 or DType.Float64 || (node.Type == DType.Complex128 && rounding != Rounding.Exact);
            if (node is BoundOperation && perturbed)
            {
                bool up = rounding switch { Rounding.Up => true, Rounding.Down => false, _ => random.Next(2) == 0 };
                string factor = rounding == Rounding.Exact ? "1.0" : (node.Type, up) switch
                {
                    (DType.Float32, true) => "1.0000004768371582",  // 1 + 4 × 2^-23
                    (DType.Float32, false) => "0.9999997615814209", // 1 − 4 × 2^-24
                    (_, true) => "1.0000000000000009",              // 1 + 4 × 2^-52
                    _ => "0.9999999999999996",                      // 1 − 4 × 2^-53
                };
                var (start, end) = Balanced(expression, node.Span);
                opens[start]++;
                closes.Add((end, end - start, $") * {factor})"));
            }
        }

        var text = new System.Text.StringBuilder();
        for (int position = 0; position <= expression.Length; position++)
        {
            // Inner operations close first: at one position, shorter spans before longer ones.
            foreach (var close in closes.Where(c => c.Position == position).OrderBy(c => c.Length))
            {
                text.Append(close.Text);
            }

            text.Append('(', 2 * opens[position]);
            if (position < expression.Length)
            {
                text.Append(expression[position]);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The float-literal rule of NumExpr 2.14 (see <see cref="DifferentialTests.FloatLiteralRule"/>) where NumPy gives
    /// no float32 to confirm it: 0-d float32 operands, which NumPy 1.24 types by value.
    /// </summary>
    private static bool FloatLiteralKeepsFloat32(string expression, OracleOutcome numExpr, DType ours) =>
        ours == DType.Float32 && numExpr.DTypeName == "float64" && FloatLiteral().IsMatch(expression);

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w.])\d+(\.\d*|e-?\d+)")]
    private static partial System.Text.RegularExpressions.Regex FloatLiteral();

    private static NDArray Evaluate(string expression, IReadOnlyDictionary<string, NDArray> inputs) =>
        NumExpr.Compile(expression).Evaluate(inputs.ToDictionary(kv => kv.Key, kv => (object?)kv.Value));

    /// <summary>Element by element: each must agree with one of the references (NumExpr's or NumPy's), outright or within its sensitivity.</summary>
    private static (Verdict Verdict, string? Problem, int NanSigns) CompareElements(string expression, NDArray ours, NDArray[] moved, IReadOnlyList<OracleOutcome> outcomes)
    {
        var references = outcomes.Select(o => o.Value!).ToList();
        double outright = ours.DType == DType.Complex128 ? ComplexUlps : Ulps;

        // NumPy computes some mixed cases in a narrower type (complex64 for a Python complex with float32 arrays, float16
        // for functions of bool): their values count at that type's precision, in our dtype's ulps.
        var tolerances = outcomes.Select(o => Math.Max(outright, 4 * Math.Pow(2, o.DTypeName switch { "float16" => 13, "complex64" => 29, _ => 0 }))).ToList();
        var verdict = Verdict.Agreed;
        int nanSigns = 0;
        var offsets = ours.Offsets().ToArray();
        var referenceOffsets = references.Select(r => r.Offsets().ToArray()).ToArray();
        var movedOffsets = moved.Select(m => m.Offsets().ToArray()).ToArray();
        for (int k = 0; k < offsets.Length; k++)
        {
            Scalar mine = ours.GetAt(offsets[k]);
            var expected = references.Select((r, index) => r.GetAt(referenceOffsets[index][k]).CastTo(ours.DType)).ToList();
            var distances = expected.Select(e => Agreement.Distance(mine, e)).ToList();
            double distance = distances.Min();
            if (ours.DType is DType.Float32 or DType.Float64 && double.IsNaN(mine.Real)
                && expected.All(e => double.IsNaN(e.Real) && RealMath.SignBit(mine.Real) != RealMath.SignBit(e.Real)))
            {
                nanSigns++;
            }

            if (distances.Where((d, r) => d <= tolerances[r]).Any())
            {
                continue;
            }

            if (ZeroSignOfExtremum(expression, mine, expected))
            {
                verdict = Verdict.ZeroSign;
                continue;
            }

            if (ComplexNaNPartners(mine, expected))
            {
                verdict = Verdict.ComplexNonFinite;
                continue;
            }

            double sensitivity = movedOffsets.Select((o, m) => Agreement.Distance(mine, moved[m].GetAt(o[k]))).Max();
            if (distance <= outright + (ConditionFactor * sensitivity) || sensitivity >= Undetermined)
            {
                verdict = Verdict.IllConditioned;
                continue;
            }

            return (Verdict.Failed, $"element {k} is {mine}, NumExpr/NumPy {string.Join(" / ", expected)} ({distance:G3} ulps; rounding differently moves ours {sensitivity:G3})", 0);
        }

        return (verdict, null, nanSigns);
    }

    /// <summary>
    /// The text of a node with the parentheses it opens closed: a binary node's span ends where its right operand's
    /// does, inside that operand's parentheses (<c>f * (l + 2</c>).
    /// </summary>
    private static (int Start, int End) Balanced(string expression, TextSpan span)
    {
        int end = span.End;
        int depth = expression[span.Start..end].Count(c => c == '(') - expression[span.Start..end].Count(c => c == ')');
        while (depth > 0 && end < expression.Length)
        {
            depth += expression[end] switch { '(' => 1, ')' => -1, _ => 0 };
            end++;
        }

        return (span.Start, end);
    }

    /// <summary>
    /// A documented difference (README): maximum and minimum of +0 and −0 give +0 and −0 as IEEE 754-2019 (and
    /// System.Math) say; NumPy's give either, by loop (its scalar loop returns the first operand on a tie, x86's
    /// vector max the second). The zero's sign then shows as the sign of what it divides, so only the sign differs.
    /// </summary>
    private static bool ZeroSignOfExtremum(string expression, Scalar ours, IReadOnlyList<Scalar> references) =>
        (expression.Contains("maximum(", StringComparison.Ordinal) || expression.Contains("minimum(", StringComparison.Ordinal))
        && ours.Type is DType.Float32 or DType.Float64 && references.Any(r => r.Real == -ours.Real && r.Real != ours.Real);

    /// <summary>
    /// A documented difference (README): where both complex results have a NaN part, the other part may be NaN or
    /// infinite; C99 (Annex G, which glibc and so NumPy follow) assigns them case by case, and we follow it for exp,
    /// sqrt, sin, cos and tanh, not for every function and operator.
    /// </summary>
    private static bool ComplexNaNPartners(Scalar ours, IReadOnlyList<Scalar> references)
    {
        static bool HasNaN(Scalar value) => double.IsNaN(value.Complex.Real) || double.IsNaN(value.Complex.Imaginary);
        return ours.Type == DType.Complex128 && HasNaN(ours) && references.Any(HasNaN);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;

    /// <summary>Every float and complex element of <paramref name="inputs"/> moved by ±4 ulps of its type (random signs).</summary>
    private static Dictionary<string, NDArray> Perturb(IReadOnlyDictionary<string, NDArray> inputs, Random random)
    {
        var result = new Dictionary<string, NDArray>(StringComparer.Ordinal);
        foreach (var (name, array) in inputs)
        {
            var copy = DifferentialInputs.Contiguous(array);
            for (long k = 0; k < copy.Size; k++)
            {
                var value = copy.GetAt(k);
                copy.SetAt(k, value.Type switch
                {
                    DType.Float64 => Scalar.FromFloat64(Move(value.Real, random)),
                    DType.Float32 => Scalar.FromFloat32(Move((float)value.Real, random)),
                    DType.Complex128 => Scalar.FromComplex(new Complex(Move(value.Complex.Real, random), Move(value.Complex.Imaginary, random))),
                    _ => value,
                });
            }

            result[name] = copy;
        }

        return result;
    }

    private static NDArray Widen(NDArray array)
    {
        var copy = NDArray.Zeros(DType.Float64, array.Shape);
        long k = 0;
        foreach (long offset in array.Offsets())
        {
            copy.SetAt(k++, array.GetAt(offset).CastTo(DType.Float64));
        }

        return copy;
    }

    private static double Move(double x, Random random)
    {
        bool up = random.Next(2) == 0;
        for (int step = 0; step < 4 && double.IsFinite(x) && x != 0; step++)
        {
            x = up ? Math.BitIncrement(x) : Math.BitDecrement(x);
        }

        return x;
    }

    private static float Move(float x, Random random)
    {
        bool up = random.Next(2) == 0;
        for (int step = 0; step < 4 && float.IsFinite(x) && x != 0; step++)
        {
            x = up ? MathF.BitIncrement(x) : MathF.BitDecrement(x);
        }

        return x;
    }
}
