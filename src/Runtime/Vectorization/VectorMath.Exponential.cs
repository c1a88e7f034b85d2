using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>
/// exp and expm1 of float64 lanes, written once over the width and inlined into its callers — the fused loop, the span loops and
/// the generated <c>[Vectorize]</c> code (through the widths' <c>Exp</c>).
/// </summary>
/// <remarks>
/// <para>
/// Why not .NET's <c>Vector512.Exp</c>: it is a large method the JIT does not inline, so a kernel compiled fully
/// optimised still calls it, and tiered compilation runs that call unoptimised for its first ~30 calls and then until
/// the optimised version is ready in the background: on 1e7 elements the first evaluations took 150–250 ms instead of
/// 12 ms. Inlined, this exp is compiled with the kernel, once. Every width gives the same bits; machines with
/// fused multiply-add (which the polynomial uses) agree with each other, as do those without.
/// </para>
/// <para>
/// k = round(x/ln 2) and r = x − k·ln 2 in two parts, the first product exact (fdlibm's reduction; |r| ≤ ln 2/2), then
/// e^r = 1 + (r + r²·T(r)) with T a degree-9 minimax polynomial for (e^r − 1 − r)/r² on [−ln 2/2, ln 2/2] (relative
/// error of e^r − 1 below 3.5·10⁻¹⁷ with the coefficients rounded to doubles, so expm1 keeps its digits too; the
/// Taylor polynomial needs two more terms for the same error — 4 of the ~40 operations per vector without FMA),
/// evaluated by Estrin's scheme — no division, which costs more than the whole polynomial at 512 bits. The result is scaled by 2^k in two halves, so that results near the overflow threshold and in the
/// subnormals are exact scalings. Beyond 709.78… the result is +∞, below −745.13… +0; NaN stays NaN.
/// </para>
/// </remarks>
public static partial class VectorMath
{
    private const double ExpOverflow = 7.09782712893383973096e+02;
    private const double ExpUnderflow = -7.45133219101941108420e+02;
    private const double InverseLn2 = 1.44269504088896338700e+00;
    private const double Ln2High = 6.93147180369123816490e-01; // 32 significant bits: k·Ln2High is exact
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const long ExponentBias = 1023;
    private const double ExpSingleScaleLimit = 708.0;
    private const double Expm1MinusOneLimit = -40.0;
    private const double Expm1TinyLimit = 5.551115123125783e-17; // 2^-54

    // T's coefficients, c_n near 1/n!: a Remez fit weighted by r²/(e^r − 1) (the relative error of e^r − 1 = r + r²·T),
    // computed in 60-digit decimal arithmetic and rounded to the nearest doubles.
    private const double ExpC2 = 0.5000000000000006, ExpC3 = 0.16666666666666588, ExpC4 = 0.04166666666657676;
    private const double ExpC5 = 0.008333333333389552, ExpC6 = 0.0013888888931564846, ExpC7 = 0.00019841269719005343;
    private const double ExpC8 = 2.4801505273827253e-05, ExpC9 = 2.7557407545020758e-06, ExpC10 = 2.762603787615894e-07;
    private const double ExpC11 = 2.5053773975691707e-08;

    /// <summary>exp of each lane at the width <typeparamref name="W"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Exp<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        (System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported) ? ExpWith<W, TDouble, TLong, FusedProducts>(x) : ExpWith<W, TDouble, TLong, SeparateProducts>(x);

    /// <summary>exp with the polynomial's products added by <typeparamref name="TProducts"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble ExpWith<W, TDouble, TLong, TProducts>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
        where TProducts : struct, IProducts
    {
        var (expm1OfR, kBits) = ExpReduction<W, TDouble, TLong, TProducts>(x);
        var y = W.Add(W.Create(1.0), expm1OfR);

        // y·2^k by adding k to y's exponent bits (k << 52 is kBits << 52: the shifter's bits above k shift out): for
        // |x| ≤ 708, y in [0.7, 1.42] and k in [−1021, 1021] keep the result normal, so this is the product's exact
        // bits, one integer add instead of building 2^k and multiplying. Beyond (and NaN, whose bits must not be
        // added to) as 2^(k − k/2) · 2^(k/2), two normal doubles for every k from −1075 to 1024, so that results near the
        // overflow threshold and in the subnormals are exact scalings, and then the overflows and underflows (NaN
        // compares false and stays NaN).
        var result = W.AsDouble(W.Add(W.AsInt64(y), W.ShiftLeft(kBits, 52)));
        var extreme = W.Not(W.LessThanOrEqual(W.Abs(x), W.Create(ExpSingleScaleLimit)));
        if (!W.Any(extreme))
        {
            return result;
        }

        var bias = W.Create(ExponentBias);
        var integerK = W.Subtract(kBits, W.AsInt64(W.Create(RoundingShifter)));
        var halfK = W.ShiftRightArithmetic(integerK, 1);
        var firstScale = W.AsDouble(W.ShiftLeft(W.Add(halfK, bias), 52));
        var secondScale = W.AsDouble(W.ShiftLeft(W.Add(W.Subtract(integerK, halfK), bias), 52));
        result = W.Select(extreme, W.Multiply(W.Multiply(y, firstScale), secondScale), result);
        result = W.Select(W.GreaterThan(x, W.Create(ExpOverflow)), W.Create(double.PositiveInfinity), result);
        return W.Select(W.LessThan(x, W.Create(ExpUnderflow)), W.Create(0.0), result);
    }

