using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>
/// sin and cos's reduction modulo π/2 of float64 arguments beyond the Cody–Waite range (2^40 with fused multiply-add,
/// 2^27 without), lane by lane in the vector functions themselves and without a call — Payne and Hanek's method as Go's
/// math package writes it (trigReduce): x = M·2^E with a 53-bit integer M, the 192 bits of 4/π that matter for that E
/// taken from a table, their product with M in 64-bit integers, whose top three bits are the octant and whose next 125
/// bits the fraction. A call left in a fused loop, even on a path that never runs, made the JIT keep a dozen vector
/// registers on the stack on every iteration (System.Math's sin for such lanes, until the fourteenth session).
/// </summary>
public static partial class VectorMath
{
    // π/4 = (PiOverFourSplitHigh + PiOverFourSplitRest) + PiOverFourTail to about 107 bits, the first of 26
    // significant bits, so that its products with half-width numbers are exact (Dekker's product).
    private const double PiOverFourSplitHigh = 0.7853981554508209, PiOverFourSplitRest = 7.946627356147928e-09;
    private const double PiOverFourTail = 3.061616997868383e-17;
    private const double DekkerSplitter = 134217729.0; // 2^27 + 1
    private const double TwoToTheMinus53 = 1.1102230246251565e-16;
    private const double TwoToTheMinus116 = 1.2037062152420224e-35;

    /// <summary>
    /// 4/π = Σ FourOverPiWords[i]·2^(−64i): its integer part and 1,216 bits, enough for the largest float64 (checked
    /// against 4/π computed from Machin's formula in HugeReductionTests). Constant data: no class to initialise.
    /// </summary>
    private static ReadOnlySpan<ulong> FourOverPiWords =>
    [
        0x0000000000000001, 0x45F306DC9C882A53, 0xF84EAFA3EA69BB81, 0xB6C52B3278872083,
        0xFCA2C757BD778AC3, 0x6E48DC74849BA5C0, 0x0C925DD413A32439, 0xFC3BD63962534E7D,
        0xD1046BEA5D768909, 0xD338E04D68BEFC82, 0x7323AC7306A673E9, 0x3908BF177BF25076,
        0x3FF12FFFBC0B301F, 0xDE5E2316B414DA3E, 0xDA6CFD9E4F96136E, 0x9E8C7ECD3CBFD45A,
        0xEA4F758FD7CBE2F6, 0x7A0E73EF14A525D4, 0xD7F6BF623F1ABA10, 0xAC06608DF8F6D757,
    ];

    /// <summary>The words of 4/π, for the test that checks them.</summary>
    internal static ulong[] FourOverPi => FourOverPiWords.ToArray();

    /// <summary>
    /// The lanes of <paramref name="magnitude"/> at or beyond <paramref name="limit"/> given their reduced argument y +
    /// tail and quadrant number by <see cref="ReduceModuloHalfPi"/>; the others as they are. +∞ gives NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble Y, TDouble Tail, TLong Quadrant) ReduceBeyondLaneByLane<W, TDouble, TLong>(TDouble magnitude, TDouble y, TDouble tail, TLong quadrant, double limit)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // NaN lanes compare false and keep the polynomial's NaN.
        if (!W.Any(W.GreaterThanOrEqual(magnitude, W.Create(limit))))
        {
            return (y, tail, quadrant);
        }

        var yBits = W.AsInt64(y);
        var tailBits = W.AsInt64(tail);
        for (int lane = 0; lane < W.Count; lane++)
        {
            double value = W.GetElement(magnitude, lane);
            if (value >= limit)
            {
                var (reduced, reducedTail, number) = ReduceModuloHalfPi(value);
                yBits = W.WithElement(yBits, lane, BitConverter.DoubleToInt64Bits(reduced));
                tailBits = W.WithElement(tailBits, lane, BitConverter.DoubleToInt64Bits(reducedTail));
                quadrant = W.WithElement(quadrant, lane, number);
            }
        }

