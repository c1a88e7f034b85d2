using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace SlowSeries.Distributed;

/// <summary>
/// How silos and clients of a SlowSeries cluster find each other: Orleans' localhost clustering (silo processes on one
/// machine's loopback ports, the first silo's endpoint being the membership's primary) or a Redis membership table
/// (silos on any hosts that reach one Redis server). Silos and clients configure themselves from the same value with
/// <see cref="ConfigureSilo"/> and <see cref="ConfigureClient"/>.
/// </summary>
public sealed record ClusterMembership
{
    private ClusterMembership(string clusterId, string? redis, int primarySiloPort, IReadOnlyList<int> gatewayPorts)
    {
        ClusterId = clusterId;
        Redis = redis;
        PrimarySiloPort = primarySiloPort;
        GatewayPorts = gatewayPorts;
    }

    /// <summary>The cluster's name: silos and clients with the same membership table but another name ignore each other.</summary>
    public string ClusterId { get; }

    /// <summary>The Redis server holding the membership table (StackExchange.Redis syntax, e.g. <c>host:6379</c>), or null.</summary>
    public string? Redis { get; }

    /// <summary>With localhost clustering: the primary silo's port on 127.0.0.1.</summary>
    public int PrimarySiloPort { get; }

    /// <summary>With localhost clustering: the gateway ports a client may connect to.</summary>
    public IReadOnlyList<int> GatewayPorts { get; }

    /// <summary>
    /// The default name; a membership table may hold several clusters. Without Redis the name is Orleans' localhost
    /// default, which every silo and client on loopback shares.
    /// </summary>
    public const string DefaultClusterId = "slowseries";

    /// <summary>
    /// Silos on this machine's loopback: the primary at <paramref name="primarySiloPort"/>, clients through
    /// <paramref name="gatewayPorts"/>. That list is fixed: a silo that stops answering without closing its connections
    /// keeps receiving a share of the client's calls (each then times out), so give the primary's gateway alone where
    /// silos may hang — the primary holds the membership, so the cluster depends on it anyway.
    /// </summary>
    public static ClusterMembership Localhost(int primarySiloPort, IReadOnlyList<int> gatewayPorts) =>
        new("dev", null, primarySiloPort, gatewayPorts);

    /// <summary>Silos on any hosts, registered in the Redis server at <paramref name="redis"/> (<c>host:port</c>).</summary>
    /// <exception cref="ArgumentException">The connection text is empty.</exception>
    public static ClusterMembership UseRedis(string redis, string clusterId = DefaultClusterId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(redis);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        return new(clusterId, redis, 0, []);
    }

    /// <summary>
    /// Makes <paramref name="silo"/> a member listening on <paramref name="siloPort"/> (silo to silo) and
    /// <paramref name="gatewayPort"/> (clients), announcing <paramref name="advertisedAddress"/> to the others (127.0.0.1
    /// by default, which only silos on this machine can reach: give the host's address on a real cluster), computing at most
    /// <paramref name="cores"/> pieces at once (0: one per core of the machine; silos sharing a machine split its cores).
    /// </summary>
    public ISiloBuilder ConfigureSilo(ISiloBuilder silo, int siloPort, int gatewayPort, IPAddress? advertisedAddress = null, int cores = 0)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton(new SiloCores(cores));
        if (Redis is null)
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, PrimarySiloPort));
        }
        else
        {
            silo.UseRedisClustering(Redis)
                .Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = ClusterId;
                    options.ServiceId = ClusterId;
                })
                .ConfigureEndpoints(advertisedAddress ?? IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: advertisedAddress is not null && !IPAddress.IsLoopback(advertisedAddress));
        }

        // A silo that misses two two-second probes is declared dead by one vote (Orleans' defaults take about 15 s,
        // during which pieces are still placed on it and have to be retried).
        return silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = TimeSpan.FromSeconds(2);
            membership.NumMissedProbesLimit = 2;
            membership.NumVotesForDeathDeclaration = 1;
        });
    }

    /// <summary>Makes <paramref name="client"/> connect to this membership's silos.</summary>
    public IClientBuilder ConfigureClient(IClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (Redis is null)
        {
            return client.UseLocalhostClustering([.. GatewayPorts]);
        }

        // The gateways are read from the membership table: every two seconds rather than every minute, so that a silo
        // declared dead (one that stopped answering keeps its connections open) stops receiving this client's calls.
        return client.UseRedisClustering(Redis)
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = ClusterId;
                options.ServiceId = ClusterId;
            })
            .Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
    }

    /// <inheritdoc/>
    public override string ToString() => Redis is null
        ? string.Create(CultureInfo.InvariantCulture, $"localhost clustering (primary 127.0.0.1:{PrimarySiloPort})")
        : $"Redis membership at {Redis} (cluster '{ClusterId}')";
}
