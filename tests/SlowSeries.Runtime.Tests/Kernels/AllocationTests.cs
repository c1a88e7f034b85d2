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
}
