using System.CommandLine;

namespace SlowSeries.Samples;

/// <summary>The command line: with no command, every course workload; <c>list</c>, <c>run</c>, <c>eval</c>, <c>bench</c>, <c>tour</c>.</summary>
public static class SamplesCli
{
    /// <summary>Exit code for bad input (syntax, types, shapes, files, arguments), as the brief asks.</summary>
    public const int UsageError = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("SlowSeries samples: the high-performance-Python course's workloads through SlowSeries.");
        root.Subcommands.Add(EvalCommand.Create(output, error));
        root.Subcommands.Add(Benchmarks.BenchCommand.Create(output, error));
        root.Subcommands.Add(Course.CourseCommands.List(output));
        root.Subcommands.Add(Course.CourseCommands.Run(output, error));
        root.Subcommands.Add(Course.CompareCommand.Create(output, error));
        root.Subcommands.Add(Cluster.ClusterCommand.Create(output, error));
        var tour = new Command("tour", "A tour of the expression language: literals, broadcasting, errors.");
        tour.SetAction(_ => LanguageTour.Run(output));
        root.Subcommands.Add(tour);
        var plot = Course.CourseCommands.PlotOption();
        root.Options.Add(plot);
        root.SetAction(result => Course.CourseCommands.RunAll(output, result.GetValue(plot)));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine("error: " + string.Join("; ", parsed.Errors.Select(e => e.Message)));
            return UsageError;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
