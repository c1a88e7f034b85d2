using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SlowSeries.Vectorization;

/// <summary>
/// Vector math that .NET's own does not do fast enough: sine and cosine of float64 lanes, written once over the vector
/// width (<see cref="IVectorWidth{TSelf, TDouble, TLong}"/>). The run-time kernels and the code the source generator
/// emits both call these (one implementation, not a copy per caller).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Vector512.SinCos(Vector512{double})"/> costs about 3.5x more than this on the course's arguments. The
/// argument is reduced modulo π/2 Cody–Waite style, then fdlibm's minimax polynomials for sin and cos on [-π/4, π/4] run
/// on the reduced argument. Two forms, chosen once per process by <see cref="HasFusedMultiplyAdd"/>:
/// </para>
/// <list type="bullet">
/// <item>with fused multiply-adds (every ARM64 CPU, x64 with FMA3 or AVX-512): π/2 in three doubles, the first product
/// exact inside the fused multiply-add; arguments below 2^40.</item>
/// <item>without (x64 without FMA, e.g. <c>DOTNET_EnableAVX2=0</c>, NativeAOT's baseline x64, or no SIMD at all): π/2 in
/// four doubles, the first three of at most 26 significant bits so that their products with a quadrant number below
/// 2^27 are exact; two exact steps, then fdlibm's medium-argument step (y and its tail), or, for lanes within |x|·2^-42
/// of a multiple of π/2, two subtractions that keep their errors (TwoSum) as fdlibm's tail; fdlibm's __kernel_sin and
/// __kernel_cos use it; arguments below 2^27.</item>
/// </list>
/// <para>
/// Both are written once over the width, with no operation whose result depends on the width: in one process every
/// width gives the same bits, and two machines give the same bits when both have (or both lack) fused multiply-add.
/// Worst error seen against <see cref="Math.Sin(double)"/> and <see cref="Math.Cos(double)"/>: 1 ulp for both forms
/// (see <c>VectorMathTests</c>, which checks both). Lanes beyond the reduction's range are reduced one by one by Payne and
/// Hanek's method (<see cref="ReduceModuloHalfPi"/>, no call), so no lane depends on its neighbours. NaN and ±Inf give
/// NaN; ±0 keeps its sign in sin.
/// </para>
/// </remarks>
public static partial class VectorMath
{
    private const double TwoOverPi = 0.6366197723675814;

    // Adding 1.5 × 2^52 rounds a non-negative double below 2^51 to an integer (ties to even) in the low mantissa bits.
    private const double RoundingShifter = 6755399441055744.0;

    // π/2 = HalfPi1 + HalfPi2 + HalfPi3 + HalfPi4 to about 130 bits; the first three have at most 26 significant bits.
    private const double HalfPi1 = 1.5707963109016418;
    private const double HalfPi2 = 1.5893254712295857e-08;
    private const double HalfPi3 = 6.123233932053594e-17;
    private const double HalfPi4 = 6.36831716351095e-25;

    private const double ReductionLimit = 134217728.0; // 2^27: quadrant numbers stay below 2^27

    // π/2 − HalfPi1 − HalfPi2 rounded: with those two, π/2 to about 105 bits, for the short reduction without FMA.
    private const double HalfPi2Tail = 6.123233995736766e-17;
    private const double CancellationLimit = 2.2737367544323206e-13; // 2^-42: fewer than 42 leading bits cancelled

    // π/2 = FullHalfPi1 + FullHalfPi2 + FullHalfPi3 to about 160 bits, for the reduction with fused multiply-adds.
    private const double FullHalfPi1 = 1.5707963267948966;
    private const double FullHalfPi2 = 6.123233995736766e-17;
    private const double FullHalfPi3 = -1.4973849048591698e-33;

    private const double FusedReductionLimit = 1099511627776.0; // 2^40

    // fdlibm __kernel_sin and __kernel_cos coefficients.
    private const double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03, S3 = -1.98412698298579493134e-04;
    private const double S4 = 2.75573137070700676789e-06, S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
    private const double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03, C3 = 2.48015872894767294178e-05;
    private const double C4 = -2.75573143513906633035e-07, C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;

    private const long SignBit = long.MinValue;

