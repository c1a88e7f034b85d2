using SlowSeries.Vectorization;

namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>
/// 64-bit arithmetic shifts at every vector width against C#'s <c>&gt;&gt;</c>: x64 below AVX-512 has no such instruction
/// and the widths build it from a logical shift and the sign, so every count and both signs are checked.
/// </summary>
public class LaneShiftTests
{
    [Theory]
    [MemberData(nameof(EveryWidth.Names), MemberType = typeof(EveryWidth))]
    public void ArithmeticShiftsEqualCSharpForEveryCount(string width) => EveryWidth.Run(width, new ArithmeticShifts());

    private readonly struct ArithmeticShifts : IWidthCheck
    {
        public void Run<W, TDouble, TLong>()
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            var random = new Random(17);
            long[] values = [.. new long[] { 0, 1, -1, 2, -2, long.MaxValue, long.MinValue, long.MinValue + 1, int.MinValue, 1L << 62, -(1L << 62) },
                .. Enumerable.Range(0, 64).Select(_ => random.NextInt64(long.MinValue, long.MaxValue))];
            var shifted = new long[W.Count];
            for (int count = 0; count < 64; count++)
            {
                for (int start = 0; start + W.Count <= values.Length; start += W.Count)
                {
                    W.Store(W.ShiftRightArithmetic(W.Load(values, start), count), shifted, 0);
                    for (int lane = 0; lane < W.Count; lane++)
                    {
                        long value = values[start + lane];
                        Assert.True(shifted[lane] == value >> count, $"{value} >> {count}: got {shifted[lane]}, C# gives {value >> count}");
                    }
                }
            }
        }
    }
}
