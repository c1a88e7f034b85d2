using System.Numerics;

namespace SlowSeries.Vectorization;

/// <summary>
/// 2^E/π mod 2 for E = <see cref="FirstExponent"/> … <see cref="LastExponent"/>, each as hi + lo: hi a multiple of 2^-26
/// (so M·hi is exact for a 24-bit integer M) and lo the next 53 bits — the Payne–Hanek reduction of float32 arguments
/// M·2^E from 2^28 up to float's largest, x/π mod 2 = (M·hi mod 2) + M·lo to within 2^-54. Computed once from π to 320
/// bits (Machin's formula in integers), not typed in.
/// </summary>
internal static class InverseOfPiTable
{
    public const int FirstExponent = 5;
    public const int LastExponent = 104;

    /// <summary>hi at [2·(E − FirstExponent)], lo at [2·(E − FirstExponent) + 1].</summary>
    public static readonly double[] Parts = Build();

    private static double[] Build()
    {
        const int Bits = 320;
        BigInteger one = BigInteger.One << Bits;
        BigInteger pi = (16 * ArcTangentOfInverse(5, one)) - (4 * ArcTangentOfInverse(239, one));
        BigInteger inverseOfPi = (one << Bits) / pi; // 1/π with Bits fractional bits

        var parts = new double[2 * (LastExponent - FirstExponent + 1)];
        BigInteger modulus = (BigInteger.One << (Bits + 1)) - 1; // mod 2, fixed point
        for (int e = FirstExponent; e <= LastExponent; e++)
        {
            BigInteger value = (inverseOfPi << e) & modulus;
            BigInteger high = value >> (Bits - 26);
            BigInteger low = (value - (high << (Bits - 26))) >> (Bits - 26 - 80);
            parts[2 * (e - FirstExponent)] = Math.ScaleB((double)high, -26);
            parts[(2 * (e - FirstExponent)) + 1] = Math.ScaleB((double)low, -26 - 80);
        }

        return parts;
    }

    /// <summary>atan(1/k) in fixed point: Σ (−1)^i / ((2i + 1)·k^(2i+1)).</summary>
    private static BigInteger ArcTangentOfInverse(int k, BigInteger one)
    {
        BigInteger sum = 0, power = one / k;
        int squared = k * k;
        for (int i = 0; power != 0; i++)
        {
            BigInteger term = power / ((2 * i) + 1);
            sum += i % 2 == 0 ? term : -term;
            power /= squared;
        }

        return sum;
    }
}
