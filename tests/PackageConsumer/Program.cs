using SlowSeries;
using SlowSeries.Arrays;

// Checks what a user of the package sees: the generator ran from the package ([Vectorize] and [GeneratedExpression]
// methods exist and compute the right values), and run-time expressions evaluate. Exit code 1 on any difference.
var failures = new List<string>();
void Check(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")} {what}");
    if (!condition)
    {
        failures.Add(what);
    }
}

// The first evaluation in this process, as the README measures it (a small expression: the block interpreter runs). With
// the package's ReadyToRun image little is left for the JIT: generic code of other assemblies instantiated over our types
// (Sprache's parsers, collections of value types). LINQ over value types on this path added about 200 methods and 30 ms.
bool aot = !System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported;
long compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
var small = Enumerable.Range(0, 1_000).Select(i => (double)i).ToArray();
var firstResult = NumExpr.Evaluate("2*a + 3*b", new { a = small, b = small }).ToArray<double>();
long compiledForFirst = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore;
Check(firstResult[999] == 4995, $"the process's first evaluation (2*a + 3*b, 1,000 elements) is right; {compiledForFirst} methods JIT-compiled for it");
const long MostMethodsForFirstEvaluation = 320;
if (!aot && HasReadyToRunCode(typeof(NumExpr).Assembly))
{
    Check(compiledForFirst <= MostMethodsForFirstEvaluation, $"with the ReadyToRun image the first evaluation JIT-compiles at most {MostMethodsForFirstEvaluation} methods ({compiledForFirst})");
}

// A process's first fused loop compiles in the background while its evaluations run on the block interpreter (waiting
// for it cost a fresh process's first large evaluation 45 ms); once it is compiled they run in it, with the same bits.
// Not where there is no fused loop: NativeAOT, no SIMD, or a trimmed app (the package switches the compiler off there).
bool fusedLoopSwitchedOff = AppContext.TryGetSwitch("SlowSeries.FusedKernel.IsSupported", out bool fusedLoopEnabled) && !fusedLoopEnabled;
if (!aot && !fusedLoopSwitchedOff && System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)
{
    var engines = new List<string?>();
    using var spans = new System.Diagnostics.ActivityListener
    {
        ShouldListenTo = source => source.Name == "SlowSeries",
        Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
        ActivityStopped = span => engines.Add(span.GetTagItem("slowseries.engine") as string),
    };
    System.Diagnostics.ActivitySource.AddActivityListener(spans);
    double[] large = [.. Enumerable.Range(0, 200_000).Select(i => i * 1e-3)];
    var firstLarge = NumExpr.Evaluate("exp(-x) * 3 + x", new { x = large }).ToArray<double>();
    bool sameBits = true;
    // Until the loop is ready (tens of milliseconds here; at most 20,000 rounds of a millisecond's pause and an evaluation).
    for (int round = 0; round < 20_000 && engines[^1] != "fused"; round++)
    {
        Thread.Sleep(1);
        sameBits &= NumExpr.Evaluate("exp(-x) * 3 + x", new { x = large }).ToArray<double>().SequenceEqual(firstLarge);
    }

    Check(engines[0] == "interpreter" && engines[^1] == "fused" && sameBits, $"the first large evaluation ran on the interpreter while its loop compiled, then the fused loop ran ({engines.Count} evaluations, engines {string.Join(",", engines.Distinct())}), with the same bits");
}

const int N = 100_003;
double[] a = [.. Enumerable.Range(0, N).Select(i => (i % 1000) / 1000.0)];

// A run-time expression: sin² + cos² of every element is 1 within a few ulps.
var identity = NumExpr.Evaluate("sin(a)**2 + cos(a)**2", new { a }).ToArray<double>();
double ulpOfOne = Math.BitIncrement(1.0) - 1.0;
Check(identity.Length == N && identity.All(v => Math.Abs(v - 1) <= 4 * ulpOfOne), "NumExpr.Evaluate(\"sin(a)**2 + cos(a)**2\") is 1 within 4 ulps for every element");

// An expression compiled at build time by the package's generator.
var generated = new double[N];
Kernels.Scaled(a, 3.0, generated);
Check(generated.Select((v, i) => v == (a[i] * 3.0) + 1).All(same => same), "[GeneratedExpression(\"a * factor + 1\")] computes every element exactly");

// [Vectorize]: the element-wise version and a range sum against the scalar method.
long[] k = [.. Enumerable.Range(1, N).Select(i => (long)i)];
var steps = new long[N];
Kernels.CollatzSteps(k, steps);
Check(steps.Select((v, i) => v == Kernels.CollatzSteps(k[i])).All(same => same), "[Vectorize] CollatzSteps over a span equals the scalar method for every element");
long serial = 0;
for (long i = 1; i <= N; i++)
{
    serial += Kernels.CollatzSteps(i);
}

Check(Kernels.CollatzStepsSum(1L, (long)N) == serial, $"[Vectorize] CollatzStepsSum(1, {N}) equals the serial sum {serial}");

// The generated range reductions register themselves by full name (what a cluster's workers look up).
var registered = RangeReductions.Get("Kernels.CollatzStepsSum");
Check((long)registered.Combine([registered.Partials(1, N)]) == serial, "RangeReductions.Get(\"Kernels.CollatzStepsSum\"): its partials combine to the same sum");

// The arrays API: an NDArray input and a reduction.
var view = NDArray.Wrap(a);
Check(Math.Abs(NumExpr.Evaluate("sum(a)", new { a = view }).ToArray<double>()[0] - a.Sum()) <= 1e-9 * a.Sum(), "sum(a) matches LINQ's sum");

