using System.Text.Json;

namespace SlowSeries.Samples.Tests;

/// <summary>
/// <c>cluster</c>: the course's series on silo processes this program starts on loopback (ports 12111 and up, unused
/// by other tests), the single-process bits in <c>run</c>'s JSON shape; bad input is a usage error.
/// </summary>
public class ClusterCommandTests
{
    [Fact]
    public void TwoSiloProcessesGiveTheSingleProcessBits()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = SamplesCli.Run(["cluster", "--silos", "2", "--base-port", "12111", "run", "trig-series", "--n", "5000000", "--json"], output, error);
        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        using var json = JsonDocument.Parse(output.ToString());
        var row = json.RootElement[0];
        Assert.Equal("trig-series", row.GetProperty("workload").GetString());
        Assert.True(row.GetProperty("matches").GetBoolean(), row.ToString());
        Assert.Equal(row.GetProperty("reference").GetDouble(), row.GetProperty("result").GetDouble());
        Assert.Equal(2, row.GetProperty("silos").GetInt32());
        Assert.Equal(row.GetProperty("pieces").GetInt32(), row.GetProperty("piecesBySilo").EnumerateObject().Sum(silo => silo.Value.GetInt32()));
    }

    [Fact]
    public void OnlyTheSeriesRunOnTheCluster()
    {
        var error = new StringWriter();
        Assert.Equal(SamplesCli.UsageError, SamplesCli.Run(["cluster", "run", "velocity"], new StringWriter(), error));
        Assert.Contains("slow-series and trig-series", error.ToString(), StringComparison.Ordinal);
    }
}
