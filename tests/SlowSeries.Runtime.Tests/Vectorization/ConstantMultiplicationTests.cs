using System.Runtime.Intrinsics;
using SlowSeries.Vectorization;

namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>Products with a constant factor (shifts and an add for one or two set bits) against C#'s unchecked multiply at every width.</summary>
public class ConstantMultiplicationTests
{
    private static readonly long[] Factors = [0, 1, 2, 3, 4, 5, 6, 7, 10, 12, 1000, 0x5555, -1, -2, -3, -10, 1L << 62, (1L << 62) + 1, long.MinValue, long.MaxValue];

    [Theory]
    [MemberData(nameof(EveryWidth.Names), MemberType = typeof(EveryWidth))]
    public void ProductsWrapLikeCSharp(string width) => EveryWidth.Run(width, new Products());

    private readonly struct Products : IWidthCheck
    {
        public void Run<W, TDouble, TLong>()
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            var random = new Random(3);
            long[] values = new long[] { 0, 1, -1, long.MaxValue, long.MinValue, int.MaxValue, int.MinValue }
                .Concat(Enumerable.Range(0, 200).Select(_ => random.NextInt64(long.MinValue, long.MaxValue))).ToArray();
            var products = new long[W.Count];
            foreach (long factor in Factors)
            {
                for (int start = 0; start + W.Count <= values.Length; start += W.Count)
                {
                    W.Store(W.MultiplyByConstant(W.Load(values, start), factor), products, 0);
                    for (int lane = 0; lane < W.Count; lane++)
                    {
                        Assert.Equal(unchecked(values[start + lane] * factor), products[lane]);
                    }
                }
            }
        }
    }
}
