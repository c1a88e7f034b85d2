using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>
/// tan, arcsin, arccos, arctan, arctan2, hypot, powers, log10, sinh, cosh, tanh, arcsinh, arccosh and arctanh of float32 values
/// computed on lanes widened to float64 with the short polynomials float32 needs: float64's range holds every
/// intermediate (x² of the largest float, e^200, y/x of any two floats), its precision makes cancellations harmless, and
/// each result is within about 2^-30 of the exact value before it is rounded to float32 — so within an ulp of the
/// reference (the float64 function rounded once), correctly rounded almost everywhere. Our float64 functions, which these
/// went through before, gave the same accuracy for up to twice the work (a degree-11 exp, fdlibm's arctan, the overflow
/// and cancellation cases float64 inputs need).
/// </summary>
/// <remarks>
/// <para>
/// The kernels: e^x = 2^k·(1 + r·Q(r)) and e^x − 1 = 2^k·r·Q(r) + (2^k − 1), k = round(x/ln 2), |r| ≤ ln 2/2, Q our
/// degree-6 fit (relative error 2^-32); log x = e·ln 2 + 2s + 2s·z·P(z) with x = 2^e·m, m in [√½, √2), s = (m − 1)/(m +
/// 1), z = s², P the Taylor polynomial of atanh's series to z^4 (error 2^-34); log1p(x) = log(1 + x) from 2^-19 on,
/// its series below; arctan(t) = t + t·z·R(z) on |t| ≤ tan(π/8) after Cephes' reduction by π/4 and π/2, R our degree-5
/// fit (2^-35); arcsin(t) = t + t·z·P(z) on t ≤ ½, P our degree-6 fit (2^-35). Fused multiply-adds where the machine
/// has them (one answer per process): machines with FMA agree with each other, as do those without, and every width
/// gives the same bits.
/// </para>
/// <para>
/// From the kernels: tanh as float64's (Cephes' rational function below 0.625) with 1 − 2/(e^2|x| + 1) above; sinh =
/// sign·(t + t/(t + 1))/2 with t = e^|x| − 1; cosh = (e^|x| + e^−|x|)/2; arcsinh = sign·log1p(|x| + x²/(1 + √(1 + x²)));
/// arccosh = log1p(t + √(2t + t²)), t = x − 1 (exact); arctanh = sign·log1p(2|x|/(1 − |x|))/2; arcsin and arccos by
/// Cephes' reduction (above ½, 2·arcsin(√((1 − |x|)/2))); arctan2 from arctan(|y|/|x|) by quadrant, with C99's signed
/// zeros and infinities; tan from one reduction by π/2 and sin's polynomial (<see cref="SinForSingle{W, TDouble,
/// TLong}"/>); hypot = √(x² + y²), +∞ when either is infinite; log10 = log·(1/ln 10).
/// </para>
/// </remarks>
public static partial class VectorMath
{
    private const double SingleRangeLimit = 200.0; // beyond, every float32 exp, sinh, cosh and tanh has its limit value
    private const double TanThreePiOverEight = 2.414213562373095;
    private const double TanPiOverEight = 0.41421356237309503;
    private const double SqrtHalf = 0.7071067811865476;

    private const double AsinSingleLimit = 0.5; // above, arcsin(x) = π/2 − 2·arcsin(√((1 − x)/2))
    private const double Log1pSingleSeriesLimit = 1.9073486328125e-06; // 2^-19: below, log1p(a) = a − a²/2 + a³/3 (log(1 + a) would lose digits to 1 + a's rounding)

    // e^r − 1 = r·Q(r) on |r| ≤ ln 2/2: Q's coefficients (our weighted least-squares fit, relative error 2^-32).
    private const double ExpSingleQ0 = 0.9999999999910317, ExpSingleQ1 = 0.5000000047128847, ExpSingleQ2 = 0.16666666853456452;
    private const double ExpSingleQ3 = 0.04166635285878062, ExpSingleQ4 = 0.008333268631043118, ExpSingleQ5 = 0.0013941111041529833;
    private const double ExpSingleQ6 = 0.00019915843549813284;

