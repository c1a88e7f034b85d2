using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SlowSeries.Vectorization;

/// <summary>
/// exp, expm1, log and log1p of float32 lanes computed in float32 — twice the lanes of the float64 functions per vector
/// and half the memory, where widening to float64, computing and rounding back cost twice the float64 function — written
/// once over the width (<see cref="ISingleLanes{TSelf, TSingle, TInt}"/>) and inlined into the fused loop and the span
/// loops. The other float32 functions still go through the float64 ones.
/// </summary>
/// <remarks>
/// <para>
/// exp: k = round(x/ln 2) by the rounding shifter 1.5·2^23, r = x − k·ln 2 with ln 2 in two parts (the first with 15
/// significant bits, so k·ln2High and x − k·ln2High are exact for every |k| ≤ 150), e^r = 1 + r + r²·P(r) with Cephes'
/// degree-5 minimax P for [−ln 2/2, ln 2/2], scaled by 2^k as exp for float64 does (an integer add to the exponent bits
/// where the result is normal, two exact scalings near overflow and in the subnormals). expm1 from the same reduction,
/// as (2^k − 1) + 2^k·r + 2^k·(r's rounding error + r²·P(r)).
/// </para>
/// <para>
/// log: x = 2^e·m with m in [√½, √2) taken from the bits (subnormals scaled by 2^23 first), f = m − 1 exact,
/// log(1 + f) = f − f²/2 + f³·P(f) with Cephes' degree-8 P, and e·ln 2 added in two parts, the larger exact last. log1p
/// as log of u = 1 + x, plus the rounding error of u (exact by Fast2Sum) over u.
/// </para>
/// <para>
/// The reference rounds the float64 function once to float32 (the correctly rounded result almost everywhere); each is
/// within one ulp of it over all 2^32 inputs, with and without fused multiply-add (checked exhaustively; sampled in
/// SingleFunctionTests). Every width gives the same bits, and machines with fused multiply-add agree with each other, as
/// do those without.
/// </para>
/// </remarks>
public static partial class VectorMath
{
    private const float InverseLn2Single = 1.44269502f;
    private const float InverseLn2TailSingle = 1.925963e-8f; // 1/ln 2 − InverseLn2Single
    private const float Ln2HighSingle = 0.693145751953125f; // 0x3f317200: 15 significant bits
    private const float Ln2LowSingle = 1.42860677e-06f; // ln 2 − Ln2HighSingle
    private const float RoundingShifterSingle = 12582912f; // 1.5 × 2^23: x + it holds round(x) in its low bits
    private const float ExpSingleNormalLimit = 86f; // |x| < 86: 2^k·e^r is a normal float, scaled by an integer add
    private const float ExpSingleOverflow = 89f; // above, +∞ (from 88.7228… the scaling overflows by itself)
    private const float ExpSingleUnderflow = -104f; // below, +0 (from −103.97… the scaling underflows by itself)
    private const int SingleExponentBias = 127;
    private const float SmallestNormalSingle = 1.17549435e-38f; // 2^-126
    private const float SubnormalScaleSingle = 8388608f; // 2^23
    private const int SqrtHalfBits = 0x3f3504f3; // √½ as a float's bits
    private const float Ln2MiddleSingle = 0.693359375f; // 9 significant bits: e·it is exact
    private const float Ln2TailSingle = -2.12194440e-4f; // ln 2 − Ln2MiddleSingle
    private const float Expm1SingleMinusOneLimit = -40f; // below, e^x − 1 rounds to −1
    private const float Expm1SingleTinyLimit = 2.98023224e-8f; // 2^-25: below, e^x − 1 rounds to x
    private const float Log1pSingleTinyLimit = 2.98023224e-8f; // 2^-25: below, log(1 + x) rounds to x

