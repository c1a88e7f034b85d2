using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SlowSeries.Arrays;
using SlowSeries.Samples.Workloads;

namespace SlowSeries.Samples.Benchmarks;

/// <summary>
/// <c>bench</c>: the run-time back-end's targets, each measured side by side with NumExpr, NumPy and Numba in the same
/// run (medians of several repeats, warm output buffers), with ratios.
/// </summary>
public static partial class BenchCommand
{
    private const string SinCos = "sin(twoPi*a)**2 + cos(twoPi*a)**2";

    private const string SinCosSum = "sum(sin(twoPi*a)**2 + cos(twoPi*a)**2)";

    private static readonly string[] Velocity =
    [
        "-sin(lon)*vlon - sin(lat)*cos(lon)*vlat + cos(lat)*cos(lon)*vrad",
        "cos(lon)*vlon - sin(lat)*sin(lon)*vlat + cos(lat)*sin(lon)*vrad",
        "cos(lat)*vlat + sin(lat)*vrad",
    ];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var quick = new Option<bool>("--quick") { Description = "Small sizes (for a smoke test): 1e5 elements, a 10x6x16 grid." };
        var repeats = new Option<int>("--repeat", "-r") { Description = "Timed repeats per measurement (the median is reported).", DefaultValueFactory = _ => 5 };
        var isa = new Option<string?>("--isa") { Description = $"Also time our kernels at these vector widths, each in a child process with .NET's instruction-set switches (comma-separated: {string.Join(", ", WidthRuns.Settings.Keys)})." };
        var breadth = new Option<bool>("--breadth") { Description = "Instead: the expressions of Python/breadth.txt (arithmetic, functions, conditions, every dtype, strided, broadcast, reductions) against NumExpr and NumPy, steady and cold, with the memory-copy limit." };
        var oursOnly = new Option<bool>("--ours-only") { Description = "Time only SlowSeries and print the medians as JSON (what --isa's child processes run).", Hidden = true };
        var fresh = new Option<bool>("--fresh") { Description = "Instead: a fresh process's first evaluations (2*a + 3*b and exp(a) on 1e7 float64) against a fresh Python process's NumExpr, each in child processes, medians per evaluation." };
        var freshChild = new Option<string?>("--fresh-child") { Description = "Time this process's first evaluations of the expression and print them as JSON (what --fresh's child processes run).", Hidden = true };
        var command = new Command("bench", "Time SlowSeries against NumExpr, NumPy and Numba on the back-end's target workloads.") { quick, repeats, isa, breadth, oursOnly, fresh, freshChild };
        command.SetAction(result =>
        {
            int repeat = result.GetValue(repeats);
            if (repeat < 1)
            {
                error.WriteLine("error: --repeat must be at least 1");
                return SamplesCli.UsageError;
            }

            string[] isas = (result.GetValue(isa) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (isas.FirstOrDefault(name => !WidthRuns.Settings.ContainsKey(name)) is { } unknown)
            {
                error.WriteLine($"error: --isa: unknown width '{unknown}' (known: {string.Join(", ", WidthRuns.Settings.Keys)})");
                return SamplesCli.UsageError;
            }

            if (result.GetValue(freshChild) is { } childExpression)
            {
                RunFreshChild(output, childExpression, result.GetValue(quick));
                return 0;
            }

            if (result.GetValue(fresh))
            {
                RunFresh(output, result.GetValue(quick), repeat);
                return 0;
            }

            if (result.GetValue(breadth))
            {
                RunBreadth(output, result.GetValue(quick), repeat, isas, result.GetValue(oursOnly));
                return 0;
            }

            Run(output, result.GetValue(quick), repeat, isas, result.GetValue(oursOnly));
            return 0;
        });
        return command;
    }

