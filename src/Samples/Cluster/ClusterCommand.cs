using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SlowSeries.Distributed;
using SlowSeries.Samples.Course;

namespace SlowSeries.Samples.Cluster;

/// <summary>
/// <c>cluster --silos N run slow-series|trig-series --n …</c>: the course's series on an Orleans cluster of N silo
/// processes on loopback (this program, started with <c>cluster silo</c>), printed as <c>run</c> prints, plus the pieces
/// per silo and the retries. <c>--kill-silo-after S</c> kills one silo S seconds in: the result stays the same.
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
        var basePort = new Option<int>("--base-port") { Description = "First loopback port (two per silo).", DefaultValueFactory = _ => 11111 };
        var redis = new Option<string?>("--redis") { Description = "Redis membership (host:port) instead of localhost clustering: silos on other hosts can join.", Recursive = true };
        var clusterId = new Option<string?>("--cluster-id") { Description = $"The cluster's name in the Redis membership (default '{ClusterMembership.DefaultClusterId}'; the silos this command starts get a name of their own unless given one).", Recursive = true };
        var command = new Command("cluster", "Run the course's series on an Orleans cluster of silo processes.") { silos, killAfter, basePort, redis, clusterId };

        var port = new Option<int>("--port") { Description = "This silo's port (its gateway is the next one).", Required = true };
        var primary = new Option<int?>("--primary") { Description = "Localhost clustering: the primary silo's port (default: this silo is the primary)." };
        var address = new Option<string?>("--address") { Description = "The address other hosts reach this silo at (default 127.0.0.1: this machine only)." };
        var withParent = new Option<bool>("--exit-with-stdin") { Description = "Stop when standard input closes (how the cluster command's silos end with it, even if it is killed)." };
        var silo = new Command("silo", "Start one silo in the foreground (until stopped).") { port, primary, address, withParent };
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
            using var host = SiloHost.Build(membership, siloPort, siloPort + 1, advertised);
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
        var run = new Command("run", "Run a series on the cluster.") { workloadName, size, json };
        run.SetAction(result =>
        {
            string name = result.GetValue(workloadName)!;
            if (!Reductions.TryGetValue(name, out string? reduction))
            {
                error.WriteLine($"error: the cluster runs {string.Join(" and ", Reductions.Keys)}, not '{name}'");
                return SamplesCli.UsageError;
            }

            int count = result.GetValue(silos);
            string? server = result.GetValue(redis);
            if (count < (server is null ? 1 : 0))
            {
                error.WriteLine(server is null ? "error: --silos must be at least 1 (0 only joins the silos of a --redis membership)" : "error: --silos cannot be negative");
                return SamplesCli.UsageError;
            }

            // The silos this run starts get a cluster of their own in a shared Redis (entries of earlier runs' dead silos
            // stay out of it), unless the user names one to join.
            var membership = server is null
                ? ClusterMembership.Localhost(result.GetValue(basePort), [.. Enumerable.Range(0, count).Select(i => SiloHost.GatewayPort(result.GetValue(basePort), i))])
                : ClusterMembership.UseRedis(server, result.GetValue(clusterId) ?? (count == 0 ? ClusterMembership.DefaultClusterId : $"{ClusterMembership.DefaultClusterId}-{Environment.ProcessId}-{Environment.TickCount64}"));
            long n = result.GetValue(size) ?? WorkloadRegistry.Find(name)!.DefaultN;
            return RunOnCluster(output, error, name, reduction, n, count, membership, result.GetValue(killAfter), result.GetValue(basePort), result.GetValue(json));
        });
        command.Subcommands.Add(run);
        return command;
    }

    private static int RunOnCluster(TextWriter output, TextWriter error, string workload, string reduction, long n, int count, ClusterMembership membership, double? killAfter, int basePort, bool asJson)
    {
        var processes = new List<Process>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                processes.Add(StartSilo(SiloHost.SiloPort(basePort, i), membership));
            }

            using var client = Host.CreateDefaultBuilder()
                .UseOrleansClient(orleans => membership.ConfigureClient(orleans))
                .ConfigureLogging(logging => logging.ClearProviders())
                .Build();
            client.Start();

            // The silos in the membership now: the ones started here, or (--silos 0) the ones already running elsewhere.
            int active = client.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).GetAwaiter().GetResult().Count;
            var coordinator = new ClusterReduction(client.Services.GetRequiredService<IGrainFactory>()) { PieceTimeout = TimeSpan.FromSeconds(5) };

            // The single-process result the cluster must reproduce bit for bit (the 'vectorize' variant of 'run').
            double reference = (double)RangeReductions.Get(reduction).Combine([RangeReductions.Get(reduction).Partials(1, n)]);
            using var killer = killAfter is { } seconds && count > 1
                ? new Timer(_ => KillQuietly(processes[^1]), null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan)
                : null;
            var run = coordinator.ReduceRange(reduction, 1, n).GetAwaiter().GetResult();
            double value = (double)run.Result;
            string perSilo = string.Join(", ", run.PiecesBySilo.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key.Split(':')[1]}: {kv.Value}"));
            var measurement = new Measurement(workload, "cluster", active, n, run.Seconds, value, reference, 0, $"{active} silos; {run.Pieces} pieces ({perSilo}); {run.Retries} retried");
            if (asJson)
            {
                output.WriteLine(JsonSerializer.Serialize(new[]
                {
                    new
                    {
                        workload, variant = "cluster", threads = active, n, medianSeconds = run.Seconds, result = value, reference, matches = BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(reference),
                        note = measurement.Note, silos = active, pieces = run.Pieces, retries = run.Retries, piecesBySilo = run.PiecesBySilo,
                    },
                }));
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{workload} on {active} silos: n = {n:N0}, result {value:R} ({(value == reference ? "the single-process bits" : $"MISMATCH: one process gives {reference:R}")}), {run.Seconds:F3} s"));
                output.WriteLine($"  {measurement.Note}");
            }

            client.StopAsync().GetAwaiter().GetResult();
            return BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(reference) ? 0 : CourseCommands.Mismatch;
        }
        catch (Exception failure) when (failure is KeyNotFoundException or InvalidOperationException or TimeoutException)
        {
            error.WriteLine("error: " + failure.Message);
            return SamplesCli.UsageError;
        }
        catch (OrleansException failure)
        {
            // A piece failed on every attempt (e.g. every silo gone): one line, not a stack trace.
            error.WriteLine($"error: the cluster could not finish: {failure.Message}");
            return CourseCommands.Mismatch;
        }
        finally
        {
            foreach (var process in processes)
            {
                KillQuietly(process);
                process.Dispose();
            }
        }
    }

    /// <summary>Starts this program as a silo and waits until it says it is ready.</summary>
    private static Process StartSilo(int port, ClusterMembership membership)
    {
        string self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ClusterCommand).Assembly.Location);
        }

        string[] joining = membership.Redis is { } server
            ? ["--redis", server, "--cluster-id", membership.ClusterId]
            : ["--primary", membership.PrimarySiloPort.ToString(CultureInfo.InvariantCulture)];
        foreach (string argument in (string[])["cluster", "silo", "--port", port.ToString(CultureInfo.InvariantCulture), .. joining, "--exit-with-stdin"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(60)) || ready.Result is not { } line || !line.StartsWith("silo ready", StringComparison.Ordinal))
        {
            KillQuietly(process);
            throw new TimeoutException($"the silo on port {port} did not start: {process.StandardError.ReadToEnd()}");
        }

        return process;
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
