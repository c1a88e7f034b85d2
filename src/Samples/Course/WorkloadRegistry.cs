namespace SlowSeries.Samples.Course;

/// <summary>Every course workload, in the course's order; the CLI lists and runs them from here.</summary>
public static class WorkloadRegistry
{
    public static IReadOnlyList<CourseWorkload> All { get; } =
    [
        new SlowSeriesWorkload(),
        new VelocityWorkload(),
        new BroadcastingWorkload(),
        new SinCosWorkload(),
        new TrigSeriesWorkload(),
        new PoolMapWorkload(),
        new ContainsWorkload(),
    ];

    public static CourseWorkload? Find(string name) => All.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));
}
