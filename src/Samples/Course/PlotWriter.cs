namespace SlowSeries.Samples.Course;

/// <summary>PNG charts (ScottPlot) of thread scaling and of our times against the Python tools.</summary>
public static class PlotWriter
{
    private const int Width = 900;
    private const int Height = 520;

    /// <summary>One chart per workload with a thread sweep: speed-up over 1 thread per variant, and the ideal line.</summary>
    public static IReadOnlyList<string> ThreadScaling(IEnumerable<Measurement> measurements, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var workload in measurements.GroupBy(m => m.Workload))
        {
            var sweeps = workload.GroupBy(m => m.Variant)
                .Select(v => v.OrderBy(m => m.Threads).ToList())
                .Where(v => v.Count > 1 && v[0].Threads == 1)
                .ToList();
            if (sweeps.Count == 0)
            {
                continue;
            }

            var plot = new ScottPlot.Plot();
            foreach (var sweep in sweeps)
            {
                double[] threads = sweep.Select(m => (double)m.Threads).ToArray();
                double[] speedUp = sweep.Select(m => sweep[0].MedianSeconds / m.MedianSeconds).ToArray();
                var line = plot.Add.Scatter(threads, speedUp);
                line.LegendText = sweep[0].Variant;
            }

            double most = sweeps.Max(s => s.Max(m => m.Threads));
            var ideal = plot.Add.Line(1, 1, most, most);
            ideal.LegendText = "ideal";
            ideal.LinePattern = ScottPlot.LinePattern.Dashed;
            plot.Title($"{workload.Key}: speed-up over 1 thread ({Environment.ProcessorCount} cores)");
            plot.XLabel("threads (workers)");
            plot.YLabel("speed-up");
            plot.ShowLegend();
            string path = Path.Combine(directory, $"{workload.Key}-threads.png");
            plot.SavePng(path, Width, Height);
            written.Add(path);
        }

        return written;
    }

    /// <summary>A bar chart of how many times faster SlowSeries is than each Python tool, per workload.</summary>
    public static string VersusPython(IReadOnlyList<(string Workload, double Ours, IReadOnlyDictionary<string, double> Python)> rows, string directory)
    {
        Directory.CreateDirectory(directory);
        var plot = new ScottPlot.Plot();
        string[] tools = ["NumExpr", "NumPy", "Numba"];
        var palette = new ScottPlot.Palettes.Category10();
        for (int t = 0; t < tools.Length; t++)
        {
            var bars = new List<ScottPlot.Bar>();
            for (int w = 0; w < rows.Count; w++)
            {
                if (rows[w].Python.TryGetValue(tools[t], out double seconds))
                {
                    bars.Add(new ScottPlot.Bar { Position = (w * (tools.Length + 1)) + t, Value = seconds / rows[w].Ours, FillColor = palette.GetColor(t) });
                }
            }

            var series = plot.Add.Bars(bars);
            series.LegendText = $"{tools[t]} time / SlowSeries time";
        }

        var ticks = rows.Select((r, w) => new ScottPlot.Tick((w * (tools.Length + 1)) + 1, r.Workload)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Add.HorizontalLine(1, pattern: ScottPlot.LinePattern.Dashed);
        plot.Title("SlowSeries against the course's Python (same run): how many times faster");
        plot.YLabel("Python time / SlowSeries time");
        plot.ShowLegend();
        string path = Path.Combine(directory, "compare.png");
        plot.SavePng(path, Width, Height);
        return path;
    }
}
