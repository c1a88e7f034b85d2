using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SlowSeries.Vectorization;

/// <summary>
/// arctan and arctan2 of float64 lanes, written once over the width (.NET's are element by element).
/// </summary>
/// <remarks>
/// fdlibm's arctan (s_atan.c): |x| is reduced against atan(0), atan(0.5), atan(1), atan(1.5) or atan(∞) by one division
/// whose numerator and denominator the lane's range selects, then the odd polynomial of degree 21 in two halves, and the
/// reference angle added back in two parts. arctan2 takes arctan(|y|/|x|) and places it in the quadrant of (x, y); the
/// C99 special values (zeros, infinities of either operand) are selected exactly, NaN propagates.
/// </remarks>
public static partial class VectorMath
{
    private const double AtanHigh0 = 4.63647609000806093515e-01, AtanHigh1 = 7.85398163397448278999e-01;
    private const double AtanHigh2 = 9.82793723247329054082e-01, AtanHigh3 = 1.57079632679489655800e+00;
    private const double AtanLow0 = 2.26987774529616870924e-17, AtanLow1 = 3.06161699786838301793e-17;
    private const double AtanLow2 = 1.39033110312309984516e-17, AtanLow3 = 6.12323399573676603587e-17;

    private const double AtanT0 = 3.33333333333329318027e-01, AtanT1 = -1.99999999998764832476e-01, AtanT2 = 1.42857142725034663711e-01;
    private const double AtanT3 = -1.11111104054623557880e-01, AtanT4 = 9.09088713343650656196e-02, AtanT5 = -7.69187620504482999495e-02;
    private const double AtanT6 = 6.66107313738753120669e-02, AtanT7 = -5.83357013379057348645e-02, AtanT8 = 4.97687799461593236017e-02;
    private const double AtanT9 = -3.65315727442169155270e-02, AtanT10 = 1.62858201153657823623e-02;

    private const double PiLow = 1.2246467991473531772e-16;
    private const double PiOverFour = 7.85398163397448278999e-01;
    private const double ThreePiOverFour = 2.35619449019234492885e+00;

    /// <summary>arctan of each lane at the width <typeparamref name="W"/> (within 1 ulp of System.Math in our tests).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Atan<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        WithSignOf<W, TDouble, TLong>(AtanOfMagnitude<W, TDouble, TLong>(W.Abs(x)), x);

    /// <summary>arctan2(y, x) of each pair of lanes at the width <typeparamref name="W"/> (within 2 ulps of System.Math in our tests).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Atan2<W, TDouble, TLong>(TDouble y, TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var ay = W.Abs(y);
        var ax = W.Abs(x);
        var xNegative = W.LessThan(W.AsInt64(x), W.Create(0L));
        var pi = W.Create(PiHigh);

        // The angle of (|x|, |y|), then mirrored for x < 0 (−0 included): π − angle, with π's low part.
        var angle = AtanOfMagnitude<W, TDouble, TLong>(W.Divide(ay, ax));
        var result = W.Select(xNegative, W.Subtract(pi, W.Subtract(angle, W.Create(PiLow))), angle);

        // C99's special values, before the sign of y: a zero y or an infinite x with a finite y lies on the x axis; a
        // zero x or an infinite y with a finite x on the y axis; both infinite on a diagonal.
        var infinity = W.Create(double.PositiveInfinity);
        var xInfinite = W.Equal(ax, infinity);
        var yInfinite = W.Equal(ay, infinity);
        var onXAxis = W.Or(W.Equal(ay, W.Create(0.0)), W.AndNot(xInfinite, yInfinite));
        var onYAxis = W.AndNot(W.Or(W.Equal(ax, W.Create(0.0)), W.AndNot(yInfinite, xInfinite)), onXAxis);
        var diagonal = W.And(xInfinite, yInfinite);
        var ordered = W.And(W.Equal(x, x), W.Equal(y, y));
        onXAxis = W.And(onXAxis, ordered);
        onYAxis = W.And(onYAxis, ordered);
        if (W.Any(W.Or(W.Or(onXAxis, onYAxis), diagonal)))
        {
            result = W.Select(onXAxis, W.Select(xNegative, pi, W.Create(0.0)), result);
            result = W.Select(onYAxis, W.Create(AtanHigh3), result);
            result = W.Select(diagonal, W.Select(xNegative, W.Create(ThreePiOverFour), W.Create(PiOverFour)), result);
        }

