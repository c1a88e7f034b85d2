using System.Diagnostics;

namespace SlowSeries.Samples.Course;

/// <summary>Medians of wall-clock times after one warm-up run (which also gives the JIT its optimised code).</summary>
public static class Timing
{
    public static (double Median, T Value) Median<T>(int repeats, Func<T> run)
    {
        T value = run();
        var times = new List<double>();
        for (int k = 0; k < Math.Max(1, repeats); k++)
        {
            var clock = Stopwatch.StartNew();
            value = run();
            times.Add(clock.Elapsed.TotalSeconds);
        }

        times.Sort();
        return (times[times.Count / 2], value);
    }

    /// <summary>One timed run, no warm-up (for slow baselines).</summary>
    public static (double Seconds, T Value) Once<T>(Func<T> run)
    {
        var clock = Stopwatch.StartNew();
        T value = run();
        return (clock.Elapsed.TotalSeconds, value);
    }
}
