using SlowSeries.Kernels;
using SlowSeries.Language.Semantics;
using SlowSeries.Vectorization;

namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>
/// The int64 floor division and remainder span loops at every width (and the int32 ones at the process's) against <see cref="IntegerMath"/> (NumPy's rules):
/// zero and −1 divisors, long.MinValue, operands beyond 2^51 (lane by lane there), signs mixed, tails of every length.
/// </summary>
public class IntegerDivisionLoopTests
{
    [Theory]
    [MemberData(nameof(EveryWidth.Names), MemberType = typeof(EveryWidth))]
    public void QuotientsAndRemaindersAreNumPys(string width) => EveryWidth.Run(width, new Check());

    /// <summary>
    /// The int32 loops (through double, at this process's widest width: CI runs the tests at each) against the reference's
    /// int64 results wrapped to 32 bits: int.MinValue // −1 wraps to int.MinValue, zero divisors give 0.
    /// </summary>
    [Fact]
    public void Int32QuotientsAndRemaindersAreNumPys()
    {
        var random = new Random(67);
        int[] edges = [0, 1, -1, 2, -2, 3, 7, -7, 10, int.MaxValue, int.MinValue, int.MinValue + 1, int.MaxValue - 1, 46_341, -46_341, 1 << 30];
        var pairs = edges.SelectMany(a => edges.Select(b => (A: a, B: b))).ToList();
        for (int k = 0; k < 3000; k++)
        {
            int a = k % 3 == 0 ? random.Next(int.MinValue, int.MaxValue) : random.Next(-100_000, 100_000);
            int b = k % 5 == 0 ? random.Next(int.MinValue, int.MaxValue) : random.Next(-50, 50);
            pairs.Add((a, b));
        }

        foreach (int length in Enumerable.Range(0, 33).Append(pairs.Count))
        {
            int[] a = pairs.Take(length).Select(p => p.A).ToArray(), b = pairs.Take(length).Select(p => p.B).ToArray();
            int[] quotient = new int[length], remainder = new int[length];
            IntegerDivisionLoops.FloorDivide(a, b, quotient);
            IntegerDivisionLoops.Remainder(a, b, remainder);
            for (int i = 0; i < length; i++)
            {
                int expectedQuotient = unchecked((int)IntegerMath.FloorDivide(a[i], b[i])), expectedRemainder = unchecked((int)IntegerMath.Remainder(a[i], b[i]));
                Assert.True(quotient[i] == expectedQuotient, $"{a[i]} // {b[i]}: got {quotient[i]}, NumPy gives {expectedQuotient}");
                Assert.True(remainder[i] == expectedRemainder, $"{a[i]} % {b[i]}: got {remainder[i]}, NumPy gives {expectedRemainder}");
            }
        }
    }

    /// <summary>
    /// A divisor span of one value (the interpreter's block of a constant) divides by multiplying (ConstantDivisor), at this
    /// process's widest width: NumPy's results for every sign, 1, divisors up to 2^51, dividends to ±2^63; 0 and −1 take
    /// the general loop.
    /// </summary>
    [Fact]
    public void UniformDivisorsGiveNumPysResults()
    {
        var random = new Random(71);
        long[] divisors = [2, -2, 3, 7, -7, 1, 1000, 1L << 40, -(1L << 50) + 3, (1L << 51) - 1, 0, -1];
        long[] dividends = [.. new long[] { 0, 1, -1, 2, -2, 7, -7, long.MaxValue, long.MinValue, long.MinValue + 1, 1L << 51, -(1L << 51), int.MinValue }
            .Concat(Enumerable.Range(0, 3000).Select(k => k % 3 == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.NextInt64(-100_000, 100_000)))];
        foreach (long divisor in divisors)
        {
            foreach (int length in Enumerable.Range(0, 33).Append(dividends.Length))
            {
                long[] a = dividends[..length], b = [.. Enumerable.Repeat(divisor, length)];
                long[] quotient = new long[length], remainder = new long[length];
                IntegerDivisionLoops.FloorDivide(a, b, quotient);
                IntegerDivisionLoops.Remainder(a, b, remainder);
                for (int i = 0; i < length; i++)
                {
                    Assert.True(quotient[i] == IntegerMath.FloorDivide(a[i], divisor), $"{a[i]} // {divisor}: got {quotient[i]}, NumPy gives {IntegerMath.FloorDivide(a[i], divisor)}");
                    Assert.True(remainder[i] == IntegerMath.Remainder(a[i], divisor), $"{a[i]} % {divisor}: got {remainder[i]}, NumPy gives {IntegerMath.Remainder(a[i], divisor)}");
                }
            }
        }
    }

    private readonly struct Check : IWidthCheck
    {
        public void Run<W, TDouble, TLong>()
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            var random = new Random(61);
            long[] edges = [0, 1, -1, 2, -2, 7, -7, 10, long.MaxValue, long.MinValue, long.MinValue + 1, 1L << 51, -(1L << 51), (1L << 53) + 1, int.MinValue];
            var pairs = new List<(long A, long B)>();
            foreach (long a in edges)
            {
                foreach (long b in edges)
                {
                    pairs.Add((a, b));
                }
            }

            for (int k = 0; k < 3000; k++)
            {
                long a = k % 3 == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.NextInt64(-100_000, 100_000);
                long b = k % 5 == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.NextInt64(-50, 50);
                pairs.Add((a, b));
            }

            // Every prefix length up to two vectors, then the whole set: tails of every length.
            foreach (int length in Enumerable.Range(0, 2 * W.Count + 1).Append(pairs.Count))
            {
                long[] a = pairs.Take(length).Select(p => p.A).ToArray(), b = pairs.Take(length).Select(p => p.B).ToArray();
                long[] quotient = new long[length], remainder = new long[length];
                IntegerDivisionLoops.Run<W, TDouble, TLong>(a, b, quotient, quotient: true);
                IntegerDivisionLoops.Run<W, TDouble, TLong>(a, b, remainder, quotient: false);
                for (int i = 0; i < length; i++)
                {
                    Assert.True(quotient[i] == IntegerMath.FloorDivide(a[i], b[i]), $"{a[i]} // {b[i]}: got {quotient[i]}, NumPy gives {IntegerMath.FloorDivide(a[i], b[i])}");
                    Assert.True(remainder[i] == IntegerMath.Remainder(a[i], b[i]), $"{a[i]} % {b[i]}: got {remainder[i]}, NumPy gives {IntegerMath.Remainder(a[i], b[i])}");
                }
            }
        }
    }
}
