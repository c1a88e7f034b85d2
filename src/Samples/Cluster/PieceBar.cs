using SlowSeries.Distributed;
using SlowSeries.Samples.Course;
using Spectre.Console;

namespace SlowSeries.Samples.Cluster;

/// <summary>
/// The cluster commands' progress bar on a terminal: pieces done of all, per silo, and the retries so far, fed by the
/// coordinator's <see cref="ClusterCoordinator.PieceProgress"/>. Nothing is drawn when the output is redirected or JSON.
/// </summary>
internal sealed class PieceBar : IProgress<ClusterProgress>
{
    private readonly Lock gate = new();
    private ProgressTask? task;
    private ClusterProgress? last;

    private PieceBar()
    {
    }

    /// <summary>A bar for an interactive terminal, or null (no reports wanted).</summary>
    public static PieceBar? For(TextWriter output, bool quiet) =>
        !quiet && CourseCommands.Console(output).Profile.Capabilities.Interactive ? new PieceBar() : null;

    /// <summary>Runs <paramref name="work"/> under the bar (or as it is, without one).</summary>
    public static T Show<T>(TextWriter output, PieceBar? bar, string title, Func<T> work)
    {
        if (bar is null)
        {
            return work();
        }

        T result = default!;
        CourseCommands.Console(output).Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                lock (bar.gate)
                {
                    bar.task = context.AddTask(Markup.Escape(title), maxValue: 1);
                }

                result = work();
                lock (bar.gate)
                {
                    bar.task.Value = bar.task.MaxValue;
                }
            });
        return result;
    }

    public void Report(ClusterProgress value)
    {
        lock (gate)
        {
            last = value;
            if (task is null)
            {
                return;
            }

            task.MaxValue = last.Pieces;
            task.Value = last.PiecesDone;
            string perSilo = string.Join(", ", last.PiecesBySilo.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key.Split(':')[1]}: {kv.Value}"));
            task.Description = Markup.Escape($"{last.PiecesDone}/{last.Pieces} pieces ({perSilo}), {last.Retries} retried");
        }
    }
}
