using SlowSeries.Language.Semantics;
using SlowSeries.Vectorization;

namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>
/// x² + y² − 1 on lanes (complex log near the unit circle) has the scalar function's bits at every width, with and
/// without fused multiply-add (the CI's width runs), for points near the unit circle and across |z|² in [¼, 4].
/// </summary>
public class SquaresMinusOneTests
{
    [Theory]
    [MemberData(nameof(EveryWidth.Names), MemberType = typeof(EveryWidth))]
    public void LanesGiveTheScalarFunctionsBits(string width) => EveryWidth.Run(width, new Lanes());

    private readonly struct Lanes : IWidthCheck
    {
        public void Run<W, TDouble, TLong>()
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            var random = new Random(17);
            double[] x = new double[4096], y = new double[4096];
            for (int k = 0; k < x.Length; k++)
            {
                double angle = random.NextDouble() * 2 * Math.PI;
                double radius = k % 2 == 0 ? 1 + ((random.NextDouble() - 0.5) * Math.Pow(10, -random.Next(1, 15))) : 0.5 + (1.5 * random.NextDouble());
                (x[k], y[k]) = (radius * Math.Cos(angle), radius * Math.Sin(angle));
            }

            double[] lanes = new double[x.Length];
            for (int i = 0; i + W.Count <= x.Length; i += W.Count)
            {
                var (re, im) = (W.LoadUnsafe(ref x[i]), W.LoadUnsafe(ref y[i]));
                W.StoreUnsafe(VectorMath.SquaresMinusOne<W, TDouble, TLong>(re, im, W.Multiply(re, re), W.Multiply(im, im)), ref lanes[i]);
            }

            for (int k = 0; k < x.Length; k++)
            {
                double scalar = RealMath.SquaresMinusOne(x[k], y[k]);
                Assert.True(BitConverter.DoubleToInt64Bits(scalar) == BitConverter.DoubleToInt64Bits(lanes[k]), $"({x[k]:R}, {y[k]:R}): lanes {lanes[k]:R}, scalar {scalar:R}");
            }
        }
    }
}
