using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>
/// tan, arcsin, arccos, arctan, arctan2, hypot, log10, sinh, cosh, tanh, arcsinh, arccosh and arctanh of float32 values
/// computed on lanes widened to float64 with the short polynomials float32 needs: float64's range holds every
/// intermediate (x² of the largest float, e^200, y/x of any two floats), its precision makes cancellations harmless, and
/// each result is within 2^-34 of the exact value before it is rounded to float32 — so within an ulp of the reference
/// (the float64 function rounded once), correctly rounded almost everywhere. Going through our float64 functions, as
/// these did, gave the same accuracy at two to four times the work (a degree-11 exp, fdlibm's table-driven arctan, the
/// overflow and cancellation cases float64 inputs need).
/// </summary>
/// <remarks>
/// <para>
/// The kernels: e^x = 2^k·(1 + r·Q(r)) and e^x − 1 = 2^k·r·Q(r) + (2^k − 1), k = round(x/ln 2), |r| ≤ ln 2/2, Q the
/// Taylor polynomial of (e^r − 1)/r to r^9 (error 2^-40); log x = e·ln 2 + 2s + 2s·z·P(z) with x = 2^e·m, m in [√½, √2),
/// s = (m − 1)/(m + 1), z = s², P the Taylor polynomial of atanh's series to z^4 (error 2^-34); log1p(x) = log(1 + x)
/// plus the rounding error of 1 + x over 1 + x; arctan(t) = t + t·z·R(z) on |t| ≤ tan(π/8) (after Cephes' reduction by
/// π/4 and π/2), R our degree-5 fit (relative error 2^-35). Plain products and sums, no fused multiply-add: every width,
/// with or without FMA, gives the same bits.
/// </para>
/// <para>
/// From the kernels: tanh(x) = sign·t/(t + 2) with t = e^(2|x|) − 1; sinh = sign·(t + t/(t + 1))/2 with t = e^|x| − 1;
/// cosh = (e^|x| + e^−|x|)/2; arcsinh = sign·log1p(|x| + x²/(1 + √(1 + x²))); arccosh = log1p(t + √(2t + t²)), t = x − 1
/// (exact); arctanh = sign·log1p(2|x|/(1 − |x|))/2; arcsin(x) = arctan(x/√(1 − x²)) and arccos(x) = 2·arctan(√((1 − x)/(1 +
/// x))), where 1 ± x and 1 − x² are exact or nearly; arctan2 from arctan(|y|/|x|) by quadrant, with C99's signed zeros and
/// infinities; tan = sin/cos of <see cref="SinForSingle{W, TDouble, TLong}"/>'s reductions; hypot = √(x² + y²), +∞ when
/// either is infinite; log10 = log·(1/ln 10).
/// </para>
/// </remarks>
public static partial class VectorMath
{
    private const double SingleRangeLimit = 200.0; // beyond, every float32 exp, sinh, cosh and tanh has its limit value
    private const double Log1pSingleTiny = 1.862645149230957e-09; // 2^-29: below, 1 + x in float64 may round, and log1p(x) rounds to x
    private const double TanhSingleLimit = 20.0; // beyond, float32 tanh is ±1
    private const double TanThreePiOverEight = 2.414213562373095;
    private const double TanPiOverEight = 0.41421356237309503;
    private const double SqrtHalf = 0.7071067811865476;

    // arctan(t) = t + t·z·R(z), z = t² ≤ tan²(π/8): R's coefficients (our weighted least-squares fit, relative error 2^-35).
    private const double AtanSingleR0 = -0.33333332514361264, AtanSingleR1 = 0.1999990516838764, AtanSingleR2 = -0.14282041606802556;
    private const double AtanSingleR3 = 0.11045088253813297, AtanSingleR4 = -0.0847837872295526, AtanSingleR5 = 0.047482217315634755;

    /// <summary>tan of float32 values held in float64 lanes, to float32's accuracy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble TanForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        W.Divide(SinForSingle<W, TDouble, TLong>(x), CosForSingle<W, TDouble, TLong>(x));

    /// <summary>hypot of float32 values held in float64 lanes: the float64 sum of squares is exact to 2^-53 and cannot overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble HypotForSingle<W, TDouble, TLong>(TDouble x, TDouble y)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var result = W.Sqrt(W.Add(W.Multiply(x, x), W.Multiply(y, y)));

