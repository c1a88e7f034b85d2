using System.Numerics;

namespace SlowSeries.Vectorization;

/// <summary>
/// An integer divisor known when the code is built, with what dividing by it takes without a divide instruction:
/// its reciprocal for the general case and a 32-bit magic multiplier for dividends below 2^31. The source generator
/// computes these for constant divisors (this file is compiled into it too) and emits them as constants.
/// </summary>
/// <param name="Value">The divisor: not zero, |divisor| &lt; 2^51.</param>
/// <param name="ReciprocalRoundedUp">1/|divisor| rounded toward +∞ (see <c>IVectorWidth.DivideByConstant</c>).</param>
/// <param name="Multiplier">⌈2^<paramref name="Shift"/>/|divisor|⌉, below 2^32; 0 when |divisor| ≥ 2^31.</param>
/// <param name="Shift">31 + ⌈log2 |divisor|⌉.</param>
#if SLOWSERIES_GENERATOR
internal
#else
public
#endif
readonly record struct ConstantDivisor(long Value, double ReciprocalRoundedUp, uint Multiplier, int Shift)
{
    /// <summary>Dividends in [0, <see cref="SmallDividendLimit"/>) divide by multiplying with <see cref="Multiplier"/>.</summary>
    public const long SmallDividendLimit = 1L << 31;

    /// <summary>The largest |divisor| whose divisions by reciprocal are exact for every dividend below the same bound.</summary>
    public const long Limit = 1L << 51;

    /// <summary>Everything dividing by <paramref name="divisor"/> needs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The divisor is zero or |divisor| ≥ 2^51.</exception>
    public static ConstantDivisor Of(long divisor)
    {
        if (divisor == 0 || divisor <= -Limit || divisor >= Limit)
        {
            throw new ArgumentOutOfRangeException(nameof(divisor), divisor, "a constant divisor is not zero and below 2^51 in magnitude");
        }

        long magnitude = Math.Abs(divisor);
        double nearest = 1.0 / magnitude;
        double reciprocal = IsAtLeastReciprocal(nearest, magnitude) ? nearest : BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(nearest) + 1);
        if (magnitude >= SmallDividendLimit)
        {
            return new ConstantDivisor(divisor, reciprocal, 0, 0);
        }

        // Granlund & Montgomery (1994), theorem 4.2 with N = 31: m = ⌈2^(N+l)/d⌉ with 2^l ≥ d gives
        // m·d − 2^(N+l) < d ≤ 2^l, so ⌊m·n / 2^(N+l)⌋ = ⌊n/d⌋ for every 0 ≤ n < 2^N; m < 2^32 and m·n < 2^63.
        int log = 0;
        while ((1L << log) < magnitude)
        {
            log++;
        }

        int shift = 31 + log;
        var multiplier = (BigInteger.Pow(2, shift) + magnitude - 1) / magnitude;
        return new ConstantDivisor(divisor, reciprocal, (uint)multiplier, shift);
    }

    /// <summary>Whether <paramref name="reciprocal"/> ≥ 1/<paramref name="divisor"/> exactly (as reciprocal × divisor ≥ 1 in integers).</summary>
    private static bool IsAtLeastReciprocal(double reciprocal, long divisor)
    {
        // reciprocal = mantissa × 2^exponent exactly; compare mantissa × divisor with 2^-exponent.
        long bits = BitConverter.DoubleToInt64Bits(reciprocal);
        int exponent = (int)((bits >> 52) & 0x7FF) - 1075;
        var mantissa = new BigInteger((bits & 0xF_FFFF_FFFF_FFFFL) | (1L << 52));
        return mantissa * divisor >= BigInteger.Pow(2, -exponent);
    }
}