// The public API a user touches: a strided view, a dictionary of variables, errors with their place, progress.
var everyOther = NDArray.Strided(a, new Shape((N + 1) / 2), [2]);
double everyOtherSum = Enumerable.Range(0, (N + 1) / 2).Sum(i => a[2 * i]);
Check(Math.Abs(NumExpr.Evaluate("sum(s)", new Dictionary<string, object?> { ["s"] = everyOther }).Item<double>() - everyOtherSum) <= 1e-9 * everyOtherSum, "sum over a strided view (NDArray.Strided, Shape) with dictionary variables");
try
{
    // Built at run time: the package's analyzer rejects a malformed literal expression at compile time (SLS0001).
    string broken = string.Concat("a ", "+");
    NumExpr.Evaluate(broken, new { a });
    Check(false, "a syntax error is reported");
}
catch (ExpressionSyntaxException error)
{
    Check(error.Position == 3, $"a syntax error names its position ({error.Position}): {error.Message}");
}

var reports = new List<EvaluationProgress>();
NumExpr.Evaluate("sin(a) * 2", new { a }, progress: new Recorder(reports));
Check(reports.Count > 0 && reports[^1].Done == N && reports[^1].Total == N, $"progress reported up to {N} elements ({reports.Count} reports)");

// Under NativeAOT nothing is compiled at run time, and a trimmed app has the run-time compiler switched off by the
// package's build targets: the block interpreter evaluates, and says so.
bool trimmed = AppContext.TryGetSwitch("SlowSeries.FusedKernel.IsSupported", out bool fusedOn) && !fusedOn;
string plan = NumExpr.Explain("sin(a)**2 + cos(a)**2", new { a });
Check(
    (aot || trimmed) == plan.Contains("engine: block interpreter", StringComparison.Ordinal),
    aot ? "NativeAOT: the block interpreter runs (Explain says so)" : trimmed ? "trimmed: the block interpreter runs (Explain says so)" : "JIT: the fused loop runs (Explain says so)");

// On linux-x64 the package's ReadyToRun image (runtimes/linux-x64/lib) is the one loaded under the JIT: precompiled code
// for a fresh process's first evaluation. A trimmed app's assembly is rewritten as IL; NativeAOT has no file to read.
if (!aot)
{
    bool readyToRun = HasReadyToRunCode(typeof(NumExpr).Assembly);
    bool expected = !trimmed && System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier == "linux-x64";
    Check(readyToRun == expected, $"{System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}: the loaded SlowSeries.Runtime {(readyToRun ? "carries" : "has no")} ReadyToRun code, as the package intends");
}

if (args.Contains("--time"))
{
    // The course's kernels as a user writes them, timed (median of 5) under this runtime: JIT or NativeAOT.
    double Median(Func<double> run)
    {
        var times = new List<double>();
        for (int r = 0; r < 5; r++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[2];
    }

    double[] big = [.. Enumerable.Range(0, 10_000_000).Select(i => i * 1e-7)];
    var output = new double[big.Length];
    Console.WriteLine($"{(aot ? "NativeAOT" : "JIT")}, {Environment.ProcessorCount} cores, {(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? 512 : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? 256 : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? 128 : 0)}-bit vectors:");
    Console.WriteLine($"  slow series, [Vectorize], n = 1e8: {Median(() => Kernels.SlowTermSum(1L, 100_000_000L)):F1} ms");
    Console.WriteLine($"  sin²+cos², NumExpr.Evaluate, 1e7: {Median(() => NumExpr.Evaluate("sin(twoPi*a)**2 + cos(twoPi*a)**2", new { a = big, twoPi = 2 * Math.PI }, output).Size):F1} ms");
    Console.WriteLine($"  Collatz steps sum, [Vectorize], 1..1e6: {Median(() => Kernels.CollatzStepsSum(1L, 1_000_000L)):F1} ms");
}

Console.WriteLine(failures.Count == 0 ? "package consumer: all checks passed" : $"package consumer: {failures.Count} check(s) failed");
return failures.Count == 0 ? 0 : 1;

/// <summary>Whether an assembly's file carries precompiled (ReadyToRun) code besides its IL.</summary>
[System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "Called only where code is compiled at run time (not NativeAOT), where an assembly has a file.")]
static bool HasReadyToRunCode(System.Reflection.Assembly assembly)
{
    using var image = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly.Location));
    return image.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
}

/// <summary>Kernels a user writes, compiled by the generator inside the SlowSeries package.</summary>
public static partial class Kernels
{
    /// <summary>Collatz steps from n down to 1.</summary>
    [Vectorize]
    public static long CollatzSteps(long n)
    {
        long count = 0;
        while (n > 1)
        {
            n = n % 2 == 0 ? n / 2 : (3 * n) + 1;
            count++;
        }

        return count;
    }

    /// <summary>The course's slow series: 1/k for the k without the digit 9, else 0.</summary>
    [Vectorize]
    public static double SlowTerm(long k)
    {
        long rest = k;
        while (rest > 0)
        {
            if (rest % 10 == 9)
            {
                return 0.0;
            }

            rest /= 10;
        }

        return 1.0 / k;
    }

    /// <summary>a · factor + 1, element by element.</summary>
    [GeneratedExpression("a * factor + 1")]
    public static partial void Scaled(ReadOnlySpan<double> a, double factor, Span<double> result);
}

/// <summary>Keeps every progress report, on whichever thread sends it.</summary>
internal sealed class Recorder(List<EvaluationProgress> reports) : IProgress<EvaluationProgress>
{
    public void Report(EvaluationProgress value)
    {
        lock (reports)
        {
            reports.Add(value);
        }
    }
}
