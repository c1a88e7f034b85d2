using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SlowSeries.Arrays;
using SlowSeries.Distributed;
using SlowSeries.Samples.Course;

namespace SlowSeries.Samples.Cluster;

/// <summary>
/// <c>cluster --silos N run slow-series|trig-series --n …</c>: the course's series on an Orleans cluster of N silo
/// processes on this machine (this program, started with <c>cluster silo</c>), printed as <c>run</c> prints, plus the
/// pieces per silo and the retries; <c>cluster … eval "expr" --var a=a.npy [--out r.npy]</c>: an expression over .npy
/// files, printed as <c>eval</c> prints. <c>--kill-silo-after S</c> kills one silo S seconds in: the result stays the
/// same. <c>--redis host:port</c> finds the silos through Redis (other hosts' too); <c>cluster silo</c> starts one.
/// </summary>
public static class ClusterCommand
{
    /// <summary>The workloads that run on the cluster and the registered reductions behind them.</summary>
    private static readonly Dictionary<string, string> Reductions = new(StringComparer.Ordinal)
    {
        ["slow-series"] = "SlowSeries.Samples.Workloads.SeriesKernels.CombinedSum",
        ["trig-series"] = "SlowSeries.Samples.Workloads.SeriesKernels.TrigonometricTermSum",
    };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var silos = new Option<int>("--silos") { Description = "Silo processes to start on this machine (0: use the silos already in the --redis membership).", DefaultValueFactory = _ => 3 };
        var killAfter = new Option<double?>("--kill-silo-after") { Description = "Kill one silo process this many seconds into the run (the result must not change)." };
        var freezeAfter = new Option<double?>("--freeze-silo-after") { Description = "Stop (SIGSTOP) one silo process this many seconds into the run: it stays up but answers nothing (the result must not change)." };
        var basePort = new Option<int>("--base-port") { Description = "First loopback port (two per silo).", DefaultValueFactory = _ => 11111 };
        var redis = new Option<string?>("--redis") { Description = "Redis membership (host:port) instead of localhost clustering: silos on other hosts can join.", Recursive = true };
        var clusterId = new Option<string?>("--cluster-id") { Description = $"The cluster's name in the Redis membership (default '{ClusterMembership.DefaultClusterId}'; the silos this command starts get a name of their own unless given one).", Recursive = true };
        var command = new Command("cluster", "Run the course's series on an Orleans cluster of silo processes.") { silos, killAfter, freezeAfter, basePort, redis, clusterId };

        var port = new Option<int>("--port") { Description = "This silo's port (its gateway is the next one).", Required = true };
        var primary = new Option<int?>("--primary") { Description = "Localhost clustering: the primary silo's port (default: this silo is the primary)." };
        var address = new Option<string?>("--address") { Description = "The address other hosts reach this silo at (default 127.0.0.1: this machine only)." };
        var withParent = new Option<bool>("--exit-with-stdin") { Description = "Stop when standard input closes (how the cluster command's silos end with it, even if it is killed)." };
        var cores = new Option<int>("--cores") { Description = "Pieces this silo computes at once, one per core (default: every core; silos sharing a machine split them)." };
        var silo = new Command("silo", "Start one silo in the foreground (until stopped).") { port, primary, address, cores, withParent };
        silo.SetAction(result =>
        {
            int siloPort = result.GetValue(port);
            IPAddress? advertised = null;
            if (result.GetValue(address) is { } text && !IPAddress.TryParse(text, out advertised))
            {
                error.WriteLine($"error: --address '{text}' is not an IP address");
                return SamplesCli.UsageError;
            }

            var membership = result.GetValue(redis) is { } server
                ? ClusterMembership.UseRedis(server, result.GetValue(clusterId) ?? ClusterMembership.DefaultClusterId)
                : ClusterMembership.Localhost(result.GetValue(primary) ?? siloPort, []);
            // A silo computes as many pieces at once as it has cores, each on one thread: no piece's parallel loop then
            // competes with the others for the cores.
            NumExpr.SetNumThreads(1);
            using var host = SiloHost.Build(membership, siloPort, siloPort + 1, advertised, result.GetValue(cores));
            try
            {
                host.Start();
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                error.WriteLine($"error: the silo could not join {membership}: {failure.GetBaseException().Message}");
                return SamplesCli.UsageError;
            }

            output.WriteLine($"silo ready on {advertised ?? IPAddress.Loopback}:{siloPort} ({membership})");
            output.Flush();
            if (result.GetValue(withParent))
            {
                var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
                _ = Task.Run(() =>
                {
                    while (Console.In.ReadLine() is not null)
                    {
                    }

                    lifetime.StopApplication();
                });
            }

            host.WaitForShutdown();
            return 0;
        });
        command.Subcommands.Add(silo);

