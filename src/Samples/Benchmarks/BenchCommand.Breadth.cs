using System.Globalization;
using System.Numerics;
using System.Text.Json;
using SlowSeries.Arrays;

namespace SlowSeries.Samples.Benchmarks;

/// <summary>
/// <c>bench --breadth</c>: the everyday expressions NumExpr users write beyond the course (Python/breadth.txt, read by
/// both sides), each timed steady (out reused), first and cold (evaluation 1 and 2–4 with every cache cleared), against
/// NumExpr and NumPy in the same run, with the time a plain memory copy of the same bytes takes (the limit for
/// memory-bound rows).
/// </summary>
public static partial class BenchCommand
{
    /// <param name="isas">Widths to time our side at as well, each in a child process (see <see cref="WidthRuns"/>).</param>
    /// <param name="oursOnly">Time only our steady state and print the medians as JSON (what the children run).</param>
    private static void RunBreadth(TextWriter output, bool quick, int repeats, IReadOnlyList<string> isas, bool oursOnly)
    {
        int n = quick ? 100_000 : 10_000_000;
        string listing = Path.Combine(AppContext.BaseDirectory, "Python", "breadth.txt");
        var expressions = File.ReadLines(listing).Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();

        // The other widths first, before this process allocates (see Run).
        var widthColumns = isas.Where(isa => isa != WidthRuns.Current).Select(isa =>
        {
            var (width, medians, failure) = WidthRuns.Run(isa, quick, repeats, breadth: true);
            if (failure is not null)
            {
                output.WriteLine(failure);
            }

            return (Isa: isa, Header: width is null || width == isa ? $"ours {isa}" : $"ours {isa} (ran {width})", Medians: medians);
        }).ToList();

        var data = BreadthInputs(n);
        NumExpr.SetNumThreads(2);
        WarmProcess(expressions, data, quick);
        if (oursOnly)
        {
            output.WriteLine(WidthRuns.ToJson(OurBreadthMedians(expressions, data, repeats, quick)));
            return;
        }

        double bandwidth = CopyBandwidth(n);
        output.WriteLine($"bench --breadth: {expressions.Count} expressions, n = {n:N0}, 2 threads, ours medians of 2 x {repeats} (before and after the cold rounds), theirs of {repeats}; {WidthRuns.Current}; a plain copy moves {bandwidth / 1e9:F1} GB/s (read + write) here");
        var (python, pythonError) = PythonBreadth(n, repeats, new Dictionary<string, string>());
        if (pythonError is not null)
        {
            output.WriteLine(pythonError);
        }

        // NumPy again for each narrower width, dispatching as on a CPU of that width; NumExpr's loops do not dispatch.
        var numPyColumns = widthColumns.Where(c => c.Medians is not null && WidthRuns.NumPyFeaturesOff.ContainsKey(c.Isa)).Select(c =>
        {
            var (results, failure) = PythonBreadth(n, repeats, new Dictionary<string, string> { ["NPY_DISABLE_CPU_FEATURES"] = WidthRuns.NumPyFeaturesOff[c.Isa] });
            if (failure is not null)
            {
                output.WriteLine(failure);
            }

            var medians = results.Where(r => r.Value.TryGetValue("NumPy", out var t) && t.Median is not null).ToDictionary(r => r.Key, r => r.Value["NumPy"].Median!.Value);
            return (c.Isa, Ours: c.Medians!, NumPy: medians);
        }).ToList();

        var rows = new List<string[]>();
        var speedups = new List<double>();
        var firstRatios = new List<double>();
        var coldRatios = new List<double>();
        foreach (string expression in expressions)
        {
            try
            {
                var (variables, first, @out, compiled) = Prepare(expression, data);
                bool scalarResult = @out is null;
                NDArray? result = null;
                Settle(() => compiled.Evaluate(variables, @out), quick);
                var steadySamples = Samples(repeats, () => result = compiled.Evaluate(variables, @out));

                // With the caches cleared the expression is new: its evaluation 1 parses, plans and compiles its loop, and
                // 2–4 are what it costs next. Three times, so nine samples of the second: a single sample on this 2-core
                // VM swings to the one-thread time whenever the host takes a core away for a few milliseconds.
                var firsts = new List<double>();
                var cold = new List<double>();
                for (int round = 0; round < ColdTexts; round++)
                {
                    NumExpr.ClearCaches();
                    var times = Enumerable.Range(0, 4).Select(_ => Time(() => NumExpr.Evaluate(expression, variables, @out))).ToList();
                    firsts.Add(times[0]);
                    cold.AddRange(times.Skip(1));
                }

                // The steady samples again, after the cold rounds: one median of both rounds, so that a short stretch
                // in which the host takes a core away (a row at 2x its cold column in some runs) weighs half as much.
                // Warmed up again first: the cold rounds leave the second core idle (see WarmUp), and without it
                // `complex(a, b)` read 5.1-5.6 ms in the first round and 7-11 in the second, its cold evaluations 5.3.
                WarmUp(() => compiled.Evaluate(variables, @out));
                steadySamples.AddRange(Samples(repeats, () => result = compiled.Evaluate(variables, @out)));
                double steady = Median(steadySamples);
                firstRatios.Add(Median(firsts) / ((1.5 * steady) + 0.005));
                coldRatios.Add(Median([.. cold]) / steady);
                double checksum = Checksum(result!);
                long bytes = variables.Values.Sum(v => MemoryBytes((NDArray)v!)) + (scalarResult ? 0 : first.Size * first.DType.ItemSize());
                double limit = bytes / bandwidth;
                var row = new List<string> { expression, Seconds(steady) };
                row.AddRange(widthColumns.Select(c => c.Medians is not null && c.Medians.TryGetValue(expression, out double m) ? Seconds(m) : "n/a"));
                row.AddRange([Seconds(Median(firsts)), Seconds(Median(cold)), $"{steady / limit:F1}x"]);
                foreach (string tool in new[] { "NumExpr", "NumPy" })
                {
                    var (median, check, error) = python.TryGetValue(expression, out var tools) && tools.TryGetValue(tool, out var entry) ? entry : (null, null, "not run");
                    row.Add(median is { } m ? Seconds(m) : "n/a");
                    row.Add(median is { } other ? $"{other / steady:F2}x" : Shorten(error));
                    if (tool == "NumExpr" && median is { } numexpr)
                    {
                        speedups.Add(numexpr / steady);
                    }

                    if (tool == "NumExpr")
                    {
                        row.Add(check is { } expected ? (Agrees(checksum, expected, first.DType) ? "✓" : $"✗ {checksum:G6} vs {expected:G6}") : "-");
                    }
                }

                foreach (var (_, ours, numPy) in numPyColumns)
                {
                    bool both = ours.TryGetValue(expression, out double mine) & numPy.TryGetValue(expression, out double theirs);
                    row.Add(both ? Seconds(theirs) : "n/a");
                    row.Add(both ? $"{theirs / mine:F2}x" : "");
                }

                rows.Add([.. row]);
            }
            catch (Exception error) when (error is ExpressionException or ArgumentException)
            {
                rows.Add([expression, "error", .. widthColumns.Select(_ => ""), Shorten(error.Message), "", "", "", "", "", "", "", .. numPyColumns.SelectMany(_ => new[] { "", "" })]);
            }
        }

        output.WriteLine(PythonTools.Versions);
        Print(output, ["expression", $"ours ({WidthRuns.Current})", .. widthColumns.Select(c => c.Header), "ours first eval", "ours cold (evals 2-4)", "ours ÷ copy time", "NumExpr", "NumExpr/ours", "same sum", "NumPy", "NumPy/ours", .. numPyColumns.SelectMany(c => new[] { $"NumPy as {c.Isa}", $"NumPy {c.Isa}/ours {c.Isa}" })], rows);
        double geometric = speedups.Count == 0 ? double.NaN : Math.Exp(speedups.Average(Math.Log));
        output.WriteLine($"Geometric mean of NumExpr/ours over the {speedups.Count} expressions NumExpr evaluates: {geometric:F2}x; slower than NumExpr on {speedups.Count(s => s < 1)}.");
        output.WriteLine($"With the caches cleared: evaluations 2-4 (median of {3 * ColdTexts}) within 1.2x steady on {coldRatios.Count(r => r <= 1.2)} of {coldRatios.Count} rows (worst {coldRatios.DefaultIfEmpty().Max():F2}x); evaluation 1 within 1.5x steady + 5 ms on {firstRatios.Count(r => r <= 1)} of {firstRatios.Count}.");
        foreach (var (_, header, medians) in widthColumns.Where(c => c.Medians is not null))
        {
            var ratios = expressions
                .Where(e => medians!.ContainsKey(e) && python.TryGetValue(e, out var tools) && tools.TryGetValue("NumExpr", out var t) && t.Median is not null)
                .Select(e => python[e]["NumExpr"].Median!.Value / medians![e]).ToList();
            if (ratios.Count > 0)
            {
                output.WriteLine($"{header}: geometric mean of NumExpr/ours {Math.Exp(ratios.Average(Math.Log)):F2}x over {ratios.Count}; slower than NumExpr on {ratios.Count(r => r < 1)}.");
            }
        }

        foreach (var (isa, ours, numPy) in numPyColumns)
        {
            var ratios = numPy.Where(kv => ours.ContainsKey(kv.Key)).Select(kv => kv.Value / ours[kv.Key]).ToList();
            if (ratios.Count > 0)
            {
                output.WriteLine($"ours {isa} against NumPy dispatching as at {isa} (NPY_DISABLE_CPU_FEATURES=\"{WidthRuns.NumPyFeaturesOff[isa]}\"): geometric mean {Math.Exp(ratios.Average(Math.Log)):F2}x over {ratios.Count}; slower on {ratios.Count(r => r < 1)}.");
            }
        }
    }