    /// <summary>expm1 (e^x − 1) of each lane at the width <typeparamref name="W"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Expm1<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        (System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported) ? Expm1With<W, TDouble, TLong, FusedProducts>(x) : Expm1With<W, TDouble, TLong, SeparateProducts>(x);

    /// <summary>
    /// expm1 from exp's reduction: e^x − 1 = (2^k − 1) + 2^k·(e^r − 1), where 2^k − 1 is exact for |k| ≤ 53 and 2^k·(e^r − 1)
    /// an exact scaling, so the sum rounds once and small arguments (k = 0) keep every digit of e^r − 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble Expm1With<W, TDouble, TLong, TProducts>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
        where TProducts : struct, IProducts
    {
        var (expm1OfR, kBits) = ExpReduction<W, TDouble, TLong, TProducts>(x);
        var scale = W.AsDouble(W.ShiftLeft(W.Add(kBits, W.Create(ExponentBias)), 52));
        var result = TProducts.MultiplyAdd<W, TDouble, TLong>(scale, expm1OfR, W.Subtract(scale, W.Create(1.0)));

        // Below −40 the result is −1 (and 2^k may be out of range); from 708 it is exp(x) (which scales in two halves,
        // and overflows); ±0 and tiny arguments are x itself (the polynomial would turn −0 into +0).
        result = W.Select(W.LessThan(x, W.Create(Expm1MinusOneLimit)), W.Create(-1.0), result);
        result = W.Select(W.LessThan(W.Abs(x), W.Create(Expm1TinyLimit)), x, result);
        var large = W.GreaterThan(x, W.Create(ExpSingleScaleLimit));
        return W.Any(large) ? W.Select(large, ExpWith<W, TDouble, TLong, TProducts>(x), result) : result;
    }

    /// <summary>
    /// fdlibm's reduction, k = round(x/ln 2) and r = x − k·ln 2 in two parts (the first product exact; |r| ≤ ln 2/2), and
    /// e^r − 1 = r + r²·T(r) by Estrin's scheme; k as the bits of x/ln 2 + 1.5 × 2^52 (the rounding shifter), which hold
    /// k in their low bits while |x/ln 2| &lt; 2^51 (every lane the callers keep): k = bits − the shifter's bits, and
    /// k &lt;&lt; 52 = bits &lt;&lt; 52.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble Expm1OfR, TLong KBits) ExpReduction<W, TDouble, TLong, TProducts>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
        where TProducts : struct, IProducts
    {
        var shifter = W.Create(RoundingShifter);
        var shifted = W.Add(W.Multiply(x, W.Create(InverseLn2)), shifter);
        var k = W.Subtract(shifted, shifter);

        var r = W.Subtract(W.Subtract(x, W.Multiply(k, W.Create(Ln2High))), W.Multiply(k, W.Create(Ln2Low)));
        var r2 = W.Multiply(r, r);
        var r4 = W.Multiply(r2, r2);
        var r8 = W.Multiply(r4, r4);
        var low = TProducts.MultiplyAdd<W, TDouble, TLong>(r2, Pair<W, TDouble, TLong, TProducts>(r, ExpC4, ExpC5), Pair<W, TDouble, TLong, TProducts>(r, ExpC2, ExpC3));
        var middle = TProducts.MultiplyAdd<W, TDouble, TLong>(r2, Pair<W, TDouble, TLong, TProducts>(r, ExpC8, ExpC9), Pair<W, TDouble, TLong, TProducts>(r, ExpC6, ExpC7));
        var high = Pair<W, TDouble, TLong, TProducts>(r, ExpC10, ExpC11);
        var tail = TProducts.MultiplyAdd<W, TDouble, TLong>(r8, high, TProducts.MultiplyAdd<W, TDouble, TLong>(r4, middle, low));
        return (TProducts.MultiplyAdd<W, TDouble, TLong>(r2, tail, r), W.AsInt64(shifted));
    }

    /// <summary>c0 + r·c1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble Pair<W, TDouble, TLong, TProducts>(TDouble r, double c0, double c1)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
        where TProducts : struct, IProducts => TProducts.MultiplyAdd<W, TDouble, TLong>(r, W.Create(c1), W.Create(c0));
}
