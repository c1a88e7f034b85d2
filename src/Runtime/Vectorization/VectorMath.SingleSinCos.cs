using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SlowSeries.Vectorization;

/// <summary>
/// sin and cos of float32 lanes as FreeBSD's (and musl's) sinf and cosf compute them: in float64, with the reduction and
/// the polynomials float32 needs — the float32 value is exact in a double, so one 2-part Cody–Waite reduction (the first
/// product exact below 2^28) and degree-9 and -8 polynomials (|error| &lt; 2^-37) give every float32 result within an ulp
/// of the reference, about half the work of the float64 functions. Plain products and sums: the same bits with and
/// without fused multiply-add, at every width.
/// </summary>
/// <remarks>
/// Inlined into the fused loop and the span loop: .NET's float32 vector functions, which these replace, are calls the
/// JIT does not inline, so a process's first evaluations ran them unoptimised (`sin(f) + cos(g)` on 1e7, evaluations
/// 2–4: 41–115 ms against 6.3–7.2 steady). Lanes of 2^28 and beyond, ±∞ and NaN go to System.Math one by one.
/// </remarks>
public static partial class VectorMath
{
    private const double HalfPiFor28Bits = 1.5707963109016418; // π/2's first 25 significant bits: quadrant·it is exact below 2^28
    private const double HalfPiFor28BitsTail = 1.5893254773528196e-08;
    private const double SingleReductionLimit = 268435456.0; // 2^28

    // FreeBSD's __kernel_sindf and __kernel_cosdf coefficients (|error| < 2^-37 on [−π/4, π/4]).
    private const double SinSingleS1 = -0.16666666641626524, SinSingleS2 = 0.008333329385889463;
    private const double SinSingleS3 = -0.00019839334836096632, SinSingleS4 = 2.718311493989822e-06;
    private const double CosSingleC0 = -0.499999997251031, CosSingleC1 = 0.04166662332373906;
    private const double CosSingleC2 = -0.001388676377460993, CosSingleC3 = 2.439044879627741e-05;

    /// <summary>sin and cos to float32's accuracy of float64 lanes that hold float32 values (rounded to float32 by the caller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (TDouble Sin, TDouble Cos) SinCosForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var magnitude = W.Abs(x);
        var (quadrant, q) = NearestQuadrant<W, TDouble, TLong>(magnitude);
        var y = W.Subtract(W.Subtract(magnitude, W.Multiply(quadrant, W.Create(HalfPiFor28Bits))), W.Multiply(quadrant, W.Create(HalfPiFor28BitsTail)));

        var z = W.Multiply(y, y);
        var w = W.Multiply(z, z);
        var s = W.Multiply(z, y);
        var sin = W.Add(
            W.Add(y, W.Multiply(s, W.Add(W.Create(SinSingleS1), W.Multiply(z, W.Create(SinSingleS2))))),
            W.Multiply(W.Multiply(s, w), W.Add(W.Create(SinSingleS3), W.Multiply(z, W.Create(SinSingleS4)))));
        var cos = W.Add(
            W.Add(W.Add(W.Create(1.0), W.Multiply(z, W.Create(CosSingleC0))), W.Multiply(w, W.Create(CosSingleC1))),
            W.Multiply(W.Multiply(w, z), W.Add(W.Create(CosSingleC2), W.Multiply(z, W.Create(CosSingleC3)))));
        var (sinOfX, cosOfX) = Quadrant<W, TDouble, TLong>(x, q, sin, cos);
        return BeyondReductionLaneByLane<W, TDouble, TLong>(x, magnitude, sinOfX, cosOfX, SingleReductionLimit);
    }

    /// <summary>sin and cos of one float32, as the lanes compute them (the no-SIMD path of the span loops).</summary>
    internal static (float Sin, float Cos) SinCosSingle(float x)
    {
        var (sin, cos) = SinCosForSingle<ScalarWidth, double, long>(x);
        return ((float)sin, (float)cos);
    }

    /// <summary>sin and cos of float32 lanes (see <see cref="SinCosForSingle{W, TDouble, TLong}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<float> Sin, Vector512<float> Cos) SinCos(Vector512<float> x)
    {
        var lower = SinCosForSingle<VectorWidth512, Vector512<double>, Vector512<long>>(Vector512.WidenLower(x));
        var upper = SinCosForSingle<VectorWidth512, Vector512<double>, Vector512<long>>(Vector512.WidenUpper(x));
        return (Vector512.Narrow(lower.Sin, upper.Sin), Vector512.Narrow(lower.Cos, upper.Cos));
    }

    /// <summary>sin and cos of float32 lanes (see <see cref="SinCosForSingle{W, TDouble, TLong}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<float> Sin, Vector256<float> Cos) SinCos(Vector256<float> x)
    {
        var lower = SinCosForSingle<VectorWidth256, Vector256<double>, Vector256<long>>(Vector256.WidenLower(x));
        var upper = SinCosForSingle<VectorWidth256, Vector256<double>, Vector256<long>>(Vector256.WidenUpper(x));
        return (Vector256.Narrow(lower.Sin, upper.Sin), Vector256.Narrow(lower.Cos, upper.Cos));
    }

    /// <summary>sin and cos of float32 lanes (see <see cref="SinCosForSingle{W, TDouble, TLong}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector128<float> Sin, Vector128<float> Cos) SinCos(Vector128<float> x)
    {
        var lower = SinCosForSingle<VectorWidth128, Vector128<double>, Vector128<long>>(Vector128.WidenLower(x));
        var upper = SinCosForSingle<VectorWidth128, Vector128<double>, Vector128<long>>(Vector128.WidenUpper(x));
        return (Vector128.Narrow(lower.Sin, upper.Sin), Vector128.Narrow(lower.Cos, upper.Cos));
    }

    /// <summary>sin of float32 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sin(Vector512<float> x) => SinCos(x).Sin;

    /// <summary>sin of float32 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sin(Vector256<float> x) => SinCos(x).Sin;

    /// <summary>sin of float32 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sin(Vector128<float> x) => SinCos(x).Sin;

    /// <summary>cos of float32 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Cos(Vector512<float> x) => SinCos(x).Cos;

    /// <summary>cos of float32 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Cos(Vector256<float> x) => SinCos(x).Cos;

    /// <summary>cos of float32 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Cos(Vector128<float> x) => SinCos(x).Cos;
}