        var workloadName = new Argument<string>("workload") { Description = "slow-series or trig-series." };
        var size = new Option<long?>("--n") { Description = "Terms of the series." };
        var json = new Option<bool>("--json") { Description = "Print the measurements as JSON, as 'run --json' does." };
        var chunks = new Option<int>("--chunks-per-piece") { Description = "Chunks of 16,384 terms per piece sent to a silo (the dispatch overhead is per piece).", DefaultValueFactory = _ => 1024 };
        var inFlight = new Option<int?>("--pieces-in-flight") { Description = "Pieces computing at once across the cluster (default: two per silo; each piece uses every core of its silo)." };
        var repeat = new Option<int>("--repeat") { Description = "Runs on the same cluster (the median is reported; the first pays the new processes' JIT, as 'run' excludes by its median).", DefaultValueFactory = _ => 1 };
        var run = new Command("run", "Run a series on the cluster.") { workloadName, size, json, chunks, inFlight, repeat };
        run.SetAction(result =>
        {
            string name = result.GetValue(workloadName)!;
            if (!Reductions.TryGetValue(name, out string? reduction))
            {
                error.WriteLine($"error: the cluster runs {string.Join(" and ", Reductions.Keys)}, not '{name}'");
                return SamplesCli.UsageError;
            }

            if (Membership(result, silos, redis, clusterId, basePort, error) is not { } membership)
            {
                return SamplesCli.UsageError;
            }

            long n = result.GetValue(size) ?? WorkloadRegistry.Find(name)!.DefaultN;
            return OnCluster(error, result.GetValue(silos), membership, result.GetValue(basePort), cluster =>
            {
                var progress = PieceBar.For(output, result.GetValue(json));
                var coordinator = new ClusterReduction(cluster.Grains) { PieceProgress = progress, PieceTimeout = TimeSpan.FromSeconds(5), ChunksPerPiece = Math.Max(1, result.GetValue(chunks)), Concurrency = Math.Max(1, result.GetValue(inFlight) ?? (2 * cluster.ActiveSilos)) };

                // The single-process result the cluster must reproduce bit for bit (the 'vectorize' variant of 'run').
                double reference = (double)RangeReductions.Get(reduction).Combine([RangeReductions.Get(reduction).Partials(1, n)]);
                using var killer = cluster.KillOneAfter(result.GetValue(killAfter));
                using var freezer = cluster.FreezeOneAfter(result.GetValue(freezeAfter));
                var runs = Enumerable.Range(0, Math.Max(1, result.GetValue(repeat)))
                    .Select(_ => PieceBar.Show(output, progress, $"{name} on {cluster.ActiveSilos} silos", () => coordinator.ReduceRange(reduction, 1, n).GetAwaiter().GetResult()))
                    .ToList();
                var run = runs[^1];
                double value = (double)run.Result;
                bool same = runs.All(r => BitConverter.DoubleToInt64Bits((double)r.Result) == BitConverter.DoubleToInt64Bits(reference));
                double median = runs.Select(r => r.Seconds).Order().ElementAt(runs.Count / 2);
                string note = Note(cluster, run) + (runs.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"; {runs.Count} runs: {string.Join(", ", runs.Select(r => r.Seconds.ToString("F3", CultureInfo.InvariantCulture)))} s, {runs.Sum(r => r.Retries)} retried in all") : string.Empty);
                if (result.GetValue(json))
                {
                    output.WriteLine(JsonSerializer.Serialize(new[]
                    {
                        new
                        {
                            workload = name, variant = "cluster", threads = cluster.ActiveSilos, n, medianSeconds = median, result = value, reference, matches = same,
                            note, silos = cluster.ActiveSilos, pieces = run.Pieces, retries = runs.Sum(r => r.Retries), piecesBySilo = run.PiecesBySilo,
                        },
                    }));
                }
                else
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} on {cluster.ActiveSilos} silos: n = {n:N0}, result {value:R} ({(same ? "the single-process bits" : $"MISMATCH: one process gives {reference:R}")}), {median:F3} s{(runs.Count > 1 ? " (median)" : string.Empty)}"));
                    output.WriteLine($"  {note}");
                }

                return same ? 0 : CourseCommands.Mismatch;
            });
        });
        command.Subcommands.Add(run);

        var expression = new Argument<string>("expression") { Description = "A NumExpr expression: element-wise, or sum/prod/min/max of a whole operand." };
        var variables = new Option<string[]>("--var", "-v") { Description = "name=file.npy (every silo reads it at that path) or name=literal (repeatable)." };
        var outputPath = new Option<string?>("--out", "-o") { Description = "The .npy file an element-wise result is written to, by slices, from the silos." };
        var eval = new Command("eval", "Evaluate an expression over .npy files on the cluster (eval's output).") { expression, variables, outputPath };
        eval.SetAction(result =>
        {
            if (Membership(result, silos, redis, clusterId, basePort, error) is not { } membership)
            {
                return SamplesCli.UsageError;
            }

            string text = result.GetValue(expression)!;
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            var literals = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string assignment in result.GetValue(variables) ?? [])
            {
                int equals = assignment.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    error.WriteLine($"error: --var '{assignment}' is not name=value");
                    return SamplesCli.UsageError;
                }

                string value = assignment[(equals + 1)..].Trim();
                (value.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? files : literals)[assignment[..equals].Trim()] = value;
            }

            return OnCluster(error, result.GetValue(silos), membership, result.GetValue(basePort), cluster =>
            {
                string? requested = result.GetValue(outputPath);
                string target = requested ?? Path.Combine(Path.GetTempPath(), $"slowseries-cluster-{Guid.NewGuid():N}.npy");
                try
                {
                    using var killer = cluster.KillOneAfter(result.GetValue(killAfter));
                    using var freezer = cluster.FreezeOneAfter(result.GetValue(freezeAfter));
                    var progress = PieceBar.For(output, quiet: false);
                    var run = PieceBar.Show(output, progress, $"{text} on {cluster.ActiveSilos} silos", () => new ClusterExpression(cluster.Grains) { PieceProgress = progress, PieceTimeout = TimeSpan.FromSeconds(5) }
                        .Evaluate(text, files, literals, target).GetAwaiter().GetResult());
                    if (run.Result is Scalar value)
                    {
                        output.WriteLine(EvalCommand.Summarize(text, NDArray.FromScalar(value)));
                    }
                    else
                    {
                        output.WriteLine(EvalCommand.Summarize(text, NpyFile.Read(target)));
                        if (requested is not null)
                        {
                            output.WriteLine($"  written to {requested}");
                        }
                    }

                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Note(cluster, run)}; {run.Seconds:F3} s"));
                    return 0;
                }
                finally
                {
                    if (requested is null)
                    {
                        File.Delete(target);
                    }
                }
            });
        });
        command.Subcommands.Add(eval);
        return command;
    }

    /// <summary>How the silos were found, from the shared options; null (and a line on stderr) when they do not fit.</summary>
    private static ClusterMembership? Membership(ParseResult result, Option<int> silos, Option<string?> redis, Option<string?> clusterId, Option<int> basePort, TextWriter error)
    {
        int count = result.GetValue(silos);
        string? server = result.GetValue(redis);
        if (count < (server is null ? 1 : 0))
        {
            error.WriteLine(server is null ? "error: --silos must be at least 1 (0 only joins the silos of a --redis membership)" : "error: --silos cannot be negative");
            return null;
        }

        // On loopback the client calls through the primary silo's gateway only: the cluster cannot outlive the primary
        // (it holds the membership), and a fixed list of gateways would keep sending calls to a silo that hangs.
        // The silos this run starts get a cluster of their own in a shared Redis (entries of earlier runs' dead silos stay
        // out of it), unless the user names one to join.
        int port = result.GetValue(basePort);
        return server is null
            ? ClusterMembership.Localhost(port, [SiloHost.GatewayPort(port, 0)])
            : ClusterMembership.UseRedis(server, result.GetValue(clusterId) ?? (count == 0 ? ClusterMembership.DefaultClusterId : $"{ClusterMembership.DefaultClusterId}-{Environment.ProcessId}-{Environment.TickCount64}"));
    }

    /// <summary>Silos per piece and retries, as both commands print them.</summary>
    private static string Note(LocalCluster cluster, ClusterResult run)
    {
        string perSilo = string.Join(", ", run.PiecesBySilo.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key.Split(':')[1]}: {kv.Value}"));
        return string.Create(CultureInfo.InvariantCulture, $"{cluster.ActiveSilos} silos; {run.Pieces} pieces ({perSilo}); {run.Retries} retried; {run.ComputeSeconds / Math.Max(1, run.Pieces) * 1e3:F1} ms of computing per piece");
    }

    /// <summary>Starts the cluster, runs <paramref name="work"/> on it, and turns the failures users cause into one line.</summary>
    private static int OnCluster(TextWriter error, int count, ClusterMembership membership, int basePort, Func<LocalCluster, int> work)
    {
        try
        {
            using var cluster = LocalCluster.Start(count, membership, basePort);
            return work(cluster);
        }
        catch (Exception failure) when (failure is ExpressionException or ArgumentException or IOException or InvalidDataException or KeyNotFoundException or InvalidOperationException or TimeoutException or UnauthorizedAccessException)
        {
            error.WriteLine("error: " + failure.Message.ReplaceLineEndings(" "));
            return SamplesCli.UsageError;
        }
        catch (OrleansException failure)
        {
            // A piece failed on every attempt (e.g. every silo gone): one line, not a stack trace.
            error.WriteLine($"error: the cluster could not finish: {failure.Message.ReplaceLineEndings(" ")}");
            return CourseCommands.Mismatch;
        }
    }
}
