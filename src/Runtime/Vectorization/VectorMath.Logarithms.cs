using System.Runtime.CompilerServices;
using SlowSeries.Language.Semantics;

namespace SlowSeries.Vectorization;

/// <summary>
/// log, log2, log10 and log1p of float64 lanes, written once over the width and inlined into their callers (the fused
/// loop, the span loops, the generated <c>[Vectorize]</c> code through the widths' <c>Log</c> and <c>Log2</c>).
/// </summary>
/// <remarks>
/// <para>
/// Why not .NET's <c>Vector512.Log</c>: as with exp (see <see cref="Exp{W, TDouble, TLong}"/>), it is not inlined, and
/// its first calls run unoptimised code — 150–200 ms for a first log over 1e7 elements instead of 12. Every width gives the
/// same bits; machines with fused multiply-add (which the polynomials use) agree with each other.
/// </para>
/// <para>
/// log is fdlibm's (e_log.c): x = 2^k·(1 + f) with 1 + f in [√2/2, √2), s = f/(2 + f), log(1 + f) = f − s·(f − R) or,
/// for f near ±0.3, f − (f²/2 − s·(f²/2 + R)), R a minimax polynomial in s²; k·ln 2 added in two parts. Within 1 ulp.
/// log2 is k + log(1 + f)/ln 2: exact at powers of two.
/// </para>
/// <para>
/// log10 is FreeBSD's (e_log10.c with k_log.h): the same reduction, log(1 + f) split into a head of 21 bits and a tail,
/// each part multiplied by 1/ln 10 and k by log10 2 in two parts whose heads multiply exactly, the heads summed last.
/// Within 2 ulps of C's log10, and exact at every power of ten (the double nearest 10^k gives k, as C's log10 — NumPy's,
/// NumExpr's — does: <c>floor(log10(x))</c> counts digits, and <c>x ** log10(y)</c> stays real for negative x) without a
/// check for them: the earlier form (log × 1/ln 10, lanes near an integer set to k) ran at a third of log's speed at 512
/// bits for a reason not found.
/// </para>
/// <para>
/// log1p(x) is log(u) − ((u − 1) − x)/u with u = 1 + x rounded: the quotient is the logarithm of the rounding error of
/// u, to first order, so the digits of a small x survive; u = 1 gives x itself (−0 stays −0).
/// </para>
/// <para>Zero gives −∞, negative arguments NaN, +∞ stays +∞, NaN stays NaN.</para>
/// </remarks>
public static partial class VectorMath
{
    private const double InverseLn10 = 0.43429448190325182765;

    // FreeBSD e_log10.c: 1/ln 10 and log10 2 as a head and a tail; the heads' trailing bits are zero, so that their
    // products with the 21-bit head of log(1 + f) and with k (below 2^11) are exact.
    private const double InverseLn10High = 4.34294481878168880939e-01, InverseLn10Low = 2.50829467116452752298e-11;
    private const double Log10Of2High = 3.01029995663611771306e-01, Log10Of2Low = 3.69423907715893078616e-13;

    private const double TwoToThe54 = 1.80143985094819840000e+16;
    private const double SmallestNormal = 2.2250738585072014e-308;
    private const long MantissaMask = 0x000F_FFFF_FFFF_FFFF;
    private const long OneBits = 0x3FF0_0000_0000_0000;
    private const long ExponentOne = 0x0010_0000_0000_0000;
    private const long SqrtTwoComplement = 0x0009_5F64_0000_0000; // mantissas from √2's carry into the exponent
    private const long MiddleFormLow = 0x0006_147A_0000_0000, MiddleFormHigh = 0x0006_B851_0000_0000;

    // fdlibm e_log.c: R(s²) on the reduced argument's s = f/(2 + f).
    private const double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01, Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;

