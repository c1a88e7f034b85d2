using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>
/// x raised to y of float64 lanes, written once over the width: e^(y·log x) with log x and the product carried in two
/// doubles, every lane through the same operations and the special cases chosen lane by lane.
/// </summary>
/// <remarks>
/// <para>
/// Why not <c>exp(y·log x)</c> from our exp and log: the product's rounding error is multiplied by up to 745 in the
/// result's relative error, so such a pow loses up to 10 bits. Here log x is computed to about 2^-66 relative, as a sum of
/// two doubles: x = 2^k·z, z near the centre c of one of 32 intervals, log x = k·ln 2 + log c + log1p(z/c − 1) with 1/c
/// of 8 significant bits (so z·(1/c) is formed exactly in two parts, and the rounding of their sum kept) and log c from a
/// table in two parts; y·log x is formed with y and log x split into 26-bit halves (their product exact); e^(high + low)
/// = 2^(j/32)·2^m·e^r from a second table, |r| ≤ ln 2/64. The design of the pow of ARM's optimized-routines and glibc
/// (whose result <see cref="Math.Pow(double, double)"/> returns on Linux), in its form without fused multiply-adds, with
/// 32-entry tables instead of 128: AVX-512 reads them by two permutes (`a**b` on 1e7, 2 threads, AVX-512: 29–32 → 21.5
/// ms; 128-entry tables are read by gathers, two 256-bit ones per 512-bit vector, slow on this Zen 5), at the price of
/// longer polynomials (AVX2, still gathers: 33.6–34.6 → 34.0–41.3 ms) and of carrying e^r − 1 up to 0.011 where 0.0027 was
/// (the same bits as <see cref="Math.Pow(double, double)"/> for 996–999 in 1,000 arguments, against 999 before; within
/// 1 ulp everywhere). Our tables and polynomials are computed by <c>VectorMath.PowerTables.py</c>. Integer powers of
/// integers exact while representable, subnormal results rounded once.
/// </para>
/// <para>
/// No fused multiply-add and no operation that depends on the width: every lane of every width on every machine computes
/// the same bits (the tables are read by permutes or gathers where the CPU has them, lane by lane otherwise; the same numbers).
/// </para>
/// <para>
/// The special cases are C99's and <see cref="Math.Pow(double, double)"/>'s: x**0 = 1 and 1**y = 1 even for NaN; (−1)**±∞ =
/// 1; ±0 and ±∞ to a power by their signs and whether y is an odd integer; a negative base to a non-integer power is
/// NaN; otherwise NaN in, NaN out. y = ±1, 2 and ½ (for x ≥ +0) are exact: x, 1/x, x·x, √x.
/// </para>
/// </remarks>
public static partial class VectorMath
{
    private const double TwoTo52 = 4503599627370496.0;
    private const double TwoTo1009 = 5.486124068793689e+303;

    /// <summary>
    /// Whether the engines compute <c>**</c> with this pow: where 256- or 512-bit vectors are accelerated. At 128 bits
    /// two lanes do not repay the splitting this pow does to stay exact without fused multiply-adds (1e7 pairs on 2
    /// threads: 77 ms against 71 for <see cref="Math.Pow(double, double)"/> element by element, with or without FMA),
    /// so there `**` calls the C library's pow and gives its bits.
    /// </summary>
    internal static bool PowIsVectorized => System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated;

    /// <summary>x raised to y, lane by lane, at the width <typeparamref name="W"/> (see <see cref="VectorMath"/> for the method).</summary>
    /// <remarks>
    /// The ordinary lanes' pow (~150 operations) is inlined here. Inlined into the fused loop it gains now that the
    /// ordinary case is tested first (1e7, 2 threads, alternating: `a**b` AVX2 37.6–38.7 → 30.7–31.5 ms, AVX-512
    /// 30.1–30.5 → 27.4–28.5; `a**b * exp(c)` AVX-512 37.0–41.7 → 30.6–31.9), but a loop with two of them lost at
    /// 512 bits (`a**b + c**a` 54.8–62.0 → 64.1–66.3): such loops call <see cref="PowCallingOut"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Pow<W, TDouble, TLong>(TDouble x, TDouble y)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct => PowInliningOrdinary<W, TDouble, TLong>(x, y, inlineOrdinary: true);