    /// <summary>exp of each float32 lane, in float32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TSingle ExpSingle<W, TSingle, TInt>(TSingle x)
        where W : struct, ISingleLanes<W, TSingle, TInt>
        where TSingle : struct
        where TInt : struct
    {
        var (r, r2, p, _, kBits) = ExpReductionSingle<W, TSingle, TInt>(x);
        var y = W.Add(MultiplyAddSingle<W, TSingle, TInt>(p, r2, r), W.Create(1f));
        var result = W.AsSingle(W.Add(W.AsInt32(y), W.ShiftLeft(kBits, 23)));
        var extreme = W.Not(W.LessThan(W.Abs(x), W.Create(ExpSingleNormalLimit)));
        if (!W.Any(extreme))
        {
            return result;
        }

        // NaN takes this path too and stays NaN (its k is garbage, but y is NaN).
        var bias = W.Create(SingleExponentBias);
        var integerK = W.Subtract(kBits, W.AsInt32(W.Create(RoundingShifterSingle)));
        var halfK = W.ShiftRightArithmetic(integerK, 1);
        var firstScale = W.AsSingle(W.ShiftLeft(W.Add(halfK, bias), 23));
        var secondScale = W.AsSingle(W.ShiftLeft(W.Add(W.Subtract(integerK, halfK), bias), 23));
        result = W.Select(extreme, W.Multiply(W.Multiply(y, firstScale), secondScale), result);
        result = W.Select(W.GreaterThan(x, W.Create(ExpSingleOverflow)), W.Create(float.PositiveInfinity), result);
        return W.Select(W.LessThan(x, W.Create(ExpSingleUnderflow)), W.Create(0f), result);
    }

    /// <summary>
    /// expm1 (e^x − 1) of each float32 lane, in float32, from exp's reduction: (2^k − 1) + 2^k·(e^r − 1), where 2^k − 1 is
    /// exact for |k| ≤ 24 and the product and sum round once with fused multiply-add; for k = 0, r = x and every digit of
    /// e^r − 1 is kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TSingle Expm1Single<W, TSingle, TInt>(TSingle x)
        where W : struct, ISingleLanes<W, TSingle, TInt>
        where TSingle : struct
        where TInt : struct
    {
        // 2^k·r exact and r's rounding error carried apart: for k = 1 the sum cancels to half of 2^k·r, which would double
        // r's rounding error in ulps of the result (1.5 ulps with e^r − 1 rounded before scaling).
        var (r, r2, p, rError, kBits) = ExpReductionSingle<W, TSingle, TInt>(x);
        var scale = W.AsSingle(W.ShiftLeft(W.Add(kBits, W.Create(SingleExponentBias)), 23));
        var leading = MultiplyAddSingle<W, TSingle, TInt>(scale, r, W.Subtract(scale, W.Create(1f)));
        var result = MultiplyAddSingle<W, TSingle, TInt>(scale, MultiplyAddSingle<W, TSingle, TInt>(p, r2, rError), leading);

        // Below −40 the result rounds to −1 (and 2^k may be out of range); above 86 it is exp(x), scaled in two halves or
        // overflowing; ±0 and tiny arguments are x itself (the polynomial would turn −0 into +0); NaN stays NaN.
        result = W.Select(W.LessThan(x, W.Create(Expm1SingleMinusOneLimit)), W.Create(-1f), result);
        result = W.Select(W.LessThan(W.Abs(x), W.Create(Expm1SingleTinyLimit)), x, result);
        var large = W.GreaterThan(x, W.Create(ExpSingleNormalLimit));
        return W.Any(large) ? W.Select(large, ExpSingle<W, TSingle, TInt>(x), result) : result;
    }

