namespace SlowSeries.Runtime.Tests.Api;

/// <summary>
/// The process-wide thread count read back as set: alone, after the parallel tests, since many of those set it for
/// their own evaluations (a streaming test's `SetNumThreads(2)` between this test's set and read failed it in CI).
/// </summary>
[Collection(Kernels.WarmCachesCollection.Name)]
public class ThreadCountTests
{
    [Fact]
    public void ThreadCountIsSetAndReturnedLikeNumExpr()
    {
        int original = NumExpr.GetNumThreads();
        try
        {
            int previous = NumExpr.SetNumThreads(3);
            Assert.Equal(original, previous);
            Assert.Equal(3, NumExpr.GetNumThreads());
            Assert.Throws<ArgumentOutOfRangeException>(() => NumExpr.SetNumThreads(0));
            Assert.Equal(3, NumExpr.GetNumThreads());
        }
        finally
        {
            NumExpr.SetNumThreads(original);
        }
    }
}
