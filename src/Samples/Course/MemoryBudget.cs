using System.Globalization;

namespace SlowSeries.Samples.Course;

/// <summary>
/// Sizes the main job's workloads to the memory this process may use (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>:
/// the machine's memory, a container's limit, or <c>DOTNET_GCHeapHardLimit</c>). A workload whose estimated peak at
/// its default size does not fit runs at the largest size that does, rounded to two significant digits, and says so;
/// its results are still checked (every reference is computed for the size that runs).
/// </summary>
public static class MemoryBudget
{
    /// <summary>The share of the available memory a workload may plan to use: the estimates are of resident memory, and under a heap limit the GC needs room to move large arrays (0.7 ran out of memory under a 4 GB limit).</summary>
    public const double UsableShare = 0.5;

    /// <summary>The memory this process may use, in bytes.</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>The size to run <paramref name="workload"/> at with <paramref name="available"/> bytes, and a line saying why when it is not the default.</summary>
    public static (long N, string? Note) Fit(CourseWorkload workload, long available)
    {
        long budget = (long)(available * UsableShare);
        long n = workload.DefaultN;
        long needed = workload.PeakBytes(n);
        if (needed <= budget)
        {
            return (n, null);
        }

        // The largest size whose estimate fits (the estimates grow with n), then two significant digits.
        long low = 1, high = n;
        while (low < high)
        {
            long middle = low + ((high - low + 1) / 2);
            if (workload.PeakBytes(middle) <= budget)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        long fitted = TwoSignificantDigits(low);
        return (fitted, string.Create(
            CultureInfo.InvariantCulture,
            $"{workload.Name}: needs about {Gigabytes(needed)} at its default size {n:N0}, and {Gigabytes(available)} is available to this process: running at {fitted:N0} instead (results still checked)"));
    }

    private static long TwoSignificantDigits(long n)
    {
        long unit = 1;
        while (n / unit >= 100)
        {
            unit *= 10;
        }

        return n / unit * unit;
    }

    private static string Gigabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:F1} GB");
}