    /// <summary>How many times each row's first and cold columns clear the caches and time evaluations 1–4.</summary>
    private const int ColdTexts = 3;

    /// <summary>
    /// An expression's variables, its first (untimed) result, the output buffer steady evaluations reuse (none for a
    /// scalar result) and its compiled form.
    /// </summary>
    private static (Dictionary<string, object?> Variables, NDArray First, NDArray? Out, CompiledExpression Compiled) Prepare(string expression, Dictionary<string, NDArray> data)
    {
        var variables = data.Where(kv => Tokens(expression).Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => (object?)kv.Value);
        var first = NumExpr.Evaluate(expression, variables);
        // Every array result, a reduction's along an axis too, goes into an `out` reused from one evaluation to the next, as
        // on NumExpr's side: a new (1e5,) result per evaluation cost more than reducing (1e5, 100) read in place (page
        // faults of fresh large-object-heap memory: `sum(m, axis=1)` 2.5-2.8 ms against 1.1-1.3 into `out`).
        // Laid out as the first result, as NumPy's empty_like on the other side (Fortran-ordered for transposed inputs).
        var @out = first.Rank == 0 ? null
            : first.IsContiguous ? NDArray.Zeros(first.DType, first.Shape)
            : NDArray.Zeros(first.DType, new Shape(checked((int)first.Size))).View(first.Shape, first.Strides, 0);

        // The result and output just allocated (160 MB for a float64 row) are what sets off the garbage collector: a full
        // collection now, not one running beside the timed evaluations (as BenchmarkDotNet collects before measuring).
        // Without it the first rows of a run read slower than the same work timed later (an 8-row list: `a*b + c` second
        // 6.3 and 11.3 ms against 5.0–5.1 for `c + a*b` last; with it 5.6–6.5 against 4.8–6.5 in three runs).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        return (variables, first, @out, NumExpr.Compile(expression));
    }

