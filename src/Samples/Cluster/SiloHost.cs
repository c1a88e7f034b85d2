using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace SlowSeries.Samples.Cluster;

/// <summary>
/// One Orleans silo of the samples' cluster, in this process: Orleans' localhost clustering on loopback ports (the
/// first silo's endpoint is the membership's primary). It runs the samples' assembly, so the course's generated range
/// reductions are registered here under the same names as in the coordinator.
/// </summary>
public static class SiloHost
{
    /// <summary>The silo-to-silo port of silo <paramref name="index"/> (0-based) of a cluster based at <paramref name="basePort"/>.</summary>
    public static int SiloPort(int basePort, int index) => basePort + (2 * index);

    /// <summary>The client gateway port of silo <paramref name="index"/>.</summary>
    public static int GatewayPort(int basePort, int index) => basePort + (2 * index) + 1;

    /// <summary>Builds the silo's host (not started).</summary>
    public static IHost Build(int siloPort, int gatewayPort, int primarySiloPort) =>
        Host.CreateDefaultBuilder()
            .UseOrleans(silo => silo
                .UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primarySiloPort))
                // On one machine a silo that misses two two-second probes is dead (Orleans' defaults take about 15 s, during
                // which pieces are still placed on it and have to be retried).
                .Configure<ClusterMembershipOptions>(membership =>
                {
                    membership.ProbeTimeout = TimeSpan.FromSeconds(2);
                    membership.NumMissedProbesLimit = 2;
                    membership.NumVotesForDeathDeclaration = 1;
                }))
            .ConfigureLogging(logging => logging.ClearProviders())
            .Build();
}