    /// <summary><see cref="Pow{W, TDouble, TLong}"/> with the ordinary lanes' pow called, not inlined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble PowCallingOut<W, TDouble, TLong>(TDouble x, TDouble y)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct => PowInliningOrdinary<W, TDouble, TLong>(x, y, inlineOrdinary: false);

    /// <summary>
    /// x raised to y, the ordinary lanes' pow inlined or called by <paramref name="inlineOrdinary"/> (a constant at each
    /// call, which the JIT folds while it inlines this).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble PowInliningOrdinary<W, TDouble, TLong>(TDouble x, TDouble y, bool inlineOrdinary)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var one = W.Create(1.0);
        var zero = W.Create(0.0);
        var infinity = W.Create(double.PositiveInfinity);
        var ay = W.Abs(y);

        // Most vectors have no lane that needs more: a positive finite base, a finite exponent other than the exact
        // powers (see PowSpecialValues). Then x is |x|, nothing needs replacing, and the ~50 operations that follow are skipped.
        var yFinite = W.LessThan(ay, infinity);
        var ordinary = W.And(W.And(W.GreaterThan(x, zero), W.LessThan(x, infinity)), yFinite);
        ordinary = W.And(ordinary, W.Not(W.Or(W.Or(W.Equal(ay, one), W.Equal(y, W.Create(2.0))), W.Equal(y, W.Create(0.5)))));
        if (!W.Any(W.Not(ordinary)))
        {
            return inlineOrdinary ? PowOfPositiveInlined<W, TDouble, TLong>(x, y) : PowOfPositive<W, TDouble, TLong>(x, y);
        }

