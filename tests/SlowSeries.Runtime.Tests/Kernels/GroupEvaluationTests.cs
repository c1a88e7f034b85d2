using SlowSeries.Arrays;
using SlowSeries.Kernels;
using SlowSeries.Language.Diagnostics;

namespace SlowSeries.Runtime.Tests.Kernels;

public class GroupEvaluationTests
{
    private static readonly string[] Velocity =
    [
        "-sin(lon)*vlon - sin(lat)*cos(lon)*vlat + cos(lat)*cos(lon)*vrad",
        "cos(lon)*vlon - sin(lat)*sin(lon)*vlat + cos(lat)*sin(lon)*vrad",
        "cos(lat)*vlat + sin(lat)*vrad",
    ];

    private static Dictionary<string, object?> VelocityInputs(int nlat, int nr, int nlon)
    {
        var random = new Random(7);
        NDArray Field() => NDArray.Wrap(Enumerable.Range(0, nlat * nr * nlon).Select(_ => random.NextDouble() - 0.5).ToArray(), nlat, nr, nlon);
        return new Dictionary<string, object?>
        {
            ["lat"] = NDArray.Wrap(Enumerable.Range(0, nlat).Select(i => (i * 0.3) - 1.5).ToArray(), nlat, 1, 1),
            ["lon"] = NDArray.Wrap(Enumerable.Range(0, nlon).Select(k => k * 0.05).ToArray()),
            ["vlat"] = Field(),
            ["vlon"] = Field(),
            ["vrad"] = Field(),
        };
    }

    [Fact]
    public void TheVelocityConversionAsAGroupEqualsThreeSeparateEvaluations()
    {
        var inputs = VelocityInputs(5, 4, 300);
        var together = NumExpr.Evaluate(Velocity, inputs);
        for (int k = 0; k < Velocity.Length; k++)
        {
            var alone = NumExpr.Evaluate(Velocity[k], inputs);
            var reference = NumExpr.Compile(Velocity[k]).Evaluate(inputs.ToDictionary(kv => kv.Key, kv => (NDArray)kv.Value!), null, reference: true);
            // Bit for bit: inexact vector functions write to aligned scratch, so no result depends on array addresses.
            Assert.Equal(alone.ToArray<double>(), together[k].ToArray<double>());
            Assert.Equal(new Shape(5, 4, 300), together[k].Shape);
            var worst = together[k].ToArray<double>().Zip(reference.ToArray<double>(), (x, y) => Math.Abs(x - y)).Max();
            Assert.True(worst < 1e-14, $"{Velocity[k]}: {worst}");
        }
    }

    [Fact]
    public void BroadcastSubexpressionsAreComputedOnceOnTheirOwnShape()
    {
        var inputs = VelocityInputs(5, 4, 300).ToDictionary(kv => kv.Key, kv => (NDArray)kv.Value!);
        var compiled = Velocity.Select(NumExpr.Compile).ToList();
        var (_, plan) = KernelCache.Get(compiled, inputs, null);
        Assert.NotNull(plan);
        var hoisted = plan.Hoisted.Select(h => h.Plan.IterationShape.ToString()).ToList();
        Assert.Contains("(5, 1, 1)", hoisted);
        Assert.Contains("(300,)", hoisted);

        // sin(lat)*cos(lon) is one multiplication per element: cheaper than reading a hoisted (5, 1, 300) table of it.
        Assert.DoesNotContain("(5, 1, 300)", hoisted);
        Assert.Equal(3, plan.Roots.Count);
    }

    [Fact]
    public void AnOutputThatIsAlsoAnInputIsNotOverwrittenBeforeItIsRead()
    {
        double[] a = [1, 2, 3, 4];
        var results = NumExpr.Evaluate(["a * 2", "a + 1"], new { a }, [a, null]);
        Assert.Equal([2.0, 4, 6, 8], a);
        Assert.Equal([2.0, 3, 4, 5], results[1].ToArray<double>());
    }

    [Fact]
    public void GroupsCheckShapesAndOutputCounts()
    {
        double[] a = [1, 2, 3];
        var shape = Assert.Throws<ExpressionShapeException>(() => NumExpr.Evaluate(["a", "sum(a)"], new { a }));
        Assert.Contains("must have one shape", shape.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NumExpr.Evaluate(["a", "a"], new { a }, [new double[3]]));
    }
}