    /// <param name="isas">Widths to time our kernels at as well (child processes; see <see cref="WidthRuns"/>).</param>
    /// <param name="oursOnly">Time only our kernels and print their medians as JSON, nothing else.</param>
    public static void Run(TextWriter output, bool quick, int repeats, IReadOnlyList<string> isas, bool oursOnly)
    {
        int n = quick ? 100_000 : 100_000_000;
        (int Lat, int R, int Lon) grid = quick ? (10, 6, 16) : (500, 300, 800);
        int original = NumExpr.GetNumThreads();
        var rows = new List<string[]>();
        var medians = new Dictionary<string, double>();
        var log = oursOnly ? TextWriter.Null : output;
        var none = new Dictionary<string, (double? Median, double? Check, string? Error)>();

        // One row of the table: our median (kept for --isa), and unless only ours are timed, the anchors' beside it.
        // Why anchors read n/a, each reason once after the table (a missing NumPy is one line, not one per row).
        var unavailable = new SortedSet<string>(StringComparer.Ordinal);
        void Record(string workload, double ours, double? check, Func<Dictionary<string, (double? Median, double? Check, string? Error)>> anchors)
        {
            medians[workload] = ours;
            var timed = oursOnly ? none : anchors();
            unavailable.UnionWith(timed.Values.Select(t => t.Error).OfType<string>());
            rows.Add(Row(workload, ours, check, timed));
        }

        // Our medians at each requested width: this process's own where it is that width, else a child's, run first, while
        // this process holds no large arrays: both processes' arrays together (10 + 8 GB) pushed this 24 GiB machine into
        // reclaiming memory, and the children's memory-bound rows read up to 35% slower (velocity at AVX2: 431 vs 320 ms).
        var widthColumns = new List<(string Header, IReadOnlyDictionary<string, double>? Medians)>();
        foreach (string isa in isas)
        {
            if (isa == WidthRuns.Current)
            {
                continue; // the SlowSeries column itself
            }

            var (width, childMedians, failure) = WidthRuns.Run(isa, quick, repeats, breadth: false);
            widthColumns.Add((width is null || width == isa ? $"ours {isa}" : $"ours {isa} (ran {width})", childMedians));
            if (failure is not null)
            {
                output.WriteLine(failure);
            }
        }

        try
        {
            log.WriteLine($"Measuring on {Environment.ProcessorCount} cores; medians of {repeats} runs after a warm-up; outputs written into reused buffers.");
            // The series through [Vectorize] kernels (issue 4's targets) first: on 2 cores, the JIT's background recompilation
            // after thousands of small evaluations, and a heap of gigabytes, both slow a compute-bound kernel measured later.
            // Numba runs the course's prange versions, gcc the course's C.
            NumExpr.SetNumThreads(2);
            long terms = quick ? 1_000_000 : 100_000_000;
            string termsText = terms.ToString(CultureInfo.InvariantCulture);
            double slowTotal = 0, trigTotal = 0;

            // Measured first, after five seconds of warm-up: when `dotnet run` has just built the samples, its own process
            // keeps a core busy for the first few seconds of ours (the slow series took 220–300 ms there, 165–180 ms after).
            WarmUp(() => SeriesKernels.CombinedSum(1, terms), seconds: 5);
            double slow = Median(repeats, () => slowTotal = SeriesKernels.CombinedSum(1, terms));
            Record($"slow series [Vectorize], n={terms:G3}, 2 threads", slow, slowTotal, () => WithNative(PythonTools.Run("slow", termsText, 2, repeats), "slow", terms, repeats));
            double trig = Median(repeats, () => trigTotal = SeriesKernels.TrigonometricTermSum(1, terms));
            Record($"Σcos(k)/k [Vectorize], n={terms:G3}, 2 threads", trig, trigTotal, () => WithNative(PythonTools.Run("trig", termsText, 2, repeats), "trig", terms, repeats));
            double scalarSlow = 0, scalarTrig = 0;
            double slowLoop = Median(1, () => scalarSlow = ScalarSeries(terms, SeriesKernels.Combined));
            double trigLoop = Median(1, () => scalarTrig = ScalarSeries(terms, SeriesKernels.TrigonometricTerm));
            Record($"slow series, naive C# loop, n={terms:G3}, 1 thread", slowLoop, null, () => none);
            Record($"Σcos(k)/k, naive C# loop, n={terms:G3}, 1 thread", trigLoop, null, () => none);
            log.WriteLine($"Naive C# loops over the same scalar methods (1 thread, serial sum): slow series {Seconds(slowLoop)} (ours {slowLoop / slow:F2}x faster), Σcos(k)/k {Seconds(trigLoop)} (ours {trigLoop / trig:F2}x faster).");
            log.WriteLine($"Sums: slow series {slowTotal:R} (serial loop {scalarSlow:R}); Σcos(k)/k {trigTotal:R} (serial loop {scalarTrig:R}, relative difference {Math.Abs(trigTotal - scalarTrig) / Math.Abs(scalarTrig):E1}); -total/log(2 sin 0.5) = {-trigTotal / Math.Log(2 * Math.Sin(0.5)):R}");

            // Kernels the course does not have, as a new user writes them: each against a loop over its own scalar method,
            // both on one thread (the target: at least 1.5x the loop at every width).
            NumExpr.SetNumThreads(1);
            foreach (var (name, elements, vectorized, scalar) in new (string, long, Func<long, double>, Func<long, double>)[]
            {
                ("Collatz steps (loop, data-dependent exit, n/2)", quick ? 10_000 : 1_000_000, last => NewUserKernels.CollatzStepsSum(1, last), k => NewUserKernels.CollatzSteps(k)),
                ("Mandelbrot escape time (loop over two doubles)", quick ? 10_000 : 1_000_000, last => NewUserKernels.EscapeTimeSum(0, last - 1), k => NewUserKernels.EscapeTime(k - 1)),
                ("Gaussian (Math.Exp)", quick ? 100_000 : 10_000_000, last => NewUserKernels.GaussianSum(1, last), NewUserKernels.Gaussian),
                ("Leibniz series (alternating, over a range)", quick ? 100_000 : 100_000_000, last => NewUserKernels.LeibnizTermSum(1, last), NewUserKernels.LeibnizTerm),
            })
            {
                double sum = 0, loopSum = 0;
                var (ours, loop, oursOverLoop) = MedianAlternating(repeats, () => sum = vectorized(elements), () => loopSum = ScalarSeries(elements, scalar));
                Record($"{name} [Vectorize], n={elements:G3}, 1 thread", ours, null, () => none);
                Record($"{name}, naive C# loop, n={elements:G3}, 1 thread", loop, null, () => none);
                log.WriteLine($"{name}: ours {Seconds(ours)}, loop {Seconds(loop)} ({1 / oursOverLoop:F2}x, the median of the pairs' ratios); sums {sum:R} and {loopSum:R}");
            }

            NumExpr.SetNumThreads(2);

            // Small evaluations next, on a small heap, as NumExpr's run in a fresh Python process: on these VMs a heap
            // holding gigabytes makes every first touch of fresh memory (a new expression's buffers) several times slower.
            double[] small = Enumerable.Range(0, 1000).Select(i => i * 1e-7).ToArray();
            double[] smallOut = new double[1000];
            int counter = 0;

            // Steady state, as in a long-running process: the JIT's tiered compilation takes seconds of one kind of call
            // to optimise a path (interleaving the two kinds here keeps the cached path unoptimised for longer).
            var warmUp = Stopwatch.StartNew();
            while (warmUp.ElapsedMilliseconds < 3000)
            {
                NumExpr.Evaluate("2*a + 3*b", new { a = small, b = small }, smallOut);
            }

            warmUp.Restart();
            while (warmUp.ElapsedMilliseconds < 1500)
            {
                NumExpr.Evaluate($"2*a + 3*b + {++counter}", new { a = small, b = small }, smallOut);
            }

            double fresh = Median(repeats, () =>
            {
                for (int k = 0; k < 100; k++)
                {
                    NumExpr.Evaluate($"2*a + 3*b + {++counter}", new { a = small, b = small }, smallOut);
                }
            }) / 100;
            double cached = Median(repeats, () =>
            {
                for (int k = 0; k < 1000; k++)
                {
                    NumExpr.Evaluate("2*a + 3*b", new { a = small, b = small }, smallOut);
                }
            }) / 1000;

            double[] a = Enumerable.Range(0, n).Select(i => i * 1e-7).ToArray();
            double[] r = new double[n];
            var twoPi = 2 * Math.PI;

            // 1 and 2 threads timed alternately, pair after pair: on a shared VM the machine's speed drifts by tens of
            // percent within minutes, and two rows timed minutes apart would measure that drift as much as the threads.
            int pairs = (2 * repeats) + 1;
            var elementwise = MedianAlternating(pairs, 1, 2, () => NumExpr.Evaluate(SinCos, new { a, twoPi }, r));
            foreach (var (threads, ours) in new[] { (1, elementwise.First), (2, elementwise.Second) })
            {
                Record($"sin²+cos², n={n:G3}, {threads} thread(s)", ours, r.Sum(), () => PythonTools.Run("sincos", n.ToString(CultureInfo.InvariantCulture), threads, repeats));
            }

            double total = 0;
            var reduction = MedianAlternating(pairs, 1, 2, () => total = NumExpr.Evaluate(SinCosSum, new { a, twoPi }).Item<double>());
            Record($"sum(sin²+cos²), n={n:G3}, 2 threads", reduction.Second, total, () => PythonTools.Run("sincos-sum", n.ToString(CultureInfo.InvariantCulture), 2, repeats));
            log.WriteLine($"Thread scaling, 1 → 2 threads, median of {pairs} alternating pairs: sin²+cos² {elementwise.Ratio:F2}x " +
                $"({Seconds(elementwise.First)} → {Seconds(elementwise.Second)}; {GigabytesPerSecond(24L * n, elementwise.Second)} at 2 threads: a read, and a write that first reads its line), " +
                $"sum(sin²+cos²) {reduction.Ratio:F2}x ({Seconds(reduction.First)} → {Seconds(reduction.Second)}; {GigabytesPerSecond(8L * n, reduction.Second)}: reads only, compute-bound)");
            // The process-wide count also catches what else runs meanwhile (a thread-pool thread starting, the JIT): the
            // least of three evaluations is the evaluation's own.
            long allocated = Enumerable.Range(0, 3).Min(_ =>
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                NumExpr.Evaluate(SinCos, new { a, twoPi }, r);
                return GC.GetTotalAllocatedBytes(precise: true) - before;
            });
            log.WriteLine($"Managed memory allocated by a warm sin²+cos² evaluation of {n:G3} elements into a reused output (least of three): {allocated:N0} bytes (inputs and output: {2L * n * 8:N0} bytes)");

            var inputs = VelocityInputs(grid.Lat, grid.R, grid.Lon);
            long size = (long)grid.Lat * grid.R * grid.Lon;
            var outs = Enumerable.Range(0, 3).Select(_ => (NDArray?)NDArray.Wrap(new double[size], grid.Lat, grid.R, grid.Lon)).ToArray();
            NumExpr.SetNumThreads(2);
            double velocity = Median(repeats, () => NumExpr.Evaluate(Velocity, inputs, outs));
            double checksum = outs.Sum(o => o!.Flat<double>().ToArray().Sum());
            Record($"velocity {grid.Lat}x{grid.R}x{grid.Lon}, 3 outputs, 2 threads", velocity, checksum, () => PythonTools.Run("velocity", $"{grid.Lat}x{grid.R}x{grid.Lon}", 2, repeats));

            Record("new expression, first evaluation, 1,000 float64", fresh, null, () => PythonTools.Run("new", "1000", 2, repeats));
            Record("cached expression, 1,000 float64", cached, null, () => PythonTools.Run("cached", "1000", 2, repeats));

        }
        finally
        {
            NumExpr.SetNumThreads(original);
        }