        return (W.AsDouble(yBits), W.AsDouble(tailBits), quadrant);
    }

    /// <summary>
    /// x = n·π/2 + y + tail for x ≥ π/4, |y + tail| ≤ π/4, y the sum rounded (to within 2^-100 of x mod π/2 relative to y);
    /// n mod 4 as the quadrant number. ∞ gives NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double Y, double Tail, long Quadrant) ReduceModuloHalfPi(double magnitude)
    {
        if (!double.IsFinite(magnitude))
        {
            return (double.NaN, double.NaN, 0);
        }

        // x = m·2^exponent, m of 53 bits; the words of 4/π from the one whose bits times 2^exponent land at 2^-61 and
        // above (exponent ≥ −53 for x ≥ π/4), so that the product's top 64 bits hold the octant and the first 61 bits
        // of the fraction. A shift by 64 is a shift by 0 in C#: the next word goes in by two shifts.
        ulong bits = BitConverter.DoubleToUInt64Bits(magnitude);
        int exponent = (int)(bits >> 52) - 1075;
        ulong m = (bits & 0x000F_FFFF_FFFF_FFFFUL) | (1UL << 52);
        int position = exponent + 61;
        int digit = position >> 6, shift = position & 63;
        var words = FourOverPiWords;
        ulong z0 = (words[digit] << shift) | ((words[digit + 1] >> 1) >> (63 - shift));
        ulong z1 = (words[digit + 1] << shift) | ((words[digit + 2] >> 1) >> (63 - shift));
        ulong z2 = (words[digit + 2] << shift) | ((words[digit + 3] >> 1) >> (63 - shift));

        // m·(z0, z1, z2), its two low words are the fraction's bits; the words above 2^64 are whole turns.
        ulong z2High = MultiplyHigh(z2, m, out _);
        ulong z1High = MultiplyHigh(z1, m, out ulong z1Low);
        ulong low = z1Low + z2High;
        ulong high = (z0 * m) + z1High + (low < z1Low ? 1UL : 0UL);
        long octant = (long)(high >> 61);
        ulong fractionHigh = (high << 3) | (low >> 61);
        ulong fractionLow = low << 3;

        // The fraction in [0, 1) as two doubles from integers below 2^63 (exact, and then rounded once): its first 53 bits
        // and the next 63 (down to 2^-116); an odd octant counts from the next one, the fraction minus 1.
        double upper = (long)(fractionHigh >> 11) * TwoToTheMinus53;
        double lower = (long)(((fractionHigh & 0x7FF) << 52) | (fractionLow >> 12)) * TwoToTheMinus116;
        if ((octant & 1) != 0)
        {
            upper -= 1.0;
            octant++;
        }

        double fraction = upper + lower;
        double fractionTail = lower - (fraction - upper);

        // (fraction + fractionTail)·π/4: the leading product exact by Dekker's split, the small ones added to its error.
        double fractionHigh26 = (fraction * DekkerSplitter) - ((fraction * DekkerSplitter) - fraction);
        double fractionRest = fraction - fractionHigh26;
        double product = fraction * (PiOverFourSplitHigh + PiOverFourSplitRest);
        double productError = (fractionHigh26 * PiOverFourSplitHigh) - product + (fractionHigh26 * PiOverFourSplitRest) + (fractionRest * PiOverFourSplitHigh) + (fractionRest * PiOverFourSplitRest);
        double rest = productError + (fraction * PiOverFourTail) + (fractionTail * (PiOverFourSplitHigh + PiOverFourSplitRest));
        double y = product + rest;
        return (y, rest - (y - product), (octant >> 1) & 3);
    }

    /// <summary>The high 64 bits of a·b (and the low in <paramref name="low"/>) from 32-bit halves: no call, at any instruction set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyHigh(ulong a, ulong b, out ulong low)
    {
        ulong aLow = (uint)a, aHigh = a >> 32, bLow = (uint)b, bHigh = b >> 32;
        ulong lowLow = aLow * bLow, lowHigh = aLow * bHigh, highLow = aHigh * bLow;
        ulong middle = (lowLow >> 32) + (uint)lowHigh + (uint)highLow;
        low = (middle << 32) | (uint)lowLow;
        return (aHigh * bHigh) + (lowHigh >> 32) + (highLow >> 32) + (middle >> 32);
    }
}