    /// <summary>
    /// k = round(x/ln 2) by the rounding shifter (returned as the shifted sum's bits, which hold k in their low bits, so
    /// k &lt;&lt; 23 = bits &lt;&lt; 23), r = x − k·ln 2 in two parts and the rounding error of r, and P(r) of Cephes' expf
    /// (by Estrin's scheme): e^r − 1 = r + r²·P(r).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TSingle R, TSingle R2, TSingle P, TSingle RError, TInt KBits) ExpReductionSingle<W, TSingle, TInt>(TSingle x)
        where W : struct, ISingleLanes<W, TSingle, TInt>
        where TSingle : struct
        where TInt : struct
    {
        var shifter = W.Create(RoundingShifterSingle);
        var shifted = MultiplyAddSingle<W, TSingle, TInt>(x, W.Create(InverseLn2Single), shifter);
        var k = W.Subtract(shifted, shifter);
        var high = MultiplyAddSingle<W, TSingle, TInt>(k, W.Create(-Ln2HighSingle), x);
        var r = MultiplyAddSingle<W, TSingle, TInt>(k, W.Create(-Ln2LowSingle), high);
        var rError = MultiplyAddSingle<W, TSingle, TInt>(k, W.Create(-Ln2LowSingle), W.Subtract(high, r));

        var r2 = W.Multiply(r, r);
        var low = MultiplyAddSingle<W, TSingle, TInt>(r, W.Create(1.6666665459E-1f), W.Create(5.0000001201E-1f));
        var middle = MultiplyAddSingle<W, TSingle, TInt>(r, W.Create(8.3334519073E-3f), W.Create(4.1665795894E-2f));
        var top = MultiplyAddSingle<W, TSingle, TInt>(r, W.Create(1.9875691500E-4f), W.Create(1.3981999507E-3f));
        var p = MultiplyAddSingle<W, TSingle, TInt>(r2, MultiplyAddSingle<W, TSingle, TInt>(r2, top, middle), low);
        return (r, r2, p, rError, W.AsInt32(shifted));
    }

    /// <summary>log of each float32 lane, in float32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TSingle LogSingle<W, TSingle, TInt>(TSingle x)
        where W : struct, ISingleLanes<W, TSingle, TInt>
        where TSingle : struct
        where TInt : struct
    {
        var (scaled, exponentAdjust) = ScaleSubnormals<W, TSingle, TInt>(x);
        var (e, f, y) = LogOfSignificand<W, TSingle, TInt>(scaled, exponentAdjust, withExponentTail: true);
        var result = MultiplyAddSingle<W, TSingle, TInt>(e, W.Create(Ln2MiddleSingle), W.Add(f, y));
        return LogSpecialValuesSingle<W, TSingle, TInt>(x, result);
    }

    /// <summary>
    /// log2 of each float32 lane, in float32: e + (f + y)/ln 2 with f/ln 2 as an exact product and its error (fused
    /// multiply-add, or Dekker's split without it), the sum with e by Fast2Sum — exact at powers of two.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TSingle Log2Single<W, TSingle, TInt>(TSingle x)
        where W : struct, ISingleLanes<W, TSingle, TInt>
        where TSingle : struct
        where TInt : struct
    {
        var (scaled, exponentAdjust) = ScaleSubnormals<W, TSingle, TInt>(x);
        var (e, f, y) = LogOfSignificand<W, TSingle, TInt>(scaled, exponentAdjust, withExponentTail: false);
        var inverse = W.Create(InverseLn2Single);
        var high = W.Multiply(f, inverse);
        TSingle highError;
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported)
        {
            highError = W.FusedMultiplyAdd(f, inverse, W.Subtract(W.Create(0f), high));
        }
        else
        {
            // f and 1/ln 2 in halves of at most 12 significant bits: their products are exact.
            var upperBits = W.Create(unchecked((int)0xFFFFF000));
            var fUpper = W.AsSingle(W.And(W.AsInt32(f), upperBits));
            var fLower = W.Subtract(f, fUpper);
            var inverseUpper = W.AsSingle(W.And(W.AsInt32(inverse), upperBits));
            var inverseLower = W.Subtract(inverse, inverseUpper);
            highError = W.Subtract(W.Multiply(fUpper, inverseUpper), high);
            highError = W.Add(highError, W.Multiply(fUpper, inverseLower));
            highError = W.Add(highError, W.Multiply(fLower, inverseUpper));
            highError = W.Add(highError, W.Multiply(fLower, inverseLower));
        }

