using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace SlowSeries.Samples.Course;

/// <summary>
/// The course on the command line: with no command every workload at its default size with a summary table
/// (non-zero exit on any result that does not match its reference); <c>list</c>; <c>run &lt;workload&gt;</c>.
/// </summary>
public static class CourseCommands
{
    /// <summary>Exit code when a result does not match its reference.</summary>
    public const int Mismatch = 1;

    private static readonly int[] DefaultThreads = [1, 2, 4, 8];

    public static Command List(TextWriter output)
    {
        var command = new Command("list", "List the course workloads and their variants.");
        command.SetAction(_ =>
        {
            var console = Console(output);
            var table = new Table().AddColumns("workload", "what", "default N", "variants");
            foreach (var workload in WorkloadRegistry.All)
            {
                table.AddRow(workload.Name, Markup.Escape(workload.Title), workload.DefaultN.ToString("N0", CultureInfo.InvariantCulture), string.Join(", ", workload.Variants));
            }

            console.Write(table);
            return 0;
        });
        return command;
    }

    public static Command Run(TextWriter output, TextWriter error)
    {
        var workloadName = new Argument<string>("workload") { Description = "A workload from 'list'." };
        var variant = new Option<string?>("--variant") { Description = "Run only this variant." };
        var size = new Option<long?>("--n") { Description = "Problem size (terms, elements, grid latitudes or sleep ms; see 'list')." };
        var threads = new Option<string>("--threads") { Description = "Thread counts to sweep, comma-separated.", DefaultValueFactory = _ => "1,2,4,8" };
        var repeats = new Option<int>("--repeat") { Description = "Timed runs per measurement (the median is reported).", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "Print the measurements as JSON (workload, variant, threads, n, median seconds, result)." };
        var plot = PlotOption();
        var command = new Command("run", "Run one workload of the course.") { workloadName, variant, size, threads, repeats, json, plot };
        command.SetAction(result =>
        {
            var workload = WorkloadRegistry.Find(result.GetValue(workloadName)!);
            if (workload is null)
            {
                error.WriteLine($"error: unknown workload '{result.GetValue(workloadName)}'; 'list' shows them: {string.Join(", ", WorkloadRegistry.All.Select(w => w.Name))}");
                return SamplesCli.UsageError;
            }

            string? only = result.GetValue(variant);
            if (only is not null && !workload.Variants.Contains(only))
            {
                error.WriteLine($"error: '{workload.Name}' has no variant '{only}'; its variants are {string.Join(", ", workload.Variants)}");
                return SamplesCli.UsageError;
            }

            if (result.GetValue(size) is <= 0)
            {
                error.WriteLine($"error: --n must be positive (got {result.GetValue(size)})");
                return SamplesCli.UsageError;
            }

            if (!TryParseThreads(result.GetValue(threads)!, out var threadCounts, out string? problem))
            {
                error.WriteLine("error: " + problem);
                return SamplesCli.UsageError;
            }

            if (result.GetValue(repeats) < 1)
            {
                error.WriteLine("error: --repeat must be at least 1");
                return SamplesCli.UsageError;
            }

            var options = new WorkloadOptions(result.GetValue(size), threadCounts, only, result.GetValue(repeats));
            bool asJson = result.GetValue(json);
            List<Measurement> measurements;
            try
            {
                measurements = workload.Run(options, asJson ? TextWriter.Null : output).ToList();
            }
            catch (ArgumentException invalid)
            {
                error.WriteLine("error: " + invalid.Message);
                return SamplesCli.UsageError;
            }

            if (asJson)
            {
                output.WriteLine(JsonSerializer.Serialize(measurements.Select(m => new
                {
                    workload = m.Workload,
                    variant = m.Variant,
                    threads = m.Threads,
                    n = m.N,
                    medianSeconds = m.MedianSeconds,
                    result = m.Result,
                    reference = m.Reference,
                    matches = m.Matches,
                    note = m.Note,
                })));
            }
            else
            {
                Console(output).Write(Table(workload, measurements));
            }

            if (result.GetValue(plot) is { } directory)
            {
                foreach (string path in PlotWriter.ThreadScaling(measurements, directory))
                {
                    (asJson ? error : output).WriteLine($"wrote {path}");
                }
            }

            return measurements.All(m => m.Matches) ? 0 : Mismatch;
        });
        return command;
    }

    /// <summary>Every workload at its default size, then the summary; the exit code says whether every result matched.</summary>
    /// <summary><c>--plot DIR</c>: where PNG charts go.</summary>
    public static Option<string?> PlotOption() => new("--plot") { Description = "Write PNG charts (thread scaling; us vs the Python tools) into this directory." };

