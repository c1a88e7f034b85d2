using SlowSeries.Kernels;
using SlowSeries.Language.Semantics;
using SlowSeries.Vectorization;

namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>
/// The float64 %, // and fmod span loops at every width against <see cref="RealMath.DivMod"/> (NumPy's npy_divmod) and
/// C's fmod, bit for bit: signed zeros, infinities, NaN, subnormals, quotients near integers and beyond 2^52, tails of every length.
/// Without a fused multiply-add (the CI's 128-bit run) the exact a − q·b is Dekker's product, the same bits; without an
/// accelerated width the loops are not used (<see cref="FloatDivisionLoops.Pays"/>) and the differential tests cover the
/// element-by-element loop instead.
/// </summary>
public class FloatDivisionLoopTests
{
    [Theory]
    [MemberData(nameof(EveryWidth.Names), MemberType = typeof(EveryWidth))]
    public void QuotientsAndRemaindersAreNumPys(string width)
    {
        if (FloatDivisionLoops.Pays)
        {
            EveryWidth.Run(width, new Check());
        }
    }

    private readonly struct Check : IWidthCheck
    {
        public void Run<W, TDouble, TLong>()
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct
        {
            var random = new Random(71);
            double[] edges = [0.0, -0.0, 1, -1, 0.3, -0.3, 2.5, -7, 1e-310, -1e-310, 1e300, -1e300, 4503599627370496.0, 3.0000000000000004, double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.Epsilon, 0.1 * 3, 1e-300];
            var pairs = edges.SelectMany(a => edges.Select(b => (A: a, B: b))).ToList();
            for (int k = 0; k < 6000; k++)
            {
                double b = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-5, 6));
                double a = (k % 3) switch
                {
                    // Near a whole multiple of b: where the rounded quotient crosses an integer.
                    0 => Math.BitIncrement(b * random.Next(-1000, 1000)) * (random.Next(2) == 0 ? 1 : -1),
                    1 => b * random.Next(-1_000_000, 1_000_000),
                    _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-10, 20)),
                };
                pairs.Add((a, b));
            }

            foreach (int length in Enumerable.Range(0, 2 * W.Count + 1).Append(pairs.Count))
            {
                double[] a = pairs.Take(length).Select(p => p.A).ToArray(), b = pairs.Take(length).Select(p => p.B).ToArray();
                double[] quotient = new double[length], remainder = new double[length], fmod = new double[length];
                FloatDivisionLoops.Run<W, TDouble, TLong>(a, b, quotient, VectorMath.DivisionPart.FloorQuotient);
                FloatDivisionLoops.Run<W, TDouble, TLong>(a, b, remainder, VectorMath.DivisionPart.FloorRemainder);
                FloatDivisionLoops.Run<W, TDouble, TLong>(a, b, fmod, VectorMath.DivisionPart.CRemainder);

                // In place, as float32 steps run it (their widened block is both an operand and the destination).
                double[] inPlace = (double[])a.Clone();
                FloatDivisionLoops.Run<W, TDouble, TLong>(inPlace, b, inPlace, VectorMath.DivisionPart.FloorQuotient);
                Assert.Equal(quotient.Select(BitConverter.DoubleToInt64Bits), inPlace.Select(BitConverter.DoubleToInt64Bits));
                for (int i = 0; i < length; i++)
                {
                    var (expectedQuotient, expectedRemainder) = RealMath.DivMod(a[i], b[i]);
                    Assert.True(Same(quotient[i], expectedQuotient), $"{a[i]:R} // {b[i]:R}: got {quotient[i]:R}, NumPy gives {expectedQuotient:R}");
                    Assert.True(Same(remainder[i], expectedRemainder), $"{a[i]:R} % {b[i]:R}: got {remainder[i]:R}, NumPy gives {expectedRemainder:R}");
                    Assert.True(Same(fmod[i], RealMath.CRemainder(a[i], b[i])), $"fmod({a[i]:R}, {b[i]:R}): got {fmod[i]:R}, C gives {RealMath.CRemainder(a[i], b[i]):R}");
                }
            }
        }

        private static bool Same(double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y) || (double.IsNaN(x) && double.IsNaN(y));
    }
}
