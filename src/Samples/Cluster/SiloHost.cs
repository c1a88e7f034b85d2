using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SlowSeries.Distributed;

namespace SlowSeries.Samples.Cluster;

/// <summary>
/// One Orleans silo of the samples' cluster, in this process. It runs the samples' assembly, so the course's generated
/// range reductions are registered here under the same names as in the coordinator.
/// </summary>
public static class SiloHost
{
    /// <summary>The silo-to-silo port of silo <paramref name="index"/> (0-based) of a cluster based at <paramref name="basePort"/>.</summary>
    public static int SiloPort(int basePort, int index) => basePort + (2 * index);

    /// <summary>The client gateway port of silo <paramref name="index"/>.</summary>
    public static int GatewayPort(int basePort, int index) => basePort + (2 * index) + 1;

    /// <summary>Builds the silo's host (not started).</summary>
    public static IHost Build(ClusterMembership membership, int siloPort, int gatewayPort, IPAddress? advertisedAddress, int cores) =>
        Host.CreateDefaultBuilder()
            .UseOrleans(silo => membership.ConfigureSilo(silo, siloPort, gatewayPort, advertisedAddress, cores))
            .ConfigureLogging(logging => logging.ClearProviders())
            .Build();
}
