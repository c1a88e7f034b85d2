using System.CommandLine;
using System.Globalization;
using SlowSeries.Samples.Benchmarks;
using Spectre.Console;

namespace SlowSeries.Samples.Course;

/// <summary>
/// <c>compare [workload]</c>: our fastest pipeline variant against the course's own Python code (NumPy, NumExpr and Numba
/// from Debian's python3 packages) in the same run, with ratios and a check that the results agree.
/// </summary>
public static class CompareCommand
{
    /// <summary>The workloads with a Python counterpart: our variant, bench.py's workload, and how our result becomes its check.</summary>
    private static readonly Dictionary<string, (string Variant, string PythonWorkload, Func<Measurement, double> Check)> Counterparts = new(StringComparer.Ordinal)
    {
        ["slow-series"] = ("vectorize", "slow", m => m.Result ?? double.NaN),
        ["velocity"] = ("fused", "course-velocity", m => m.Result ?? double.NaN),
        ["sincos"] = ("fused", "sincos", m => (m.Result ?? double.NaN) * m.N),
        ["trig-series"] = ("vectorize", "trig", m => m.Result ?? double.NaN),
        ["contains"] = ("at-scale", "contains", m => m.Result ?? double.NaN),
    };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var workloadName = new Argument<string?>("workload") { Description = "One workload (default: every one with a Python counterpart).", Arity = ArgumentArity.ZeroOrOne };
        var size = new Option<long?>("--n") { Description = "Problem size (see 'list'); default: each workload's." };
        var repeats = new Option<int>("--repeat") { Description = "Timed runs per measurement (the median is reported).", DefaultValueFactory = _ => 3 };
        var plot = CourseCommands.PlotOption();
        var command = new Command("compare", "Time our pipeline against the course's NumPy, NumExpr and Numba code in the same run.") { workloadName, size, repeats, plot };
        command.SetAction(result =>
        {
            string? name = result.GetValue(workloadName);
            if (name is not null && !Counterparts.ContainsKey(name))
            {
                error.WriteLine(WorkloadRegistry.Find(name) is null
                    ? $"error: unknown workload '{name}'; 'list' shows them"
                    : $"error: '{name}' has no Python counterpart to compare with; these do: {string.Join(", ", Counterparts.Keys)}");
                return SamplesCli.UsageError;
            }

            if (result.GetValue(size) is <= 0 || result.GetValue(repeats) < 1)
            {
                error.WriteLine("error: --n must be positive and --repeat at least 1");
                return SamplesCli.UsageError;
            }

            try
            {
                return Run(output, name is null ? [.. Counterparts.Keys] : [name], result.GetValue(size), result.GetValue(repeats), result.GetValue(plot));
            }
            catch (ArgumentException problem)
            {
                error.WriteLine("error: " + problem.Message);
                return SamplesCli.UsageError;
            }
        });
        return command;
    }

    private static int Run(TextWriter output, IReadOnlyList<string> names, long? n, int repeats, string? plotDirectory)
    {
        var chart = new List<(string Workload, double Ours, IReadOnlyDictionary<string, double> Python)>();
        int threads = Environment.ProcessorCount;
        var table = new Table().AddColumns("workload", "SlowSeries", "NumExpr", "NumPy", "Numba", "fastest Python / ours", "check");
        // Why tools had no time, each reason once (a missing NumPy is one line, not one per tool and workload).
        var unavailable = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        bool allAgree = true;
        foreach (string name in names)
        {
            var workload = WorkloadRegistry.Find(name)!;
            var (variant, pythonWorkload, check) = Counterparts[name];
            var ours = workload.Run(new WorkloadOptions(n, [threads], variant, repeats), TextWriter.Null).Last();
            string pythonSize = name == "velocity" ? VelocitySize(n ?? workload.DefaultN) : ours.N.ToString(CultureInfo.InvariantCulture);
            var python = PythonTools.Run(pythonWorkload, pythonSize, threads, repeats);
            string Time(string tool) => python.TryGetValue(tool, out var t) && t.Median is { } m ? TimeFormat.Seconds(m) : "n/a";
            foreach (var (tool, outcome) in python.Where(p => p.Value.Error is not null))
            {
                if (!unavailable.TryGetValue(outcome.Error!, out var skipped))
                {
                    unavailable[outcome.Error!] = skipped = new SortedSet<string>(StringComparer.Ordinal);
                }

                skipped.Add($"{name} {tool}");
            }

            var fastest = python.Where(p => p.Value.Median is not null).OrderBy(p => p.Value.Median).FirstOrDefault();
            chart.Add((name, ours.MedianSeconds, python.Where(p => p.Value.Median is not null).ToDictionary(p => p.Key, p => p.Value.Median!.Value)));
            double ourCheck = check(ours);
            var disagreeing = python.Where(p => p.Value.Check is { } c && Math.Abs(c - ourCheck) > 1e-9 * Math.Max(1, Math.Abs(c))).Select(p => p.Key).ToList();
            allAgree &= ours.Matches && disagreeing.Count == 0;
            table.AddRow(
                $"{name} (n={ours.N:N0})",
                $"{TimeFormat.Seconds(ours.MedianSeconds)} ({variant}, {threads} thr)",
                Time("NumExpr"),
                Time("NumPy"),
                Time("Numba"),
                fastest.Key is null ? "n/a" : $"{fastest.Value.Median!.Value / ours.MedianSeconds:F2}x ({fastest.Key})",
                disagreeing.Count == 0 ? "[green]✓ results agree[/]" : $"[red]✗ {string.Join(", ", disagreeing)} differ[/]");
        }

        var console = CourseCommands.Console(output);
        console.MarkupLine($"[bold]SlowSeries vs the course's Python[/] ({threads} threads each; medians of {repeats}; {Markup.Escape(PythonTools.Versions)})");
        console.Write(table);
        foreach (var (reason, skipped) in unavailable)
        {
            console.MarkupLine($"[yellow]skipped[/] {Markup.Escape(string.Join(", ", skipped))}: {Markup.Escape(reason)}");
        }

        if (plotDirectory is not null)
        {
            console.MarkupLine($"wrote {Markup.Escape(PlotWriter.VersusPython(chart, plotDirectory))}");
        }

        return allAgree ? 0 : CourseCommands.Mismatch;
    }

    private static string VelocitySize(long nlat) =>
        $"{Math.Max(1, nlat)}x{Math.Max(1, (int)(nlat * 0.6))}x{Math.Max(1, (int)(nlat * 1.6))}";
}
