using System.Runtime.Intrinsics;
using SlowSeries.Vectorization;

namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>
/// Division by constants in <see cref="Lanes"/> against C#'s <c>/</c> and <c>%</c>: the magic-multiplier path
/// (dividends in [0, 2^31)), the two-step reciprocal path (any dividend, |divisor| &lt; 2^31) and the large-divisor
/// path, on their edges and on random values; every lane equal.
/// </summary>
public class ConstantDivisionTests
{
    private static readonly long[] Divisors =
    [
        1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 25, 100, 641, 1000, 6700417, 1_000_000_007, (1L << 30) + 1, int.MaxValue,
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

    [Fact]
    public void QuotientsAndRemaindersEqualCSharpForEveryPath()
    {
        var random = new Random(31);
        foreach (long divisor in Divisors)
        {
            var constant = ConstantDivisor.Of(divisor);
            var dividends = Dividends(divisor, random).ToArray();
            for (int start = 0; start + Lanes.Count <= dividends.Length; start += Lanes.Count)
            {
                var lanes = Vector512.Create(dividends.AsSpan(start, Lanes.Count));
                var quotient = Lanes.DivideByConstant(lanes, constant);
                var (pairQuotient, remainder) = Lanes.DivideWithRemainderByConstant(lanes, constant);
                var remainderOnly = Lanes.RemainderByConstant(lanes, constant);
                for (int lane = 0; lane < Lanes.Count; lane++)
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

    [Fact]
    public void EveryDividendBelow2To31DividesExactlyByTheDigitBase()
    {
        // The slow series' divisor, exhaustively over the magic-multiplier path's whole domain, with a stride that
        // still visits every residue class and both ends.
        var constant = ConstantDivisor.Of(10);
        var lanes = Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7);
        for (long first = 0; first < (1L << 31); first += 8 * 997)
        {
            var (quotient, remainder) = Lanes.DivideWithRemainderByConstant(lanes + Vector512.Create(first), constant);
            for (int lane = 0; lane < Lanes.Count; lane++)
            {
                long n = first + lane;
                if (quotient[lane] != n / 10 || remainder[lane] != n % 10)
                {
                    Assert.Fail($"{n}: quotient {quotient[lane]}, remainder {remainder[lane]}");
                }
            }
        }

        var top = Lanes.DivideByConstant(Vector512.Create(int.MaxValue - 7L) + Vector512<long>.Indices, constant);
        Assert.Equal((int.MaxValue - 7L) / 10, top[0]);
        Assert.Equal(int.MaxValue / 10, top[7]);
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
        Assert.Equal(-5L, Lanes.DivideByConstant(Vector512.Create(5L), minusOne)[0]);
        Assert.Throws<OverflowException>(() => Lanes.DivideByConstant(Vector512.Create(long.MinValue), minusOne));
    }
}
