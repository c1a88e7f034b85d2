using System.Runtime.Intrinsics;
using SlowSeries.Vectorization;

namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>
/// long ↔ double lane conversions at every width against C#'s casts: for long → double over the whole range (the two
/// 32-bit halves' edges, ties that round to even, the extremes), for double → long around the 2^51 edge of the exact
/// shortcut the widths without an int64 conversion instruction take, and on the values that must take .NET's conversion
/// (NaN, ±Inf, beyond 2^63); long → float (two vectors into one) around float32's ties beyond 2^53, where rounding
/// through double would round twice.
/// </summary>
public class LaneConversionTests
{
    private static readonly long[] Longs =
    [
        0, 1, -1, 7, -7, int.MaxValue, int.MinValue, (1L << 51) - 1, -(1L << 51), -(1L << 51) + 1, 1L << 51, -(1L << 51) - 1,
        (1L << 53) + 1, -(1L << 53) - 1, long.MaxValue, long.MinValue, 123_456_789_012_345, uint.MaxValue, -(long)uint.MaxValue,
        1L << 32, -(1L << 32), (1L << 32) - 1, (1L << 32) + 1, -(1L << 32) - 1, (1L << 54) + 2, (1L << 54) + 6, -(1L << 54) - 2,
        long.MaxValue - 511, long.MaxValue - 512, long.MinValue + 512, long.MinValue + 513, (1L << 62) + (1L << 9), 0x7FFF_FFFF_8000_0000,
    ];

    private static readonly double[] Doubles =
    [
        0.0, -0.0, 0.5, -0.5, 1.9999, -1.9999, 2.5, -2.5, 4503599627370495.5, -4503599627370495.5, 2251799813685247.75,
        -2251799813685247.75, 2251799813685248.0, -2251799813685248.0, 9.2233720368547758e18, -9.2233720368547758e18, 1e300,
        -1e300, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-300, 123456.789,
    ];

    [Theory]
    [MemberData(nameof(EveryWidth.Names), MemberType = typeof(EveryWidth))]
    public void ConversionsEqualCSharpsCasts(string width) => EveryWidth.Run(width, new Conversions());

    private readonly struct Conversions : IWidthCheck
    {
        public void Run<W, TDouble, TLong>()
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Check<W, TDouble, TLong>();
    }

    private static void Check<W, TDouble, TLong>()
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var random = new Random(5);
        long[] longs = [.. Longs, .. Enumerable.Range(0, 400).Select(_ => random.NextInt64(-(1L << 52), 1L << 52)), .. Enumerable.Range(0, 400).Select(_ => random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(0, 12))];
        double[] doubles = Doubles.Concat(Enumerable.Range(0, 400).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(2, random.Next(0, 60)))).ToArray();
        var converted = new double[W.Count];
        var truncated = new long[W.Count];
        foreach (int start in Enumerable.Range(0, longs.Length - W.Count + 1))
        {
            W.Store(W.ToDouble(W.Load(longs, start)), converted, 0);
            for (int lane = 0; lane < W.Count; lane++)
            {
                Assert.True(converted[lane].Equals((double)longs[start + lane]), $"(double){longs[start + lane]}: {converted[lane]:R}");
            }
        }

        foreach (int start in Enumerable.Range(0, doubles.Length - W.Count + 1))
        {
            W.Store(W.ToInt64(W.Load(doubles, start)), truncated, 0);
            for (int lane = 0; lane < W.Count; lane++)
            {
                Assert.True(truncated[lane] == (long)doubles[start + lane], $"(long){doubles[start + lane]:R}: {truncated[lane]}");
            }
        }
    }

    [Fact]
    public void Int64ToSingleEqualsCSharpsCastAtEveryWidth()
    {
        // Each float32 tie beyond 2^24 (2^e + 2^(e−24)), one either side of it, and the same with the bits a double
        // keeps beyond 2^53 set or clear below the tie; both signs.
        var random = new Random(11);
        var ties = Enumerable.Range(25, 38).SelectMany(e =>
        {
            long tie = (1L << e) + (1L << (e - 24));
            return new[] { tie, tie - 1, tie + 1, tie + (1L << (e - 25)), tie - (1L << Math.Max(0, e - 54)), tie + (1L << (e - 26)) + 1 };
        });
        long[] values = [.. Longs, .. ties, .. ties.Select(v => -v), (1L << 60) + (1L << 36) + 1, .. Enumerable.Range(0, 2000).Select(_ => random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(0, 40))];
        var lanes = new float[16];
        for (int start = 0; start + 16 <= values.Length; start++)
        {
            var longs = values.AsSpan(start, 16);
            if (Vector512.IsHardwareAccelerated)
            {
                Int64ToSingleLanes.Convert(Vector512.Create<long>(longs[..8]), Vector512.Create<long>(longs[8..])).CopyTo(lanes);
                AssertCasts(longs, lanes, 512);
            }

            if (Vector256.IsHardwareAccelerated)
            {
                Int64ToSingleLanes.Convert(Vector256.Create<long>(longs[..4]), Vector256.Create<long>(longs[4..8])).CopyTo(lanes);
                AssertCasts(longs[..8], lanes, 256);
            }

            Int64ToSingleLanes.Convert(Vector128.Create<long>(longs[..2]), Vector128.Create<long>(longs[2..4])).CopyTo(lanes);
            AssertCasts(longs[..4], lanes, 128);
        }
    }

    private static void AssertCasts(ReadOnlySpan<long> longs, float[] lanes, int bits)
    {
        for (int lane = 0; lane < longs.Length; lane++)
        {
            Assert.True(lanes[lane].Equals((float)longs[lane]), $"{bits} bits: (float){longs[lane]} is {(float)longs[lane]:R}, the lanes gave {lanes[lane]:R}");
        }
    }
}
