using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>
/// x raised to y of float64 lanes, written once over the width: fdlibm's <c>__ieee754_pow</c> method, every lane through
/// the same operations and the special cases chosen lane by lane.
/// </summary>
/// <remarks>
/// <para>
/// Why not <c>exp(y·log x)</c> from our exp and log: the product's rounding error is multiplied by up to 1075 in the
/// exponent, so such a pow loses up to 10 bits. fdlibm carries log2 x as two doubles (t1 with its low 32 bits zero, and
/// t2), multiplies by y split the same way, so that y1·t1 is exact, and computes 2^(z) from z in two parts as well:
/// "nearly rounded" (within 1 ulp of the exact value; integer powers of integers exact while representable). It uses no
/// fused multiply-add and no table, so every lane of every width on every machine computes the same bits: the
/// splitting steps (clearing a double's low 32 bits) are exact whatever the hardware. Two divisions per lane.
/// </para>
/// <para>
/// The special cases are C99's and <see cref="Math.Pow(double, double)"/>'s: x**0 = 1 and 1**y = 1 even for NaN; (−1)**±∞ =
/// 1; ±0 and ±∞ to a power by their signs and whether y is an odd integer; a negative base to a non-integer power is
/// NaN; otherwise NaN in, NaN out. y = ±1, 2 and ½ (for x ≥ +0) are exact: x, 1/x, x·x, √x, as fdlibm's.
/// </para>
/// </remarks>
public static partial class VectorMath
{
    private const long LowWordMask = unchecked((long)0xFFFF_FFFF_0000_0000);
    private const double TwoTo53 = 9007199254740992.0;

    // log2(x) = n + log2(bp) + log2(m/bp) with bp = 1 or 1.5 (dp_h + dp_l = log2(1.5)).
    private const double PowLog2Of1p5High = 5.84962487220764160156e-01;
    private const double PowLog2Of1p5Low = 1.35003920212974897128e-08;

    // fdlibm's poly coefficients for (3/2)·(log(x) − 2s − (2/3)s³).
    private const double PowL1 = 5.99999999999994648725e-01, PowL2 = 4.28571428578550184252e-01, PowL3 = 3.33333329818377432918e-01;
    private const double PowL4 = 2.72728123808534006489e-01, PowL5 = 2.30660745775561754067e-01, PowL6 = 2.06975017800338417784e-01;

    // fdlibm's exp coefficients (e_exp.c's P1..P5).
    private const double PowP1 = 1.66666666666666019037e-01, PowP2 = -2.77777777770155933842e-03, PowP3 = 6.61375632143793436117e-05;
    private const double PowP4 = -1.65339022054652515390e-06, PowP5 = 4.13813679705723846039e-08;

    private const double PowLn2 = 6.93147180559945286227e-01;
    private const double PowLn2High = 6.93147182464599609375e-01; // low 32 bits zero
    private const double PowLn2Low = -1.90465429995776804525e-09;
    private const double PowOverflowTail = 8.0085662595372944372e-17; // −(1024 − log2(largest double + ½ ulp))
    private const double TwoOverThreeLn2 = 9.61796693925975554329e-01;
    private const double TwoOverThreeLn2High = 9.61796700954437255859e-01; // low 32 bits zero
    private const double TwoOverThreeLn2Low = -7.02846165095275826516e-09;

    // The high words of fdlibm's interval bounds for the mantissa: below √(3/2) bp = 1, below √3 bp = 1.5, above halve it.
    private const long PowIntervalFirst = 0x3988E, PowIntervalSecond = 0xBB67A;

    /// <summary>
    /// Whether the engines compute <c>**</c> with this pow: where 256- or 512-bit vectors are accelerated. Narrower, it
    /// is slower than the C library's scalar pow (which reads tables; this is ~200 operations, most of them one chain,
    /// per vector: at 128 bits 1e7 pairs took 131 ms on 2 threads against Math.Pow's 77), so there `**` calls
    /// <see cref="Math.Pow(double, double)"/> element by element and gives the C library's bits.
    /// </summary>
    internal static bool PowIsVectorized => System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated;