    // arcsin(t) = t + t·z·P(z), z = t² ≤ 1/4: P's coefficients (our fit, relative error 2^-35).
    private const double AsinSingleP0 = 0.1666666718984496, AsinSingleP1 = 0.07499948157100102, AsinSingleP2 = 0.04466016301296194;
    private const double AsinSingleP3 = 0.03011026138834698, AsinSingleP4 = 0.024618300063914193, AsinSingleP5 = 0.007469336219399219;
    private const double AsinSingleP6 = 0.03469270272666656;

    // arctan(t) = t + t·z·R(z), z = t² ≤ tan²(π/8): R's coefficients (our weighted least-squares fit, relative error 2^-35).
    private const double AtanSingleR0 = -0.33333332514361264, AtanSingleR1 = 0.1999990516838764, AtanSingleR2 = -0.14282041606802556;
    private const double AtanSingleR3 = 0.11045088253813297, AtanSingleR4 = -0.0847837872295526, AtanSingleR5 = 0.047482217315634755;

    /// <summary>
    /// tan of float32 values held in float64 lanes, to float32's accuracy: |x| = nπ/2 + r (π/2 in the two parts sin and
    /// cos use, halved: n·the first is exact below 2^28; from 2^28 on, twice |x|/π mod 2 from the table), sin r and cos r
    /// = sin(π/2 − |r|) from sin's polynomial, and tan = sin r/cos r for even n, −cos r/sin r for odd n, with the sign of x.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble TanForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var magnitude = W.Abs(x);
        var shifter = W.Create(RoundingShifter);
        var shifted = W.Add(W.Multiply(magnitude, W.Create(2 * InverseOfPi)), shifter);
        var n = W.Subtract(shifted, shifter);
        var r = W.Subtract(W.Subtract(magnitude, W.Multiply(n, W.Create(PiFor28Bits / 2))), W.Multiply(n, W.Create(PiFor28BitsTail / 2)));
        var parity = W.AsInt64(shifted);
        var beyond = W.Not(W.LessThan(magnitude, W.Create(SingleReductionLimit)));
        if (W.Any(beyond))
        {
            var twiceZ = W.Multiply(HugeArgumentOverPi<W, TDouble, TLong>(magnitude), W.Create(2.0));
            var shiftedZ = W.Add(twiceZ, shifter);
            r = W.Select(beyond, W.Multiply(W.Subtract(twiceZ, W.Subtract(shiftedZ, shifter)), W.Create(Math.PI / 2)), r);
            parity = W.Select(beyond, W.AsInt64(shiftedZ), parity);
        }