        if (oursOnly)
        {
            output.WriteLine(WidthRuns.ToJson(medians));
            return;
        }

        output.WriteLine(PythonTools.Versions);
        if (widthColumns.Count > 0)
        {
            output.WriteLine($"The 'ours' columns: SlowSeries in child processes at those vector widths (DOTNET_Enable… switches); this process ran at {WidthRuns.Current}.");
        }

        var header = new[] { "workload", $"SlowSeries ({WidthRuns.Current})" }.Concat(widthColumns.Select(c => c.Header))
            .Concat(["NumExpr", "NumPy", "Numba", NativeAnchors.Tool, NativeAnchors.PortableTool, "NumExpr/ours", "best other/ours", "check"]).ToArray();
        var table = rows.Select(row => row.Take(2)
            .Concat(widthColumns.Select(c => c.Medians is not null && c.Medians.TryGetValue(row[0], out double m) ? Seconds(m) : "n/a"))
            .Concat(row.Skip(2)).ToArray()).ToList();
        Print(output, header, table);
        foreach (string reason in unavailable)
        {
            output.WriteLine($"n/a: {reason}");
        }
    }

    private static Dictionary<string, object?> VelocityInputs(int nlat, int nr, int nlon)
    {
        // The same data as bench.py: latitudes and longitudes in radians, fields built from cheap broadcast formulas.
        long size = (long)nlat * nr * nlon;
        double[] vlat = new double[size], vlon = new double[size], vrad = new double[size];
        for (int i = 0; i < nlat; i++)
        {
            for (int j = 0; j < nr; j++)
            {
                long row = ((long)i * nr + j) * nlon;
                for (int k = 0; k < nlon; k++)
                {
                    vlat[row + k] = Math.Cos(i * 0.01) + (0.001 * j);
                    vlon[row + k] = Math.Sin(k * 0.01) + (0.001 * i);
                    vrad[row + k] = Math.Cos(j * 0.01) + (0.001 * k);
                }
            }
        }

        return new Dictionary<string, object?>
        {
            ["lat"] = NDArray.Wrap(Linspace(-90, 90, nlat).Select(d => d * Math.PI / 180).ToArray(), nlat, 1, 1),
            ["lon"] = NDArray.Wrap(Linspace(0, 360, nlon).Select(d => d * Math.PI / 180).ToArray()),
            ["vlat"] = NDArray.Wrap(vlat, nlat, nr, nlon),
            ["vlon"] = NDArray.Wrap(vlon, nlat, nr, nlon),
            ["vrad"] = NDArray.Wrap(vrad, nlat, nr, nlon),
        };
    }

    /// <summary>NumPy's linspace: start + k * step, with the last value exactly <paramref name="stop"/>.</summary>
    private static IEnumerable<double> Linspace(double start, double stop, int count) =>
        Enumerable.Range(0, count).Select(k => k == count - 1 ? stop : start + (k * ((stop - start) / (count - 1))));

    private static double Median(int repeats, Action run) => Median(Samples(repeats, run));

    /// <summary><paramref name="repeats"/> timings of <paramref name="run"/> after a warm-up.</summary>
    private static List<double> Samples(int repeats, Action run)
    {
        WarmUp(run);
        var times = new List<double>();
        for (int k = 0; k < repeats; k++)
        {
            times.Add(Time(run));
        }

        return times;
    }

    /// <summary>
    /// Times <paramref name="run"/> on <paramref name="first"/> and on <paramref name="second"/> threads alternately
    /// (see <see cref="MedianAlternating(int, Action, Action)"/>).
    /// </summary>
    private static (double First, double Second, double Ratio) MedianAlternating(int pairs, int first, int second, Action run)
    {
        Action On(int threads) => () =>
        {
            NumExpr.SetNumThreads(threads);
            run();
        };

        return MedianAlternating(pairs, On(first), On(second));
    }

    /// <summary>
    /// Times <paramref name="first"/> and <paramref name="second"/> alternately, pair after pair: the medians of each
    /// and the median of the pairs' ratios (first ÷ second). On a shared VM the machine's speed drifts by tens of
    /// percent within minutes; two rows timed minutes apart would measure that drift as much as the code.
    /// </summary>
    private static (double First, double Second, double Ratio) MedianAlternating(int pairs, Action first, Action second)
    {
        WarmUp(first);
        WarmUp(second);
        var times = new List<(double First, double Second)>();
        for (int k = 0; k < pairs; k++)
        {
            times.Add((Time(first), Time(second)));
        }

        return (Median(times.Select(t => t.First).ToList()), Median(times.Select(t => t.Second).ToList()), Median(times.Select(t => t.First / t.Second).ToList()));
    }

    /// <summary>
    /// Runs until the JIT has optimised the loops (tiered compilation): two runs and <paramref name="seconds"/>, at most
    /// 50 runs.
    /// </summary>
    private static void WarmUp(Action run, double seconds = 0.5)
    {
        var warmUp = Stopwatch.StartNew();
        for (int k = 0; k < 50 && (k < 2 || warmUp.Elapsed.TotalSeconds < seconds); k++)
        {
            run();
        }
    }

    private static double Time(Action run)
    {
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    private static double ScalarSeries(long terms, Func<long, double> term)
    {
        double total = 0;
        for (long k = 1; k <= terms; k++)
        {
            total += term(k);
        }

        return total;
    }

    /// <summary>The Python tools' results with the C anchors' beside them (built for this CPU and for x86-64-v3).</summary>
    private static Dictionary<string, (double? Median, double? Check, string? Error)> WithNative(
        Dictionary<string, (double? Median, double? Check, string? Error)> python, string series, long terms, int repeats)
    {
        python[NativeAnchors.Tool] = NativeAnchors.Run(series, terms, 2, repeats);
        python[NativeAnchors.PortableTool] = NativeAnchors.Run(series, terms, 2, repeats, portable: true);
        return python;
    }

    private static string[] Row(string workload, double ours, double? check, Dictionary<string, (double? Median, double? Check, string? Error)> python)
    {
        string Time(string tool) => python.TryGetValue(tool, out var t) && t.Median is { } m ? Seconds(m) : "n/a";
        double? numExpr = python.TryGetValue("NumExpr", out var ne) ? ne.Median : null;
        double? best = python.Values.Where(v => v.Median is not null).Select(v => v.Median!.Value).DefaultIfEmpty().Min() is var b and > 0 ? b : null;
        // Checked against NumExpr's result, or Numba's where NumExpr has no form of the workload.
        double? reference = ne.Check ?? (python.TryGetValue("Numba", out var nb) ? nb.Check : null);
        string agreement = check is null || reference is null
            ? ""
            : Math.Abs(check.Value - reference.Value) <= 1e-9 * Math.Max(1, Math.Abs(reference.Value)) ? "✓ sums agree" : $"✗ {check:G12} vs {reference:G12}";
        return
        [
            workload,
            Seconds(ours),
            Time("NumExpr"),
            Time("NumPy"),
            Time("Numba"),
            Time(NativeAnchors.Tool),
            Time(NativeAnchors.PortableTool),
            numExpr is { } x ? $"{x / ours:F2}x" : "n/a",
            best is { } y ? $"{y / ours:F2}x" : "n/a",
            agreement,
        ];
    }

    private static string Seconds(double seconds) => TimeFormat.Seconds(seconds);

    private static string GigabytesPerSecond(long bytes, double seconds) => $"{bytes / seconds / 1e9:F1} GB/s";

    private static void Print(TextWriter output, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        output.WriteLine(string.Join(" | ", header.Select((h, c) => h.PadRight(widths[c]))));
        output.WriteLine(string.Join("-|-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(string.Join(" | ", row.Select((cell, c) => cell.PadRight(widths[c]))));
        }
    }
}
