using System.Numerics;
using SlowSeries.Kernels;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// The interpreter's own span arithmetic gives the bits of the scalar operators — every element, every length (whole
/// vectors and the tail at the width this process runs), in place, with NaN, infinities, signed zeros and subnormals —
/// and refuses operands shorter than the destination rather than reading past them.
/// </summary>
public class SpanArithmeticTests
{
    private static readonly double[] Specials = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -1e-310, 1e308, -1e308, 1.0, -3.5];

    [Fact]
    public void Float64GivesTheOperatorsBits() => Check(k => k < Specials.Length ? Specials[k] : (k * 0.37) - 11.1, k => Specials[(k * 7) % Specials.Length] + (k % 3), divide: true);

    [Fact]
    public void Float32GivesTheOperatorsBits() => Check(k => (float)(k < Specials.Length ? Specials[k] : (k * 0.37) - 11.1), k => (float)(Specials[(k * 7) % Specials.Length] + (k % 3)), divide: true);

    [Fact]
    public void Int64WrapsAsTheOperatorsDo() => Check(k => (k * 0x1234_5678_9ABCL) - long.MaxValue + k, k => (k * 977L) + long.MinValue / (k + 1), divide: false);

    [Fact]
    public void Int32WrapsAsTheOperatorsDo() => Check(k => (k * 0x1234_567) + int.MaxValue - k, k => (k * 97) - int.MaxValue, divide: false);

    /// <summary>
    /// Rows of 1 to 9 elements at strides from their length to two past it, with NaN, infinities and signed zeros among
    /// the values: each row's maximum and minimum what <see cref="SpanArithmetic.MaximumOf{T}"/> and
    /// <see cref="SpanArithmetic.MinimumOf{T}"/> give for the row alone (rows shorter and longer than a vector).
    /// </summary>
    [Fact]
    public void MaximaAndMinimaOfRowsAreEachRowsAlone()
    {
        for (int length = 1; length <= 9; length++)
        {
            for (int stride = length; stride <= length + 2; stride++)
            {
                const int Rows = 101;
                double[] values = [.. Enumerable.Range(0, Rows * stride).Select(k => k % 5 == 0 ? Specials[(k / 5) % Specials.Length] : Math.Sin(k) * 100)];
                var maxima = new double[Rows];
                var minima = new double[Rows];
                SpanArithmetic.MaximaOfRows<double>(values, length, stride, maxima);
                SpanArithmetic.MinimaOfRows<double>(values, length, stride, minima);
                for (int r = 0; r < Rows; r++)
                {
                    var row = values.AsSpan(r * stride, length);
                    Assert.True(SameBits(SpanArithmetic.MaximumOf<double>(row), maxima[r]), $"max of row {r}, length {length}, stride {stride}");
                    Assert.True(SameBits(SpanArithmetic.MinimumOf<double>(row), minima[r]), $"min of row {r}, length {length}, stride {stride}");
                }
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MaximaAndMinimaFollowMathMaxAndMin(bool single)
    {
        double[] specials = [.. Specials, -0.0, 0.0, 2.0, 2.0];
        foreach (int length in new[] { 1, 3, 8, 17, 40, 333 })
        {
            foreach (int shift in new[] { 0, 1, 5 })
            {
                double[] x = [.. Enumerable.Range(0, length).Select(k => specials[(k + shift) % specials.Length])];
                double[] y = [.. Enumerable.Range(0, length).Select(k => specials[(k * 3) % specials.Length])];
                if (single)
                {
                    CheckExtremes([.. x.Select(v => (float)v)], [.. y.Select(v => (float)v)], float.Max, float.Min);
                }
                else
                {
                    CheckExtremes(x, y, double.Max, double.Min);
                }
            }
        }

        // Reductions: NaN anywhere wins; +0 above -0 in either order; otherwise the extreme value.
        Assert.True(double.IsNaN(SpanArithmetic.MaximumOf<double>([.. Enumerable.Range(0, 50).Select(k => k == 37 ? double.NaN : k)])));
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(SpanArithmetic.MaximumOf<double>([.. Enumerable.Repeat(-0.0, 20).Append(0.0)])));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(SpanArithmetic.MinimumOf<double>([0.0, .. Enumerable.Repeat(0.0, 20), -0.0])));
        Assert.Equal(-7L, SpanArithmetic.MinimumOf<long>([.. Enumerable.Range(0, 30).Select(k => (long)((k * 7 % 23) - 7))]));
    }

    private static void CheckExtremes<T>(T[] x, T[] y, Func<T, T, T> max, Func<T, T, T> min)
        where T : unmanaged, INumber<T>
    {
        T[] larger = new T[x.Length], smaller = new T[x.Length];
        SpanArithmetic.Maximum<T>(x, y, larger);
        SpanArithmetic.Minimum<T>(x, y, smaller);
        for (int k = 0; k < x.Length; k++)
        {
            Assert.True(SameBits(max(x[k], y[k]), larger[k]), $"max({x[k]}, {y[k]}) gave {larger[k]}");
            Assert.True(SameBits(min(x[k], y[k]), smaller[k]), $"min({x[k]}, {y[k]}) gave {smaller[k]}");
        }

        var folded = x.Aggregate(max);
        Assert.True(SameBits(folded, SpanArithmetic.MaximumOf<T>(x)), $"the maximum of {x.Length} values");
        Assert.True(SameBits(x.Aggregate(min), SpanArithmetic.MinimumOf<T>(x)), $"the minimum of {x.Length} values");
    }

    [Fact]
    public void InPlaceResultsAreTheSame()
    {
        double[] x = Enumerable.Range(0, 101).Select(k => (k * 1.25) - 40).ToArray();
        double[] y = Enumerable.Range(0, 101).Select(k => (k % 7) + 0.5).ToArray();
        double[] expected = x.Zip(y, (a, b) => (a * b) + a).ToArray();
        SpanArithmetic.MultiplyAdd<double>(x, y, x, x);
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), x.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void ShortOperandsAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => SpanArithmetic.Add<double>(new double[3], new double[4], new double[4]));
        Assert.Contains("3 and 4", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SpanArithmetic.MultiplyAdd<double>(new double[4], new double[4], new double[2], new double[4]));
    }

    /// <summary>
    /// Rows folded a vector of columns at a time, or row after row (rows read from memory, 32 to 512 columns), give the
    /// bits of one span operation per row, in row order.
    /// </summary>
    [Theory]
    [InlineData(1, 5)]
    [InlineData(3, 40)]
    [InlineData(7, 2)]
    [InlineData(16, 9)]
    [InlineData(17, 33)]
    [InlineData(100, 41)]
    [InlineData(133, 1)]
    [InlineData(40, 7)]
    [InlineData(512, 3)]
    public void RowsFoldAsOneOperationPerRow(int width, int rows)
    {
        // Specials here and there; elsewhere magnitudes from 1e-3 to 1e5, so that another order of the rows rounds otherwise.
        double[] values = [.. Enumerable.Range(0, width * rows).Select(k => k % 97 < Specials.Length ? Specials[k % 97] : ((k * 0.37) - 11.1) * Math.Pow(10, (k % 9) - 3))];
        CheckRows(values, width, SpanArithmetic.AddRows, SpanArithmetic.Add);
        CheckRows(values, width, SpanArithmetic.MultiplyRows, SpanArithmetic.Multiply);
        CheckRows([.. values.Select(v => (float)v)], width, SpanArithmetic.AddRows, SpanArithmetic.Add);
        CheckRows([.. Enumerable.Range(0, width * rows).Select(k => (k * 0x1234_5678_9ABCL) - long.MaxValue)], width, SpanArithmetic.AddRows, SpanArithmetic.Add);
        CheckRows([.. Enumerable.Range(0, width * rows).Select(k => (k * 0x1234_567) + 3)], width, SpanArithmetic.MultiplyRows, SpanArithmetic.Multiply);
    }

    private delegate void RowFold<T>(ReadOnlySpan<T> rows, Span<T> accumulator, bool fromMemory);

    private delegate void SpanOperation<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);

    private static void CheckRows<T>(T[] values, int width, RowFold<T> fold, SpanOperation<T> operation)
        where T : unmanaged
    {
        T[] expected = values[..width];
        for (int start = width; start < values.Length; start += width)
        {
            operation(expected, values.AsSpan(start, width), expected);
        }

        foreach (bool fromMemory in new[] { false, true })
        {
            T[] actual = values[..width];
            fold(values.AsSpan(width), actual, fromMemory);
            Assert.Equal(expected.Select(Bits), actual.Select(Bits));
        }
    }

    private static long Bits<T>(T value)
        where T : unmanaged => value switch
        {
            double d => BitConverter.DoubleToInt64Bits(d),
            float f => BitConverter.SingleToInt32Bits(f),
            long l => l,
            int i => i,
            _ => throw new ArgumentException(typeof(T).Name),
        };

    private static void Check<T>(Func<int, T> first, Func<int, T> second, bool divide)
        where T : unmanaged, INumber<T>
    {
        foreach (int length in new[] { 0, 1, 3, 7, 8, 15, 16, 17, 31, 33, 64, 67, 1000 })
        {
            T[] x = Enumerable.Range(0, length).Select(first).ToArray();
            T[] y = Enumerable.Range(0, length).Select(second).ToArray();
            T[] z = Enumerable.Range(0, length).Select(k => second(length - k)).ToArray();
            var operations = new List<(string Name, Action<T[]> Run, Func<int, T> Expected)>
            {
                ("add", d => SpanArithmetic.Add<T>(x, y, d), k => x[k] + y[k]),
                ("subtract", d => SpanArithmetic.Subtract<T>(x, y, d), k => x[k] - y[k]),
                ("multiply", d => SpanArithmetic.Multiply<T>(x, y, d), k => x[k] * y[k]),
                ("multiply-add", d => SpanArithmetic.MultiplyAdd<T>(x, y, z, d), k => (x[k] * y[k]) + z[k]),
            };
            if (divide)
            {
                operations.Add(("divide", d => Divide(x, y, d), k => x[k] / y[k]));
            }

            foreach (var (name, run, expected) in operations)
            {
                T[] destination = new T[length];
                run(destination);
                for (int k = 0; k < length; k++)
                {
                    Assert.True(SameBits(expected(k), destination[k]), $"{name} of {typeof(T).Name}, length {length}, element {k}: {x[k]}, {y[k]} gave {destination[k]}, expected {expected(k)}");
                }
            }
        }
    }

    private static void Divide<T>(T[] x, T[] y, T[] destination)
        where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(double))
        {
            SpanArithmetic.Divide((double[])(object)x, (double[])(object)y, (double[])(object)destination);
        }
        else
        {
            SpanArithmetic.Divide((float[])(object)x, (float[])(object)y, (float[])(object)destination);
        }
    }

    private static bool SameBits<T>(T expected, T actual)
        where T : unmanaged, INumber<T> => expected switch
        {
            double e => BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits((double)(object)actual) || (double.IsNaN(e) && double.IsNaN((double)(object)actual)),
            float e => BitConverter.SingleToInt32Bits(e) == BitConverter.SingleToInt32Bits((float)(object)actual) || (float.IsNaN(e) && float.IsNaN((float)(object)actual)),
            _ => expected == actual,
        };
}
