using Orleans.TestingHost;
using SlowSeries.Arrays;

namespace SlowSeries.Distributed.Tests;

/// <summary>
/// Expressions over .npy files on a three-silo test cluster: element-wise results written by slices and reductions
/// combined from chunk partials give the single-process bits, whatever the piece size; bad input is one clear error
/// before anything is written, and the cluster serves the next request.
/// </summary>
public sealed class ClusterExpressionTests : IAsyncLifetime
{
    private const int Rows = 301, Columns = 1001; // 301,301 elements: 19 chunks, the last one short
    private readonly string directory = Directory.CreateTempSubdirectory("slowseries-cluster-").FullName;
    private readonly Dictionary<string, object?> whole = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> files = new(StringComparer.Ordinal);
    private TestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        int n = Rows * Columns;
        var arrays = new Dictionary<string, NDArray>(StringComparer.Ordinal)
        {
            ["a"] = NDArray.Wrap(Enumerable.Range(0, n).Select(t => (t % 1000 / 1000.0) + 0.1).ToArray(), Rows, Columns),
            ["b"] = NDArray.Wrap(Enumerable.Range(0, n).Select(t => (7L * t % 1000 / 1000.0) + 0.2).ToArray(), Rows, Columns),
            ["i"] = NDArray.Wrap(Enumerable.Range(0, n).Select(t => (long)(t % 10007)).ToArray(), Rows, Columns),
        };
        foreach (var (name, array) in arrays)
        {
            files[name] = Path.Combine(directory, name + ".npy");
            NpyFile.Write(files[name], array);
            whole[name] = array;
        }

        whole["x"] = NDArray.FromScalar(Scalar.FromFloat64(0.5));
        cluster = new TestClusterBuilder { Options = { InitialSilosCount = 3 } }.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Theory]
    [InlineData("2*a + sin(b)*x")]
    [InlineData("where(a > b, a, i % 7)")]
    [InlineData("a > x")]
    [InlineData("i*3 + i // 5")]
    public async Task ElementWiseResultsAreWrittenBySlicesWithTheSingleProcessBits(string expression)
    {
        var expected = NumExpr.Evaluate(expression, whole);
        foreach (int chunksPerPiece in new[] { 1, 3, 64 })
        {
            string output = Path.Combine(directory, $"out-{chunksPerPiece}.npy");
            var run = await new ClusterExpression(cluster.GrainFactory) { ChunksPerPiece = chunksPerPiece }
                .Evaluate(expression, files, new Dictionary<string, string> { ["x"] = "0.5" }, output);
            var header = Assert.IsType<NpyHeader>(run.Result);
            Assert.Equal((expected.DType, expected.Shape), (header.DType, header.Shape));
            var written = NpyFile.Read(output);
            Assert.Equal(Bits(expected), Bits(written));
            Assert.Equal((19 + chunksPerPiece - 1) / chunksPerPiece, run.Pieces);
            Assert.Equal(run.Pieces, run.PiecesBySilo.Values.Sum());
        }
    }

    [Theory]
    [InlineData("sum(a*b + x)")]
    [InlineData("sum(sin(a)**2)")]
    [InlineData("max(a - b)")]
    [InlineData("min(i - 5000)")]
    [InlineData("sum(i % 7)")]
    public async Task ReductionsCombinedFromChunkPartialsGiveTheSingleProcessBits(string expression)
    {
        var expected = NumExpr.Evaluate(expression, whole).GetAt(0);
        foreach (int chunksPerPiece in new[] { 1, 4, 64 })
        {
            var run = await new ClusterExpression(cluster.GrainFactory) { ChunksPerPiece = chunksPerPiece }
                .Evaluate(expression, files, new Dictionary<string, string> { ["x"] = "0.5" });
            var value = Assert.IsType<Scalar>(run.Result);
            Assert.Equal(expected.Type, value.Type);
            Assert.Equal(expected.Type.IsInteger() ? expected.Integer : BitConverter.DoubleToInt64Bits(expected.Real), value.Type.IsInteger() ? value.Integer : BitConverter.DoubleToInt64Bits(value.Real));
        }
    }

    [Fact]
    public async Task BadInputIsOneClearErrorNothingIsWrittenAndTheClusterServesOn()
    {
        var coordinator = new ClusterExpression(cluster.GrainFactory);
        var none = new Dictionary<string, string>();
        string output = Path.Combine(directory, "never.npy");
        var missing = new Dictionary<string, string>(files) { ["c"] = Path.Combine(directory, "missing.npy") };
        await Assert.ThrowsAsync<FileNotFoundException>(() => coordinator.Evaluate("a + c", missing, none, output));
        await Assert.ThrowsAsync<ExpressionSyntaxException>(() => coordinator.Evaluate("2*a +", files, none, output));
        await Assert.ThrowsAsync<ExpressionTypeException>(() => coordinator.Evaluate("a + nothing", files, none, output));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => coordinator.Evaluate("a*2", files, none, null));
        Assert.Contains("shape (301, 1001)", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ExpressionShapeException>(() => coordinator.Evaluate("sum(a, axis=1)", files, none, output));
        await Assert.ThrowsAsync<ArgumentException>(() => coordinator.Evaluate("a*2", files, none, files["a"]));

        string other = Path.Combine(directory, "other.npy");
        NpyFile.Write(other, NDArray.Wrap(new double[10]));
        var shapes = await Assert.ThrowsAsync<ExpressionShapeException>(() => coordinator.Evaluate("a + o", new Dictionary<string, string>(files) { ["o"] = other }, none, output));
        Assert.Contains("'o'", shapes.Message, StringComparison.Ordinal);
        Assert.Contains("(10,)", shapes.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        var run = await coordinator.Evaluate("sum(a)", files, none);
        Assert.Equal(NumExpr.Evaluate("sum(a)", whole).GetAt(0), (Scalar)run.Result);
    }

    private static long[] Bits(NDArray array) => [.. array.Offsets().Select(array.GetAt).Select(value => value.Type switch
    {
        DType.Float64 or DType.Float32 => BitConverter.DoubleToInt64Bits(value.Real),
        _ => value.Integer,
    })];
}