        return W.AsDouble(W.Or(W.AsInt64(result), W.And(W.AsInt64(y), W.Create(SignBit))));
    }

    /// <summary>fdlibm's arctan of non-negative lanes (NaN stays NaN, ∞ gives π/2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble AtanOfMagnitude<W, TDouble, TLong>(TDouble a)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // The reduced argument t = numerator / denominator against the reference angle high + low of the lane's range:
        // [0, 7/16): t = a (reference 0); [7/16, 11/16): (2a − 1)/(2 + a); [11/16, 19/16): (a − 1)/(a + 1);
        // [19/16, 39/16): (a − 1.5)/(1 + 1.5a); beyond (and NaN): −1/a.
        var one = W.Create(1.0);
        var below1 = W.LessThan(a, W.Create(0.4375));
        var below2 = W.LessThan(a, W.Create(0.6875));
        var below3 = W.LessThan(a, W.Create(1.1875));
        var below4 = W.LessThan(a, W.Create(2.4375));
        var numerator = W.Select(below4, W.Subtract(a, W.Create(1.5)), W.Create(-1.0));
        var denominator = W.Select(below4, W.Add(one, W.Multiply(W.Create(1.5), a)), a);
        var high = W.Select(below4, W.Create(AtanHigh2), W.Create(AtanHigh3));
        var low = W.Select(below4, W.Create(AtanLow2), W.Create(AtanLow3));
        numerator = W.Select(below3, W.Subtract(a, one), numerator);
        denominator = W.Select(below3, W.Add(a, one), denominator);
        high = W.Select(below3, W.Create(AtanHigh1), high);
        low = W.Select(below3, W.Create(AtanLow1), low);
        numerator = W.Select(below2, W.Subtract(W.Add(a, a), one), numerator);
        denominator = W.Select(below2, W.Add(W.Create(2.0), a), denominator);
        high = W.Select(below2, W.Create(AtanHigh0), high);
        low = W.Select(below2, W.Create(AtanLow0), low);
        numerator = W.Select(below1, a, numerator);
        denominator = W.Select(below1, one, denominator);
        high = W.Select(below1, W.Create(0.0), high);
        low = W.Select(below1, W.Create(0.0), low);
        var t = W.Divide(numerator, denominator);

        var z = W.Multiply(t, t);
        var w = W.Multiply(z, z);
        var odd = W.Add(W.Create(AtanT8), W.Multiply(w, W.Create(AtanT10)));
        odd = W.Add(W.Create(AtanT6), W.Multiply(w, odd));
        odd = W.Add(W.Create(AtanT4), W.Multiply(w, odd));
        odd = W.Add(W.Create(AtanT2), W.Multiply(w, odd));
        odd = W.Multiply(z, W.Add(W.Create(AtanT0), W.Multiply(w, odd)));
        var even = W.Add(W.Create(AtanT7), W.Multiply(w, W.Create(AtanT9)));
        even = W.Add(W.Create(AtanT5), W.Multiply(w, even));
        even = W.Add(W.Create(AtanT3), W.Multiply(w, even));
        even = W.Multiply(w, W.Add(W.Create(AtanT1), W.Multiply(w, even)));

        // high − ((t·(odd + even) − low) − t); with high = low = 0 this is t − t·(odd + even), the small range's form.
        return W.Subtract(high, W.Subtract(W.Subtract(W.Multiply(t, W.Add(odd, even)), low), t));
    }

    /// <summary>arctan of 512-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Atan(Vector512<double> x) => Atan<VectorWidth512, Vector512<double>, Vector512<long>>(x);

    /// <summary>arctan of 256-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Atan(Vector256<double> x) => Atan<VectorWidth256, Vector256<double>, Vector256<long>>(x);

    /// <summary>arctan of 128-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Atan(Vector128<double> x) => Atan<VectorWidth128, Vector128<double>, Vector128<long>>(x);

    /// <summary>arctan2 of 512-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Atan2(Vector512<double> y, Vector512<double> x) => Atan2<VectorWidth512, Vector512<double>, Vector512<long>>(y, x);

    /// <summary>arctan2 of 256-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Atan2(Vector256<double> y, Vector256<double> x) => Atan2<VectorWidth256, Vector256<double>, Vector256<long>>(y, x);

    /// <summary>arctan2 of 128-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Atan2(Vector128<double> y, Vector128<double> x) => Atan2<VectorWidth128, Vector128<double>, Vector128<long>>(y, x);
}