    /// <summary>x raised to y, lane by lane, at the width <typeparamref name="W"/> (see <see cref="VectorMath"/> for the method).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Pow<W, TDouble, TLong>(TDouble x, TDouble y)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var one = W.Create(1.0);
        var zero = W.Create(0.0);
        var infinity = W.Create(double.PositiveInfinity);
        var ax = W.Abs(x);
        var ay = W.Abs(y);

        // The general case on lanes made harmless: |x| of 0, ∞, NaN and y of ±∞, NaN are replaced by 1 and 0 here and
        // their results chosen below.
        var xFinite = W.And(W.LessThan(ax, infinity), W.GreaterThan(ax, zero));
        var yFinite = W.LessThan(ay, infinity);
        var general = PowOfPositive<W, TDouble, TLong>(W.Select(xFinite, ax, one), W.Select(yFinite, y, zero));

        // Most vectors have no lane that needs more: a positive finite base, a finite exponent other than the exact
        // powers below. Then the ~50 operations that follow are skipped, and the CPU overlaps more of the next vector's
        // chain of dependent operations with this one's (the chain, not the operation count, bounds pow's speed).
        var ordinary = W.And(W.And(W.GreaterThan(x, zero), W.LessThan(x, infinity)), yFinite);
        ordinary = W.And(ordinary, W.Not(W.Or(W.Or(W.Equal(ay, one), W.Equal(y, W.Create(2.0))), W.Equal(y, W.Create(0.5)))));
        if (!W.Any(W.Not(ordinary)))
        {
            return general;
        }

        // Whether y is an integer, and an odd one (|y| ≥ 2^53 is even; ±∞ counts as even, as in fdlibm).
        var negative = W.LessThan(W.AsInt64(x), W.Create(0L));
        var yIsInteger = W.Equal(W.Floor(y), y);
        var half = W.Multiply(y, W.Create(0.5));
        var yIsOdd = W.And(yIsInteger, W.Not(W.Equal(W.Floor(half), half)));
        var result = W.AsDouble(W.Xor(W.AsInt64(general), W.And(W.And(negative, yIsOdd), W.Create(SignBit))));

        // A negative base to a non-integer power.
        result = W.Select(W.And(negative, W.Not(yIsInteger)), W.Create(double.NaN), result);

        // ±0, ±∞ and ±1: |x| or its reciprocal, negated for a negative base and an odd y (−1 to a non-integer stays NaN;
        // −0 and −∞ to one are ±0 or ±∞).
        // (Divisions and square roots only where a lane needs them: each costs more than ten other operations.)
        var xSpecial = W.Or(W.Or(W.Equal(ax, zero), W.Equal(ax, infinity)), W.And(W.Equal(ax, one), W.Or(W.Not(negative), yIsInteger)));
        if (W.Any(xSpecial))
        {
            var special = W.Select(W.LessThan(y, zero), W.Divide(one, ax), ax);
            special = W.AsDouble(W.Xor(W.AsInt64(special), W.And(W.And(negative, yIsOdd), W.Create(SignBit))));
            result = W.Select(xSpecial, special, result);
        }

        // fdlibm's exact powers: y = 1, −1, 2, and ½ for x ≥ +0.
        result = W.Select(W.Equal(y, one), x, result);
        result = W.Select(W.Equal(y, W.Create(2.0)), W.Multiply(x, x), result);
        var reciprocal = W.Equal(y, W.Create(-1.0));
        if (W.Any(reciprocal))
        {
            result = W.Select(reciprocal, W.Divide(one, x), result);
        }

        var root = W.And(W.Equal(y, W.Create(0.5)), W.Not(negative));
        if (W.Any(root))
        {
            result = W.Select(root, W.Sqrt(x), result);
        }

