namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// A warm evaluation allocates per evaluation, never per block or chunk: on a large input, a few bytes per block add
/// up to megabytes and garbage collections that stop every worker.
/// </summary>
[Collection(WarmCachesCollection.Name)]
public class AllocationTests
{
    private const int Length = 2_000_000; // 1,954 blocks, 123 chunks

    [Theory]
    [InlineData("sin(twoPi*a)**2 + cos(twoPi*a)**2", true)]
    [InlineData("where(a > 0.1, a * 2, a)", true)]
    [InlineData("sum(sin(twoPi*a)**2 + cos(twoPi*a)**2)", false)]
    public void AWarmEvaluationAllocatesNothingPerBlock(string expression, bool intoOutput)
    {
        double[] a = Enumerable.Range(0, Length).Select(i => i * 1e-7).ToArray();
        double[] r = new double[Length];
        var variables = new { a, twoPi = 2 * Math.PI };
        int original = NumExpr.GetNumThreads();
        try
        {
            // One thread runs every chunk on this thread, so this thread's count is the evaluation's.
            NumExpr.SetNumThreads(1);
            void Evaluate()
            {
                if (intoOutput)
                {
                    NumExpr.Evaluate(expression, variables, r);
                }
                else
                {
                    NumExpr.Evaluate(expression, variables);
                }
            }

            Evaluate();
            Evaluate();
            long before = GC.GetAllocatedBytesForCurrentThread();
            Evaluate();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            // A reduction keeps one partial per chunk (a few KB here); 16 bytes per block would already be 31 KB.
            Assert.True(allocated < 24_000, $"{expression}: {allocated:N0} bytes allocated by a warm evaluation of {Length:N0} elements");
        }
        finally
        {
            NumExpr.SetNumThreads(original);
        }
    }

    /// <summary>
    /// A new expression borrows its block buffers (constants, intermediates) from a pool rather than allocating them:
    /// allocated per plan and kept by the plan cache, they made a process that sees many expressions collect gen 2
    /// every few hundred (see BlockBufferPool).
    /// </summary>
    [Fact]
    public void ANewExpressionAllocatesNoBlockBuffersOfItsOwn()
    {
        double[] a = Enumerable.Range(0, 1000).Select(i => i * 1e-7).ToArray();
        double[] r = new double[a.Length];
        int original = NumExpr.GetNumThreads();
        try
        {
            NumExpr.SetNumThreads(1);
            // Texts never seen before in this process (the caches are keyed by text).
            long unique = Random.Shared.NextInt64(1L << 40, 1L << 50);
            string Expression(long k) => $"2*a + 3*b + 5*a*b - 7*b*b + {k}";
            NumExpr.Evaluate(Expression(unique), new { a, b = a }, r);
            NumExpr.Evaluate(Expression(unique + 1), new { a, b = a }, r);
            long before = GC.GetAllocatedBytesForCurrentThread();
            NumExpr.Evaluate(Expression(unique + 2), new { a, b = a }, r);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            // Parsing, binding and planning this text take ~50 KB; the plan's constants and intermediates as blocks of
            // their own added 63 KB (113 KB in all).
            Assert.True(allocated < 75_000, $"{allocated:N0} bytes allocated by a new expression's first evaluation of 1,000 elements");
            Assert.Equal((2 * a[999]) + (3 * a[999]) + (5 * a[999] * a[999]) - (7 * a[999] * a[999]) + unique + 2, r[999], 0);
        }
        finally
        {
            NumExpr.SetNumThreads(original);
        }
    }
}
