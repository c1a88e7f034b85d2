using SlowSeries.Arrays;
using SlowSeries.Kernels;

namespace SlowSeries.Runtime.Tests.Api;

/// <summary>
/// <see cref="NumExpr.Explain(string, object?)"/> tells the engine (fused loop at this machine's width, or the block
/// interpreter and why), the steps with dtypes, shared and hoisted subexpressions and the bytes per element; and
/// <see cref="NumExpr.Profile"/> times every phase.
/// </summary>
public class ExplainTests
{
    private static readonly double[] Large = Enumerable.Range(0, 100_000).Select(i => i * 1e-5).ToArray();

    [Fact]
    public void AFloatExpressionIsFusedAtThisMachinesWidth()
    {
        string explained = NumExpr.Explain("sin(a)**2 + cos(a)**2", new { a = Large });
        Assert.Contains("expression: sin(a)**2 + cos(a)**2 -> float64 (100000,)", explained, StringComparison.Ordinal);
        Assert.Contains("input: a float64 (100000,) contiguous", explained, StringComparison.Ordinal);
        Assert.Contains(
            FusedKernel.VectorBytes > 0 ? $"engine: fused vector loop ({FusedKernel.VectorBytes * 8}-bit vectors, {FusedKernel.VectorBytes / 8} float64 lanes" : "no vector width is hardware-accelerated",
            explained,
            StringComparison.Ordinal);
        Assert.Contains("shared: sin and cos of one operand come from one range reduction (sincos)", explained, StringComparison.Ordinal);
        Assert.DoesNotContain("computed once, read by", explained, StringComparison.Ordinal); // sin(a)**2 reads sin(a) in one step

        Assert.Contains("memory: reads 8 and writes 8 bytes per element (16 B/element", explained, StringComparison.Ordinal);
    }

    /// <summary>
    /// Which loops run two vectors per iteration: sin and cos below 512 bits; with 512-bit vectors, on Intel, those and
    /// other functions, up to two functions' worth of code (beyond that the JIT stops inlining a pair's operations), and
    /// none on AMD (measured slower there); never a loop without functions of ours.
    /// </summary>
    [Fact]
    public void ExplainSaysWhichLoopsRunTwoVectorsPerIteration()
    {
        bool Paired(string expression) => NumExpr.Explain(expression, new { a = Large, b = Large }).Contains("two vectors per iteration", StringComparison.Ordinal);
        bool wide = FusedKernel.VectorBytes == 64 && !FusedKernel.IsAmd;
        bool vectors = FusedKernel.VectorBytes is 32 or 16 || wide;
        Assert.Equal(vectors, Paired("sin(a)**2 + cos(a)**2"));
        Assert.Equal(vectors, Paired("sin(a) * b"));
        Assert.Equal(wide, Paired("tan(a)"));
        Assert.Equal(wide, Paired("exp(log(a)) + b"));
        Assert.False(Paired("sin(a) + cos(b)"));
        Assert.False(Paired("sinh(a)"));
        Assert.False(Paired("exp(a) + log(b) + tan(a)"));
        Assert.False(Paired("2*a + 3*b"));
    }

