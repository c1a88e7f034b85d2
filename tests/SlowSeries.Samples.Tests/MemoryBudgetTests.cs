using SlowSeries.Samples.Course;

namespace SlowSeries.Samples.Tests;

/// <summary>The main job's sizing to the memory available: defaults where they fit, the largest fitting size where not.</summary>
public class MemoryBudgetTests
{
    private const long GB = 1_000_000_000;

    [Fact]
    public void EveryWorkloadRunsAtItsDefaultSizeWithTheMemoryOfThisMachineKind()
    {
        foreach (var workload in WorkloadRegistry.All)
        {
            var (n, note) = MemoryBudget.Fit(workload, 24 * GB);
            Assert.Equal(workload.DefaultN, n);
            Assert.Null(note);
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(2)]
    [InlineData(1)]
    public void WithLessMemoryTheLargeWorkloadsShrinkToFitAndSaySo(int gigabytes)
    {
        long available = gigabytes * GB;
        foreach (var workload in WorkloadRegistry.All)
        {
            var (n, note) = MemoryBudget.Fit(workload, available);
            Assert.InRange(n, 1, workload.DefaultN);
            Assert.True(workload.PeakBytes(n) <= available * MemoryBudget.UsableShare, $"{workload.Name} at {n} needs {workload.PeakBytes(n)} bytes");
            if (workload.PeakBytes(workload.DefaultN) > available * MemoryBudget.UsableShare)
            {
                Assert.True(n < workload.DefaultN, workload.Name);
                Assert.NotNull(note);
                Assert.Contains(workload.Name, note, StringComparison.Ordinal);
                Assert.Contains("results still checked", note, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(workload.DefaultN, n);
            }
        }

        // The grid (about 7 GB at its default) never fits in these budgets.
        Assert.True(MemoryBudget.Fit(WorkloadRegistry.Find("velocity")!, available).N < 500);
    }
}
