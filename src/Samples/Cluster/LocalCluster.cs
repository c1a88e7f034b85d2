using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SlowSeries.Distributed;

namespace SlowSeries.Samples.Cluster;

/// <summary>
/// The cluster a <c>cluster run</c> or <c>cluster eval</c> uses: the silo processes it starts on this machine (this
/// program, <c>cluster silo</c>; none with <c>--silos 0</c>, which joins running silos through Redis) and a client
/// connected to them. Disposing it stops the client and kills the processes it started.
/// </summary>
internal sealed class LocalCluster : IDisposable
{
    private readonly List<Process> processes;
    private readonly IHost client;

    private LocalCluster(List<Process> processes, IHost client)
    {
        this.processes = processes;
        this.client = client;
        Grains = client.Services.GetRequiredService<IGrainFactory>();
        ActiveSilos = Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).GetAwaiter().GetResult().Count;
    }

    /// <summary>The cluster's grains, through the client.</summary>
    public IGrainFactory Grains { get; }

    /// <summary>The silos membership listed as active when the client connected (started here or running elsewhere).</summary>
    public int ActiveSilos { get; }

    /// <summary>
    /// Starts <paramref name="count"/> silo processes in <paramref name="membership"/> (ports from
    /// <paramref name="basePort"/>), which split this machine's cores between them, and a client.
    /// </summary>
    /// <exception cref="TimeoutException">A silo did not say it was ready within a minute.</exception>
    public static LocalCluster Start(int count, ClusterMembership membership, int basePort)
    {
        var processes = new List<Process>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                processes.Add(StartSilo(SiloHost.SiloPort(basePort, i), membership, Math.Max(1, Environment.ProcessorCount / count)));
            }

            var client = Host.CreateDefaultBuilder()
                .UseOrleansClient(orleans => membership.ConfigureClient(orleans))
                .ConfigureLogging(logging => logging.ClearProviders())
                .Build();
            client.Start();
            return new LocalCluster(processes, client);
        }
        catch
        {
            processes.ForEach(KillQuietly);
            throw;
        }
    }

    /// <summary>Kills the last silo process started here after <paramref name="seconds"/> (null, or fewer than two silos: never).</summary>
    public IDisposable? KillOneAfter(double? seconds) => seconds is { } delay && processes.Count > 1
        ? new Timer(_ => KillQuietly(processes[^1]), null, TimeSpan.FromSeconds(delay), Timeout.InfiniteTimeSpan)
        : null;

    /// <summary>
    /// Stops (SIGSTOP) the last silo process started here after <paramref name="seconds"/>: alive but silent, as a silo
    /// on a hung host or behind a broken link; its pieces time out and are asked again elsewhere, and membership declares
    /// it dead when it misses its probes. Unix only (the <c>kill</c> command).
    /// </summary>
    public IDisposable? FreezeOneAfter(double? seconds) => seconds is { } delay && processes.Count > 1
        ? new Timer(_ => Signal(processes[^1], "-STOP"), null, TimeSpan.FromSeconds(delay), Timeout.InfiniteTimeSpan)
        : null;

    public void Dispose()
    {
        try
        {
            client.StopAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        }
        catch (OrleansException)
        {
            // The silos may be gone already; the client is being thrown away.
        }

        client.Dispose();
        foreach (var process in processes)
        {
            KillQuietly(process);
            process.Dispose();
        }
    }

    /// <summary>Starts this program as a silo and waits until it says it is ready.</summary>
    private static Process StartSilo(int port, ClusterMembership membership, int cores)
    {
        string self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // A silo is a compute server that lives for many runs: every method compiled fully optimised once, rather than
        // tiered compilation's background recompiles competing with the pieces for the cores (the first 2e9-term run of
        // the slow series on 2 silos: 4.9–5.3 → 3.4 s; later runs the same). Unless the user chose otherwise.
        if (Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") is null)
        {
            start.Environment["DOTNET_TieredCompilation"] = "0";
        }

        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ClusterCommand).Assembly.Location);
        }

        string[] joining = membership.Redis is { } server
            ? ["--redis", server, "--cluster-id", membership.ClusterId]
            : ["--primary", membership.PrimarySiloPort.ToString(CultureInfo.InvariantCulture)];
        foreach (string argument in (string[])["cluster", "silo", "--port", port.ToString(CultureInfo.InvariantCulture), .. joining, "--cores", cores.ToString(CultureInfo.InvariantCulture), "--exit-with-stdin"])
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

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill?.WaitForExit();
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