    /// <summary>
    /// Outputs of 64 MiB and more are written with non-temporal stores where those pay (KernelExecutor.StreamingPays):
    /// from 256-bit vectors or wider unless several outputs read inputs by row; from 128-bit vectors, one output over
    /// inputs none of which is read by row; complex128 results, whose numbers straddle vector boundaries in .NET's large arrays,
    /// only with 512-bit vectors or AVX2's (KernelExecutor.HalfAlignedComplex); never loops that compute a function or divide
    /// floats with floor, % or fmod.
    /// </summary>
    [Fact]
    public void ExplainSaysWhichLargeOutputsAreStreamed()
    {
        const int Rows = 4200, Columns = 2000; // 67 MB per float64 output
        var data = new double[Rows * Columns];
        var variables = new { x = NDArray.Wrap(new double[Rows], Rows, 1), z = NDArray.Wrap(data, Rows, Columns), a = data };
        string Engine(params string[] expressions) => NumExpr.Explain(expressions, variables).Split('\n').Single(line => line.StartsWith("engine:", StringComparison.Ordinal));
        if (FusedKernel.VectorBytes == 0)
        {
            Assert.DoesNotContain("non-temporal", Engine("x * z"), StringComparison.Ordinal);
            return;
        }

        bool wide = FusedKernel.VectorBytes >= 32;
        Assert.Contains("outputs of 64 MiB are written with non-temporal stores", Engine("a * 2"), StringComparison.Ordinal);
        Assert.Contains(wide ? "outputs of 64 MiB are written with non-temporal stores" : "ordinary stores (an output with inputs read by row from 128-bit vectors", Engine("x * z"), StringComparison.Ordinal);
        Assert.Contains(wide ? "ordinary stores (2 outputs with inputs read by row:" : "ordinary stores (2 outputs with inputs read by row from 128-bit vectors", Engine("x * z", "z - x"), StringComparison.Ordinal);
        Assert.Contains(wide ? "outputs of 128 MiB are written with non-temporal stores" : "ordinary stores (2 outputs from 128-bit vectors", Engine("a * 2", "a - 1"), StringComparison.Ordinal);

        // Loops with a function or float division in them store as usual; float arithmetic (a true division too) streams.
        const string Computing = "ordinary stores (no non-temporal stores at this width, or a function or float division in the loop)";
        Assert.Contains(Computing, Engine("a % 0.3"), StringComparison.Ordinal);
        Assert.Contains(Computing, Engine("fmod(a, 0.3) + 1"), StringComparison.Ordinal);
        Assert.Contains(Computing, Engine("a // a"), StringComparison.Ordinal);
        Assert.Contains(Computing, Engine("exp(a)"), StringComparison.Ordinal);
        Assert.Contains("outputs of 64 MiB are written with non-temporal stores", Engine("a / 0.3"), StringComparison.Ordinal);

        // complex128 numbers in .NET's large arrays straddle 16-byte boundaries: streamed across numbers with 512-bit vectors
        // or AVX2's, stored as usual with narrower ones and, as float results, with a division (or a function) in the loop.
        Assert.Contains(FusedKernel.StreamsHalfAlignedComplex ? "outputs of 128 MiB are written with non-temporal stores" : "ordinary stores (complex128 numbers in large arrays usually straddle vector boundaries", Engine("complex(a, a)"), StringComparison.Ordinal);
        Assert.Contains("ordinary stores (complex128 numbers in large arrays usually straddle vector boundaries: streamed only with 512-bit vectors or AVX2, and not with a function or a division in the loop)", Engine("complex(a, a) / complex(a, 1)"), StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainSaysWhichReductionsFoldInRegisters()
    {
        string Engine(string expression) => NumExpr.Explain(expression, new { a = Large, b = Large }).Split('\n').Single(line => line.Contains("engine:", StringComparison.Ordinal));
        bool vectors = FusedKernel.VectorBytes > 0;
        string product = Engine("sum(a*b)");
        Assert.Equal(vectors, product.Contains("sum folded in vector registers as the loop computes the operand (nothing stored)", StringComparison.Ordinal));
        Assert.Contains("blocks of 4,096 in a fixed layout of 256 bytes of partials", product, StringComparison.Ordinal);
        // A function's body is not copied per accumulator; the accumulators rotate, which pays only with 32 registers.
        string transcendental = Engine("sum(exp(a))");
        bool wide = FusedKernel.VectorBytes == 64;
        Assert.Equal(wide, transcendental.Contains("sum folded in vector registers", StringComparison.Ordinal));
        Assert.Equal(!wide, transcendental.Contains("sum of the operand's blocks of 4,096", StringComparison.Ordinal));
        Assert.Contains(vectors ? "max along axis 1: the operand computed by the fused vector loop" : "max along axis 1: the operand computed by the block interpreter", NumExpr.Explain("max(m - 1, axis=1)", new Dictionary<string, NDArray> { ["m"] = NDArray.Wrap(Large, 1_000, 100) }), StringComparison.Ordinal);
    }

    [Fact]
    public void StridedInputsSayHowTheyAreRead()
    {
        var everyOther = NDArray.Strided(new double[200_000], new Shape(100_000), [2]);
        var everyThird = NDArray.Strided(new double[300_000], new Shape(100_000), [3]);
        string explained = NumExpr.Explain("s*2 + 1", new Dictionary<string, NDArray> { ["s"] = everyOther });
        Assert.Contains(
            FusedKernel.VectorBytes > 0 ? "input: s float64 (100000,) strided (2), read in place as every other element of its array" : "input: s float64 (100000,) strided (2), gathered into blocks",
            explained,
            StringComparison.Ordinal);
        Assert.Contains(
            FusedKernel.VectorBytes > 0 ? "input: t float64 (100000,) strided (3), read in place at a stride of 3 elements through its array" : "input: t float64 (100000,) strided (3), gathered into blocks",
            NumExpr.Explain("t*2 + 1", new Dictionary<string, NDArray> { ["t"] = everyThird }),
            StringComparison.Ordinal);
        var everyTenth = NDArray.Strided(new double[1_000_000], new Shape(100_000), [10]);
        Assert.Contains("input: u float64 (100000,) strided (10), gathered into blocks", NumExpr.Explain("u*2 + 1", new Dictionary<string, NDArray> { ["u"] = everyTenth }), StringComparison.Ordinal);
    }

    [Fact]
    public void TransposedInputsSayTheyAreWalkedInMemoryOrder()
    {
        var transposed = NDArray.Strided(new double[100_000], new Shape(100, 1_000), [1, 100]);
        string explained = NumExpr.Explain("sum(t * 2, axis=1)", new Dictionary<string, NDArray> { ["t"] = transposed });
        Assert.Contains("expression: sum(t * 2, axis=1) -> float64 (100,)", explained, StringComparison.Ordinal);
        Assert.Contains("memory order: the arrays' axes walked as (1, 0)", explained, StringComparison.Ordinal);
        Assert.Contains("input: t float64 (1000, 100) contiguous", explained, StringComparison.Ordinal);
        Assert.Contains("sum along axis 0", explained, StringComparison.Ordinal);
    }

    [Fact]
    public void BroadcastColumnsAndRowsSayHowTheyAreRead()
    {
        var variables = new Dictionary<string, NDArray>
        {
            ["m"] = NDArray.Wrap(new double[100_000], 1_000, 100),
            ["x"] = NDArray.Wrap(new double[1_000], 1_000, 1),
            ["y"] = NDArray.Wrap(new double[100], 100),
        };
        string explained = NumExpr.Explain("m*x + y", variables);
        bool fused = FusedKernel.VectorBytes > 0;
        string line = Environment.NewLine;
        Assert.Contains(fused ? "input: x float64 (1000, 1) contiguous, broadcast along rows: one element per row read in place" : $"input: x float64 (1000, 1) contiguous{line}", explained, StringComparison.Ordinal);
        Assert.Contains(fused ? "input: y float64 (100,) contiguous, repeated along rows: read from a tile of its row repeated" : $"input: y float64 (100,) contiguous{line}", explained, StringComparison.Ordinal);

        // Rows shorter than a 512-bit vector: gathered.
        var narrow = new Dictionary<string, NDArray>(variables) { ["m"] = NDArray.Wrap(new double[100_000], 25_000, 4), ["x"] = NDArray.Wrap(new double[25_000], 25_000, 1), ["y"] = NDArray.Wrap(new double[4], 4) };
        Assert.Contains($"input: x float64 (25000, 1) contiguous{line}", NumExpr.Explain("m*x + y", narrow), StringComparison.Ordinal);
    }

    [Fact]
    public void ASubexpressionWrittenTwiceIsComputedOnce()
    {
        string explained = NumExpr.Explain("exp(a) * 2 + exp(a) / 3", new { a = Large });
        Assert.Matches(@"shared: 'exp\(a\)' \(r\d+\) computed once, read by 2 steps", explained);
    }

    [Fact]
    public void IntegerArithmeticRunsFusedWithItsLanes()
    {
        long[] i = Enumerable.Range(0, 100_000).Select(k => (long)k).ToArray();
        string explained = NumExpr.Explain("i*3 + i % 7", new { i });
        Assert.Matches(@"r\d+ = Remainder\(r\d+, r\d+\)  \[int64\]  # i % 7", explained);
        if (SlowSeries.Kernels.FusedKernel.VectorBytes == 0)
        {
            Assert.Contains("no vector width is hardware-accelerated", explained, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"engine: fused vector loop ({SlowSeries.Kernels.FusedKernel.VectorBytes * 8}-bit vectors, {SlowSeries.Kernels.FusedKernel.VectorBytes / 8} int64 lanes", explained, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ComplexArithmeticIsFusedAndTheRestSaysWhyNot()
    {
        var z = Enumerable.Range(0, 100_000).Select(k => new System.Numerics.Complex(k, 1)).ToArray();
        var a = new double[100_000];
        var i = new long[100_000];
        string arithmetic = NumExpr.Explain("z*z + 1", new { z });
        if (SlowSeries.Kernels.FusedKernel.VectorBytes > 0)
        {
            Assert.Contains($"engine: fused vector loop ({SlowSeries.Kernels.FusedKernel.VectorBytes * 8}-bit vectors, {SlowSeries.Kernels.FusedKernel.VectorBytes / 16} complex128 lanes", arithmetic, StringComparison.Ordinal);
            Assert.Contains("not fused because step 'r1 = exp(r0)' has no vector form yet", NumExpr.Explain("exp(z) + 1", new { z }), StringComparison.Ordinal);
            Assert.Contains($"engine: fused vector loop ({SlowSeries.Kernels.FusedKernel.VectorBytes * 8}-bit vectors", NumExpr.Explain("z * a", new { z, a }), StringComparison.Ordinal);
            Assert.Contains($"engine: fused vector loop ({SlowSeries.Kernels.FusedKernel.VectorBytes * 8}-bit vectors", NumExpr.Explain("where(z.real > 0.5, z * (a*2), z)", new { z, a }), StringComparison.Ordinal);
            Assert.Contains("not fused because r", NumExpr.Explain("z * i", new { z, i }), StringComparison.Ordinal);
            Assert.Contains("holds int64 values", NumExpr.Explain("z * i", new { z, i }), StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("engine: block interpreter", arithmetic, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SmallInputsAreNotWorthCompiling()
    {
        string explained = NumExpr.Explain("a * 2", new { a = new double[100] });
        Assert.Contains("100 elements are fewer than the 65,536 from which compiling a fused loop pays", explained, StringComparison.Ordinal);
    }

    [Fact]
    public void SubexpressionsOfASmallerShapeAreHoisted()
    {
        var x = NDArray.Wrap(Enumerable.Range(0, 1000).Select(k => k * 1e-3).ToArray(), 1000, 1);
        var y = NDArray.Wrap(new double[1000 * 100], 1000, 100);
        string explained = NumExpr.Explain("sin(x) * y", new { x, y });
        Assert.Contains("hoisted: 'sin(x)' (hoisted) on shape (1000, 1)", explained, StringComparison.Ordinal);
        Assert.Contains("input: x float64 (1000, 1) contiguous", explained, StringComparison.Ordinal);

        // The broadcast row is read once per pass of its own size: nearly nothing per element of the result.
        Assert.Contains("memory: reads 8.08 and writes 8 bytes per element", explained, StringComparison.Ordinal);
    }

    [Fact]
    public void ProfilingTimesEveryPhase()
    {
        string profile = NumExpr.Profile("exp(a) + 1", new { a = Large });
        Assert.Matches(@"^profile \(no caches; ms\): parse [\d.]+, bind [\d.]+, plan [\d.]+, compile ([\d.]+|- \(not fused\)), first run [\d.]+, second run [\d.]+$", profile);
    }
}