        // C99: an infinite operand gives +∞ even when the other is NaN.
        var infinity = W.Create(double.PositiveInfinity);
        return W.Select(W.Or(W.Equal(W.Abs(x), infinity), W.Equal(W.Abs(y), infinity)), infinity, result);
    }

    /// <summary>log10 of float32 values held in float64 lanes, to float32's accuracy (exact at powers of ten once rounded).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble Log10ForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        W.Multiply(LogKernelForSingle<W, TDouble, TLong>(x), W.Create(InverseLn10));

    /// <summary>tanh of float32 values held in float64 lanes, to float32's accuracy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble TanhForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var magnitude = W.Abs(x);
        var t = Expm1KernelForSingle<W, TDouble, TLong>(W.Add(magnitude, magnitude));
        var result = W.Divide(t, W.Add(t, W.Create(2.0)));

        // From 9.01 the result rounds to 1; beyond 100 t is ∞ and t/(t + 2) NaN. NaN stays NaN (it compares false).
        result = W.Select(W.GreaterThan(magnitude, W.Create(TanhSingleLimit)), W.Create(1.0), result);
        return WithSignOf<W, TDouble, TLong>(result, x);
    }

    /// <summary>sinh of float32 values held in float64 lanes, to float32's accuracy (±∞ once rounded beyond ≈ 89.4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble SinhForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var magnitude = W.Abs(x);
        var t = Expm1KernelForSingle<W, TDouble, TLong>(magnitude);
        var result = W.Multiply(W.Add(t, W.Divide(t, W.Add(t, W.Create(1.0)))), W.Create(0.5));
        result = W.Select(W.GreaterThan(magnitude, W.Create(SingleRangeLimit)), W.Create(double.PositiveInfinity), result);
        return WithSignOf<W, TDouble, TLong>(result, x);
    }

    /// <summary>cosh of float32 values held in float64 lanes, to float32's accuracy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble CoshForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var half = W.Create(0.5);
        var exponential = ExpKernelForSingle<W, TDouble, TLong>(W.Abs(x));
        return W.Add(W.Multiply(exponential, half), W.Divide(half, exponential));
    }

    /// <summary>arcsinh of float32 values held in float64 lanes, to float32's accuracy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble AsinhForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var magnitude = W.Abs(x);
        var one = W.Create(1.0);
        var square = W.Multiply(magnitude, magnitude);
        var result = Log1pKernelForSingle<W, TDouble, TLong>(W.Add(magnitude, W.Divide(square, W.Add(one, W.Sqrt(W.Add(one, square))))));

        // +∞: x²/(1 + √(1 + x²)) is ∞/∞.
        result = W.Select(W.Equal(magnitude, W.Create(double.PositiveInfinity)), magnitude, result);
        return WithSignOf<W, TDouble, TLong>(result, x);
    }

    /// <summary>arccosh of float32 values held in float64 lanes, to float32's accuracy; NaN below 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble AcoshForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var t = W.Subtract(x, W.Create(1.0));
        var result = Log1pKernelForSingle<W, TDouble, TLong>(W.Add(t, W.Sqrt(W.Add(W.Add(t, t), W.Multiply(t, t)))));
        return W.Select(W.LessThan(t, W.Create(0.0)), W.Create(double.NaN), result);
    }

    /// <summary>arctanh of float32 values held in float64 lanes, to float32's accuracy; ±∞ at ±1, NaN beyond.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble AtanhForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // |x| > 1 gives an argument below −1 (NaN from log1p); |x| = ∞ gives ∞/−∞, NaN.
        var magnitude = W.Abs(x);
        var twice = W.Add(magnitude, magnitude);
        var result = W.Multiply(Log1pKernelForSingle<W, TDouble, TLong>(W.Divide(twice, W.Subtract(W.Create(1.0), magnitude))), W.Create(0.5));
        return WithSignOf<W, TDouble, TLong>(result, x);
    }

    /// <summary>arctan of float32 values held in float64 lanes, to float32's accuracy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble AtanForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        WithSignOf<W, TDouble, TLong>(AtanOfMagnitudeForSingle<W, TDouble, TLong>(W.Abs(x)), x);

    /// <summary>arcsin of float32 values held in float64 lanes, to float32's accuracy; NaN beyond ±1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble AsinForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // |x| = 1: |x|/0 = ∞, arctan π/2; beyond, √ of a negative number is NaN.
        var magnitude = W.Abs(x);
        var one = W.Create(1.0);
        var tangent = W.Divide(magnitude, W.Sqrt(W.Multiply(W.Subtract(one, magnitude), W.Add(one, magnitude))));
        return WithSignOf<W, TDouble, TLong>(AtanOfMagnitudeForSingle<W, TDouble, TLong>(tangent), x);
    }

    /// <summary>arccos of float32 values held in float64 lanes, to float32's accuracy; NaN beyond ±1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble AcosForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // x = −1: 2/0 = ∞, twice π/2; |x| > 1: a negative quotient (or ∞/−∞), whose √ is NaN.
        var one = W.Create(1.0);
        var halfAngleTangent = W.Sqrt(W.Divide(W.Subtract(one, x), W.Add(one, x)));
        var result = AtanOfMagnitudeForSingle<W, TDouble, TLong>(halfAngleTangent);
        return W.Add(result, result);
    }

    /// <summary>arctan2(y, x) of float32 values held in float64 lanes, to float32's accuracy, with C99's special values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble Atan2ForSingle<W, TDouble, TLong>(TDouble y, TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // |y|/|x| of two floats never overflows nor underflows in float64; both zero (0/0) is taken as 0 and both
        // infinite (∞/∞) as 1, so that the quadrant below gives C99's 0, π, π/4 and 3π/4 with their signs.
        var absoluteY = W.Abs(y);
        var absoluteX = W.Abs(x);
        var infinity = W.Create(double.PositiveInfinity);
        var ratio = W.Divide(absoluteY, absoluteX);
        var zero = W.Create(0.0);
        ratio = W.Select(W.And(W.Equal(absoluteY, zero), W.Equal(absoluteX, zero)), zero, ratio);
        ratio = W.Select(W.And(W.Equal(absoluteY, infinity), W.Equal(absoluteX, infinity)), W.Create(1.0), ratio);
        var angle = AtanOfMagnitudeForSingle<W, TDouble, TLong>(ratio);

        // x negative, −0 included: π − angle.
        var negativeX = W.LessThan(W.AsInt64(x), W.Create(0L));
        angle = W.Select(negativeX, W.Subtract(W.Create(Math.PI), angle), angle);
        return WithSignOf<W, TDouble, TLong>(angle, y);
    }

    /// <summary>arctan of t ≥ 0 (or NaN): Cephes' reduction by π/2 above tan(3π/8) and by π/4 above tan(π/8), then t + t·z·R(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble AtanOfMagnitudeForSingle<W, TDouble, TLong>(TDouble magnitude)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var one = W.Create(1.0);
        var beyond = W.GreaterThan(magnitude, W.Create(TanThreePiOverEight));
        var middle = W.And(W.GreaterThan(magnitude, W.Create(TanPiOverEight)), W.Not(beyond));

        // One quotient for the three cases: −1/t, (t − 1)/(t + 1), t/1 (+∞ gives −0 and π/2).
        var numerator = W.Select(beyond, W.Create(-1.0), W.Select(middle, W.Subtract(magnitude, one), magnitude));
        var denominator = W.Select(beyond, magnitude, W.Select(middle, W.Add(magnitude, one), one));
        var t = W.Divide(numerator, denominator);
        var offset = W.Select(beyond, W.Create(Math.PI / 2), W.Select(middle, W.Create(Math.PI / 4), W.Create(0.0)));

        var z = W.Multiply(t, t);
        var r = W.Add(W.Multiply(z, W.Create(AtanSingleR5)), W.Create(AtanSingleR4));
        r = W.Add(W.Multiply(z, r), W.Create(AtanSingleR3));
        r = W.Add(W.Multiply(z, r), W.Create(AtanSingleR2));
        r = W.Add(W.Multiply(z, r), W.Create(AtanSingleR1));
        r = W.Add(W.Multiply(z, r), W.Create(AtanSingleR0));
        return W.Add(offset, W.Add(t, W.Multiply(W.Multiply(t, z), r)));
    }

    /// <summary>
    /// 2^k with k = round(x/ln 2), r = x − k·ln 2 and e^r − 1 = r·Q(r), for |x| ≤ 200 (larger lanes are garbage for the
    /// caller to replace); k·ln 2's rounding is at most 2^-46 relative to the result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble Scale, TDouble ExpM1OfR) ExpReductionForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // The shifted sum holds k in its low bits: shifted left by 52, they are k's exponent field (the shifter's own bits
        // shift out), to which the bias is added.
        var shifter = W.Create(RoundingShifter);
        var shifted = W.Add(W.Multiply(x, W.Create(InverseLn2)), shifter);
        var k = W.Subtract(shifted, shifter);
        var scale = W.AsDouble(W.Add(W.ShiftLeft(W.AsInt64(shifted), 52), W.Create(1023L << 52)));
        var r = W.Subtract(x, W.Multiply(k, W.Create(Ln2)));

        // Q(r) = Σ r^n/(n + 1)!, n = 0…9.
        var q = W.Add(W.Multiply(r, W.Create(1.0 / 3628800)), W.Create(1.0 / 362880));
        q = W.Add(W.Multiply(r, q), W.Create(1.0 / 40320));
        q = W.Add(W.Multiply(r, q), W.Create(1.0 / 5040));
        q = W.Add(W.Multiply(r, q), W.Create(1.0 / 720));
        q = W.Add(W.Multiply(r, q), W.Create(1.0 / 120));
        q = W.Add(W.Multiply(r, q), W.Create(1.0 / 24));
        q = W.Add(W.Multiply(r, q), W.Create(1.0 / 6));
        q = W.Add(W.Multiply(r, q), W.Create(0.5));
        q = W.Add(W.Multiply(r, q), W.Create(1.0));
        return (scale, W.Multiply(r, q));
    }

    /// <summary>e^x to 2^-34 for |x| ≤ 200; 0 below, +∞ above; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble ExpKernelForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var inRange = W.LessThanOrEqual(W.Abs(x), W.Create(SingleRangeLimit));
        var limited = W.Select(inRange, x, W.Create(0.0));
        var (scale, expM1OfR) = ExpReductionForSingle<W, TDouble, TLong>(limited);
        var result = W.Multiply(scale, W.Add(expM1OfR, W.Create(1.0)));
        var limit = W.Select(W.GreaterThan(x, W.Create(0.0)), W.Create(double.PositiveInfinity), W.Create(0.0));
        return W.Select(inRange, result, W.Select(W.Equal(x, x), limit, x));
    }

    /// <summary>e^x − 1 to 2^-34 relative for |x| ≤ 200; −1 below, +∞ above; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble Expm1KernelForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var inRange = W.LessThanOrEqual(W.Abs(x), W.Create(SingleRangeLimit));
        var limited = W.Select(inRange, x, W.Create(0.0));
        var (scale, expM1OfR) = ExpReductionForSingle<W, TDouble, TLong>(limited);

        // 2^k·(e^r − 1) + (2^k − 1): the two terms cancel by at most a factor 2.4 (k = 1, r ≈ −ln 2/2).
        var result = W.Add(W.Multiply(scale, expM1OfR), W.Subtract(scale, W.Create(1.0)));
        var limit = W.Select(W.GreaterThan(x, W.Create(0.0)), W.Create(double.PositiveInfinity), W.Create(-1.0));
        return W.Select(inRange, result, W.Select(W.Equal(x, x), limit, x));
    }

    /// <summary>log x to 2^-34 for x ≥ 0 (float32 values: every positive one is a normal float64); log 0 = −∞, NaN below 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble LogKernelForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // x = 2^e·m, m in [√½, √2): the offset of the bits from √½'s carries e in its exponent field.
        var offset = W.Subtract(W.AsInt64(x), W.AsInt64(W.Create(SqrtHalf)));
        var e = W.ToDouble(W.ShiftRightArithmetic(offset, 52));
        var m = W.AsDouble(W.Add(W.And(offset, W.Create(0x000F_FFFF_FFFF_FFFFL)), W.AsInt64(W.Create(SqrtHalf))));
        var one = W.Create(1.0);
        var s = W.Divide(W.Subtract(m, one), W.Add(m, one));
        var z = W.Multiply(s, s);

        // log m = 2·atanh(s) = 2s + 2s·z·P(z), P(z) = Σ z^n/(2n + 3), n = 0…4 (|s| ≤ 0.1716).
        var p = W.Add(W.Multiply(z, W.Create(1.0 / 11)), W.Create(1.0 / 9));
        p = W.Add(W.Multiply(z, p), W.Create(1.0 / 7));
        p = W.Add(W.Multiply(z, p), W.Create(1.0 / 5));
        p = W.Add(W.Multiply(z, p), W.Create(1.0 / 3));
        var twiceS = W.Add(s, s);
        var result = W.Add(W.Multiply(e, W.Create(Ln2)), W.Add(twiceS, W.Multiply(W.Multiply(twiceS, z), p)));

        // 0 → −∞, negative → NaN, +∞ and NaN themselves.
        var zero = W.Create(0.0);
        var special = W.Not(W.And(W.GreaterThan(x, zero), W.LessThan(x, W.Create(double.PositiveInfinity))));
        var value = W.Select(W.Equal(x, zero), W.Create(double.NegativeInfinity), W.Select(W.LessThan(x, zero), W.Create(double.NaN), x));
        return W.Select(special, value, result);
    }

    /// <summary>log(1 + x) to 2^-34 for x ≥ −1: log of u = 1 + x plus u's rounding error over u; x itself below 2^-29 in magnitude.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble Log1pKernelForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var one = W.Create(1.0);
        var u = W.Add(one, x);
        var error = W.Select(W.LessThan(W.Abs(x), one), W.Subtract(x, W.Subtract(u, one)), W.Subtract(one, W.Subtract(u, x)));
        var result = W.Add(LogKernelForSingle<W, TDouble, TLong>(u), W.Divide(error, u));

        // u = 0 (x = −1) gives −∞ + NaN, and +∞ gives ∞ + NaN: the logarithm alone is right there.
        var finiteU = W.And(W.GreaterThan(u, W.Create(0.0)), W.LessThan(u, W.Create(double.PositiveInfinity)));
        result = W.Select(finiteU, result, LogKernelForSingle<W, TDouble, TLong>(u));
        return W.Select(W.LessThan(W.Abs(x), W.Create(Log1pSingleTiny)), x, result);
    }
}