        // y = ±∞: 1 for |x| = 1, otherwise +∞ or +0 by whether |x| is above 1 and the sign of y.
        var yInfinite = W.Equal(ay, infinity);
        var grows = W.Equal(W.GreaterThan(ax, one), W.GreaterThan(y, zero));
        var atInfinity = W.Select(W.Equal(ax, one), one, W.Select(grows, infinity, zero));
        result = W.Select(yInfinite, atInfinity, result);

        // NaN in, NaN out; but x**0 = 1 and 1**y = 1 whatever the other operand.
        result = W.Select(W.Or(W.Not(W.Equal(x, x)), W.Not(W.Equal(y, y))), W.Create(double.NaN), result);
        return W.Select(W.Or(W.Equal(y, zero), W.Equal(x, one)), one, result);
    }

    /// <summary>x**y for finite positive x and finite y (fdlibm's general case), +∞ or +0 where it overflows or underflows.</summary>
    /// <remarks>
    /// Called, not inlined, and compiled fully optimised at once: inlined into its caller, the ~150 operations ran the
    /// JIT's inlining budget out, and the log2 part was left a call to code compiled unoptimised first (1e7 elements on
    /// one thread: 122 ms, Math.Pow's time). Compiled on its own it inlines every lane operation; the call costs a few
    /// cycles of the ~150 per vector.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static TDouble PowOfPositive<W, TDouble, TLong>(TDouble ax, TDouble y)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var (t1, t2) = Log2InTwoParts<W, TDouble, TLong>(ax);

        // (y1 + y2)·(t1 + t2) with y1·t1 exact: both have their low 32 bits clear.
        var y1 = LowWordCleared<W, TDouble, TLong>(y);
        var productLow = W.Add(W.Multiply(W.Subtract(y, y1), t1), W.Multiply(y, t2));
        var productHigh = W.Multiply(y1, t1);
        var z = W.Add(productLow, productHigh);

        // Beyond 1024 the result overflows, below −1075 it underflows; at exactly those, the tail decides.
        var limit = W.Create(1024.0);
        var overflows = W.Or(W.GreaterThan(z, limit), W.And(W.Equal(z, limit), W.GreaterThan(W.Add(productLow, W.Create(PowOverflowTail)), W.Subtract(z, productHigh))));
        var lowest = W.Create(-1075.0);
        var underflows = W.Or(W.LessThan(z, lowest), W.And(W.Equal(z, lowest), W.LessThanOrEqual(productLow, W.Subtract(z, productHigh))));

        // 2^z = 2^n · 2^(z − n) with n the nearest integer (the shifter's low bits); productHigh − n is exact.
        var shifted = W.Add(W.Select(W.Or(overflows, underflows), W.Create(0.0), z), W.Create(RoundingShifter));
        var nearest = W.Subtract(shifted, W.Create(RoundingShifter));
        var n = W.Subtract(W.AsInt64(shifted), W.AsInt64(W.Create(RoundingShifter)));
        productHigh = W.Subtract(productHigh, nearest);

        var fraction = TwoToTheSum<W, TDouble, TLong>(productHigh, productLow);

        // fraction · 2^n: n added to the exponent bits while the result stays normal; below, two exact scalings by
        // normal powers of two and one rounding into the subnormals, as scalbn.
        var scaled = W.AsDouble(W.Add(W.AsInt64(fraction), W.ShiftLeft(n, 52)));
        var subnormal = W.LessThan(n, W.Create(-1021L));
        if (W.Any(subnormal))
        {
            var bias = W.Create(ExponentBias);
            var halfN = W.ShiftRightArithmetic(n, 1);
            var first = W.AsDouble(W.ShiftLeft(W.Add(halfN, bias), 52));
            var second = W.AsDouble(W.ShiftLeft(W.Add(W.Subtract(n, halfN), bias), 52));
            scaled = W.Select(subnormal, W.Multiply(W.Multiply(fraction, first), second), scaled);
        }

        scaled = W.Select(overflows, W.Create(double.PositiveInfinity), scaled);
        return W.Select(underflows, W.Create(0.0), scaled);
    }

    /// <summary>2^(high + low) for |high + low| ≤ ½ or a little more (fdlibm: (high + low)·ln 2 in two parts, then its exp).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble TwoToTheSum<W, TDouble, TLong>(TDouble high, TDouble low)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var t = LowWordCleared<W, TDouble, TLong>(W.Add(low, high));
        var u = W.Multiply(t, W.Create(PowLn2High));
        var v = W.Add(W.Multiply(W.Subtract(low, W.Subtract(t, high)), W.Create(PowLn2)), W.Multiply(t, W.Create(PowLn2Low)));
        var r = W.Add(u, v);
        var w = W.Subtract(v, W.Subtract(r, u));
        var square = W.Multiply(r, r);
        var fourth = W.Multiply(square, square);
        var polynomial = W.Add(
            W.Add(W.Create(PowP1), W.Multiply(square, W.Create(PowP2))),
            W.Multiply(fourth, W.Add(W.Add(W.Create(PowP3), W.Multiply(square, W.Create(PowP4))), W.Multiply(fourth, W.Create(PowP5)))));
        var c = W.Subtract(r, W.Multiply(square, polynomial));
        var two = W.Create(2.0);
        var correction = W.Subtract(W.Divide(W.Multiply(r, c), W.Subtract(c, two)), W.Add(w, W.Multiply(r, w)));
        return W.Subtract(W.Create(1.0), W.Subtract(correction, r));
    }

    /// <summary>
    /// log2 of finite positive lanes as t1 + t2, t1 with its low 32 bits clear (fdlibm's general case: the mantissa
    /// reduced against 1 or 1.5, s = (m − bp)/(m + bp) in two parts, a polynomial in s², every step carrying its error).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble High, TDouble Low) Log2InTwoParts<W, TDouble, TLong>(TDouble ax)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var (m, normalizedHigh, secondInterval, n) = Log2Reduction<W, TDouble, TLong>(ax);
        var bp = W.Select(secondInterval, W.Create(1.5), W.Create(1.0));
        var log2OfBpHigh = W.Select(secondInterval, W.Create(PowLog2Of1p5High), W.Create(0.0));
        var log2OfBpLow = W.Select(secondInterval, W.Create(PowLog2Of1p5Low), W.Create(0.0));

        var (s, sHigh, sLow) = QuotientInTwoParts<W, TDouble, TLong>(m, bp, normalizedHigh, secondInterval);

        // log(m/bp) = 2s + (2/3)s³ + s⁵·R(s²), scaled by 3/2 and carried as two parts.
        // (Estrin's scheme: pow waits on its chain of dependent operations, and this is 3 products deep where Horner's is 5.)
        var s2 = W.Multiply(s, s);
        var s4 = W.Multiply(s2, s2);
        var polynomial = W.Add(
            W.Add(W.Create(PowL1), W.Multiply(s2, W.Create(PowL2))),
            W.Multiply(s4, W.Add(W.Add(W.Create(PowL3), W.Multiply(s2, W.Create(PowL4))), W.Multiply(s4, W.Add(W.Create(PowL5), W.Multiply(s2, W.Create(PowL6)))))));
        var r = W.Multiply(s4, polynomial);
        r = W.Add(r, W.Multiply(sLow, W.Add(sHigh, s)));
        var sHigh2 = W.Multiply(sHigh, sHigh);
        var three = W.Create(3.0);
        var tHigh = LowWordCleared<W, TDouble, TLong>(W.Add(W.Add(three, sHigh2), r));
        var tLow = W.Subtract(r, W.Subtract(W.Subtract(tHigh, three), sHigh2));
        var u = W.Multiply(sHigh, tHigh);
        var v = W.Add(W.Multiply(sLow, tHigh), W.Multiply(tLow, s));
        var pHigh = LowWordCleared<W, TDouble, TLong>(W.Add(u, v));
        var pLow = W.Subtract(v, W.Subtract(pHigh, u));

        // Times 2/(3 ln 2), plus log2(bp) and the exponent.
        var zHigh = W.Multiply(W.Create(TwoOverThreeLn2High), pHigh);
        var zLow = W.Add(W.Add(W.Multiply(W.Create(TwoOverThreeLn2Low), pHigh), W.Multiply(pLow, W.Create(TwoOverThreeLn2))), log2OfBpLow);
        var t1 = LowWordCleared<W, TDouble, TLong>(W.Add(W.Add(W.Add(zHigh, zLow), log2OfBpHigh), n));
        var t2 = W.Subtract(zLow, W.Subtract(W.Subtract(W.Subtract(t1, n), log2OfBpHigh), zHigh));
        return (t1, t2);
    }

    /// <summary>
    /// fdlibm's reduction for log2: x = 2^n · m with m in [1, 2) (subnormals scaled first), and m halved where it is above
    /// √3 (n one more); <c>SecondInterval</c> marks m between √(3/2) and √3 (reduced against 1.5, else against 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble M, TLong NormalizedHigh, TLong SecondInterval, TDouble N) Log2Reduction<W, TDouble, TLong>(TDouble ax)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // Subnormals scaled into the normals first.
        var tiny = W.LessThan(ax, W.Create(SmallestNormal));
        ax = W.Select(tiny, W.Multiply(ax, W.Create(TwoTo53)), ax);
        var bits = W.AsInt64(ax);
        var highWord = W.ShiftRightLogical(bits, 32);
        var exponent = W.Subtract(W.Subtract(W.ShiftRightLogical(highWord, 20), W.Create(ExponentBias)), W.And(tiny, W.Create(53L)));
        var mantissaHigh = W.And(highWord, W.Create(0x000F_FFFFL));

        // The interval of the mantissa m in [1, 2): below √(3/2) against 1, below √3 against 1.5, above halved (m/2 against 1).
        var secondInterval = W.And(W.GreaterThan(mantissaHigh, W.Create(PowIntervalFirst)), W.LessThan(mantissaHigh, W.Create(PowIntervalSecond)));
        var halved = W.Not(W.LessThan(mantissaHigh, W.Create(PowIntervalSecond)));
        exponent = W.Subtract(exponent, halved); // a mask is −1 where set
        var normalizedHigh = W.Subtract(W.Or(mantissaHigh, W.Create(0x3FF0_0000L)), W.And(halved, W.Create(0x0010_0000L)));
        var m = W.AsDouble(W.Or(W.ShiftLeft(normalizedHigh, 32), W.And(bits, W.Create(0xFFFF_FFFFL))));
        return (m, normalizedHigh, secondInterval, W.ToDouble(exponent));
    }

    /// <summary>s = (m − bp)/(m + bp) and its two parts (sHigh with its low 32 bits clear), m + bp's high part built from the bits (fdlibm's t_h).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble S, TDouble High, TDouble Low) QuotientInTwoParts<W, TDouble, TLong>(TDouble m, TDouble bp, TLong normalizedHigh, TLong secondInterval)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var difference = W.Subtract(m, bp);
        var reciprocal = W.Divide(W.Create(1.0), W.Add(m, bp));
        var s = W.Multiply(difference, reciprocal);
        var sHigh = LowWordCleared<W, TDouble, TLong>(s);
        var sumHighWord = W.Add(W.Add(W.Or(W.ShiftRightLogical(normalizedHigh, 1), W.Create(0x2000_0000L)), W.Create(0x0008_0000L)), W.And(secondInterval, W.Create(1L << 18)));
        var sumHigh = W.AsDouble(W.ShiftLeft(sumHighWord, 32));
        var sumLow = W.Subtract(m, W.Subtract(sumHigh, bp));
        var sLow = W.Multiply(reciprocal, W.Subtract(W.Subtract(difference, W.Multiply(sHigh, sumHigh)), W.Multiply(sHigh, sumLow)));
        return (s, sHigh, sLow);
    }

    /// <summary>The lanes with the low 32 bits of their significands cleared (fdlibm's SET_LOW_WORD(x, 0)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble LowWordCleared<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        W.AsDouble(W.And(W.AsInt64(x), W.Create(LowWordMask)));
}
