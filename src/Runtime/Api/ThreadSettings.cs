namespace SlowSeries;

/// <summary>
/// The number of threads evaluations may use: <see cref="Environment.ProcessorCount"/> unless the
/// <c>SLOWSERIES_NUM_THREADS</c> (or NumExpr's <c>NUMEXPR_NUM_THREADS</c>) environment variable or
/// <see cref="NumExpr.SetNumThreads"/> says otherwise.
/// </summary>
internal static class ThreadSettings
{
    public const string EnvironmentVariable = "SLOWSERIES_NUM_THREADS";
    public const string NumExprEnvironmentVariable = "NUMEXPR_NUM_THREADS";
    public const int MaxThreads = 1024;

    private static int threads = FromEnvironment();

    public static int Threads => Volatile.Read(ref threads);

    public static int Set(int count)
    {
        if (count is < 1 or > MaxThreads)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"the number of threads must be between 1 and {MaxThreads}");
        }

        return Interlocked.Exchange(ref threads, count);
    }

    private static int FromEnvironment()
    {
        foreach (string name in new[] { EnvironmentVariable, NumExprEnvironmentVariable })
        {
            if (int.TryParse(Environment.GetEnvironmentVariable(name), out int count) && count is >= 1 and <= MaxThreads)
            {
                return count;
            }
        }

        return Environment.ProcessorCount;
    }
}
