using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SlowSeries.Arrays;

namespace SlowSeries.Samples.Benchmarks;

/// <summary>
/// <c>bench --fresh</c>: a new process's first evaluations, ours and NumExpr's (the targets: the first no slower than
/// NumExpr's first, the next within 1.2x of the steady state), each side in child processes of its own, alternating,
/// medians per evaluation. A long-running bench process cannot show this: it has compiled its first fused loop long
/// before (<c>--breadth</c>'s cold columns are a warm process's new expressions).
/// </summary>
public static partial class BenchCommand
{
    /// <summary>A memory-bound expression and one with a function, on float64, as a new user's first ones.</summary>
    private static readonly string[] FreshExpressions = ["2*a + 3*b", "exp(a)"];

    private const int FreshEvaluations = 8;

    private const int FreshThreads = 2;

    public static void RunFresh(TextWriter output, bool quick, int repeats)
    {
        int n = quick ? 100_000 : 10_000_000;
        output.WriteLine($"A fresh process's first {FreshEvaluations} evaluations of {n:G3} float64 elements on {FreshThreads} threads (the first allocates its result, later ones write it in place; starting the runtime and the inputs are not timed): SlowSeries ({WidthRuns.Current}) and NumExpr each in {repeats} processes of their own, alternating; medians per evaluation. 'start to 1st': from the process's start (the runtime's or the interpreter's, and importing NumPy and NumExpr) to the first result, less building the inputs, in Linux's 10 ms ticks.");
        var rows = new List<string[]>();
        var failures = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string expression in FreshExpressions)
        {
            var ours = new List<double[]>();
            var numExpr = new List<double[]>();
            var ourStarts = new List<double>();
            var theirStarts = new List<double>();
            double? ourCheck = null, theirCheck = null;
            for (int r = 0; r < repeats; r++)
            {
                var (mine, ourFailure) = OurFreshTimes(expression, quick);
                var (theirs, theirFailure) = NumExprFreshTimes(expression, n);
                Keep(ours, mine, ourFailure);
                Keep(numExpr, theirs, theirFailure);
                ourCheck ??= mine?.Check;
                theirCheck ??= theirs?.Check;
                ourStarts.AddRange(mine?.ToFirstResult is { } ourMs ? [ourMs] : []);
                theirStarts.AddRange(theirs?.ToFirstResult is { } theirMs ? [theirMs] : []);
            }

            string agreement = ourCheck is not { } x || theirCheck is not { } y ? ""
                : Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(y)) ? "✓ sums agree" : $"✗ {x:G12} vs {y:G12}";
            for (int k = 0; k < FreshEvaluations; k++)
            {
                double? mine = MedianAt(ours, k), theirs = MedianAt(numExpr, k);
                rows.Add([expression, (k + 1).ToString(CultureInfo.InvariantCulture), Milliseconds(mine), Milliseconds(theirs), Ratio(mine, theirs), k == 0 ? agreement : ""]);
            }