    /// <summary>
    /// Runs one workload under a progress bar that advances variant by variant, with a second bar for the evaluation
    /// under way (the library's own progress reports). The course's printed lines are kept until it is done: writing
    /// under a live display would tear it.
    /// </summary>
    private static (List<Measurement> Measurements, StringWriter Log) RunWithProgress(IAnsiConsole console, CourseWorkload workload, WorkloadOptions options)
    {
        var measurements = new List<Measurement>();
        var log = new StringWriter();
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(workload.Name, maxValue: workload.Variants.Count);
                var evaluation = context.AddTask("  current evaluation", maxValue: 1);
                var reporting = options with { Progress = new SynchronousProgress<EvaluationProgress>(report => evaluation.Value = report.Fraction) };
                string? current = null;
                foreach (var measurement in workload.Run(reporting, log))
                {
                    if (current is not null && measurement.Variant != current)
                    {
                        task.Increment(1);
                    }

                    current = measurement.Variant;
                    task.Description = $"{workload.Name}: {measurement.Variant}";
                    measurements.Add(measurement);
                }

                task.Value = task.MaxValue;
                evaluation.Value = evaluation.MaxValue;
            });
        return (measurements, log);
    }

    /// <summary>Collects everything a finished workload held, compacting the large-object heap its arrays lived in.</summary>
    private static void ReleaseMemory()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static int RunAll(TextWriter output, string? plotDirectory = null)
    {
        var console = Console(output);
        var clock = Stopwatch.StartNew();
        var options = new WorkloadOptions(null, DefaultThreads, null, 3);
        var all = new List<Measurement>();
        console.MarkupLine($"[bold]SlowSeries: the high-performance-Python course through our pipeline[/] ({Environment.ProcessorCount} cores; medians of {options.Repeats} runs; naive C# baselines are labelled)");
        long available = MemoryBudget.Available;
        foreach (var workload in WorkloadRegistry.All)
        {
            console.MarkupLine($"\n[bold]{workload.Name}[/]: {Markup.Escape(workload.Title)}");
            var (size, scaledDown) = MemoryBudget.Fit(workload, available);
            if (scaledDown is not null)
            {
                console.MarkupLine($"[yellow]{Markup.Escape(scaledDown)}[/]");
            }

            // Sized to the memory available; should the estimate fall short, out-of-memory halves the size and retries,
            // so the job finishes (and checks its results) rather than dies.
            long? n = scaledDown is null ? null : size;
            List<Measurement> measurements;
            StringWriter log;
            while (true)
            {
                try
                {
                    (measurements, log) = RunWithProgress(console, workload, options with { N = n });
                    break;
                }
                catch (OutOfMemoryException) when ((n ?? workload.DefaultN) > 1)
                {
                    long failed = n ?? workload.DefaultN;
                    n = failed / 2;
                    ReleaseMemory();
                    console.MarkupLine($"[yellow]{Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{workload.Name}: out of memory at {failed:N0}; running at {n:N0} instead (results still checked)"))}[/]");
                }
            }

            output.Write(log.ToString());
            console.Write(Table(workload, measurements));
            all.AddRange(measurements);

            // The workloads hold gigabytes each (velocity's grid is 5.8 GB): give it back before the next one allocates.
            ReleaseMemory();
        }

        var summary = new Table().AddColumns("workload", "fastest SlowSeries variant", "time", "vs slowest baseline", "checks");
        foreach (var group in all.GroupBy(m => m.Workload))
        {
            var ours = group.Where(m => !m.Note.Contains("baseline", StringComparison.Ordinal)).OrderBy(m => m.MedianSeconds).FirstOrDefault();
            var baseline = group.Where(m => m.Note.Contains("baseline", StringComparison.Ordinal)).OrderByDescending(m => m.MedianSeconds).FirstOrDefault();
            int failed = group.Count(m => !m.Matches);
            summary.AddRow(
                group.Key,
                ours is null ? "-" : $"{ours.Variant} ({ours.Threads} thr)",
                ours is null ? "-" : TimeFormat.Seconds(ours.MedianSeconds),
                ours is null || baseline is null ? "-" : $"{baseline.MedianSeconds / ours.MedianSeconds:F1}x faster than {baseline.Variant}",
                failed == 0 ? $"[green]✓ {group.Count()}[/]" : $"[red]✗ {failed} of {group.Count()}[/]");
        }

        if (plotDirectory is not null)
        {
            foreach (string path in PlotWriter.ThreadScaling(all, plotDirectory))
            {
                console.MarkupLine($"wrote {Markup.Escape(path)}");
            }
        }

        console.MarkupLine("\n[bold]Summary[/]");
        console.Write(summary);
        bool ok = all.All(m => m.Matches);
        console.MarkupLine($"Total wall time {clock.Elapsed.TotalSeconds:F1} s on {Environment.ProcessorCount} cores; {(ok ? "[green]every result matches its reference[/]" : "[red]some results do not match their references[/]")}");
        return ok ? 0 : Mismatch;
    }

    public static bool TryParseThreads(string text, out IReadOnlyList<int> threads, out string? problem)
    {
        var counts = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count is < 1 or > 1024)
            {
                threads = [];
                problem = $"--threads takes thread counts between 1 and 1024, comma-separated (got '{part}' in '{text}')";
                return false;
            }

            counts.Add(count);
        }

        threads = counts;
        problem = counts.Count == 0 ? $"--threads needs at least one thread count (got '{text}')" : null;
        return counts.Count > 0;
    }

    private static Table Table(CourseWorkload workload, IEnumerable<Measurement> measurements)
    {
        var table = new Table().AddColumns("variant", "threads", "n", "median", "result", "check", "note");
        foreach (var m in measurements)
        {
            string check = m.Matches
                ? (m.Reference is null ? "-" : "[green]✓[/]")
                : $"[red]✗ expected {m.Reference:R}[/]";
            table.AddRow(
                m.Variant,
                m.Threads.ToString(CultureInfo.InvariantCulture),
                m.N.ToString("N0", CultureInfo.InvariantCulture),
                TimeFormat.Seconds(m.MedianSeconds),
                m.Result is { } r ? r.ToString("R", CultureInfo.InvariantCulture) : "-",
                check,
                Markup.Escape(m.Note));
        }

        _ = workload;
        return table;
    }

    internal static IAnsiConsole Console(TextWriter output)
    {
        bool terminal = output == System.Console.Out && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
        });

        // Redirected output (logs, CI, tests) has no terminal width: wide enough that notes stay on one line.
        if (!terminal)
        {
            console.Profile.Width = 200;
        }

        return console;
    }
}
