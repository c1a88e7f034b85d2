using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
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
        var silos = new Option<int>("--silos") { Description = "Silo processes to start on loopback.", DefaultValueFactory = _ => 3 };
        var killAfter = new Option<double?>("--kill-silo-after") { Description = "Kill one silo process this many seconds into the run (the result must not change)." };
        var basePort = new Option<int>("--base-port") { Description = "First loopback port (two per silo).", DefaultValueFactory = _ => 11111 };
        var command = new Command("cluster", "Run the course's series on an Orleans cluster of silo processes on this machine.") { silos, killAfter, basePort };

        var port = new Option<int>("--port") { Description = "This silo's port (its gateway is the next one).", Required = true };
        var primary = new Option<int>("--primary") { Description = "The primary silo's port (membership).", Required = true };
        var withParent = new Option<bool>("--exit-with-stdin") { Description = "Stop when standard input closes (how the cluster command's silos end with it, even if it is killed)." };
        var silo = new Command("silo", "Start one silo in the foreground (until stopped).") { port, primary, withParent };
        silo.SetAction(result =>
        {
            int siloPort = result.GetValue(port);
            using var host = SiloHost.Build(siloPort, siloPort + 1, result.GetValue(primary));
            host.Start();
            output.WriteLine($"silo ready on 127.0.0.1:{siloPort}");
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
            if (count < 1)
            {
                error.WriteLine("error: --silos must be at least 1");
                return SamplesCli.UsageError;
            }

            long n = result.GetValue(size) ?? WorkloadRegistry.Find(name)!.DefaultN;
            return RunOnCluster(output, error, name, reduction, n, count, result.GetValue(killAfter), result.GetValue(basePort), result.GetValue(json));
        });
        command.Subcommands.Add(run);
        return command;
    }

    private static int RunOnCluster(TextWriter output, TextWriter error, string workload, string reduction, long n, int count, double? killAfter, int basePort, bool asJson)
    {
        var processes = new List<Process>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                processes.Add(StartSilo(SiloHost.SiloPort(basePort, i), basePort));
            }

            using var client = Host.CreateDefaultBuilder()
                .UseOrleansClient(orleans => orleans.UseLocalhostClustering([.. Enumerable.Range(0, count).Select(i => SiloHost.GatewayPort(basePort, i))]))
                .ConfigureLogging(logging => logging.ClearProviders())
                .Build();
            client.Start();
            var coordinator = new ClusterReduction(client.Services.GetRequiredService<IGrainFactory>()) { PieceTimeout = TimeSpan.FromSeconds(5) };

            // The single-process result the cluster must reproduce bit for bit (the 'vectorize' variant of 'run').
            double reference = (double)RangeReductions.Get(reduction).Combine([RangeReductions.Get(reduction).Partials(1, n)]);
            using var killer = killAfter is { } seconds && count > 1
                ? new Timer(_ => KillQuietly(processes[^1]), null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan)
                : null;
            var run = coordinator.ReduceRange(reduction, 1, n).GetAwaiter().GetResult();
            double value = (double)run.Result;
            string perSilo = string.Join(", ", run.PiecesBySilo.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key.Split(':')[1]}: {kv.Value}"));
            var measurement = new Measurement(workload, "cluster", count, n, run.Seconds, value, reference, 0, $"{count} silos; {run.Pieces} pieces ({perSilo}); {run.Retries} retried");
            if (asJson)
            {
                output.WriteLine(JsonSerializer.Serialize(new[]
                {
                    new
                    {
                        workload, variant = "cluster", threads = count, n, medianSeconds = run.Seconds, result = value, reference, matches = BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(reference),
                        note = measurement.Note, silos = count, pieces = run.Pieces, retries = run.Retries, piecesBySilo = run.PiecesBySilo,
                    },
                }));
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{workload} on {count} silos: n = {n:N0}, result {value:R} ({(value == reference ? "the single-process bits" : $"MISMATCH: one process gives {reference:R}")}), {run.Seconds:F3} s"));
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
    private static Process StartSilo(int port, int primaryPort)
    {
        string self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ClusterCommand).Assembly.Location);
        }

        foreach (string argument in new[] { "cluster", "silo", "--port", port.ToString(CultureInfo.InvariantCulture), "--primary", primaryPort.ToString(CultureInfo.InvariantCulture), "--exit-with-stdin" })
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