            double? ourStart = ourStarts.Count > 0 ? Median(ourStarts) : null, theirStart = theirStarts.Count > 0 ? Median(theirStarts) : null;
            rows.Add([expression, "start to 1st", Milliseconds(ourStart), Milliseconds(theirStart), Ratio(ourStart, theirStart), ""]);
        }

        Print(output, ["expression", "evaluation", "SlowSeries", "NumExpr", "NumExpr/ours", "check"], rows);
        foreach (string failure in failures)
        {
            output.WriteLine($"n/a: {failure}");
        }

        void Keep(List<double[]> runs, FreshTimes? times, string? failure)
        {
            if (times?.Times is { Length: FreshEvaluations } each)
            {
                runs.Add(each);
            }
            else
            {
                failures.Add(failure ?? $"a child printed {times?.Times?.Length ?? 0} times, not {FreshEvaluations}");
            }
        }

        static string Milliseconds(double? ms) => ms is { } value ? Seconds(value / 1e3) : "n/a";
        static string Ratio(double? ours, double? theirs) => ours is { } m && theirs is { } t ? $"{t / m:F2}x" : "n/a";
    }

    /// <summary>The child's side: this process's first evaluations of <paramref name="expression"/>, in milliseconds, as one JSON line.</summary>
    public static void RunFreshChild(TextWriter output, string expression, bool quick)
    {
        int n = quick ? 100_000 : 10_000_000;
        var building = Stopwatch.StartNew();
        NumExpr.SetNumThreads(FreshThreads);
        // Inputs both sides build bit for bit alike (fresh.py), so that their results' sums can be compared.
        double[] a = new double[n], b = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = (i % 1000) * 1e-3;
            b[i] = (i * 7 % 1000) * 1e-3;
        }

        var variables = new Dictionary<string, NDArray> { ["a"] = NDArray.Wrap(a), ["b"] = NDArray.Wrap(b) }
            .Where(v => NumExpr.GetVariableNames(expression).Contains(v.Key)).ToDictionary();
        double inputs = building.Elapsed.TotalMilliseconds;
        var times = new double[FreshEvaluations];
        NDArray? result = null;
        double? toFirst = null;
        for (int k = 0; k < times.Length; k++)
        {
            var clock = Stopwatch.StartNew();
            result = result is null ? NumExpr.Evaluate(expression, variables) : NumExpr.Evaluate(expression, variables, result);
            times[k] = clock.Elapsed.TotalMilliseconds;
            toFirst ??= MillisecondsSinceProcessStart() - inputs;
        }

        double check = 0;
        foreach (double value in result!.Flat<double>())
        {
            check += value;
        }

        output.WriteLine(JsonSerializer.Serialize(new FreshTimes(times, check, toFirst), FreshJson));
    }

    /// <summary>
    /// A child's evaluation times (ms), its result's sum, and the milliseconds from its process's start to its first
    /// result less those spent building the inputs (null where the system does not say when the process started).
    /// </summary>
    private sealed record FreshTimes(double[] Times, double Check, double? ToFirstResult);

    /// <summary>
    /// Milliseconds since this process started, as Linux counts them for every process (/proc/self/stat's start time
    /// against /proc/uptime, in 10 ms ticks): fresh.py reads the same two, so both sides' figures have one origin.
    /// </summary>
    private static double? MillisecondsSinceProcessStart()
    {
        try
        {
            string stat = File.ReadAllText("/proc/self/stat");
            // Fields after the command name (in parentheses, which may hold spaces): the start time is field 22 of the line.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            double started = double.Parse(fields[19], CultureInfo.InvariantCulture) / 100;
            double uptime = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);
            return (uptime - started) * 1e3;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>A child process of this program at this process's vector width (its DOTNET_ switches are inherited).</summary>
    private static (FreshTimes? Times, string? Failure) OurFreshTimes(string expression, bool quick)
    {
        string samples = Path.Combine(AppContext.BaseDirectory, "SlowSeries.Samples.dll");
        var arguments = new List<string> { samples, "bench", "--fresh-child", expression };
        if (quick)
        {
            arguments.Add("--quick");
        }

        var (code, output, error) = ExternalProgram.Run("dotnet", arguments, new Dictionary<string, string>());
        return code != 0 ? (null, $"bench --fresh-child exited {code}: {error.Trim().Split('\n').LastOrDefault()}") : ParseTimes(output, "bench --fresh-child");
    }

    /// <summary>A fresh Python process running <c>Python/fresh.py</c>.</summary>
    private static (FreshTimes? Times, string? Failure) NumExprFreshTimes(string expression, int n)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Python", "fresh.py");
        var (code, output, error) = ExternalProgram.Run(PythonTools.Interpreter, script, expression, n.ToString(CultureInfo.InvariantCulture), FreshThreads.ToString(CultureInfo.InvariantCulture), FreshEvaluations.ToString(CultureInfo.InvariantCulture));
        if (code != 0)
        {
            return (null, PythonTools.Failure(code, error));
        }

        return ParseTimes(output, "fresh.py");
    }

    private static (FreshTimes? Times, string? Failure) ParseTimes(string output, string source)
    {
        try
        {
            return (JsonSerializer.Deserialize<FreshTimes>(output.Trim().Split('\n')[^1], FreshJson), null);
        }
        catch (JsonException exception)
        {
            return (null, $"{source} printed no times: {exception.Message}");
        }
    }

    private static readonly JsonSerializerOptions FreshJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static double? MedianAt(List<double[]> runs, int k) => runs.Count == 0 ? null : Median(runs.Select(times => times[k]).ToList());
}