        var low = MultiplyAddSingle<W, TSingle, TInt>(y, inverse, MultiplyAddSingle<W, TSingle, TInt>(f, W.Create(InverseLn2TailSingle), highError));
        var sum = W.Add(e, high);
        var sumError = W.Add(W.Subtract(e, sum), high);
        var result = W.Add(sum, W.Add(sumError, low));
        return LogSpecialValuesSingle<W, TSingle, TInt>(x, result);
    }

    /// <summary>Subnormal lanes scaled by 2^23 (and −23 to add to their exponents), so that their bits hold a normal significand.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TSingle Scaled, TInt ExponentAdjust) ScaleSubnormals<W, TSingle, TInt>(TSingle x)
        where W : struct, ISingleLanes<W, TSingle, TInt>
        where TSingle : struct
        where TInt : struct
    {
        var tiny = W.LessThan(x, W.Create(SmallestNormalSingle));
        return W.Any(tiny)
            ? (W.Select(tiny, W.Multiply(x, W.Create(SubnormalScaleSingle)), x), W.Select(tiny, W.Create(-23), W.Create(0)))
            : (x, W.Create(0));
    }

    /// <summary>A logarithm's special values: 0 → −∞, negative → NaN; +∞ and NaN are themselves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSingle LogSpecialValuesSingle<W, TSingle, TInt>(TSingle x, TSingle result)
        where W : struct, ISingleLanes<W, TSingle, TInt>
        where TSingle : struct
        where TInt : struct
    {
        var special = W.Not(W.And(W.GreaterThan(x, W.Create(0f)), W.LessThan(x, W.Create(float.PositiveInfinity))));
        if (!W.Any(special))
        {
            return result;
        }

        var value = W.Select(W.LessThan(x, W.Create(0f)), W.Create(float.NaN), x);
        value = W.Select(W.EqualTo(x, W.Create(0f)), W.Create(float.NegativeInfinity), value);
        return W.Select(special, value, result);
    }

    /// <summary>
    /// log1p (log(1 + x)) of each float32 lane, in float32: log of u = 1 + x rounded, plus the rounding's error over u
    /// (the error exact by Fast2Sum, the larger of 1 and x first), so small arguments keep their digits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TSingle Log1pSingle<W, TSingle, TInt>(TSingle x)
        where W : struct, ISingleLanes<W, TSingle, TInt>
        where TSingle : struct
        where TInt : struct
    {
        var one = W.Create(1f);
        var u = W.Add(one, x);
        var error = W.Select(W.LessThan(W.Abs(x), one), W.Subtract(x, W.Subtract(u, one)), W.Subtract(one, W.Subtract(u, x)));

        // u ≥ 2^-24 wherever the result is finite: no subnormals to scale.
        var (e, f, y) = LogOfSignificand<W, TSingle, TInt>(u, W.Create(0), withExponentTail: true);
        var correction = W.Divide(error, u);
        var result = MultiplyAddSingle<W, TSingle, TInt>(e, W.Create(Ln2MiddleSingle), W.Add(f, W.Add(y, correction)));
        result = W.Select(W.LessThan(W.Abs(x), W.Create(Log1pSingleTinyLimit)), x, result);

        // −1 → −∞, below → NaN; +∞ and NaN are themselves.
        var special = W.Not(W.And(W.GreaterThan(x, W.Create(-1f)), W.LessThan(x, W.Create(float.PositiveInfinity))));
        if (!W.Any(special))
        {
            return result;
        }

        var value = W.Select(W.LessThan(x, W.Create(-1f)), W.Create(float.NaN), x);
        value = W.Select(W.EqualTo(x, W.Create(-1f)), W.Create(float.NegativeInfinity), value);
        return W.Select(special, value, result);
    }

    /// <summary>
    /// x = 2^e·m with m in [√½, √2) from the bits (x normal and positive; <paramref name="exponentAdjust"/> added to e), f
    /// = m − 1 exact, and log(1 + f) − f = −f²/2 + f³·P(f) with Cephes' logf P (by Estrin's scheme), with e·(ln 2's tail)
    /// added in when <paramref name="withExponentTail"/>: log x = e·Ln2MiddleSingle + (f + y), the exact product added last.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TSingle E, TSingle F, TSingle Y) LogOfSignificand<W, TSingle, TInt>(TSingle x, TInt exponentAdjust, bool withExponentTail)
        where W : struct, ISingleLanes<W, TSingle, TInt>
        where TSingle : struct
        where TInt : struct
    {
        var offset = W.Subtract(W.AsInt32(x), W.Create(SqrtHalfBits));
        var e = W.ConvertToSingle(W.Add(W.ShiftRightArithmetic(offset, 23), exponentAdjust));
        var m = W.AsSingle(W.Add(W.And(offset, W.Create(0x007fffff)), W.Create(SqrtHalfBits)));
        var f = W.Subtract(m, W.Create(1f));

        var f2 = W.Multiply(f, f);
        var f4 = W.Multiply(f2, f2);
        var p01 = MultiplyAddSingle<W, TSingle, TInt>(f, W.Create(-2.4999993993E-1f), W.Create(3.3333331174E-1f));
        var p23 = MultiplyAddSingle<W, TSingle, TInt>(f, W.Create(-1.6668057665E-1f), W.Create(2.0000714765E-1f));
        var p45 = MultiplyAddSingle<W, TSingle, TInt>(f, W.Create(-1.2420140846E-1f), W.Create(1.4249322787E-1f));
        var p67 = MultiplyAddSingle<W, TSingle, TInt>(f, W.Create(-1.1514610310E-1f), W.Create(1.1676998740E-1f));
        var p = MultiplyAddSingle<W, TSingle, TInt>(f4, MultiplyAddSingle<W, TSingle, TInt>(f4, W.Create(7.0376836292E-2f), MultiplyAddSingle<W, TSingle, TInt>(f2, p67, p45)), MultiplyAddSingle<W, TSingle, TInt>(f2, p23, p01));
        var y = W.Multiply(W.Multiply(f, f2), p);
        if (withExponentTail)
        {
            y = MultiplyAddSingle<W, TSingle, TInt>(e, W.Create(Ln2TailSingle), y);
        }

        y = MultiplyAddSingle<W, TSingle, TInt>(f2, W.Create(-0.5f), y);
        return (e, f, y);
    }

    /// <summary>a·b + c: fused where the machine has fused multiply-add (one answer per process), else two roundings.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSingle MultiplyAddSingle<W, TSingle, TInt>(TSingle a, TSingle b, TSingle c)
        where W : struct, ISingleLanes<W, TSingle, TInt>
        where TSingle : struct
        where TInt : struct =>
        (System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported) ? W.FusedMultiplyAdd(a, b, c) : W.Add(W.Multiply(a, b), c);

    /// <summary>exp of every float32 element in float32, at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Exp(ReadOnlySpan<float> x, Span<float> destination) => SingleElementwise<ExpSingleLanes>(x, destination);

    /// <summary>log of every float32 element in float32, at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Log(ReadOnlySpan<float> x, Span<float> destination) => SingleElementwise<LogSingleLanes>(x, destination);

    /// <summary>log2 of every float32 element in float32, at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Log2(ReadOnlySpan<float> x, Span<float> destination) => SingleElementwise<Log2SingleLanes>(x, destination);

    /// <summary>expm1 of every float32 element in float32, at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Expm1(ReadOnlySpan<float> x, Span<float> destination) => SingleElementwise<Expm1SingleLanes>(x, destination);

    /// <summary>log1p of every float32 element in float32, at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Log1p(ReadOnlySpan<float> x, Span<float> destination) => SingleElementwise<Log1pSingleLanes>(x, destination);

    private static void SingleElementwise<TFunction>(ReadOnlySpan<float> x, Span<float> destination)
        where TFunction : struct, ISingleLaneFunction
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, x.Length, nameof(destination));
        if (Vector512.IsHardwareAccelerated)
        {
            SingleElementwise<TFunction, SingleLanes512, Vector512<float>, Vector512<int>>(x, destination);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            SingleElementwise<TFunction, SingleLanes256, Vector256<float>, Vector256<int>>(x, destination);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            SingleElementwise<TFunction, SingleLanes128, Vector128<float>, Vector128<int>>(x, destination);
        }
        else
        {
            SingleElementwise<TFunction, SingleLanesScalar, float, int>(x, destination);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SingleElementwise<TFunction, W, TSingle, TInt>(ReadOnlySpan<float> x, Span<float> destination)
        where TFunction : struct, ISingleLaneFunction
        where W : struct, ISingleLanes<W, TSingle, TInt>
        where TSingle : struct
        where TInt : struct
    {
        ref float source = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        ref float target = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(destination);
        int i = 0;
        for (; i <= x.Length - W.Count; i += W.Count)
        {
            W.Store(TFunction.Apply<W, TSingle, TInt>(W.Load(in Unsafe.Add(ref source, i))), ref Unsafe.Add(ref target, i));
        }

        if (i < x.Length)
        {
            // The last partial vector by this loop again, on a padded copy (see the float64 loop).
            Span<float> padded = stackalloc float[2 * W.Count];
            x[i..].CopyTo(padded);
            SingleElementwise<TFunction, W, TSingle, TInt>(padded[..W.Count], padded[W.Count..]);
            padded.Slice(W.Count, x.Length - i).CopyTo(destination[i..]);
        }
    }

    /// <summary>A float32 lane function as a type, so that the span loop is compiled (and inlined) once per function.</summary>
    private interface ISingleLaneFunction
    {
        static abstract TSingle Apply<W, TSingle, TInt>(TSingle x)
            where W : struct, ISingleLanes<W, TSingle, TInt>
            where TSingle : struct
            where TInt : struct;
    }

    private readonly struct ExpSingleLanes : ISingleLaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TSingle Apply<W, TSingle, TInt>(TSingle x)
            where W : struct, ISingleLanes<W, TSingle, TInt>
            where TSingle : struct
            where TInt : struct => ExpSingle<W, TSingle, TInt>(x);
    }

    private readonly struct LogSingleLanes : ISingleLaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TSingle Apply<W, TSingle, TInt>(TSingle x)
            where W : struct, ISingleLanes<W, TSingle, TInt>
            where TSingle : struct
            where TInt : struct => LogSingle<W, TSingle, TInt>(x);
    }

    private readonly struct Expm1SingleLanes : ISingleLaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TSingle Apply<W, TSingle, TInt>(TSingle x)
            where W : struct, ISingleLanes<W, TSingle, TInt>
            where TSingle : struct
            where TInt : struct => Expm1Single<W, TSingle, TInt>(x);
    }

    private readonly struct Log1pSingleLanes : ISingleLaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TSingle Apply<W, TSingle, TInt>(TSingle x)
            where W : struct, ISingleLanes<W, TSingle, TInt>
            where TSingle : struct
            where TInt : struct => Log1pSingle<W, TSingle, TInt>(x);
    }

    private readonly struct Log2SingleLanes : ISingleLaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TSingle Apply<W, TSingle, TInt>(TSingle x)
            where W : struct, ISingleLanes<W, TSingle, TInt>
            where TSingle : struct
            where TInt : struct => Log2Single<W, TSingle, TInt>(x);
    }
}
