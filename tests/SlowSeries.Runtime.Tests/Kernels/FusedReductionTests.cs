using System.Numerics.Tensors;
using SlowSeries.Arrays;
using SlowSeries.Execution;
using SlowSeries.Kernels;
using SlowSeries.Runtime.Tests.Differential;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>Full reductions whose operand is computed by the fused vector loop (from 65,536 elements on).</summary>
public class FusedReductionTests
{
    private const int Length = 200_003;

    private static Dictionary<string, NDArray> Inputs()
    {
        var random = new Random(7);
        return new Dictionary<string, NDArray>
        {
            ["a"] = NDArray.Wrap(Enumerable.Range(0, Length).Select(_ => (random.NextDouble() * 8) - 4).ToArray()),
            ["twoPi"] = NDArray.FromScalar(Scalar.FromFloat64(2 * Math.PI)),
        };
    }

    [Theory]
    [InlineData("sum")]
    [InlineData("prod")]
    [InlineData("min")]
    [InlineData("max")]
    public void LargeReductionsRunFusedAndEqualTheReference(string reduction)
    {
        var inputs = Inputs();
        var compiled = NumExpr.Compile($"{reduction}(sin(twoPi * a) ** 2 + cos(twoPi * a) ** 2 + a * 1e-6)");
        var (_, plan) = KernelCache.Get([compiled], inputs, null);
        FusedOrNoVectors.Check(plan!.Fused.Value);

        double fast = compiled.Evaluate(inputs, null).Item<double>();
        double reference = compiled.Evaluate(inputs, null, reference: true).Item<double>();
        if (reduction is "min" or "max")
        {
            // One element's value: the fused loop's sin and cos are within 4 ulps of the reference's, element by element.
            Assert.True(Agreement.UlpDistance(fast, reference, DType.Float64) <= 4, $"{fast:R} vs {reference:R}");
            return;
        }

        // Terms near 1 of one sign: recursive summation (the reference's order) errs by at most n·ε relatively, and the
        // product's relative error is bounded the same way.
        double bound = Length * Math.ScaleB(1, -52);
        Assert.True(Math.Abs(fast - reference) <= bound * Math.Abs(reference), $"{fast:R} vs {reference:R}");
    }

    [Fact]
    public void AFusedSumHasTheBitsOfSummingTheElementsBlockByBlockInChunkOrder()
    {
        // The reduction folds each block of the fused loop's output with FixedLayoutReduction.Sum, blocks in order within a
        // chunk, then chunks in order: reducing the element-wise result the same way gives the same bits, whichever
        // path computed the elements and on however many threads.
        var inputs = Inputs();
        double[] elements = NumExpr.Compile("sin(twoPi * a) ** 2 + cos(twoPi * a) ** 2 + a * 1e-6").Evaluate(inputs, null).ToArray<double>();
        double expected = 0;
        for (long chunk = 0; chunk * ChunkScheduler.ChunkElements < Length; chunk++)
        {
            int start = (int)(chunk * ChunkScheduler.ChunkElements);
            int end = (int)Math.Min(Length, start + ChunkScheduler.ChunkElements);
            double partial = 0;
            for (int block = start; block < end; block += KernelCompiler.ReductionBlockSize)
            {
                double part = FixedLayoutReduction.Sum<double>(elements.AsSpan(block, Math.Min(KernelCompiler.ReductionBlockSize, end - block)));
                partial = block == start ? part : partial + part;
            }

            expected += partial;
        }

        int original = NumExpr.GetNumThreads();
        try
        {
            foreach (int threads in new[] { 1, 2, 4 })
            {
                NumExpr.SetNumThreads(threads);
                double fast = NumExpr.Compile("sum(sin(twoPi * a) ** 2 + cos(twoPi * a) ** 2 + a * 1e-6)").Evaluate(inputs, null).Item<double>();
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(fast));
            }
        }
        finally
        {
            NumExpr.SetNumThreads(original);
        }
    }
}
