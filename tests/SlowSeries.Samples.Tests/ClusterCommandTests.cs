using System.Text.Json;
using SlowSeries.Arrays;

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
        var row = RunJson(["cluster", "--silos", "2", "--base-port", "12111", "run", "trig-series", "--n", "5000000", "--repeat", "2", "--json"]);
        Assert.Equal("trig-series", row.GetProperty("workload").GetString());
        Assert.True(row.GetProperty("matches").GetBoolean(), row.ToString());
        Assert.Equal(row.GetProperty("reference").GetDouble(), row.GetProperty("result").GetDouble());
        Assert.Equal(2, row.GetProperty("silos").GetInt32());
        Assert.Equal(row.GetProperty("pieces").GetInt32(), row.GetProperty("piecesBySilo").EnumerateObject().Sum(silo => silo.Value.GetInt32()));
        Assert.Contains("; 2 runs: ", row.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ASiloThatStopsAnsweringCostsTimeoutsAndRetriesNotBits()
    {
        // SIGSTOP one of three silos a second in: its connections stay open and nothing comes back, so its pieces time
        // out (5 s) and are asked again elsewhere until membership declares it dead.
        var row = RunJson(["cluster", "--silos", "3", "--base-port", "12151", "--freeze-silo-after", "1", "run", "slow-series", "--n", "1000000000", "--json"]);
        Assert.True(row.GetProperty("matches").GetBoolean(), row.ToString());
        Assert.True(row.GetProperty("retries").GetInt32() > 0, row.ToString());
    }

    [Fact]
    public void OnlyTheSeriesRunOnTheCluster()
    {
        var error = new StringWriter();
        Assert.Equal(SamplesCli.UsageError, SamplesCli.Run(["cluster", "run", "velocity"], new StringWriter(), error));
        Assert.Contains("slow-series and trig-series", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EvalOnTheClusterPrintsWhatEvalPrintsAndWritesTheSameFile()
    {
        string directory = Directory.CreateTempSubdirectory("slowseries-cluster-eval-").FullName;
        try
        {
            string a = Path.Combine(directory, "a.npy"), b = Path.Combine(directory, "b.npy");
            NpyFile.Write(a, NDArray.Wrap(Enumerable.Range(0, 100_000).Select(t => (t % 1000 / 1000.0) + 0.1).ToArray(), 100, 1000));
            NpyFile.Write(b, NDArray.Wrap(Enumerable.Range(0, 100_000).Select(t => (7L * t % 1000 / 1000.0) + 0.2).ToArray(), 100, 1000));
            foreach (var (text, output) in new[] { ("sum(a*b + x)", (string?)null), ("2*a + sin(b)*x", Path.Combine(directory, "r.npy")) })
            {
                string[] inputs = ["--var", $"a={a}", "--var", $"b={b}", "--var", "x=0.5", .. output is null ? Array.Empty<string>() : ["--out", output]];
                var single = new StringWriter();
                Assert.Equal(0, SamplesCli.Run(["eval", text, .. inputs], single, new StringWriter()));
                byte[]? singleFile = output is null ? null : File.ReadAllBytes(output);
                var clustered = new StringWriter();
                var error = new StringWriter();
                int code = SamplesCli.Run(["cluster", "--silos", "2", "--base-port", "12131", "eval", text, .. inputs], clustered, error);
                Assert.True(code == 0, $"exit {code}: {error}\n{clustered}");
                Assert.Equal(single.ToString().Split('\n')[0], clustered.ToString().Split('\n')[0]);
                Assert.Contains("2 silos; ", clustered.ToString(), StringComparison.Ordinal);
                if (output is not null)
                {
                    Assert.Equal(singleFile, File.ReadAllBytes(output));
                }
            }

            var bad = new StringWriter();
            Assert.Equal(SamplesCli.UsageError, SamplesCli.Run(["cluster", "--silos", "1", "--base-port", "12141", "eval", "2*a +", "--var", $"a={a}"], new StringWriter(), bad));
            Assert.StartsWith("error: syntax error at position 5", bad.ToString(), StringComparison.Ordinal);
            Assert.Single(bad.ToString().Trim().Split('\n'));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Runs the command, which must succeed, and returns the one row of its JSON.</summary>
    private static JsonElement RunJson(string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = SamplesCli.Run(arguments, output, error);
        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        using var json = JsonDocument.Parse(output.ToString());
        return json.RootElement[0].Clone();
    }
}