    /// <summary>log of each lane at the width <typeparamref name="W"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Log<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var (k, f, s, halfSquare, r, middle) = LogReduction<W, TDouble, TLong>(x);
        var kLow = W.Multiply(k, W.Create(Ln2Low));
        var middleForm = W.Subtract(W.Subtract(halfSquare, W.Add(W.Multiply(s, W.Add(halfSquare, r)), kLow)), f);
        var otherForm = W.Subtract(W.Subtract(W.Multiply(s, W.Subtract(f, r)), kLow), f);
        var result = W.Subtract(W.Multiply(k, W.Create(Ln2High)), W.Select(middle, middleForm, otherForm));
        return LogSpecialValues<W, TDouble, TLong>(x, result);
    }

    /// <summary>log2 of each lane at the width <typeparamref name="W"/>, exact at powers of two.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Log2<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var (k, f, s, halfSquare, r, middle) = LogReduction<W, TDouble, TLong>(x);
        var middleForm = W.Subtract(f, W.Subtract(halfSquare, W.Multiply(s, W.Add(halfSquare, r))));
        var otherForm = W.Subtract(f, W.Multiply(s, W.Subtract(f, r)));
        var result = W.Add(k, W.Multiply(W.Select(middle, middleForm, otherForm), W.Create(InverseLn2)));
        return LogSpecialValues<W, TDouble, TLong>(x, result);
    }

    /// <summary>
    /// fdlibm's reduction: x = 2^k·(1 + f), 1 + f in [√2/2, √2) (subnormals scaled by 2^54 first), s = f/(2 + f),
    /// f²/2, R(s²), and the lanes where fdlibm takes the form with f²/2 (f near ±0.3).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble K, TDouble F, TDouble S, TDouble HalfSquare, TDouble R, TLong Middle) LogReduction<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // Subnormals (and zero and negative lanes, whose results are chosen later) scaled by 2^54 behind a test.
        var bits = W.AsInt64(x);
        var unbias = W.Create(TwoTo52 + ExponentBias);
        var subnormal = W.LessThan(x, W.Create(SmallestNormal));
        if (W.Any(subnormal))
        {
            bits = W.Select(subnormal, W.AsInt64(W.Multiply(x, W.Create(TwoToThe54))), bits);
            unbias = W.Select(subnormal, W.Create(TwoTo52 + ExponentBias + 54.0), unbias);
        }

        var mantissa = W.And(bits, W.Create(MantissaMask));
        var carry = W.And(W.Add(mantissa, W.Create(SqrtTwoComplement)), W.Create(ExponentOne));
        var reduced = W.AsDouble(W.Or(mantissa, W.Xor(carry, W.Create(OneBits))));

        // The biased exponent (below 2^13) in the low bits of 2^52, less 2^52 and the bias: exact, four operations where
        // a long-to-double conversion takes a dozen below AVX-512.
        var biasedExponent = W.Add(W.ShiftRightLogical(bits, 52), W.ShiftRightLogical(carry, 52));
        var k = W.Subtract(W.AsDouble(W.Or(biasedExponent, W.Create(0x4330_0000_0000_0000L))), unbias);

        var f = W.Subtract(reduced, W.Create(1.0));
        var s = W.Divide(f, W.Add(W.Create(2.0), f));
        var z = W.Multiply(s, s);
        var w = W.Multiply(z, z);
        var even = W.Multiply(w, (System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported) ? LogEven<W, TDouble, TLong, FusedProducts>(w) : LogEven<W, TDouble, TLong, SeparateProducts>(w));
        var odd = W.Multiply(z, (System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported) ? LogOdd<W, TDouble, TLong, FusedProducts>(w) : LogOdd<W, TDouble, TLong, SeparateProducts>(w));
        var halfSquare = W.Multiply(W.Multiply(W.Create(0.5), f), f);
        var middle = W.And(W.GreaterThan(mantissa, W.Create(MiddleFormLow)), W.LessThan(mantissa, W.Create(MiddleFormHigh)));
        return (k, f, s, halfSquare, W.Add(odd, even), middle);
    }

    /// <summary>Lg2 + w·(Lg4 + w·Lg6).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble LogEven<W, TDouble, TLong, TProducts>(TDouble w)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
        where TProducts : struct, IProducts =>
        TProducts.MultiplyAdd<W, TDouble, TLong>(w, TProducts.MultiplyAdd<W, TDouble, TLong>(w, W.Create(Lg6), W.Create(Lg4)), W.Create(Lg2));

    /// <summary>Lg1 + w·(Lg3 + w·(Lg5 + w·Lg7)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble LogOdd<W, TDouble, TLong, TProducts>(TDouble w)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
        where TProducts : struct, IProducts =>
        TProducts.MultiplyAdd<W, TDouble, TLong>(w, TProducts.MultiplyAdd<W, TDouble, TLong>(w, TProducts.MultiplyAdd<W, TDouble, TLong>(w, W.Create(Lg7), W.Create(Lg5)), W.Create(Lg3)), W.Create(Lg1));

    /// <summary>−∞ at ±0, NaN below 0, +∞ and NaN as they are; <paramref name="result"/> for positive finite lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble LogSpecialValues<W, TDouble, TLong>(TDouble x, TDouble result)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var zero = W.Create(0.0);
        var ordinary = W.And(W.GreaterThan(x, zero), W.LessThan(x, W.Create(double.PositiveInfinity)));
        var special = W.Select(W.Equal(x, zero), W.Create(double.NegativeInfinity), W.Select(W.LessThan(x, zero), W.Create(double.NaN), x));
        return W.Select(ordinary, result, special);
    }

    /// <summary>log10 of each lane at the width <typeparamref name="W"/>, exact at powers of ten.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Log10<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var (k, f, s, halfSquare, r, _) = LogReduction<W, TDouble, TLong>(x);
        var correction = W.Multiply(s, W.Add(halfSquare, r));
        var high = W.AsDouble(W.And(W.AsInt64(W.Subtract(f, halfSquare)), W.Create(HighWordMask)));
        var low = W.Add(W.Subtract(W.Subtract(f, high), halfSquare), correction);
        var valueHigh = W.Multiply(high, W.Create(InverseLn10High));
        var kHigh = W.Multiply(k, W.Create(Log10Of2High));
        var valueLow = W.Add(W.Add(W.Multiply(k, W.Create(Log10Of2Low)), W.Multiply(W.Add(low, high), W.Create(InverseLn10Low))), W.Multiply(low, W.Create(InverseLn10High)));
        var sum = W.Add(kHigh, valueHigh);
        valueLow = W.Add(valueLow, W.Add(W.Subtract(kHigh, sum), valueHigh));
        return LogSpecialValues<W, TDouble, TLong>(x, W.Add(valueLow, sum));
    }

    /// <summary>log1p of each lane at the width <typeparamref name="W"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Log1p<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // u = x − (−1) rather than 1 + x (the same bits), and 1.0 written only where it is compared last: a 1.0 named first
        // became the JIT's one broadcast register for log's own 1.0 (and its bits), loaded at the top of the loop, and that
        // loop ran at half speed at 512 bits on AMD Zen 4 (14 against 7.6 µs per 4,096 elements; cause not known).
        var minusOne = W.Create(-1.0);
        var u = W.Subtract(x, minusOne);
        var correction = W.Divide(W.Subtract(W.Add(u, minusOne), x), u);

        // u = 0 (x = −1) and u = ∞ make the correction NaN; log(u) alone is the answer there (−∞, ∞).
        correction = W.Select(W.Equal(correction, correction), correction, W.Create(0.0));
        var result = W.Subtract(Log<W, TDouble, TLong>(u), correction);
        return W.Select(W.Equal(u, W.Create(1.0)), x, result);
    }

    /// <summary>
    /// x² + y² − 1 of each pair of lanes within about an ulp of itself for |x|, |y| ≤ 2 (<paramref name="p"/>,
    /// <paramref name="q"/>: x², y² rounded): the squares' exact errors (a fused multiply-add where the CPU has one,
    /// Dekker's splitting elsewhere: the same values), the leading parts combined by TwoSum, the errors last, by TwoSums
    /// too in the lanes where the leading parts cancel — the operations of <c>RealMath.SquaresMinusOne</c>, so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble SquaresMinusOne<W, TDouble, TLong>(TDouble x, TDouble y, TDouble p, TDouble q)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var (a, aError) = TwoDifference<W, TDouble, TLong>(p, W.Create(1.0));
        var (b, bError) = TwoDifference<W, TDouble, TLong>(a, W.Negate(q));
        var pError = SquareError<W, TDouble, TLong>(x, p);
        var qError = SquareError<W, TDouble, TLong>(y, q);
        var result = W.Add(b, W.Add(W.Add(W.Add(aError, bError), pError), qError));
        var cancelled = W.LessThan(W.Abs(b), W.Create(RealMath.SquaresMinusOneCancelled));
        if (W.Any(cancelled))
        {
            var (s1, e1) = TwoDifference<W, TDouble, TLong>(aError, W.Negate(bError));
            var (s2, e2) = TwoDifference<W, TDouble, TLong>(s1, W.Negate(pError));
            var (s3, e3) = TwoDifference<W, TDouble, TLong>(s2, W.Negate(qError));
            var (s4, e4) = TwoDifference<W, TDouble, TLong>(b, W.Negate(s3));
            result = W.Select(cancelled, W.Add(s4, W.Add(e4, W.Add(W.Add(e1, e2), e3))), result);
        }

        return result;
    }

    /// <summary>x·x − <paramref name="square"/> exactly, <paramref name="square"/> being x·x rounded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble SquareError<W, TDouble, TLong>(TDouble x, TDouble square)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported)
        {
            return W.FusedMultiplyAdd(x, x, W.Negate(square));
        }

        var (high, low) = VeltkampSplit<W, TDouble, TLong>(x);
        return W.Add(W.Add(W.Subtract(W.Multiply(high, high), square), W.Multiply(W.Multiply(W.Create(2.0), high), low)), W.Multiply(low, low));
    }
}