        // The general case on lanes made harmless: |x| of 0, ∞, NaN and y of ±∞, NaN are replaced by 1 and 0 here and
        // their results chosen in PowSpecialValues.
        var (positiveX, finiteY) = PowOperandsMadeHarmless<W, TDouble, TLong>(x, y);
        return PowSpecialValues<W, TDouble, TLong>(x, y, PowOfPositive<W, TDouble, TLong>(positiveX, finiteY), exactPowers: true);
    }

    /// <summary>
    /// The operands of x**y with |x| of 0, ∞ and NaN replaced by 1 and y of ±∞ and NaN by 0: the general case's operands,
    /// whose results <see cref="PowSpecialValues"/> replaces where those operands were.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (TDouble PositiveX, TDouble FiniteY) PowOperandsMadeHarmless<W, TDouble, TLong>(TDouble x, TDouble y)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var one = W.Create(1.0);
        var zero = W.Create(0.0);
        var infinity = W.Create(double.PositiveInfinity);
        var ax = W.Abs(x);
        var xFinite = W.And(W.LessThan(ax, infinity), W.GreaterThan(ax, zero));
        return (W.Select(xFinite, ax, one), W.Select(W.LessThan(W.Abs(y), infinity), y, zero));
    }

    /// <summary>
    /// x**y from <paramref name="general"/>, the pow of <see cref="PowOperandsMadeHarmless"/>'s operands: C99's special
    /// values chosen lane by lane, and, with <paramref name="exactPowers"/> (a constant at each call), fdlibm's exact powers
    /// y = ±1, 2 and ½. No calls: inlined into a loop, it leaves the loop's values in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble PowSpecialValues<W, TDouble, TLong>(TDouble x, TDouble y, TDouble general, bool exactPowers)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var one = W.Create(1.0);
        var zero = W.Create(0.0);
        var infinity = W.Create(double.PositiveInfinity);
        var ax = W.Abs(x);
        var ay = W.Abs(y);

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

        if (exactPowers)
        {
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

    /// <summary>
    /// <see cref="PowOfPositiveInlined"/> called, not inlined, and compiled fully optimised at once (it then inlines
    /// every lane operation itself): for the rare lanes, and for loops with more than one pow.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static TDouble PowOfPositive<W, TDouble, TLong>(TDouble ax, TDouble y)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // Not a call of PowOfPositiveInlined: the JIT's inlining budget grows with the size of the method it compiles, and
        // from a one-line body it left LogInTwoParts called (at tier 0 first): `a**b + c**a` 55–62 → 77–90 ms.
        var (logHigh, logLow) = LogInTwoParts<W, TDouble, TLong>(ax);
        var (high, low) = TimesLog<W, TDouble, TLong>(y, logHigh, logLow);
        return ExpOfSum<W, TDouble, TLong>(high, low);
    }

    /// <summary>x**y for finite positive x and finite y, +∞ or +0 where it overflows or underflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble PowOfPositiveInlined<W, TDouble, TLong>(TDouble ax, TDouble y)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var (logHigh, logLow) = LogInTwoParts<W, TDouble, TLong>(ax);
        var (high, low) = TimesLog<W, TDouble, TLong>(y, logHigh, logLow);
        return ExpOfSum<W, TDouble, TLong>(high, low);
    }

    /// <summary>y·(logHigh + logLow) as high + low with high exact: y and logHigh each split into 26 leading bits and the rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble High, TDouble Low) TimesLog<W, TDouble, TLong>(TDouble y, TDouble logHigh, TDouble logLow)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var topBits = W.Create(-1L << 27);
        var yHigh = W.AsDouble(W.And(W.AsInt64(y), topBits));
        var logHigh26 = W.AsDouble(W.And(W.AsInt64(logHigh), topBits));
        var logRest = W.Add(W.Subtract(logHigh, logHigh26), logLow);
        var high = W.Multiply(yHigh, logHigh26);
        return (high, W.Add(W.Multiply(W.Subtract(y, yHigh), logHigh26), W.Multiply(y, logRest)));
    }

    /// <summary>
    /// log x of finite positive lanes as high + low, to about 2^-65 relative: x = 2^k·z, z near the centre c of one of
    /// 32 intervals (tables in <c>VectorMath.PowerTables.cs</c>, read by <see cref="ILaneMemory{TSelf, TDouble, TLong}.LookUp32"/>),
    /// log x = k·ln 2 + log c + log1p(z/c − 1), each sum keeping its rounding error.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble High, TDouble Low) LogInTwoParts<W, TDouble, TLong>(TDouble ax)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // Subnormals scaled by 2^52 and the exponent field lowered by 52 (below zero: the top 12 bits read as signed).
        var bits = W.AsInt64(ax);
        var tiny = W.LessThan(ax, W.Create(SmallestNormal));
        if (W.Any(tiny))
        {
            bits = W.Select(tiny, W.Subtract(W.AsInt64(W.Multiply(ax, W.Create(TwoTo52))), W.Create(52L << 52)), bits);
        }

        var fromOffset = W.Subtract(bits, W.Create(PowLogOffset));
        var index = W.And(W.ShiftRightLogical(fromOffset, PowLogIndexShift), W.Create(PowLogIndexMask));

        var k = TopBitsAsDouble<W, TDouble, TLong>(fromOffset);
        var z = W.AsDouble(W.Subtract(bits, W.And(fromOffset, W.Create(unchecked((long)0xFFF0_0000_0000_0000)))));
        var inverseCentre = W.LookUp32(PowInverseCentres, index);

        // r = z/c − 1 = z·invc − 1 (invc has 8 significant bits): z as 21 leading bits and the rest, both products exact;
        // their sum r rounded where |r| ≥ 2^-8 (then |rHigh| > |rLow|: rError is exact).
        var one = W.Create(1.0);
        var zHigh = W.AsDouble(W.And(W.Add(W.AsInt64(z), W.Create(1L << 31)), W.Create(-1L << 32)));
        var rHigh = W.Subtract(W.Multiply(zHigh, inverseCentre), one);
        var rLow = W.Multiply(W.Subtract(z, zHigh), inverseCentre);
        var r = W.Add(rHigh, rLow);
        var rError = W.Subtract(rLow, W.Subtract(r, rHigh));

        // k·ln 2 + log c (exact: both multiples of 2^-42 below 2^10), plus r with its rounding error (|t1| ≥ |r| or t1 = 0).
        var t1 = W.Add(W.Multiply(k, W.Create(PowLn2High)), W.LookUp32(PowLogCentresHigh, index));
        var t2 = W.Add(t1, r);
        var low1 = W.Add(W.Multiply(k, W.Create(PowLn2Low)), W.LookUp32(PowLogCentresLow, index));
        var low2 = W.Add(W.Subtract(t1, t2), r);

        // −r²/2 added with its error: rHigh² is exact (at most 24 bits), the rest of r² is rLow·(r + rHigh).
        var minusHalf = W.Create(-0.5);
        var halfSquareHigh = W.Multiply(rHigh, W.Multiply(rHigh, minusHalf));
        var high = W.Add(t2, halfSquareHigh);
        var low3 = W.Multiply(rLow, W.Add(W.Multiply(r, minusHalf), W.Multiply(rHigh, minusHalf)));
        var low4 = W.Add(W.Subtract(t2, high), halfSquareHigh);

        // log1p(r) − r + r²/2 = r³·(B0 + B1·r + … + B7·r⁷), by Estrin's scheme.
        var r2 = W.Multiply(r, r);
        var r4 = W.Multiply(r2, r2);
        var q = W.Add(
            W.Add(W.Add(W.Create(PowB0), W.Multiply(r, W.Create(PowB1))), W.Multiply(r2, W.Add(W.Create(PowB2), W.Multiply(r, W.Create(PowB3))))),
            W.Multiply(r4, W.Add(W.Add(W.Create(PowB4), W.Multiply(r, W.Create(PowB5))), W.Multiply(r2, W.Add(W.Create(PowB6), W.Multiply(r, W.Create(PowB7)))))));
        var polynomial = W.Multiply(W.Multiply(r2, r), q);

        // r's rounding error enters as log1p's derivative 1/(1 + r) = 1 − r + r² … times it.
        var low5 = W.Multiply(rError, W.Add(W.Subtract(one, r), r2));

        var lowSum = W.Add(W.Add(W.Add(W.Add(W.Add(low1, low2), low3), low4), low5), polynomial);
        var sum = W.Add(high, lowSum);
        return (sum, W.Add(W.Subtract(high, sum), lowSum));
    }

    /// <summary>
    /// e^(high + low) for |low| ≪ |high|: 2^(j/32 + m) from the table and its tail times e^r, |r| ≤ ln 2/64; beyond
    /// |high| ≥ 512 the scale is built in two steps (no exponent overflow) and results in the subnormals rounded once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble ExpOfSum<W, TDouble, TLong>(TDouble high, TDouble low)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // k = high·32/ln 2 rounded (the shifter's low bits); high − k·ln 2/32 exact (k·PowLn2OverNHigh is, and the two are close).
        var shifted = W.Add(W.Multiply(high, W.Create(PowNOverLn2)), W.Create(RoundingShifter));
        var kd = W.Subtract(shifted, W.Create(RoundingShifter));
        var ki = W.AsInt64(shifted);
        var r = W.Add(W.Subtract(W.Subtract(high, W.Multiply(kd, W.Create(PowLn2OverNHigh))), W.Multiply(kd, W.Create(PowLn2OverNLow))), low);

        // 2^(k/32) = scale·(1 + tail): the table's bits for k mod 32 plus k shifted into the exponent (k mod 2^17: enough).
        var index = W.And(ki, W.Create(PowIndexMask));
        var tail = W.LookUp32(PowTwoToTheJthTails, index);
        var scaleBits = W.Add(W.AsInt64(W.LookUp32(PowTwoToTheJthBits, index)), W.ShiftLeft(ki, PowIndexShift));

        // e^r − 1 = r + r²·(C2 + C3·r + … + C7·r⁵), by Estrin's scheme.
        var r2 = W.Multiply(r, r);
        var r4 = W.Multiply(r2, r2);
        var sum = W.Add(
            W.Add(W.Add(tail, r), W.Multiply(r2, W.Add(W.Add(W.Create(PowC2), W.Multiply(r, W.Create(PowC3))), W.Multiply(r2, W.Add(W.Create(PowC4), W.Multiply(r, W.Create(PowC5))))))),
            W.Multiply(W.Multiply(r4, r2), W.Add(W.Create(PowC6), W.Multiply(r, W.Create(PowC7)))));
        var scale = W.AsDouble(scaleBits);
        var result = W.Add(scale, W.Multiply(scale, sum));

        var large = W.Not(W.LessThan(W.Abs(high), W.Create(512.0)));
        if (W.Any(large))
        {
            result = W.Select(large, LargeExponent<W, TDouble, TLong>(high, scaleBits, sum), result);
        }

        return result;
    }

    /// <summary>e^(high + …) for |high| ≥ 512 from the scale's bits and the sum of the rest (see <see cref="ExpOfSum{W, TDouble, TLong}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble LargeExponent<W, TDouble, TLong>(TDouble high, TLong scaleBits, TDouble sum)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // Above: the scale 2^-1009 times too small, the product multiplied back (to +∞ where it overflows).
        var scaleAbove = W.AsDouble(W.Subtract(scaleBits, W.Create(1009L << 52)));
        var above = W.Multiply(W.Add(scaleAbove, W.Multiply(scaleAbove, sum)), W.Create(TwoTo1009));

        // Below: the scale 2^1022 times too large; a result below 2^-1022 is rounded to its final precision first (in
        // 1 + y, with the error of y kept), so that the scaling into the subnormals rounds once.
        var scaleBelow = W.AsDouble(W.Add(scaleBits, W.Create(1022L << 52)));
        var below = W.Add(scaleBelow, W.Multiply(scaleBelow, sum));
        var one = W.Create(1.0);
        var error = W.Add(W.Subtract(scaleBelow, below), W.Multiply(scaleBelow, sum));
        var onePlus = W.Add(one, below);
        var rounded = W.Subtract(W.Add(onePlus, W.Add(W.Add(W.Subtract(one, onePlus), below), error)), one);
        below = W.Multiply(W.Select(W.LessThan(below, one), rounded, below), W.Create(SmallestNormal));

        var positive = W.GreaterThan(high, W.Create(0.0));
        var result = W.Select(positive, above, below);
        var beyond = W.Not(W.LessThan(W.Abs(high), W.Create(1024.0)));
        return W.Select(beyond, W.Select(positive, W.Create(double.PositiveInfinity), W.Create(0.0)), result);
    }

    /// <summary>
    /// The top 12 bits of each lane as a signed number (an arithmetic shift right by 52), as a double: that number plus
    /// 2^11 in the low bits of 2^52, less 2^52 + 2^11. Exact, and four operations at every width, where a long-to-double
    /// conversion and a 64-bit arithmetic shift take a dozen below AVX-512.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble TopBitsAsDouble<W, TDouble, TLong>(TLong bits)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var biased = W.ShiftRightLogical(W.Add(bits, W.Create(2048L << 52)), 52);
        return W.Subtract(W.AsDouble(W.Or(biased, W.Create(0x4330_0000_0000_0000L))), W.Create(TwoTo52 + 2048.0));
    }

    /// <summary>A copy of <paramref name="values"/> on the pinned object heap: the vector gathers read it by address.</summary>
    private static double[] Pinned(double[] values)
    {
        var pinned = GC.AllocateUninitializedArray<double>(values.Length, pinned: true);
        values.CopyTo(pinned, 0);
        return pinned;
    }
}
