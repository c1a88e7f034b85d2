using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Api;

/// <summary>
/// Element types NumExpr casts as it reads them are widened as NumExpr 2.8 widens them (seen with NumPy arrays of each:
/// int8, int16, uint8, uint16 → int32, uint32 → int64, float16 → float32, uint64 refused): the same dtype, and values
/// equal to the expression over the widened values, at each type's extremes.
/// </summary>
public class WidenedInputTests
{
    private static NDArray Evaluate(object x) => NumExpr.Evaluate("x * 3 - 1 + (x >> 1)", new Dictionary<string, object?> { ["x"] = x });

    private static NDArray EvaluateFloat(object x) => NumExpr.Evaluate("x * 3 - 1", new Dictionary<string, object?> { ["x"] = x });

    [Fact]
    public void SmallIntegersAreWidenedToInt32AndUInt32ToInt64()
    {
        sbyte[] bytes = [sbyte.MinValue, -1, 0, 1, sbyte.MaxValue];
        short[] shorts = [short.MinValue, -7, 0, 9, short.MaxValue];
        ushort[] words = [0, 1, 300, ushort.MaxValue];
        uint[] unsigned = [0, 5, int.MaxValue, uint.MaxValue];

        Assert.Equal(Evaluate(bytes.Select(v => (int)v).ToArray()).ToArray<int>(), Expect(Evaluate(bytes), DType.Int32).ToArray<int>());
        Assert.Equal(Evaluate(shorts.Select(v => (int)v).ToArray()).ToArray<int>(), Expect(Evaluate(shorts), DType.Int32).ToArray<int>());
        Assert.Equal(Evaluate(words.Select(v => (int)v).ToArray()).ToArray<int>(), Expect(Evaluate(words), DType.Int32).ToArray<int>());
        Assert.Equal(Evaluate(unsigned.Select(v => (long)v).ToArray()).ToArray<long>(), Expect(Evaluate(unsigned), DType.Int64).ToArray<long>());
        Assert.Equal(3L * uint.MaxValue - 1 + (uint.MaxValue >> 1), Evaluate(unsigned).ToArray<long>()[^1]);
    }

    [Fact]
    public void HalvesAreWidenedToFloat32()
    {
        Half[] halves = [Half.MinValue, (Half)(-0.5), Half.Epsilon, (Half)1.5, Half.MaxValue, Half.PositiveInfinity, Half.NaN];
        var widened = halves.Select(v => (float)v).ToArray();
        Assert.Equal(EvaluateFloat(widened).ToArray<float>(), Expect(EvaluateFloat(halves), DType.Float32).ToArray<float>());
    }

    /// <summary>Bytes as numbers come as arrays of rank 2 or more and as memory; a one-dimensional byte[] stays a byte string.</summary>
    [Fact]
    public void BytesAreNumbersInMatricesAndMemoryAndAByteStringInAVector()
    {
        var image = new byte[,] { { 0, 128 }, { 200, 255 } };
        var result = Expect(NumExpr.Evaluate("image * 2 + 1", new { image }), DType.Int32);
        Assert.Equal(new Shape(2, 2), result.Shape);
        Assert.Equal([1, 257, 401, 511], result.ToArray<int>());
        Assert.Equal([511, 1], Expect(NumExpr.Evaluate("x * 2 + 1", new { x = new byte[] { 255, 0 }.AsMemory() }), DType.Int32).ToArray<int>());
        Assert.Equal([true, false], NumExpr.Evaluate("contains(x, b'hi')", new { x = new[] { "hi there", "there" } }).ToArray<bool>());
        Assert.True(NumExpr.Evaluate("x == b'hi'", new { x = "hi"u8.ToArray() }).Item<bool>());
    }

    [Fact]
    public void MemoryAndScalarsAreWidenedToo()
    {
        short[] shorts = [-3, 4, 5];
        Assert.Equal([-12, 13, 16], Expect(Evaluate(shorts.AsMemory()), DType.Int32).ToArray<int>());
        Assert.Equal([13, 16], Expect(Evaluate((ReadOnlyMemory<short>)shorts.AsMemory(1)), DType.Int32).ToArray<int>());
        Assert.Equal(3L * uint.MaxValue - 1 + (uint.MaxValue >> 1), Expect(Evaluate(uint.MaxValue), DType.Int64).Item<long>());
        Assert.Equal(-5, Expect(Evaluate((sbyte)-1), DType.Int32).Item<int>());
        Assert.Equal(3.5f, Expect(EvaluateFloat((Half)1.5), DType.Float32).Item<float>());
    }

    /// <summary>
    /// The widened copy kept with an input array is written again by every evaluation: a change to the array shows in the
    /// next result, and an earlier result (a new array, even for the bare variable) keeps its values.
    /// </summary>
    [Fact]
    public void EachEvaluationWidensTheArrayAsItIsThen()
    {
        var samples = Enumerable.Range(0, 100_000).Select(k => (short)(k % 1000)).ToArray();
        var first = NumExpr.Evaluate("x * 2", new { x = samples });
        var bare = NumExpr.Evaluate("x", new { x = samples });
        samples[7] = -5;
        var second = NumExpr.Evaluate("x * 2", new { x = samples });
        Assert.Equal(14, first.ToArray<int>()[7]);
        Assert.Equal(7, bare.ToArray<int>()[7]);
        Assert.Equal(-10, second.ToArray<int>()[7]);
        Assert.Equal(first.ToArray<int>()[8..], second.ToArray<int>()[8..]);
    }

    /// <summary>uint64 is refused with a message naming it, as NumExpr refuses it; nothing else happens.</summary>
    [Fact]
    public void UInt64IsRefusedWithTheReason()
    {
        foreach (object x in new object[] { new ulong[] { 1, 2 }, new ulong[,] { { 1 } }, new ulong[] { 1 }.AsMemory(), 7UL })
        {
            var error = Assert.Throws<ArgumentException>(() => Evaluate(x));
            Assert.Contains("uint64", error.Message, StringComparison.Ordinal);
        }
    }

    private static NDArray Expect(NDArray result, DType dtype)
    {
        Assert.Equal(dtype, result.DType);
        return result;
    }
}