        var sin = FusedSinOfReduced<W, TDouble, TLong>(r);
        var cos = FusedSinOfReduced<W, TDouble, TLong>(W.Subtract(W.Create(Math.PI / 2), W.Abs(r)));
        var odd = W.Equal(W.And(parity, W.Create(1L)), W.Create(1L));
        var tangent = W.Divide(W.Select(odd, W.Negate(cos), sin), W.Select(odd, sin, cos));
        return W.AsDouble(W.Xor(W.AsInt64(tangent), W.And(W.AsInt64(x), W.Create(SignBit))));
    }

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

    /// <summary>
    /// x**y of float32 values held in float64 lanes, to float32's accuracy: 2^(y·log2 x) by short table-driven kernels
    /// where x is positive and finite and y finite (<see cref="Log2ForSinglePower"/>, <see cref="Exp2ForSinglePower"/>);
    /// the other lanes (zero, negative, infinite or NaN operands) get C99's special values as the float64 pow chooses
    /// them, in vectors that have one.
    /// </summary>
    /// <remarks>
    /// The design of the C library's powf (glibc's and ARM's optimized-routines'), with 16-entry tables (read by permutes at 512
    /// bits) and no division.
    /// With e^(y·log x) from this file's kernels (a divide in log, a degree-6 exp and its range checks) and the special lanes
    /// by a call, `f**g` on 1e7 ran 14.7–16.0 ms on two threads against NumPy's 14.2; with the tables and no call, 9.7–9.9
    /// (AVX-512). Without AVX-512 the tables are not read (see <see cref="PowForSingleReadsTables"/>).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble PowForSingle<W, TDouble, TLong>(TDouble x, TDouble y)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // x positive and both finite: (x + y)·0 is 0 only where both are finite (an infinite or NaN operand makes it NaN;
        // float32 values cannot overflow the sum): four instructions where comparing each with ∞ took seven.
        var zero = W.Create(0.0);
        var ordinary = W.And(W.GreaterThan(x, zero), W.Equal(W.Multiply(W.Add(x, y), zero), zero));
        bool special = W.Any(W.Not(ordinary));
        var (positiveX, finiteY) = special ? PowOperandsMadeHarmless<W, TDouble, TLong>(x, y) : (x, y);
        var result = PowOfPositiveForSingle<W, TDouble, TLong>(positiveX, finiteY);

        // C99's special values around the same kernels, no call: a call in the loop made the JIT keep every value of the
        // loop on the stack (`f**g` 21–32 ms on one thread, 17.7–23.7 without it); and the kernels once, not again for
        // the special lanes, which took the loop past the JIT's inlining budget. No exact powers here (at every width a
        // lane gets the kernels' bits, whatever its neighbours).
        return special ? PowSpecialValues<W, TDouble, TLong>(x, y, result, exactPowers: false) : result;
    }

    /// <summary>
    /// Whether <see cref="PowForSingle"/> reads its tables, which it does where they are read by permutes (AVX-512); with
    /// 256-bit gathers `f**g` ran 33–40 ms against 23–26 without tables (AVX2, 1e7, 2 threads). One answer per process, as
    /// for fused multiply-adds: every width of a process gives the same bits.
    /// </summary>
    private static bool PowForSingleReadsTables => System.Runtime.Intrinsics.X86.Avx512F.IsSupported;

    /// <summary>x**y for positive finite x and finite y: 2^(y·log2 x) by the tables' kernels, or e^(y·log x) by this file's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble PowOfPositiveForSingle<W, TDouble, TLong>(TDouble x, TDouble y)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        PowForSingleReadsTables
            ? Exp2ForSinglePower<W, TDouble, TLong>(W.Multiply(y, Log2ForSinglePower<W, TDouble, TLong>(x)))
            : ExpOfFiniteForSingle<W, TDouble, TLong>(W.Multiply(y, LogOfPositiveForSingle<W, TDouble, TLong>(x)));

    /// <summary>
    /// log2 x of positive finite float32 values in float64 lanes to 2^-38 relative: x = 2^k·z, z in one of 16 intervals
    /// around its centre c, log2 x = k + log2 c + log2(1 + r) with r = z/c − 1 = z·invc − 1 exact (tables and polynomial
    /// in <c>VectorMath.SinglePowerTables.cs</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble Log2ForSinglePower<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var fromOffset = W.Subtract(W.AsInt64(x), W.Create(PowSingleLogOffset));
        var index = W.And(W.ShiftRightLogical(fromOffset, 48), W.Create(15L));
        var k = TopBitsAsDouble<W, TDouble, TLong>(fromOffset);
        var z = W.AsDouble(W.Subtract(W.AsInt64(x), W.And(fromOffset, W.Create(unchecked((long)0xFFF0_0000_0000_0000)))));
        var r = W.Subtract(W.Multiply(z, W.LookUp16(PowSingleInverseCentres, index)), W.Create(1.0));

        // r·(A0 + … + A5·r^5) by Estrin's scheme.
        var r2 = W.Multiply(r, r);
        var low = MultiplyAddForSingle<W, TDouble, TLong>(r, W.Create(PowSingleA1), W.Create(PowSingleA0));
        var middle = MultiplyAddForSingle<W, TDouble, TLong>(r, W.Create(PowSingleA3), W.Create(PowSingleA2));
        var high = MultiplyAddForSingle<W, TDouble, TLong>(r, W.Create(PowSingleA5), W.Create(PowSingleA4));
        var polynomial = MultiplyAddForSingle<W, TDouble, TLong>(r2, MultiplyAddForSingle<W, TDouble, TLong>(r2, high, middle), low);
        return MultiplyAddForSingle<W, TDouble, TLong>(r, polynomial, W.Add(k, W.LookUp16(PowSingleLogCentres, index)));
    }

    /// <summary>
    /// 2^t to 2^-37 relative for the float32 range: t clamped to ±200 (beyond ±151 every float32 result is 0 or ∞, which
    /// the rounding to float32 gives), 2^t = 2^(j/16)·2^m·2^r, |r| ≤ 1/32, 2^(j/16) from the table.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble Exp2ForSinglePower<W, TDouble, TLong>(TDouble t)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        t = ClampedToSingleRange<W, TDouble, TLong>(t);

        // round(16·t) in the shifter's low bits; r = t − round(16·t)/16 exactly.
        var shifter = W.Create(RoundingShifter / 16);
        var shifted = W.Add(t, shifter);
        var r = W.Subtract(t, W.Subtract(shifted, shifter));
        var bits = W.AsInt64(shifted);
        var scale = W.AsDouble(W.Add(W.AsInt64(W.LookUp16(PowSingleTwoToTheJthBits, W.And(bits, W.Create(15L)))), W.ShiftLeft(bits, 48)));

        // 2^r − 1 = r·(C0 + C1·r + C2·r² + C3·r³).
        var r2 = W.Multiply(r, r);
        var polynomial = MultiplyAddForSingle<W, TDouble, TLong>(
            r2,
            MultiplyAddForSingle<W, TDouble, TLong>(r, W.Create(PowSingleC3), W.Create(PowSingleC2)),
            MultiplyAddForSingle<W, TDouble, TLong>(r, W.Create(PowSingleC1), W.Create(PowSingleC0)));
        return MultiplyAddForSingle<W, TDouble, TLong>(W.Multiply(scale, r), polynomial, scale);
    }

    /// <summary>log10 of float32 values held in float64 lanes, to float32's accuracy (exact at powers of ten once rounded).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble Log10ForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        W.Multiply(LogKernelForSingle<W, TDouble, TLong>(x), W.Create(InverseLn10));

    /// <summary>sin r for r in [−π/2, π/2] by sin's polynomial for float32 (<see cref="SinOfReduced{W, TDouble, TLong}"/>) with fused multiply-adds where the machine has them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble FusedSinOfReduced<W, TDouble, TLong>(TDouble r)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var s = W.Multiply(r, r);
        var q = MultiplyAddForSingle<W, TDouble, TLong>(s, W.Create(SinSingleQ4), W.Create(SinSingleQ3));
        q = MultiplyAddForSingle<W, TDouble, TLong>(s, q, W.Create(SinSingleQ2));
        q = MultiplyAddForSingle<W, TDouble, TLong>(s, q, W.Create(SinSingleQ1));
        q = MultiplyAddForSingle<W, TDouble, TLong>(s, q, W.Create(SinSingleQ0));
        return MultiplyAddForSingle<W, TDouble, TLong>(W.Multiply(r, s), q, r);
    }

    /// <summary>tanh of float32 values held in float64 lanes, to float32's accuracy: float64's algorithm with the short exp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble TanhForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        TanhWith<W, TDouble, TLong, ShortExponential>(x);

    /// <summary><see cref="ExpKernelForSingle"/> as a type (see <see cref="TanhWith"/>).</summary>
    private readonly struct ShortExponential : IExponential
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Exp<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => ExpKernelForSingle<W, TDouble, TLong>(x);
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
        var (p, large) = AsinOfMagnitudeForSingle<W, TDouble, TLong>(W.Abs(x));
        var result = W.Select(large, W.Subtract(W.Create(Math.PI / 2), W.Add(p, p)), p);
        return WithSignOf<W, TDouble, TLong>(result, x);
    }

    /// <summary>arccos of float32 values held in float64 lanes, to float32's accuracy; NaN beyond ±1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble AcosForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // |x| ≤ ½: π/2 − arcsin x; x > ½: 2·arcsin(√((1 − x)/2)); x < −½: π − that.
        var (p, large) = AsinOfMagnitudeForSingle<W, TDouble, TLong>(W.Abs(x));
        var twice = W.Add(p, p);
        var result = W.Select(W.LessThan(x, W.Create(0.0)), W.Subtract(W.Create(Math.PI), twice), twice);
        return W.Select(large, result, W.Subtract(W.Create(Math.PI / 2), WithSignOf<W, TDouble, TLong>(p, x)));
    }

    /// <summary>
    /// arcsin a for a ≥ 0 up to ½ (<c>Large</c> false), and arcsin(√((1 − a)/2)) above (true) — Cephes' reduction, so
    /// that t + t·z·P(z) only meets z ≤ ¼; beyond 1 the square root is NaN, and NaN stays NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble P, TLong Large) AsinOfMagnitudeForSingle<W, TDouble, TLong>(TDouble magnitude)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var large = W.GreaterThan(magnitude, W.Create(AsinSingleLimit));
        var z = W.Multiply(magnitude, magnitude);
        var t = magnitude;
        if (W.Any(large))
        {
            // 1 − a is exact for a in (½, 1].
            var half = W.Multiply(W.Subtract(W.Create(1.0), magnitude), W.Create(0.5));
            z = W.Select(large, half, z);
            t = W.Select(large, W.Sqrt(half), t);
        }

        var p = MultiplyAddForSingle<W, TDouble, TLong>(z, W.Create(AsinSingleP6), W.Create(AsinSingleP5));
        p = MultiplyAddForSingle<W, TDouble, TLong>(z, p, W.Create(AsinSingleP4));
        p = MultiplyAddForSingle<W, TDouble, TLong>(z, p, W.Create(AsinSingleP3));
        p = MultiplyAddForSingle<W, TDouble, TLong>(z, p, W.Create(AsinSingleP2));
        p = MultiplyAddForSingle<W, TDouble, TLong>(z, p, W.Create(AsinSingleP1));
        p = MultiplyAddForSingle<W, TDouble, TLong>(z, p, W.Create(AsinSingleP0));
        return (MultiplyAddForSingle<W, TDouble, TLong>(W.Multiply(t, z), p, t), large);
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
        var r = MultiplyAddForSingle<W, TDouble, TLong>(z, W.Create(AtanSingleR5), W.Create(AtanSingleR4));
        r = MultiplyAddForSingle<W, TDouble, TLong>(z, r, W.Create(AtanSingleR3));
        r = MultiplyAddForSingle<W, TDouble, TLong>(z, r, W.Create(AtanSingleR2));
        r = MultiplyAddForSingle<W, TDouble, TLong>(z, r, W.Create(AtanSingleR1));
        r = MultiplyAddForSingle<W, TDouble, TLong>(z, r, W.Create(AtanSingleR0));
        return W.Add(offset, MultiplyAddForSingle<W, TDouble, TLong>(W.Multiply(t, z), r, t));
    }

    /// <summary>
    /// 2^k with k = round(x/ln 2), r = x − k·ln 2 and e^r − 1 = r·Q(r), for |x| ≤ 200 (callers replace or clamp the
    /// other lanes); k·ln 2's rounding is at most 2^-46 relative to the result.
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
        var shifted = MultiplyAddForSingle<W, TDouble, TLong>(x, W.Create(InverseLn2), shifter);
        var k = W.Subtract(shifted, shifter);
        var scale = W.AsDouble(W.Add(W.ShiftLeft(W.AsInt64(shifted), 52), W.Create(1023L << 52)));
        var r = MultiplyAddForSingle<W, TDouble, TLong>(k, W.Create(-Ln2), x);

        var r2 = W.Multiply(r, r);
        var low = MultiplyAddForSingle<W, TDouble, TLong>(r, W.Create(ExpSingleQ1), W.Create(ExpSingleQ0));
        var middle = MultiplyAddForSingle<W, TDouble, TLong>(r, W.Create(ExpSingleQ3), W.Create(ExpSingleQ2));
        var high = MultiplyAddForSingle<W, TDouble, TLong>(r, W.Create(ExpSingleQ5), W.Create(ExpSingleQ4));
        high = MultiplyAddForSingle<W, TDouble, TLong>(r2, W.Create(ExpSingleQ6), high);
        var q = MultiplyAddForSingle<W, TDouble, TLong>(r2, MultiplyAddForSingle<W, TDouble, TLong>(r2, high, middle), low);
        return (scale, W.Multiply(r, q));
    }

    /// <summary>
    /// <see cref="ExpReductionForSingle"/> of the lanes with |x| ≤ 200 (<c>InRange</c>); the others are reduced as 0, for
    /// <see cref="BeyondSingleRange"/> to replace.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble Scale, TDouble ExpM1OfR, TLong InRange) ExpReductionOfRangeForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var inRange = W.LessThanOrEqual(W.Abs(x), W.Create(SingleRangeLimit));
        var (scale, expM1OfR) = ExpReductionForSingle<W, TDouble, TLong>(W.Select(inRange, x, W.Create(0.0)));
        return (scale, expM1OfR, inRange);
    }

    /// <summary>The lanes beyond ±200: +∞ above, <paramref name="below"/> under −200; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble BeyondSingleRange<W, TDouble, TLong>(TDouble x, TLong inRange, TDouble result, double below)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var limit = W.Select(W.GreaterThan(x, W.Create(0.0)), W.Create(double.PositiveInfinity), W.Create(below));
        return W.Select(inRange, result, W.Select(W.Equal(x, x), limit, x));
    }

    /// <summary>e^x to 2^-34 for |x| ≤ 200; 0 below, +∞ above; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble ExpKernelForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var (scale, expM1OfR, inRange) = ExpReductionOfRangeForSingle<W, TDouble, TLong>(x);
        return BeyondSingleRange<W, TDouble, TLong>(x, inRange, W.Multiply(scale, W.Add(expM1OfR, W.Create(1.0))), below: 0.0);
    }

    /// <summary>
    /// <see cref="ExpKernelForSingle"/> of finite x, which is clamped to ±200 rather than its lanes beyond replaced:
    /// there e^±200 rounds to float32's +∞ and 0 as the limits would, and no lane is NaN, so the selects that
    /// replace them (a dozen instructions a vector, in `f**g`'s loop) are not needed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble ExpOfFiniteForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var (scale, expM1OfR) = ExpReductionForSingle<W, TDouble, TLong>(ClampedToSingleRange<W, TDouble, TLong>(x));
        return W.Multiply(scale, W.Add(expM1OfR, W.Create(1.0)));
    }

    /// <summary>
    /// x clamped to ±200, by compares and blends: the vectors' Min and Max order NaN and signed zeros as IEEE 754-2019
    /// does, several instructions each, which finite arguments do not need.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble ClampedToSingleRange<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var limit = W.Create(SingleRangeLimit);
        x = W.Select(W.GreaterThan(x, limit), limit, x);
        return W.Select(W.LessThan(x, W.Negate(limit)), W.Negate(limit), x);
    }

    /// <summary>e^x − 1 to 2^-34 relative for |x| ≤ 200; −1 below, +∞ above; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble Expm1KernelForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var (scale, expM1OfR, inRange) = ExpReductionOfRangeForSingle<W, TDouble, TLong>(x);

        // 2^k·(e^r − 1) + (2^k − 1): the two terms cancel by at most a factor 2.4 (k = 1, r ≈ −ln 2/2).
        var result = W.Add(W.Multiply(scale, expM1OfR), W.Subtract(scale, W.Create(1.0)));
        return BeyondSingleRange<W, TDouble, TLong>(x, inRange, result, below: -1.0);
    }

    /// <summary>log x to 2^-34 for x ≥ 0 (float32 values: every positive one is a normal float64); log 0 = −∞, NaN below 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble LogKernelForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        LogSpecialValues<W, TDouble, TLong>(x, LogOfPositiveForSingle<W, TDouble, TLong>(x));

    /// <summary><see cref="LogKernelForSingle"/> of positive finite x, without the selects of the other lanes' values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble LogOfPositiveForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // x = 2^e·m, m in [√½, √2): the offset of the bits from √½'s carries e in its exponent field.
        var offset = W.Subtract(W.AsInt64(x), W.AsInt64(W.Create(SqrtHalf)));
        var e = TopBitsAsDouble<W, TDouble, TLong>(offset);
        var m = W.AsDouble(W.Add(W.And(offset, W.Create(0x000F_FFFF_FFFF_FFFFL)), W.AsInt64(W.Create(SqrtHalf))));
        var one = W.Create(1.0);
        var s = W.Divide(W.Subtract(m, one), W.Add(m, one));
        var z = W.Multiply(s, s);

        // log m = 2·atanh(s) = 2s + 2s·z·P(z), P(z) = Σ z^n/(2n + 3), n = 0…4 (|s| ≤ 0.1716).
        var p = MultiplyAddForSingle<W, TDouble, TLong>(z, W.Create(1.0 / 11), W.Create(1.0 / 9));
        p = MultiplyAddForSingle<W, TDouble, TLong>(z, p, W.Create(1.0 / 7));
        p = MultiplyAddForSingle<W, TDouble, TLong>(z, p, W.Create(1.0 / 5));
        p = MultiplyAddForSingle<W, TDouble, TLong>(z, p, W.Create(1.0 / 3));
        var twiceS = W.Add(s, s);
        return MultiplyAddForSingle<W, TDouble, TLong>(e, W.Create(Ln2), MultiplyAddForSingle<W, TDouble, TLong>(W.Multiply(twiceS, z), p, twiceS));
    }

    /// <summary>
    /// log(1 + x) to 2^-34 for x ≥ −1: log of 1 + x, whose rounding (2^-53) costs at most 2^-34 relative from |x| = 2^-19
    /// on, and x − x²/2 + x³/3 below (the next term is 2^-59 of x).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble Log1pKernelForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var series = MultiplyAddForSingle<W, TDouble, TLong>(W.Multiply(x, x), MultiplyAddForSingle<W, TDouble, TLong>(x, W.Create(1.0 / 3), W.Create(-0.5)), x);
        var result = LogKernelForSingle<W, TDouble, TLong>(W.Add(W.Create(1.0), x));
        return W.Select(W.LessThan(W.Abs(x), W.Create(Log1pSingleSeriesLimit)), series, result);
    }

    /// <summary>a·b + c: fused where the machine has fused multiply-add (one answer per process), else two roundings.</summary>
    /// <remarks><see cref="HasFusedMultiplyAdd"/>'s test written out, so that the JIT folds it while importing (see there).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble MultiplyAddForSingle<W, TDouble, TLong>(TDouble a, TDouble b, TDouble c)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? W.FusedMultiplyAdd(a, b, c) : W.Add(W.Multiply(a, b), c);
}