    /// <summary>Our steady-state median per expression (out reused), for a width child's JSON; failing expressions are left out.</summary>
    private static Dictionary<string, double> OurBreadthMedians(IReadOnlyList<string> expressions, Dictionary<string, NDArray> data, int repeats, bool quick)
    {
        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string expression in expressions)
        {
            try
            {
                var (variables, _, @out, compiled) = Prepare(expression, data);
                Settle(() => compiled.Evaluate(variables, @out), quick);
                medians[expression] = Median(2 * repeats, () => compiled.Evaluate(variables, @out));
            }
            catch (Exception error) when (error is ExpressionException or ArgumentException)
            {
                // The parent's row shows the error.
            }
        }

        return medians;
    }

    /// <summary>
    /// The inputs of breadth.txt's header, by the same formulas as breadth.py, each in storage from <c>NDArray.Zeros</c>
    /// (see <see cref="OnLibraryPages"/>).
    /// </summary>
    private static Dictionary<string, NDArray> BreadthInputs(int n) =>
        FormulaInputs(n).ToDictionary(input => input.Key, input => OnLibraryPages(input.Value), StringComparer.Ordinal);

    /// <summary>
    /// The input's elements moved into an array from <c>NDArray.Zeros</c>, its view kept: NumPy's side gets its arrays from
    /// NumPy's allocator, which puts large ones on 2 MiB pages on Linux, and so does <c>NDArray.Zeros</c>; an array from
    /// <c>new double[n]</c> lies on 4 KiB pages, which memory-bound rows read more slowly here (since the forty-eighth
    /// session; `i > j` on 1e7 int64, Zen 5 VM, 2 threads: 3.2–4.6 ms against 5.1–5.2, NumExpr's 4.6, and 4.8–5.5
    /// against 5.4–6.8, NumExpr's 5.2–6.0, in two sets of rounds).
    /// </summary>
    private static NDArray OnLibraryPages(NDArray input)
    {
        var storage = NDArray.Zeros(input.DType, new Shape(input.Data.Length));
        Array.Copy(input.Data, storage.Data, input.Data.Length);
        return NDArray.Strided(storage.Data, input.Shape, input.Strides, input.Offset);
    }

    /// <summary>The inputs of breadth.txt's header as the formulas build them (ordinary .NET arrays).</summary>
    private static Dictionary<string, NDArray> FormulaInputs(int n)
    {
        double[] a = new double[n], b = new double[n], c = new double[n];
        long[] i = new long[n], j = new long[n];
        for (int t = 0; t < n; t++)
        {
            a[t] = ((t % 1000) / 1000.0) + 0.1;
            b[t] = ((7L * t % 1000) / 1000.0) + 0.2;
            c[t] = ((13L * t % 1000) / 1000.0) - 0.5;
            i[t] = t % 10007;
            j[t] = (3L * t % 101) + 1;
        }

        int tenth = Math.Max(1, n / 10), rows = Math.Max(1, n / 100);
        double[] strided = Enumerable.Range(0, 2 * n).Select(t => ((t % 1000) / 1000.0) + 0.1).ToArray();
        double[] stridedByThree = Enumerable.Range(0, 3 * n).Select(t => ((t % 1000) / 1000.0) + 0.1).ToArray();
        double[] matrix = a[..(rows * 100)];
        return new Dictionary<string, NDArray>(StringComparer.Ordinal)
        {
            ["a"] = NDArray.Wrap(a),
            ["b"] = NDArray.Wrap(b),
            ["c"] = NDArray.Wrap(c),
            ["f"] = NDArray.Wrap(a.Select(v => (float)v).ToArray()),
            ["g"] = NDArray.Wrap(b.Select(v => (float)v).ToArray()),
            ["i"] = NDArray.Wrap(i),
            ["j"] = NDArray.Wrap(j),
            ["k"] = NDArray.Wrap(i.Select(v => (int)v).ToArray()),
            ["q"] = NDArray.Wrap(a.Select(v => v > 0.5).ToArray()),
            ["z"] = NDArray.Wrap(Enumerable.Range(0, tenth).Select(t => new Complex(a[t], b[t])).ToArray()),
            ["w"] = NDArray.Wrap(Enumerable.Range(0, tenth).Select(t => new Complex(b[t], -c[t])).ToArray()),
            ["s"] = NDArray.Strided(strided, new Shape(n), [2]),
            ["s3"] = NDArray.Strided(stridedByThree, new Shape(n), [3]),
            ["m"] = NDArray.Wrap(matrix, rows, 100),
            ["mt"] = NDArray.Strided(matrix, new Shape(100, rows), [1, 100]),
            ["mh"] = NDArray.Strided(matrix, new Shape(rows, 50), [100, 1]),
            ["p"] = NDArray.Strided(a, new Shape(n / 3, 3), [3, 1]),
            ["x"] = NDArray.Wrap(Enumerable.Range(0, rows).Select(r => (r % 1000) / 1000.0).ToArray(), rows, 1),
            ["y"] = NDArray.Wrap(Enumerable.Range(0, 100).Select(q => q / 100.0).ToArray()),
        };
    }

    /// <summary>
    /// Evaluations before the steady ones are timed, at least five and 0.2 s: after a pause (a row's cold evaluations run
    /// on one thread, <see cref="Settle"/> sleeps) this VM's second core runs slow for about 0.1 s — 2*a + 3*b
    /// took 7.2, 6.6, 6.5, 4.9, … 3.8 ms after 1 s idle, 3.8 throughout without the pause.
    /// </summary>
    private static void WarmUp(Action evaluate)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int k = 0; k < 5 || clock.Elapsed.TotalSeconds < 0.2; k++)
        {
            evaluate();
        }
    }

    /// <summary>
    /// Warms <paramref name="evaluate"/> up until .NET's JIT compiles nothing during a warm-up and 0.15 s after it (at most
    /// 3 s). Early in the process its background thread is still recompiling, optimised, the methods the first rows'
    /// evaluations and cold compilations made hot (the evaluation path, the parser, the planner, System.Linq.Expressions'
    /// compiler), on one of this machine's two cores: timed beside it, the first rows' steady times read up to 2x their
    /// repeats at the end of the same list (`a*b + c` 15.8 ms then 6.6, `a**b` 54.6 then 29.3; with
    /// DOTNET_TieredCompilation=0, 8.4 then 7.6 and 35.8 then 30.2).
    /// </summary>
    /// <param name="evaluate">The row's steady evaluation.</param>
    /// <param name="quick">A smoke run (<c>--quick</c>): one warm-up, no waiting.</param>
    private static void Settle(Action evaluate, bool quick)
    {
        if (quick)
        {
            WarmUp(evaluate);
            return;
        }

        UntilJitQuiet(() => WarmUp(evaluate), pauseMilliseconds: 150, limitSeconds: 3);
    }

    /// <summary>
    /// Runs <paramref name="step"/> and pauses, again and again until .NET's JIT compiled no method meanwhile or
    /// <paramref name="limitSeconds"/> have passed.
    /// </summary>
    private static void UntilJitQuiet(Action step, int pauseMilliseconds, double limitSeconds)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long compiled;
        do
        {
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            step();
            Thread.Sleep(pauseMilliseconds);
        }
        while (System.Runtime.JitInfo.GetCompiledMethodCount() != compiled && clock.Elapsed.TotalSeconds < limitSeconds);
    }

    /// <summary>
    /// Runs every expression of the list a few times, then forgets them (<see cref="NumExpr.ClearCaches"/>) and waits until
    /// .NET's JIT is quiet, before the first row is timed. A fresh process spends its first seconds recompiling, optimised,
    /// the runtime's methods that became hot (tiered compilation: the evaluation path for each dtype, the parser, the
    /// planner, System.Linq.Expressions' compiler) on one of this machine's two cores; without this pass each row paid
    /// for the code paths new to it, so the first rows' steady times read up to 1.7x their cold evaluations in the same
    /// run (`a*b + c` 7.5 ms steady, 4.4 cold; `i > j`, the first int64 comparison, 2.8 steady and 5.0 cold). What a fresh
    /// process's first evaluation costs is measured on its own (see the README's first-evaluation figures); the first and
    /// cold columns stay those of a new expression, its caches cleared, in a process that has evaluated others.
    /// </summary>
    private static void WarmProcess(IReadOnlyList<string> expressions, Dictionary<string, NDArray> data, bool quick)
    {
        foreach (string expression in expressions)
        {
            var variables = data.Where(kv => Tokens(expression).Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => (object?)kv.Value);
            for (int k = 0; k < (quick ? 1 : 3); k++)
            {
                try
                {
                    NumExpr.Evaluate(expression, variables);
                }
                catch (Exception error) when (error is ExpressionException or ArgumentException)
                {
                    // The row shows the error.
                    break;
                }
            }
        }

        NumExpr.ClearCaches();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        if (!quick)
        {
            UntilJitQuiet(static () => { }, pauseMilliseconds: 500, limitSeconds: 10);
        }
    }

    /// <summary>
    /// The bytes reading <paramref name="array"/> moves from memory: its elements', or for a one-dimensional view with a
    /// stride, the cache lines its elements lie in (<c>a[::2]</c> of float64 reads every line of <c>a</c>'s span, twice its
    /// own bytes, on any CPU and in NumExpr too).
    /// </summary>
    private static long MemoryBytes(NDArray array)
    {
        const int CacheLineBytes = 64;
        long item = array.DType.ItemSize();
        long stride = array.Rank == 1 && !array.IsContiguous ? Math.Abs(array.Strides[0]) * item : item;
        return array.Size * Math.Clamp(stride, item, CacheLineBytes);
    }

    /// <summary>Bytes per second a plain copy of two float64 arrays moves on 2 threads (each byte read and written).</summary>
    private static double CopyBandwidth(int n)
    {
        // On the pages the inputs lie on (see OnLibraryPages).
        double[] source = (double[])NDArray.Zeros(DType.Float64, new Shape(n)).Data, destination = (double[])NDArray.Zeros(DType.Float64, new Shape(n)).Data;
        source.AsSpan().Fill(1.5);
        double seconds = Median(5, () => Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, half =>
        {
            int start = half * (n / 2), end = half == 0 ? n / 2 : n;
            source.AsSpan(start, end - start).CopyTo(destination.AsSpan(start, end - start));
        }));
        return 2.0 * 8 * n / seconds;
    }

    private static HashSet<string> Tokens(string expression) =>
        [.. System.Text.RegularExpressions.Regex.Matches(expression, @"[A-Za-z_]\w*").Select(m => m.Value)];

    private static double Checksum(NDArray result) => result.DType switch
    {
        DType.Complex128 => result.Flat<Complex>().ToArray().Sum(v => v.Real),
        DType.Float64 => result.Flat<double>().ToArray().Sum(),
        DType.Float32 => result.Flat<float>().ToArray().Sum(v => (double)v),
        DType.Int64 => result.Flat<long>().ToArray().Sum(v => (double)v),
        DType.Int32 => result.Flat<int>().ToArray().Sum(v => (double)v),
        DType.Bool => result.Flat<bool>().ToArray().Count(v => v),
        _ => double.NaN,
    };

    /// <summary>Sums agree to float32's precision for float32 results, to 1e-9 relative otherwise (summation orders differ).</summary>
    private static bool Agrees(double ours, double theirs, DType type) =>
        ours.Equals(theirs) || Math.Abs(ours - theirs) <= (type == DType.Float32 ? 1e-4 : 1e-9) * Math.Max(1, Math.Abs(theirs));

    /// <summary>A checksum from breadth.py: a number, or NaN and the infinities as strings (JSON has no such numbers).</summary>
    private static double Check(JsonElement check) =>
        check.ValueKind == JsonValueKind.String ? double.Parse(check.GetString()!, CultureInfo.InvariantCulture) : check.GetDouble();

    private static string Shorten(string? text) => text is null ? "" : text.Length > 40 ? text[..37] + "..." : text;

    private static (Dictionary<string, Dictionary<string, (double? Median, double? Check, string? Error)>> Results, string? Error) PythonBreadth(int n, int repeats, IReadOnlyDictionary<string, string> environment)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Python", "breadth.py");
        var (code, output, error) = ExternalProgram.Run(PythonTools.Interpreter, [script, n.ToString(CultureInfo.InvariantCulture), "2", repeats.ToString(CultureInfo.InvariantCulture)], environment);
        var results = new Dictionary<string, Dictionary<string, (double?, double?, string?)>>(StringComparer.Ordinal);
        if (code != 0)
        {
            return (results, PythonTools.Failure(code, error));
        }

        using var json = JsonDocument.Parse(output);
        PythonTools.ReadVersions(json.RootElement);
        foreach (var expression in json.RootElement.EnumerateObject().Where(p => p.Name != "versions"))
        {
            results[expression.Name] = expression.Value.EnumerateObject().ToDictionary(
                tool => tool.Name,
                tool => tool.Value.TryGetProperty("median", out var median)
                    ? ((double?)median.GetDouble(), (double?)Check(tool.Value.GetProperty("check")), (string?)null)
                    : (null, null, tool.Value.GetProperty("error").GetString()));
        }

        return (results, null);
    }
}