    /// <summary>
    /// Whether this CPU multiplies and adds with one rounding in hardware (x64 since 2013, every ARM64). One answer for
    /// every width in the process, so that every width computes sin and cos the same way.
    /// </summary>
    /// <remarks>
    /// The vector functions write this test out where they choose a form: the JIT folds an instruction-set test while it
    /// imports a method, but a property's value only after inlining it — by then both forms are imported, and without
    /// FMA the dead form's software fused multiply-adds exhausted the JIT's inlining budget in fused loops (at 128 bits:
    /// `expm1(a) + log1p(b)` kept 35 calls to lane operations and 84 vector temporaries on the stack).
    /// </remarks>
    public static bool HasFusedMultiplyAdd => System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;

    /// <summary>sin and cos of each lane, sharing one range reduction, at the width <typeparamref name="W"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TDouble Sin, TDouble Cos) SinCos<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        (System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported) ? SinCosWithFma<W, TDouble, TLong>(x) : SinCosWithoutFma<W, TDouble, TLong>(x);

    /// <summary>sin and cos with fused multiply-adds (see <see cref="VectorMath"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (TDouble Sin, TDouble Cos) SinCosWithFma<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // Work on |x| (sin is odd, cos even) so that quadrant numbers are non-negative and sin(-0) stays -0.
        var magnitude = W.Abs(x);
        var (quadrant, q) = NearestQuadrant<W, TDouble, TLong>(magnitude);

        // The first product is exact inside the fused multiply-add, so the reduced argument carries an error of about
        // one rounding even next to a multiple of π/2.
        var minusQuadrant = W.Negate(quadrant);
        var y = W.FusedMultiplyAdd(minusQuadrant, W.Create(FullHalfPi1), magnitude);
        y = W.FusedMultiplyAdd(minusQuadrant, W.Create(FullHalfPi2), y);
        y = W.FusedMultiplyAdd(minusQuadrant, W.Create(FullHalfPi3), y);
        (y, _, q) = ReduceBeyondLaneByLane<W, TDouble, TLong>(magnitude, y, y, q, FusedReductionLimit);

        var z = W.Multiply(y, y);
        var sinTail = FusedHorner<W, TDouble, TLong>(z, S2, S3, S4, S5, S6);
        var sin = W.FusedMultiplyAdd(W.Multiply(z, y), W.FusedMultiplyAdd(z, sinTail, W.Create(S1)), y);
        var cosTail = W.FusedMultiplyAdd(z, FusedHorner<W, TDouble, TLong>(z, C2, C3, C4, C5, C6), W.Create(C1));
        var halfZ = W.Multiply(z, W.Create(0.5));
        var one = W.Create(1.0);
        var w = W.Subtract(one, halfZ);

