using System.Diagnostics;
using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Api;

/// <summary>
/// The meter and activity source <c>SlowSeries</c> as a listener sees them (what <c>dotnet-counters</c> and OpenTelemetry
/// read): counts of evaluations, elements, bytes, kernel-cache hits and misses, compile time, interpreter runs, and one
/// span per evaluation. Other tests run in parallel, so counts are checked as lower bounds and spans by expression text.
/// </summary>
[Collection(Kernels.WarmCachesCollection.Name)]
public class TelemetryTests
{
    [Fact]
    public void ListenersSeeCountersAndOneSpanPerEvaluation()
    {
        using var totals = new MeterTotals();

        var spans = new System.Collections.Concurrent.ConcurrentBag<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "SlowSeries",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(activities);

        // A text no other test uses: a kernel-cache miss (and a fused loop compiled), then a hit.
        const int Count = 100_000;
        double[] a = new double[Count];

        // A process's first fused loop compiles in the background while its evaluations run on the interpreter
        // (KernelPlan.FusedOrCompiling); explain compiles one at once, so that the spans below report the fused loop.
        NumExpr.Explain("a * 2.5 - 1", new { a });
        string expression = $"a * 2.5 + {Guid.NewGuid().GetHashCode() & 0xFFFF}";
        NumExpr.Evaluate(expression, new { a });
        NumExpr.Evaluate(expression, new { a });
        var z = new System.Numerics.Complex[Count];
        string complex = $"exp(z) * 3 + {Guid.NewGuid().GetHashCode() & 0xFFFF}";
        NumExpr.Evaluate(complex, new { z });

        Assert.True(totals["slowseries.evaluations"] >= 3, "evaluations");
        Assert.True(totals["slowseries.elements"] >= 3 * Count, "elements");
        Assert.True(totals["slowseries.bytes"] >= 3 * Count * 16, "bytes: 8 read and 8 written per element");
        Assert.True(totals["slowseries.kernel_cache.misses"] >= 2, "cache misses");
        Assert.True(totals["slowseries.kernel_cache.hits"] >= 1, "cache hits");
        Assert.True(totals["slowseries.compile.duration"] > 0, "compile time of the fused loop");
        Assert.True(totals["slowseries.interpreter_runs"] >= 1, "the complex exp runs on the block interpreter");

        var ours = spans.Where(span => span.GetTagItem("slowseries.expressions") as string == expression).ToList();
        Assert.Equal(2, ours.Count);
        Assert.All(ours, span => Assert.Equal(SlowSeries.Kernels.FusedKernel.VectorBytes > 0 ? "fused" : "interpreter", span.GetTagItem("slowseries.engine")));
        Assert.All(ours, span => Assert.Equal((long)Count, span.GetTagItem("slowseries.elements")));
        Assert.Equal("interpreter", Assert.Single(spans, span => span.GetTagItem("slowseries.expressions") as string == complex).GetTagItem("slowseries.engine"));
    }
}
