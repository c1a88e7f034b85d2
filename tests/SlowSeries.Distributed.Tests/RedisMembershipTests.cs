using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SlowSeries.Samples.Workloads;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace SlowSeries.Distributed.Tests;

/// <summary>
/// Silos and a client that find each other only through a real Redis server's membership table (as on several hosts):
/// the single-process bits, a silo that joins later takes work, a silo stopped mid-run costs retries, not bits.
/// </summary>
public sealed class RedisMembershipTests(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>
{
    private const string Slow = "SlowSeries.Samples.Workloads.SeriesKernels.CombinedSum";

    [Fact]
    public async Task SilosFoundThroughRedisGiveTheSingleProcessBitsAsTheClusterGrowsAndShrinks()
    {
        var membership = ClusterMembership.UseRedis(redis.Connection, "tests-" + Guid.NewGuid().ToString("N"));
        using var first = await StartSilo(membership);
        using var client = Host.CreateDefaultBuilder()
            .UseOrleansClient(orleans => membership.ConfigureClient(orleans))
            .ConfigureLogging(logging => logging.ClearProviders())
            .Build();
        await client.StartAsync();
        var grains = client.Services.GetRequiredService<IGrainFactory>();
        var coordinator = new ClusterReduction(grains) { ChunksPerPiece = 4, PieceTimeout = TimeSpan.FromSeconds(5) };

        // The membership table is in this Redis, under the cluster's name (not in some in-memory stand-in).
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.Connection))
        {
            var keys = connection.GetServer(connection.GetEndPoints()[0]).Keys(pattern: "*" + membership.ClusterId + "*").ToList();
            Assert.NotEmpty(keys);
        }

        const long N = 6_000_000;
        long expected = BitConverter.DoubleToInt64Bits(SeriesKernels.CombinedSum(1, N));
        var alone = await coordinator.ReduceRange(Slow, 1, N);
        Assert.Equal(expected, BitConverter.DoubleToInt64Bits((double)alone.Result));
        Assert.Single(alone.PiecesBySilo);

        using var second = await StartSilo(membership);
        await WaitForActiveSilos(grains, 2);

        // Placement learns of the new silo's grain types a moment after membership lists it: every run gives the same
        // bits, and within seconds the 92 pieces placed at random reach both silos.
        ClusterResult both;
        int runs = 0;
        do
        {
            both = await coordinator.ReduceRange(Slow, 1, N);
            Assert.Equal(expected, BitConverter.DoubleToInt64Bits((double)both.Result));
            runs++;
        }
        while (both.PiecesBySilo.Count < 2 && runs < 40 && await Task.Delay(250).ContinueWith(_ => true));
        output.WriteLine($"the joined silo took work in run {runs}: {string.Join(", ", both.PiecesBySilo.Select(kv => $"{kv.Key} {kv.Value}"))}; hosts {string.Join(", ", (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Select(kv => $"{kv.Key} {kv.Value}"))}");
        Assert.Equal(2, both.PiecesBySilo.Count);

        // The second silo leaves in the middle of a run: its pieces are asked again of the first.
        var running = new ClusterReduction(grains) { ChunksPerPiece = 1, Concurrency = 4, PieceTimeout = TimeSpan.FromSeconds(3) }.ReduceRange(Slow, 1, 4 * N);
        await Task.Delay(200);
        await second.StopAsync(TimeSpan.Zero);
        var shrunk = await running;
        output.WriteLine($"{shrunk.Pieces} pieces, {shrunk.Retries} retried, {shrunk.Seconds:F2} s; {string.Join(", ", shrunk.PiecesBySilo.Select(kv => $"{kv.Key} {kv.Value}"))}");
        Assert.Equal(BitConverter.DoubleToInt64Bits(SeriesKernels.CombinedSum(1, 4 * N)), BitConverter.DoubleToInt64Bits((double)shrunk.Result));
        await client.StopAsync();
    }

    [Fact]
    public void TheClusterCommandStartsSiloProcessesThatMeetInRedis()
    {
        // `cluster --redis`: the silo processes it starts and its client find each other only through this Redis.
        var output = new StringWriter();
        var error = new StringWriter();
        string[] arguments = ["cluster", "--silos", "2", "--redis", redis.Connection, "--base-port", LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture), "run", "trig-series", "--n", "5000000", "--json"];
        int code = SlowSeries.Samples.SamplesCli.Run(arguments, output, error);
        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
        var row = json.RootElement[0];
        Assert.True(row.GetProperty("matches").GetBoolean(), row.ToString());
        Assert.Equal(2, row.GetProperty("silos").GetInt32());
    }

    private static async Task<IHost> StartSilo(ClusterMembership membership)
    {
        int port = LoopbackPorts.Free();
        var host = Host.CreateDefaultBuilder()
            .UseOrleans(silo => membership.ConfigureSilo(silo, port, LoopbackPorts.Free()))
            .ConfigureLogging(logging => logging.ClearProviders())
            .Build();
        await host.StartAsync();
        return host;
    }

    private static async Task WaitForActiveSilos(IGrainFactory grains, int count)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        for (int attempt = 0; attempt < 100 && (await management.GetHosts(onlyActive: true)).Count < count; attempt++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(count, (await management.GetHosts(onlyActive: true)).Count);
    }
}
