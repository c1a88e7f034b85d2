using SlowSeries.Kernels;
using SlowSeries.Language.Semantics;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// The interpreter's integer powers over spans (IntegerPowerLoops: every lane squared at once, as many times as the
/// vector's largest exponent has bits) against the reference's element by element, bit for bit: wrapping products,
/// extreme bases, exponents from 0 to 2^62 side by side in one vector, every tail length; a negative exponent anywhere
/// fails before anything is written. CI runs this at every vector width.
/// </summary>
public class IntegerPowerLoopTests
{
    private static readonly long[] Bases = [0, 1, -1, 2, -2, 3, 7, -10, 1_000_003, long.MaxValue, long.MinValue, int.MaxValue, int.MinValue];

    [Fact]
    public void Int64PowersAreTheReferencesBits()
    {
        var random = new Random(91);
        foreach (int length in Enumerable.Range(0, 40).Append(1031))
        {
            long[] a = [.. Enumerable.Range(0, length).Select(i => i % 3 == 0 ? Bases[random.Next(Bases.Length)] : random.NextInt64(-50, 50))];
            long[] b = [.. Enumerable.Range(0, length).Select(i => i % 5 == 0 ? random.NextInt64(0, 1L << 62) : random.NextInt64(0, 70))];
            long[] expected = [.. a.Zip(b, IntegerMath.Power)];
            var destination = new long[length];
            IntegerPowerLoops.Power(a, b, destination);
            Assert.Equal(expected, destination);
        }
    }

    [Fact]
    public void Int32PowersAreTheReferencesBits()
    {
        var random = new Random(92);
        foreach (int length in Enumerable.Range(0, 20).Append(1031))
        {
            int[] a = [.. Enumerable.Range(0, length).Select(i => i % 3 == 0 ? (int)Bases[random.Next(Bases.Length)] : random.Next(-50, 50))];
            int[] b = [.. Enumerable.Range(0, length).Select(_ => random.Next(0, 70))];
            int[] expected = [.. a.Zip(b, (x, y) => unchecked((int)IntegerMath.Power(x, y)))];
            var destination = new int[length];
            IntegerPowerLoops.Power(a, b, destination);
            Assert.Equal(expected, destination);
        }
    }

    [Fact]
    public void ANegativeExponentFailsBeforeAnythingIsWritten()
    {
        long[] a = [.. Enumerable.Range(1, 37).Select(i => (long)i)];
        long[] b = [.. Enumerable.Repeat(2L, 37)];
        b[33] = -1;
        long[] destination = [.. Enumerable.Repeat(-5L, 37)];
        var error = Assert.Throws<ArithmeticException>(() => IntegerPowerLoops.Power(a, b, destination));
        Assert.Equal(IntegerMath.NegativePowerMessage, error.Message);
        Assert.All(destination, value => Assert.Equal(-5L, value));
        Assert.Throws<ArithmeticException>(() => IntegerPowerLoops.Power([2], [int.MinValue], new int[1]));
    }
}
