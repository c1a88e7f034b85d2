namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// Tests that measure a warm evaluation run alone, after the parallel ones: the differential tests evaluate thousands
/// of expressions, and the process-wide parse and kernel caches (bounded) start over when full, which would make a
/// "warm" evaluation compile again mid-measurement. Also tests that read back process-wide settings the parallel ones set.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WarmCachesCollection
{
    public const string Name = "Warm process-wide caches";
}
