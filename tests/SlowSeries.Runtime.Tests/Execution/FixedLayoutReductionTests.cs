using System.Numerics;
using SlowSeries.Execution;

namespace SlowSeries.Runtime.Tests.Execution;

/// <summary>
/// Sums and products of float64, float32 and complex128 spans against a scalar model of the promised order (256 bytes of partials,
/// element i into partial i mod their count, then a tree of halves), bit for bit, on lengths around the layout's size.
/// CI runs this under every vector width, so every width is held to the same bits.
/// </summary>
public class FixedLayoutReductionTests
{
    public static TheoryData<int> Lengths => [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 129, 1000, 1024, 4099];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Float64SumsAndProductsFollowTheFixedLayout(int length)
    {
        var random = new Random(length);
        double[] values = Enumerable.Range(0, length).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9))).ToArray();
        double[] factors = Enumerable.Range(0, length).Select(_ => 0.5 + random.NextDouble()).ToArray();
        Assert.Equal(BitConverter.DoubleToInt64Bits(Model(values, FixedLayoutReduction.PartialBytes / sizeof(double), -0.0, (a, b) => a + b)), BitConverter.DoubleToInt64Bits(FixedLayoutReduction.Sum<double>(values)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(Model(factors, FixedLayoutReduction.PartialBytes / sizeof(double), 1.0, (a, b) => a * b)), BitConverter.DoubleToInt64Bits(FixedLayoutReduction.Product<double>(factors)));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Float32SumsAndProductsFollowTheFixedLayout(int length)
    {
        var random = new Random(length + 1);
        float[] values = Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-4, 5)))).ToArray();
        float[] factors = Enumerable.Range(0, length).Select(_ => (float)(0.9 + (random.NextDouble() * 0.2))).ToArray();
        Assert.Equal(BitConverter.SingleToInt32Bits(Model(values, FixedLayoutReduction.PartialBytes / sizeof(float), -0.0f, (a, b) => a + b)), BitConverter.SingleToInt32Bits(FixedLayoutReduction.Sum<float>(values)));
        Assert.Equal(BitConverter.SingleToInt32Bits(Model(factors, FixedLayoutReduction.PartialBytes / sizeof(float), 1.0f, (a, b) => a * b)), BitConverter.SingleToInt32Bits(FixedLayoutReduction.Product<float>(factors)));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Complex128SumsAndProductsFollowTheFixedLayout(int length)
    {
        // 256 bytes of partials are 16 complex ones: the sum's parts are the even and odd doubles' partials, kept apart.
        var random = new Random(length + 2);
        Complex[] values = [.. Enumerable.Range(0, length).Select(_ => new Complex((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9)), (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9))))];
        Complex[] factors = [.. Enumerable.Range(0, length).Select(_ => Complex.FromPolarCoordinates(0.99 + (random.NextDouble() * 0.02), random.NextDouble() * 6.3))];
        int lanes = FixedLayoutReduction.PartialBytes / 16;
        AssertSameBits(Model(values, lanes, new Complex(-0.0, -0.0), (a, b) => a + b), FixedLayoutReduction.ComplexSum(values));
        AssertSameBits(Model(factors, lanes, Complex.One, (a, b) => a * b), FixedLayoutReduction.ComplexProduct(factors));
    }

    [Fact]
    public void TheSumOfNegativeZerosKeepsItsSign()
    {
        Assert.True(double.IsNegative(FixedLayoutReduction.Sum<double>([-0.0, -0.0, -0.0])));
        Assert.True(double.IsNegative(FixedLayoutReduction.Sum<double>([])));
    }

    private static void AssertSameBits(Complex expected, Complex actual)
    {
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Real), BitConverter.DoubleToInt64Bits(actual.Real));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Imaginary), BitConverter.DoubleToInt64Bits(actual.Imaginary));
    }

    /// <summary>
    /// Rows of one to six elements at strides from their length to three past it: each row's sum and product the model's
    /// bits for the row alone — with signed zeros, infinities and NaN among the values, so that a row whose tree leaves out
    /// an element, or adds one from the gap after it, changes some sum.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void RowsReduceEachToTheModelsBitsForTheRowAlone(int length)
    {
        var random = new Random(length + 10);
        double[] special = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1e300, -1e-300];
        for (int gap = 0; gap <= 3; gap++)
        {
            int rows = 257, stride = length + gap;
            double[] values = [.. Enumerable.Range(0, rows * stride).Select(_ => random.Next(10) == 0 ? special[random.Next(special.Length)] : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9)))];
            float[] singles = [.. values.Select(v => (float)v)];
            long[] integers = [.. values.Select(_ => (long)random.Next(-1000, 1000) * 1_000_000_007L)];
            double[] Row(int r) => values.AsSpan(r * stride, length).ToArray();
            var sums = new double[rows];
            var products = new double[rows];
            var singleSums = new float[rows];
            var integerSums = new long[rows];
            FixedLayoutReduction.SumRows<double>(values, length, stride, sums);
            FixedLayoutReduction.ProductRows<double>(values, length, stride, products);
            FixedLayoutReduction.SumRows<float>(singles, length, stride, singleSums);
            FixedLayoutReduction.SumRows<long>(integers, length, stride, integerSums);
            for (int r = 0; r < rows; r++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(Model(Row(r), FixedLayoutReduction.PartialBytes / sizeof(double), -0.0, (a, b) => a + b)), BitConverter.DoubleToInt64Bits(sums[r]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(Model(Row(r), FixedLayoutReduction.PartialBytes / sizeof(double), 1.0, (a, b) => a * b)), BitConverter.DoubleToInt64Bits(products[r]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(FixedLayoutReduction.Sum<double>(Row(r))), BitConverter.DoubleToInt64Bits(sums[r]));
                Assert.Equal(BitConverter.SingleToInt32Bits(Model(singles.AsSpan(r * stride, length).ToArray(), FixedLayoutReduction.PartialBytes / sizeof(float), -0.0f, (a, b) => a + b)), BitConverter.SingleToInt32Bits(singleSums[r]));
                Assert.Equal(integers.AsSpan(r * stride, length).ToArray().Sum(), integerSums[r]);
            }
        }
    }

    internal static T Model<T>(T[] values, int lanes, T identity, Func<T, T, T> combine)
    {
        var partials = Enumerable.Repeat(identity, lanes).ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            partials[i % lanes] = combine(partials[i % lanes], values[i]);
        }

        for (int width = lanes / 2; width >= 1; width /= 2)
        {
            for (int lane = 0; lane < width; lane++)
            {
                partials[lane] = combine(partials[lane], partials[lane + width]);
            }
        }

        return partials[0];
    }
}
