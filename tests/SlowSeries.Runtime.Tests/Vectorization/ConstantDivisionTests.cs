using System.Runtime.Intrinsics;
using SlowSeries.Vectorization;

namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>
/// Division by constants at every vector width (<see cref="IVectorWidth{TSelf, TDouble, TLong}"/>) against C#'s <c>/</c> and <c>%</c>: the magic-multiplier path
/// (dividends in [0, 2^31)), the two-step reciprocal path (any dividend, |divisor| &lt; 2^31) and the large-divisor
/// path, on their edges and on random values; every lane equal.
/// </summary>
public class ConstantDivisionTests
{
    private static readonly long[] Divisors =
    [
        1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 13, 25, 64, 100, 641, 1000, 1024, -64, 1L << 40, 6700417, 1_000_000_007, (1L << 30) + 1, int.MaxValue,
        -2, -3, -7, -10, -1000, -int.MaxValue, 1L << 31, (1L << 31) + 1, 4_000_000_000, -5_000_000_011, (1L << 51) - 1,
    ];

    private static IEnumerable<long> Dividends(long divisor, Random random)
    {
        long[] edges = [0, 1, -1, 9, -9, int.MaxValue, int.MinValue, 1L << 31, (1L << 31) - 1, 1L << 32, 1L << 51, -(1L << 51), long.MaxValue, long.MinValue, long.MinValue + 1];
        foreach (long edge in edges)
        {
            yield return edge;
        }

        long magnitude = Math.Abs(divisor);
        foreach (long multiple in new[] { 1L, 2, 7, 1000, int.MaxValue / Math.Max(1, magnitude) })
        {
            long product = multiple * magnitude;
            yield return product - 1;
            yield return product;
            yield return product + 1;
            yield return -product;
        }

        for (int i = 0; i < 400; i++)
        {
            yield return random.NextInt64(0, 1L << 31);
            yield return random.NextInt64(long.MinValue, long.MaxValue);
            yield return random.NextInt64(-(1L << 40), 1L << 40);
        }
    }

    [Theory]
    [MemberData(nameof(EveryWidth.Names), MemberType = typeof(EveryWidth))]
    public void QuotientsAndRemaindersEqualCSharpForEveryPath(string width) => EveryWidth.Run(width, new EveryPath());

    private readonly struct EveryPath : IWidthCheck
    {
        public void Run<W, TDouble, TLong>()
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => QuotientsAndRemainders<W, TDouble, TLong>();
    }

    private static void QuotientsAndRemainders<W, TDouble, TLong>()
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var random = new Random(31);
        var quotient = new long[W.Count];
        var pairQuotient = new long[W.Count];
        var remainder = new long[W.Count];
        var remainderOnly = new long[W.Count];
        foreach (long divisor in Divisors)
        {
            var constant = ConstantDivisor.Of(divisor);
            var dividends = Dividends(divisor, random).ToArray();
            for (int start = 0; start + W.Count <= dividends.Length; start += W.Count)
            {
                var lanes = W.Load(dividends, start);
                W.Store(W.DivideByConstant(lanes, constant), quotient, 0);
                var (q, r) = W.DivideWithRemainderByConstant(lanes, constant);
                W.Store(q, pairQuotient, 0);
                W.Store(r, remainder, 0);
                W.Store(W.RemainderByConstant(lanes, constant), remainderOnly, 0);
                for (int lane = 0; lane < W.Count; lane++)
                {
                    long n = dividends[start + lane];
                    Assert.True(quotient[lane] == n / divisor, $"{n} / {divisor}: got {quotient[lane]}, C# gives {n / divisor}");
                    Assert.Equal(n / divisor, pairQuotient[lane]);
                    Assert.True(remainder[lane] == n % divisor, $"{n} % {divisor}: got {remainder[lane]}, C# gives {n % divisor}");
                    Assert.Equal(n % divisor, remainderOnly[lane]);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(EveryWidth.Names), MemberType = typeof(EveryWidth))]
    public void EveryDividendBelow2To31DividesExactlyByTheDigitBase(string width) => EveryWidth.Run(width, new DigitBaseCheck());

    private readonly struct DigitBaseCheck : IWidthCheck
    {
        public void Run<W, TDouble, TLong>()
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => DigitBase<W, TDouble, TLong>();
    }

    private static void DigitBase<W, TDouble, TLong>()
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // The slow series' divisor, exhaustively over the magic-multiplier path's whole domain, with a stride that
        // still visits every residue class and both ends.
        var constant = ConstantDivisor.Of(10);
        var quotient = new long[W.Count];
        var remainder = new long[W.Count];
        for (long first = 0; first < (1L << 31); first += W.Count * 997)
        {
            var (q, r) = W.DivideWithRemainderByConstant(W.Sequence(first), constant);
            W.Store(q, quotient, 0);
            W.Store(r, remainder, 0);
            for (int lane = 0; lane < W.Count; lane++)
            {
                long n = first + lane;
                if (quotient[lane] != n / 10 || remainder[lane] != n % 10)
                {
                    Assert.Fail($"{n}: quotient {quotient[lane]}, remainder {remainder[lane]}");
                }
            }
        }

        W.Store(W.DivideByConstant(W.Sequence(int.MaxValue - W.Count + 1L), constant), quotient, 0);
        Assert.Equal((int.MaxValue - W.Count + 1L) / 10, quotient[0]);
        Assert.Equal(int.MaxValue / 10, quotient[W.Count - 1]);
    }

    [Fact]
    public void MultipliersFollowGranlundMontgomery()
    {
        var ten = ConstantDivisor.Of(10);
        Assert.Equal(0xCCCCCCCDu, ten.Multiplier);
        Assert.Equal(35, ten.Shift);
        Assert.Equal(0.1, ten.ReciprocalRoundedUp * 1.0, 15);
        Assert.True(ten.ReciprocalRoundedUp >= 0.1);
        Assert.Equal(0u, ConstantDivisor.Of(1L << 31).Multiplier);
        Assert.Equal(1u << 31, ConstantDivisor.Of(1).Multiplier);
        Assert.Throws<ArgumentOutOfRangeException>(() => ConstantDivisor.Of(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConstantDivisor.Of(1L << 51));
    }

    [Fact]
    public void DivisionByMinusOneOverflowsLikeCSharp()
    {
        var minusOne = ConstantDivisor.Of(-1);
        Assert.Equal(-5L, DivideByConstant<VectorWidth256, Vector256<double>, Vector256<long>>(Vector256.Create(5L), minusOne)[0]);
        Assert.Throws<OverflowException>(() => DivideByConstant<VectorWidth256, Vector256<double>, Vector256<long>>(Vector256.Create(long.MinValue), minusOne));
        Assert.Equal(-5L, ScalarWidth.DivideByConstant(5L, minusOne));
        Assert.Throws<OverflowException>(() => ScalarWidth.DivideByConstant(long.MinValue, minusOne));
    }

    private static TLong DivideByConstant<W, TDouble, TLong>(TLong dividend, ConstantDivisor divisor)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct => W.DivideByConstant(dividend, divisor);
}
