using SlowSeries.Arrays;
using SlowSeries.Language.Diagnostics;

namespace SlowSeries.Samples.Course;

/// <summary>The course's four broadcasting examples through a run-time expression, the last one the error case.</summary>
public sealed class BroadcastingWorkload : CourseWorkload
{
    public override string Name => "broadcasting";

    public override string Title => "NumPy's broadcasting rules: the course's four shape examples";

    public override long DefaultN => 4;

    public override IReadOnlyList<string> Variants => ["example-1", "example-2", "example-3", "example-4"];

    public override IEnumerable<Measurement> Run(WorkloadOptions options, TextWriter log)
    {
        double[] Range(int count) => Enumerable.Range(0, count).Select(i => (double)i).ToArray();
        var examples = new (string Variant, NDArray A, NDArray B)[]
        {
            ("example-1", NDArray.Wrap(Range(3)), NDArray.Wrap(Range(9), 3, 3)),
            ("example-2", NDArray.Wrap(Range(3)), NDArray.Wrap(Range(3), 3, 1)),
            ("example-3", NDArray.Wrap(Range(6), 2, 3), NDArray.Wrap(Range(3))),
            ("example-4", NDArray.Wrap(Range(6), 3, 2), NDArray.Wrap(Range(3))),
        };
        foreach (var (variant, a, b) in examples.Where(e => Selected(options, e.Variant)))
        {
            var expected = ExpectedSum(a, b);
            var (seconds, outcome) = Timing.Once(() =>
            {
                try
                {
                    var sum = NumExpr.Evaluate("a + b", new { a, b });
                    return (Shape: sum.Shape.ToString(), Total: (double?)sum.ToArray<double>().Sum(), Error: (string?)null);
                }
                catch (ExpressionShapeException error)
                {
                    return (Shape: "error", Total: null, Error: error.Message);
                }
            });
            log.WriteLine($"  {variant}: a {a.Shape} + b {b.Shape} -> {outcome.Shape}{(outcome.Error is null ? string.Empty : $": {outcome.Error}")}");

            // The error case "matches" when it raised the error (1) as NumPy does; the others when their sums agree.
            yield return expected is { } total
                ? new Measurement(Name, variant, 1, a.Size + b.Size, seconds, outcome.Total, total, 0, $"a {a.Shape} + b {b.Shape} -> {outcome.Shape}")
                : new Measurement(Name, variant, 1, a.Size + b.Size, seconds, outcome.Error is null ? 0 : 1, 1, 0, "a (3, 2) + b (3,) -> error, as NumPy raises");
        }
    }

    /// <summary>The sum of a + b worked out by hand from NumPy's rules, or null where they do not broadcast.</summary>
    private static double? ExpectedSum(NDArray a, NDArray b)
    {
        var shape = Arrays.Shape.Broadcast(a.Shape, b.Shape);
        if (shape is null)
        {
            return null;
        }

        var left = a.BroadcastTo(shape);
        var right = b.BroadcastTo(shape);
        return left.Offsets().Zip(right.Offsets(), (x, y) => left.GetAt(x).Real + right.GetAt(y).Real).Sum();
    }
}
