using System.CommandLine;

namespace SlowSeries.Samples;

/// <summary>The command line: <c>eval</c> for expressions on .npy files; with no command, the language tour.</summary>
public static class SamplesCli
{
    /// <summary>Exit code for bad input (syntax, types, shapes, files, arguments), as the brief asks.</summary>
    public const int UsageError = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("SlowSeries samples: the high-performance-Python course's workloads through SlowSeries.");
        root.Subcommands.Add(EvalCommand.Create(output, error));
        root.Subcommands.Add(Benchmarks.BenchCommand.Create(output, error));
        root.SetAction(_ => LanguageTour.Run(output));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine("error: " + string.Join("; ", parsed.Errors.Select(e => e.Message)));
            return UsageError;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
