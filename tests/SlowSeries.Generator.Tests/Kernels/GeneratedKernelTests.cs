using SlowSeries.Vectorization;

namespace SlowSeries.Generator.Tests.Kernels;

/// <summary>
/// The generated SIMD versions of <see cref="TestKernels"/> against the scalar methods they come from, on random inputs
/// whose lengths leave vector tails: integer and boolean results exactly, float results exactly where the kernel uses
/// only correctly rounded operations, and within the stated ulps where it calls sin/cos.
/// </summary>
public class GeneratedKernelTests
{
    private static readonly Random Random = new(2026);

    private static long[] Longs(int count, long low, long high) => Enumerable.Range(0, count).Select(_ => Random.NextInt64(low, high)).ToArray();

    private static double[] Doubles(int count, double scale) => Enumerable.Range(0, count).Select(_ => (Random.NextDouble() - 0.5) * 2 * scale).ToArray();

    /// <summary>
    /// The order a generated reduction promises at every vector width (CI runs this under each width): fixed chunks of
    /// 16,384 elements (the executor's ChunkScheduler), in each chunk eight partial results with element i going to
    /// result i mod 8, combined by <see cref="ReductionLanes.Sum(ReadOnlySpan{double})"/>, chunks added in order. Each
    /// term of Combined is one correctly rounded division, so the bits of the sum follow from the order alone.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void RangeSumsFollowTheFixedLaneLayoutAtEveryWidthAndThreadCount(int threads)
    {
        const long ChunkElements = 16_384;
        const long First = 3, Last = 200_003;
        double expected = 0;
        Span<double> lanes = stackalloc double[ReductionLanes.Count];
        for (long start = First; start <= Last; start += ChunkElements)
        {
            lanes.Clear();
            for (long k = start; k < Math.Min(start + ChunkElements, Last + 1); k++)
            {
                lanes[(int)((k - start) % ReductionLanes.Count)] += TestKernels.Combined(k);
            }

            expected += ReductionLanes.Sum(lanes);
        }

        int previous = SlowSeries.NumExpr.SetNumThreads(threads);
        try
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(TestKernels.CombinedSum(First, Last)));
        }
        finally
        {
            SlowSeries.NumExpr.SetNumThreads(previous);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1003)]
    [InlineData(70_001)]
    public void CombinedMatchesTheScalarMethodExactly(int count)
    {
        long[] k = Longs(count, 1, 1_000_000_000);
        k[0] = 9;
        var result = new double[count];
        TestKernels.Combined(k, result);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(TestKernels.Combined(k[i]), result[i]);
        }
    }

    [Fact]
    public void LocalsFixedAtBuildTimeAndLocalsThatChangeMatchTheScalarMethods()
    {
        long[] k = Longs(2003, -5_000, 5_000_000_000);
        k[0] = 99;
        k[1] = 1_990_990;
        k[2] = 0;
        var result = new long[k.Length];
        TestKernels.DigitPairs(k, result);
        Assert.All(Enumerable.Range(0, k.Length), i => Assert.Equal(TestKernels.DigitPairs(k[i]), result[i]));
        Assert.Equal(2, result[1]); // 1990990: the pairs 99 at 199099 and 199
        long[] mixed = Longs(2003, -1_000_000, 1_000_000); // lanes that never enter the loop beside lanes that do
        TestKernels.DigitSum(mixed, result);
        Assert.All(Enumerable.Range(0, k.Length), i => Assert.Equal(TestKernels.DigitSum(mixed[i]), result[i]));
        TestKernels.ReadBeforeChange(k, result);
        Assert.All(Enumerable.Range(0, k.Length), i => Assert.Equal(TestKernels.ReadBeforeChange(k[i]), result[i]));
        TestKernels.AssignedLater(k, result);
        Assert.All(Enumerable.Range(0, k.Length), i => Assert.Equal(TestKernels.AssignedLater(k[i]), result[i]));
    }

    [Fact]
    public void DivisionsByConstantsMatchCSharpForAnyDividend()
    {
        long[] k = [.. Longs(997, long.MinValue, long.MaxValue), .. Longs(997, 0, 1L << 31), long.MinValue, long.MaxValue, 0, -1, int.MaxValue, 1L << 31];
        var result = new long[k.Length];
        TestKernels.DividesByConstants(k, result);
        Assert.All(Enumerable.Range(0, k.Length), i => Assert.Equal(TestKernels.DividesByConstants(k[i]), result[i]));
    }

    [Fact]
    public void BranchesAndConditionalsMatchExactlyWithScalarOperandsBroadcast()
    {
        double[] x = Doubles(1003, 10);
        long[] n = Longs(1003, -20, 20);
        var result = new double[1003];
        TestKernels.Branches(x, n, result);
        Assert.All(Enumerable.Range(0, 1003), i => Assert.Equal(TestKernels.Branches(x[i], n[i]), result[i]));

        TestKernels.Branches(x, 7L, result);
        Assert.All(Enumerable.Range(0, 1003), i => Assert.Equal(TestKernels.Branches(x[i], 7), result[i]));
    }

    [Fact]
    public void LoopsWithBreakAndContinueMatchExactly()
    {
        long[] n = Longs(2011, -5, 100_000);
        var result = new long[n.Length];
        TestKernels.Collatz(n, result);
        Assert.All(Enumerable.Range(0, n.Length), i => Assert.Equal(TestKernels.Collatz(n[i]), result[i]));
    }

    /// <summary>Kernels whose loops carry doubles run as two vectors at 256 and 128 bits: every element as the scalar method, tails included.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(2011)]
    public void LoopsCarryingDoublesMatchExactly(int count)
    {
        double[] x = [.. Doubles(count, 1e6)];
        x[0] = count > 1 ? 1e305 : -2;
        long[] limit = Longs(count, 0, 60);
        var roots = new double[count];
        var calls = new double[count];
        TestKernels.NewtonSquareRoot(x, limit, roots);
        TestKernels.CallsNewton(x, limit, calls);
        Assert.All(Enumerable.Range(0, count), i => Assert.Equal(TestKernels.NewtonSquareRoot(x[i], limit[i]), roots[i]));
        Assert.All(Enumerable.Range(0, count), i => Assert.Equal(TestKernels.CallsNewton(x[i], limit[i]), calls[i]));
    }

    /// <summary>A paired kernel's sum in the fixed lane layout (chunks of 16,384 elements, eight partial sums in each): the bits of the scalar loop's.</summary>
    [Fact]
    public void PairedSumsFollowTheFixedLaneLayout()
    {
        double[] x = [.. Enumerable.Range(0, 40_003).Select(k => k * 0.37)];
        double expected = 0;
        Span<double> lanes = stackalloc double[ReductionLanes.Count];
        for (int start = 0; start < x.Length; start += 16_384)
        {
            lanes.Clear();
            for (int k = start; k < Math.Min(start + 16_384, x.Length); k++)
            {
                lanes[(k - start) % ReductionLanes.Count] += TestKernels.NewtonSquareRoot(x[k], 30);
            }

            expected += ReductionLanes.Sum(lanes);
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(TestKernels.NewtonSquareRootSum(x, 30)));
    }

    /// <summary>Generated reductions take a cancellation token: cancelled, they throw before computing; not cancelled, they give the same bits.</summary>
    [Fact]
    public void GeneratedReductionsHonourACancellationToken()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => TestKernels.CombinedSum(1, 1_000_000, cancellationToken: cancelled.Token));
        double[] x = [.. Enumerable.Range(0, 100_000).Select(k => k * 0.37)];
        Assert.ThrowsAny<OperationCanceledException>(() => TestKernels.NewtonSquareRootSum(x, 30, cancellationToken: cancelled.Token));

        using var live = new CancellationTokenSource();
        Assert.Equal(BitConverter.DoubleToInt64Bits(TestKernels.CombinedSum(1, 1_000_000)), BitConverter.DoubleToInt64Bits(TestKernels.CombinedSum(1, 1_000_000, cancellationToken: live.Token)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(TestKernels.NewtonSquareRootSum(x, 30)), BitConverter.DoubleToInt64Bits(TestKernels.NewtonSquareRootSum(x, 30, cancellationToken: live.Token)));
    }

    /// <summary>Generated reductions report their progress: terms (elements) done out of the total, the last report complete, the same bits.</summary>
    [Fact]
    public void GeneratedReductionsReportTheirProgress()
    {
        var range = new RecordedProgress();
        double withProgress = TestKernels.CombinedSum(1, 1_000_000, range);
        Assert.Equal(BitConverter.DoubleToInt64Bits(TestKernels.CombinedSum(1, 1_000_000)), BitConverter.DoubleToInt64Bits(withProgress));
        range.AssertComplete(1_000_000);

        double[] x = [.. Enumerable.Range(0, 100_000).Select(k => k * 0.37)];
        var spans = new RecordedProgress();
        TestKernels.NewtonSquareRootSum(x, 30, spans);
        spans.AssertComplete(x.Length);
    }

    /// <summary>Records reports as they arrive, on whichever worker thread makes them.</summary>
    private sealed class RecordedProgress : IProgress<EvaluationProgress>
    {
        private readonly List<EvaluationProgress> reports = [];

        public void Report(EvaluationProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }

        public void AssertComplete(long total)
        {
            Assert.NotEmpty(reports);
            Assert.All(reports, report => Assert.Equal(total, report.Total));
            Assert.Equal(total, reports[^1].Done);
            Assert.True(reports.Zip(reports.Skip(1)).All(pair => pair.Second.Done > pair.First.Done), "reports go backwards");
            Assert.InRange(reports.Count, 1, 102);
        }
    }

    [Fact]
    public void PowerOfTwoDivisionsUnderLoopConditionsMatchExactly()
    {
        long[] n = [.. Longs(2011, -60, 400), long.MaxValue, long.MinValue, 1, 0, -1, 7, 8, -8];
        var result = new long[n.Length];
        TestKernels.PowerOfTwoDivisionsUnderLoopConditions(n, result);
        Assert.All(Enumerable.Range(0, n.Length), i => Assert.Equal(TestKernels.PowerOfTwoDivisionsUnderLoopConditions(n[i]), result[i]));
    }

    [Fact]
    public void IntArithmeticWrapsAndDividesLikeCSharp()
    {
        int[] a = Enumerable.Range(0, 1003).Select(i => i % 5 == 0 ? int.MaxValue - i : Random.Next(int.MinValue + 1, int.MaxValue)).ToArray();
        int[] b = Enumerable.Range(0, 1003).Select(i => i % 7 == 0 ? 0 : Random.Next(-100_000, 100_000)).ToArray();
        var result = new int[a.Length];
        TestKernels.IntArithmetic(a, b, result);
        Assert.All(Enumerable.Range(0, a.Length), i => Assert.Equal(TestKernels.IntArithmetic(a[i], b[i]), result[i]));
    }

    [Fact]
    public void MathTanStaysWithinThreeUlps()
    {
        double[] x = [.. Doubles(5003, 50), 0.0, -0.0, Math.PI / 2, 100000.0, 1e300, double.NaN, double.PositiveInfinity];
        var result = new double[x.Length];
        TestKernels.HalfTangent(x, result);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = TestKernels.HalfTangent(x[i]);
            bool same = BitConverter.DoubleToInt64Bits(result[i]) == BitConverter.DoubleToInt64Bits(expected) || (double.IsNaN(result[i]) && double.IsNaN(expected));
            Assert.True(same || Math.Abs(result[i] - expected) <= 3 * (Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected)), $"HalfTangent({x[i]:R}) = {result[i]:R}, scalar {expected:R}");
        }
    }

    [Fact]
    public void HyperbolicAndInverseMathFunctionsStayWithinTheirUlps()
    {
        double[] x = [.. Doubles(5003, 50), 0.0, -0.0, 1e-300, 700.0, -700.0, double.NaN];
        var result = new double[x.Length];
        TestKernels.Hyperbolic(x, result);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = TestKernels.Hyperbolic(x[i]);
            bool same = BitConverter.DoubleToInt64Bits(result[i]) == BitConverter.DoubleToInt64Bits(expected) || (double.IsNaN(result[i]) && double.IsNaN(expected));

            // Each of the eight terms within 2 ulps of System.Math's; the largest term bounds how far that moves the sum.
            double scale = Math.Abs(Math.Sinh(x[i])) + Math.Cosh(x[i] * 0.5) + Math.Abs(Math.Asinh(x[i])) + Math.Acosh(Math.Abs(x[i]) + 1) + Math.Log10(Math.Abs(x[i]) + 1) + 4;
            Assert.True(same || Math.Abs(result[i] - expected) <= 16 * (Math.BitIncrement(scale) - scale), $"Hyperbolic({x[i]:R}) = {result[i]:R}, scalar {expected:R}");
        }
    }

    [Fact]
    public void CallsToOtherVectorizedMethodsAndMathFunctionsStayWithinTwoUlps()
    {
        double[] x = Doubles(5003, 50);
        long[] n = Longs(5003, -20, 20);
        var result = new double[x.Length];
        TestKernels.UsesOther(x, n, result);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = TestKernels.UsesOther(x[i], n[i]);
            // sin and cos are within 1 ulp of System.Math, tanh (below 1 in magnitude) within 3; the sum's terms bound how far that moves the result.
            double scale = Math.Abs(TestKernels.Branches(x[i], n[i])) + 1 + Math.Abs(Math.Floor(x[i] * 3.5)) + Math.Abs(x[i]) + 3;
            Assert.True(Math.Abs(result[i] - expected) <= 2 * Math.BitIncrement(scale) - (2 * scale) + double.Epsilon, $"UsesOther({x[i]}, {n[i]}) = {result[i]}, scalar {expected}");
        }
    }

    [Fact]
    public void BooleanResultsMatch()
    {
        double[] x = [.. Doubles(1001, 300), double.NaN, 0.0, -0.0];
        var result = new bool[x.Length];
        TestKernels.IsSmall(x, 2.5, result);
        Assert.All(Enumerable.Range(0, x.Length), i => Assert.Equal(TestKernels.IsSmall(x[i], 2.5), result[i]));
    }

    [Fact]
    public void RangeReductionsEqualTheScalarLoopsAndDoNotDependOnTheThreadCount()
    {
        const long n = 1_000_003;
        double scalar = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (long k = 1; k <= n; k++)
        {
            double term = TestKernels.Combined(k);
            scalar += term;
            min = Math.Min(min, term);
            max = Math.Max(max, term);
        }

        int original = NumExpr.GetNumThreads();
        try
        {
            var sums = new[] { 1, 2, 8 }.Select(threads =>
            {
                NumExpr.SetNumThreads(threads);
                return TestKernels.CombinedSum(1, n);
            }).ToArray();
            Assert.All(sums, s => Assert.Equal(BitConverter.DoubleToInt64Bits(sums[0]), BitConverter.DoubleToInt64Bits(s)));
            Assert.True(Math.Abs(sums[0] - scalar) <= 1e-13 * scalar, $"vector sum {sums[0]:R}, scalar sum {scalar:R}");
            Assert.Equal(min, TestKernels.CombinedMin(1, n));
            Assert.Equal(max, TestKernels.CombinedMax(1, n));
            Assert.Equal(0.0, TestKernels.CombinedProduct(1, n));
            Assert.Equal(0.0, TestKernels.CombinedSum(5, 4));
            Assert.Throws<InvalidOperationException>(() => TestKernels.CombinedMax(5, 4));
        }
        finally
        {
            NumExpr.SetNumThreads(original);
        }
    }

    [Fact]
    public void SpanReductionsEqualLinqOverTheScalarResults()
    {
        long[] n = Longs(100_003, 0, 300);
        long[] steps = n.Select(TestKernels.Collatz).ToArray();
        Assert.Equal(steps.Sum(), TestKernels.CollatzSum(n));
        Assert.Equal(steps.Min(), TestKernels.CollatzMin(n));
        Assert.Equal(steps.Max(), TestKernels.CollatzMax(n));

        double[] x = Doubles(100_003, 10);
        double expected = x.Select(v => TestKernels.Branches(v, 4)).Sum();
        Assert.True(Math.Abs(TestKernels.BranchesSum(x, 4L) - expected) <= 1e-12 * x.Select(v => Math.Abs(TestKernels.Branches(v, 4))).Sum());
    }

    [Fact]
    public void TheScalarFallbackOffersTheSameApi()
    {
        long[] k = Longs(1003, 1, 100_000);
        var result = new double[k.Length];
        TestKernels.NotVectorizable(k, result);
        Assert.All(Enumerable.Range(0, k.Length), i => Assert.Equal(TestKernels.NotVectorizable(k[i]), result[i]));
        double scalar = 0;
        for (long i = 1; i <= 50_000; i++)
        {
            scalar += TestKernels.NotVectorizable(i);
        }

        Assert.Equal(scalar, TestKernels.NotVectorizableSum(1, 50_000), 1e-12);
    }

    [Fact]
    public void MismatchedLengthsNameTheOperandAndWriteNothing()
    {
        double[] x = Doubles(10, 1);
        long[] n = Longs(12, 0, 5);
        var result = new double[10];
        var error = Assert.Throws<ArgumentException>(() => TestKernels.Branches(x, n, result));
        Assert.Contains("operand 'n' has 12 elements but the destination has 10", error.Message, StringComparison.Ordinal);
        Assert.All(result, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void IntegerDivisionByZeroThrowsOnlyForActiveLanes()
    {
        var dividend = System.Runtime.Intrinsics.Vector512.Create(10L, -7, 9, long.MinValue + 1, 5, 6, 7, 8);
        var divisor = System.Runtime.Intrinsics.Vector512.Create(3L, 2, -4, 7, 0, 1, 1, 1);
        Assert.Throws<DivideByZeroException>(() => Divide<VectorWidth512, System.Runtime.Intrinsics.Vector512<double>, System.Runtime.Intrinsics.Vector512<long>>(dividend, divisor, 8));
        var quotient = Divide<VectorWidth512, System.Runtime.Intrinsics.Vector512<double>, System.Runtime.Intrinsics.Vector512<long>>(dividend, divisor, 4);
        for (int lane = 0; lane < 4; lane++)
        {
            Assert.Equal(dividend[lane] / divisor[lane], quotient[lane]);
        }

        Assert.Equal(-3L, DivideByConstant<VectorWidth512, System.Runtime.Intrinsics.Vector512<double>, System.Runtime.Intrinsics.Vector512<long>>(System.Runtime.Intrinsics.Vector512.Create(9L), ConstantDivisor.Of(-3))[0]);
        Assert.Equal(dividend[1] / -3, DivideByConstant<VectorWidth512, System.Runtime.Intrinsics.Vector512<double>, System.Runtime.Intrinsics.Vector512<long>>(dividend, ConstantDivisor.Of(-3))[1]);
    }

    private static TLong Divide<W, TDouble, TLong>(TLong dividend, TLong divisor, int active)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct => W.Divide(dividend, divisor, W.Prefix(active));

    private static TLong DivideByConstant<W, TDouble, TLong>(TLong dividend, ConstantDivisor divisor)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct => W.DivideByConstant(dividend, divisor);
}