        // fdlibm's order of summation: 1 - z/2 rounded, then its rounding error, then the rest.
        var cos = W.Add(w, W.Add(W.Subtract(W.Subtract(one, w), halfZ), W.Multiply(W.Multiply(z, z), cosTail)));
        return Quadrant<W, TDouble, TLong>(x, q, sin, cos);
    }

    /// <summary>
    /// |x|·2/π rounded to the nearest integer (ties to even), as a double and with its low bits as an integer: adding
    /// 1.5 × 2^52 rounds a non-negative double below 2^51 to an integer in the low mantissa bits, at any width.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble Quadrant, TLong Number) NearestQuadrant<W, TDouble, TLong>(TDouble magnitude)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var shifted = W.Add(W.Multiply(magnitude, W.Create(TwoOverPi)), W.Create(RoundingShifter));
        return (W.Subtract(shifted, W.Create(RoundingShifter)), W.AsInt64(shifted));
    }

    /// <summary>sin and cos of x from those of its reduced argument and its quadrant number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble Sin, TDouble Cos) Quadrant<W, TDouble, TLong>(TDouble x, TLong q, TDouble sin, TDouble cos)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // Odd quadrants swap sin and cos: an exclusive-or with their difference, two operations where a select of each
        // takes three on some x64 cores (a 128- or 256-bit blendv).
        var odd = W.Equal(W.And(q, W.Create(1L)), W.Create(1L));
        var swap = W.And(W.Xor(W.AsInt64(sin), W.AsInt64(cos)), odd);

        // Quadrants 2 and 3 negate sin (bit 1 of q), quadrants 1 and 2 negate cos (bit 1 of q + 1, which is bit 1 of q
        // exclusive-or bit 0): q shifted so that bit 1 lands in the sign bit, and the odd mask's sign bit is bit 0.
        var signBit = W.Create(SignBit);
        var shifted = W.ShiftLeft(q, 62);
        var sinOfX = W.Xor(W.Xor(W.AsInt64(sin), swap), W.And(W.Xor(shifted, W.AsInt64(x)), signBit));
        var cosOfX = W.Xor(W.Xor(W.AsInt64(cos), swap), W.And(W.Xor(shifted, odd), signBit));
        return (W.AsDouble(sinOfX), W.AsDouble(cosOfX));
    }

    /// <summary>The magnitude of <paramref name="magnitude"/> with the sign bit of <paramref name="x"/> (−0 stays −0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble WithSignOf<W, TDouble, TLong>(TDouble magnitude, TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        W.AsDouble(W.Or(W.AsInt64(magnitude), W.And(W.AsInt64(x), W.Create(SignBit))));

    /// <summary>c0 + z(c1 + z(c2 + z(c3 + z·c4))) by Horner's rule with fused multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble FusedHorner<W, TDouble, TLong>(TDouble z, double c0, double c1, double c2, double c3, double c4)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var sum = W.FusedMultiplyAdd(z, W.Create(c4), W.Create(c3));
        sum = W.FusedMultiplyAdd(z, sum, W.Create(c2));
        sum = W.FusedMultiplyAdd(z, sum, W.Create(c1));
        return W.FusedMultiplyAdd(z, sum, W.Create(c0));
    }

    /// <summary>sin and cos without fused multiply-adds (see <see cref="VectorMath"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (TDouble Sin, TDouble Cos) SinCosWithoutFma<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // Work on |x| (sin is odd, cos even) so that quadrant numbers are non-negative and sin(-0) stays -0.
        var magnitude = W.Abs(x);
        var (quadrant, q) = NearestQuadrant<W, TDouble, TLong>(magnitude);

        // |x| − quadrant·π/2 as y + tail (fdlibm's y[0] + y[1]): the products with HalfPi1 and HalfPi2 are exact, and so
        // are the two subtractions (for |x| ≥ 2 both operands are multiples of 2^-51 — HalfPi2's last bit; ulp(x) is
        // coarser — below 4 in magnitude, and for |x| < 2 the quadrant is 0 or 1 and both are multiples of ulp(x) ≥ 2^-53
        // below 1; checked on 87 million arguments, near multiples of π/2 among them).
        var first = W.Subtract(magnitude, W.Multiply(quadrant, W.Create(HalfPi1)));
        var second = W.Subtract(first, W.Multiply(quadrant, W.Create(HalfPi2)));

        // Then fdlibm's e_rem_pio2 step for medium arguments: second − y is exact (the two are within a factor of 2 while
        // |y| ≥ |x|·2^-42 ≫ |product|), and y + tail carries |x| − quadrant·π/2 to within about |x|·2^-104: relative
        // 2^-62 while fewer than 42 leading bits of y cancel. Lanes closer to a multiple of π/2 (|y| < |x|·2^-42, about
        // one argument in 10^5 for integers near 2^27) take the TwoSum finish, chosen lane by lane (so a lane's bits never
        // depend on its neighbours): here y is ready 1 operation after second where the TwoSum finish takes 9, and
        // without fused multiply-adds sin and cos wait on that chain more than on the CPU's ports.
        var product = W.Multiply(quadrant, W.Create(HalfPi2Tail));
        var y = W.Subtract(second, product);
        var tail = W.Subtract(W.Subtract(second, y), product);
        // Both rare cases behind one test: an operation and a branch fewer on the common path.
        var cancelled = W.LessThan(W.Abs(y), W.Multiply(magnitude, W.Create(CancellationLimit)));
        if (W.Any(W.Or(cancelled, W.GreaterThanOrEqual(magnitude, W.Create(ReductionLimit)))))
        {
            if (W.Any(cancelled))
            {
                var (nearY, nearTail) = NearMultipleReduction<W, TDouble, TLong>(second, quadrant);
                y = W.Select(cancelled, nearY, y);
                tail = W.Select(cancelled, nearTail, tail);
            }

            (y, tail, q) = ReduceBeyondLaneByLane<W, TDouble, TLong>(magnitude, y, tail, q, ReductionLimit);
        }

        // fdlibm's __kernel_sin and __kernel_cos with the tail, in their order of operations.
        var z = W.Multiply(y, y);
        var v = W.Multiply(z, y);
        var half = W.Create(0.5);
        var z2 = W.Multiply(z, z);
        var sinTail = Estrin<W, TDouble, TLong>(z, z2, S2, S3, S4, S5, S6);
        var sin = W.Subtract(y, W.Subtract(W.Subtract(W.Multiply(z, W.Subtract(W.Multiply(half, tail), W.Multiply(v, sinTail))), tail), W.Multiply(v, W.Create(S1))));
        var cosTail = W.Multiply(z, W.Add(W.Create(C1), W.Multiply(z, Estrin<W, TDouble, TLong>(z, z2, C2, C3, C4, C5, C6))));
        var halfZ = W.Multiply(z, half);
        var one = W.Create(1.0);
        var w = W.Subtract(one, halfZ);
        var cos = W.Add(w, W.Add(W.Subtract(W.Subtract(one, w), halfZ), W.Subtract(W.Multiply(z, cosTail), W.Multiply(y, tail))));

        return Quadrant<W, TDouble, TLong>(x, q, sin, cos);
    }

    /// <summary>
    /// second − quadrant·(HalfPi3 + HalfPi4) as y + tail, with the two subtractions that can round keeping their errors
    /// (Knuth's TwoSum), so that arguments next to a multiple of π/2 keep their digits (quadrant numbers below 2^27).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble Y, TDouble Tail) NearMultipleReduction<W, TDouble, TLong>(TDouble second, TDouble quadrant)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var (third, thirdError) = TwoDifference<W, TDouble, TLong>(second, W.Multiply(quadrant, W.Create(HalfPi3)));
        var negatedRest = W.Subtract(W.Multiply(quadrant, W.Create(HalfPi4)), thirdError);
        return TwoDifference<W, TDouble, TLong>(third, negatedRest);
    }

    /// <summary>a − b as the rounded difference and its exact error (Knuth's TwoSum, six operations, any magnitudes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble Difference, TDouble Error) TwoDifference<W, TDouble, TLong>(TDouble a, TDouble b)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var difference = W.Subtract(a, b);
        var bPart = W.Subtract(difference, a); // −b as rounded into the difference
        var aPart = W.Subtract(difference, bPart);
        var error = W.Subtract(W.Subtract(a, aPart), W.Add(b, bPart));
        return (difference, error);
    }

    /// <summary>sin of each lane at the width <typeparamref name="W"/> (see <see cref="VectorMath"/> for the accuracy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Sin<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct => SinCos<W, TDouble, TLong>(x).Sin;

    /// <summary>cos of each lane at the width <typeparamref name="W"/> (see <see cref="VectorMath"/> for the accuracy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Cos<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct => SinCos<W, TDouble, TLong>(x).Cos;

    /// <summary>
    /// c0 + z·c1 + z²(c2 + z·c3) + z⁴·c4 by Estrin's scheme (<paramref name="z2"/> = z²): the same operations as Horner's
    /// rule without fused multiply-adds, in three dependent multiply-adds instead of four — sin and cos without FMA wait
    /// on their chain of dependent operations rather than on the CPU's ports.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble Estrin<W, TDouble, TLong>(TDouble z, TDouble z2, double c0, double c1, double c2, double c3, double c4)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var low = W.Add(W.Create(c0), W.Multiply(z, W.Create(c1)));
        var high = W.Add(W.Create(c2), W.Multiply(z, W.Create(c3)));
        high = W.Add(high, W.Multiply(z2, W.Create(c4)));
        return W.Add(low, W.Multiply(z2, high));
    }

    /// <summary>c0 + z(c1 + z(c2 + z(c3 + z·c4))) by Horner's rule, each step a multiply and an add.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble Horner<W, TDouble, TLong>(TDouble z, double c0, double c1, double c2, double c3, double c4)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var sum = W.Add(W.Create(c3), W.Multiply(z, W.Create(c4)));
        sum = W.Add(W.Create(c2), W.Multiply(z, sum));
        sum = W.Add(W.Create(c1), W.Multiply(z, sum));
        return W.Add(W.Create(c0), W.Multiply(z, sum));
    }

    /// <summary>sin and cos of 512-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<double> Sin, Vector512<double> Cos) SinCos(Vector512<double> x) => SinCos<VectorWidth512, Vector512<double>, Vector512<long>>(x);

    /// <summary>sin and cos of 256-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<double> Sin, Vector256<double> Cos) SinCos(Vector256<double> x) => SinCos<VectorWidth256, Vector256<double>, Vector256<long>>(x);

    /// <summary>sin and cos of 128-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector128<double> Sin, Vector128<double> Cos) SinCos(Vector128<double> x) => SinCos<VectorWidth128, Vector128<double>, Vector128<long>>(x);

    /// <summary>sin of 512-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sin(Vector512<double> x) => SinCos(x).Sin;

    /// <summary>sin of 256-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sin(Vector256<double> x) => SinCos(x).Sin;

    /// <summary>sin of 128-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Sin(Vector128<double> x) => SinCos(x).Sin;

    /// <summary>cos of 512-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Cos(Vector512<double> x) => SinCos(x).Cos;

    /// <summary>cos of 256-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Cos(Vector256<double> x) => SinCos(x).Cos;

    /// <summary>cos of 128-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Cos(Vector128<double> x) => SinCos(x).Cos;

    /// <summary>sin and cos of every element of <paramref name="x"/> at the widest accelerated width; the tail runs as
    /// one padded vector, and every width gives the same bits, so each element's result does not depend on where the
    /// spans start or on the machine.</summary>
    public static void SinCos(ReadOnlySpan<double> x, Span<double> sine, Span<double> cosine) => AtWidestWidth(x, sine, cosine, Output.Both);

    /// <summary>sin of every element (same blocking as <see cref="SinCos(ReadOnlySpan{double}, Span{double}, Span{double})"/>).</summary>
    public static void Sin(ReadOnlySpan<double> x, Span<double> destination) => AtWidestWidth(x, destination, default, Output.Sin);

    /// <summary>cos of every element (same blocking as <see cref="SinCos(ReadOnlySpan{double}, Span{double}, Span{double})"/>).</summary>
    public static void Cos(ReadOnlySpan<double> x, Span<double> destination) => AtWidestWidth(x, default, destination, Output.Cos);

    private static void AtWidestWidth(ReadOnlySpan<double> x, Span<double> sine, Span<double> cosine, Output output)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            SinCos<VectorWidth512, Vector512<double>, Vector512<long>>(x, sine, cosine, output);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            SinCos<VectorWidth256, Vector256<double>, Vector256<long>>(x, sine, cosine, output);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            SinCos<VectorWidth128, Vector128<double>, Vector128<long>>(x, sine, cosine, output);
        }
        else
        {
            SinCos<ScalarWidth, double, long>(x, sine, cosine, output);
        }
    }

    private enum Output
    {
        Sin,
        Cos,
        Both,
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SinCos<W, TDouble, TLong>(ReadOnlySpan<double> x, Span<double> sine, Span<double> cosine, Output output)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        int i = 0;
        for (; i <= x.Length - W.Count; i += W.Count)
        {
            var (s, c) = SinCos<W, TDouble, TLong>(W.Load(x, i));
            if (output != Output.Cos)
            {
                W.Store(s, sine, i);
            }

            if (output != Output.Sin)
            {
                W.Store(c, cosine, i);
            }
        }

        if (i < x.Length)
        {
            // The last partial vector by this loop again, on padded copies: sincos has one call site, which the JIT inlines
            // once (with a second site for the tail, compiling this loop at 512 bits took 19 ms on its first call, 12 now).
            Span<double> padded = stackalloc double[3 * W.Count];
            x[i..].CopyTo(padded);
            SinCos<W, TDouble, TLong>(padded[..W.Count], padded.Slice(W.Count, W.Count), padded[(2 * W.Count)..], output);
            if (output != Output.Cos)
            {
                padded.Slice(W.Count, x.Length - i).CopyTo(sine[i..]);
            }

            if (output != Output.Sin)
            {
                padded.Slice(2 * W.Count, x.Length - i).CopyTo(cosine[i..]);
            }
        }
    }
}
