using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SlowSeries.Vectorization;

/// <summary>
/// arcsin and arccos of float64 lanes, written once over the width (.NET's are element by element).
/// </summary>
/// <remarks>
/// fdlibm's algorithms (e_asin.c, e_acos.c) without their branches: every lane computes the forms its range needs, the
/// masks pick. One rational function R(t) = t·P(t)/Q(t) serves both: below 0.5 in magnitude of x² directly; above it of
/// t = (1 − |x|)/2 through asin(x) = π/2 − 2·asin(√t), with √t split into a 26-bit head and a correction so that the
/// subtraction from π/2 keeps its digits (fdlibm's "low word zero" trick, here a mask of the bits). Arguments beyond ±1
/// give NaN (√ of a negative t), ±1 give ±π/2 and 0 or π exactly as fdlibm; −0 keeps its sign in arcsin.
/// </remarks>
public static partial class VectorMath
{
    private const double PiOverTwoHigh = 1.57079632679489655800e+00;
    private const double PiOverTwoLow = 6.12323399573676603587e-17;
    private const double PiOverFourHigh = 7.85398163397448278999e-01;
    private const double PiHigh = 3.1415926535897931160e+00;

    // fdlibm's coefficients of R(t) = t·P(t)/Q(t).
    private const double AsinP0 = 1.66666666666666657415e-01, AsinP1 = -3.25565818622400915405e-01, AsinP2 = 2.01212532134862925881e-01;
    private const double AsinP3 = -4.00555345006794114027e-02, AsinP4 = 7.91534994289814532176e-04, AsinP5 = 3.47933107596021167570e-05;
    private const double AsinQ1 = -2.40339491173441421878e+00, AsinQ2 = 2.02094576023350569471e+00, AsinQ3 = -6.88283971605453293030e-01;
    private const double AsinQ4 = 7.70381505559019352791e-02;

    private const long HighWordMask = unchecked((long)0xFFFF_FFFF_0000_0000);

    /// <summary>arcsin of each lane at the width <typeparamref name="W"/> (within 1 ulp of System.Math in our tests).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Asin<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var magnitude = W.Abs(x);
        var small = W.LessThan(magnitude, W.Create(0.5));
        var result = magnitude;
        if (W.Any(small))
        {
            var square = W.Multiply(magnitude, magnitude);
            result = W.Add(magnitude, W.Multiply(magnitude, AsinRatio<W, TDouble, TLong>(square)));
        }

        // NaN compares false to 0.5 and stays NaN here; beyond 1, t < 0 and its square root is NaN.
        var large = W.Not(small);
        if (W.Any(large))
        {
            var (ratio, s, head, c) = HalfComplement<W, TDouble, TLong>(magnitude);

            // Near 1: π/2 − 2(s + s·R) directly.
            var nearOne = W.Subtract(W.Create(PiOverTwoHigh), W.Subtract(W.Multiply(W.Create(2.0), W.Add(s, W.Multiply(s, ratio))), W.Create(PiOverTwoLow)));

            // Otherwise through s = head + c.
            var p = W.Subtract(W.Multiply(W.Multiply(W.Create(2.0), s), ratio), W.Subtract(W.Create(PiOverTwoLow), W.Multiply(W.Create(2.0), c)));
            var q = W.Subtract(W.Create(PiOverFourHigh), W.Multiply(W.Create(2.0), head));
            var middle = W.Subtract(W.Create(PiOverFourHigh), W.Subtract(p, q));

            var upper = W.Select(W.GreaterThanOrEqual(magnitude, W.Create(0.975)), nearOne, middle);
            result = W.Select(small, result, upper);
        }

        return WithSignOf<W, TDouble, TLong>(result, x);
    }

    /// <summary>arccos of each lane at the width <typeparamref name="W"/> (within 1 ulp of System.Math in our tests).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Acos<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var magnitude = W.Abs(x);
        var small = W.LessThan(magnitude, W.Create(0.5));
        var result = x;
        if (W.Any(small))
        {
            // π/2 − (x − (π/2's low part − x·R(x²))).
            var ratio = AsinRatio<W, TDouble, TLong>(W.Multiply(x, x));
            result = W.Subtract(W.Create(PiOverTwoHigh), W.Subtract(x, W.Subtract(W.Create(PiOverTwoLow), W.Multiply(x, ratio))));
        }

        var large = W.Not(small);
        if (W.Any(large))
        {
            var one = W.Create(1.0);
            var negative = W.LessThan(x, W.Create(0.0));
            var (ratio, s, head, c) = HalfComplement<W, TDouble, TLong>(magnitude);

            // x < −0.5: π − 2(s + (R·s − π/2's low part)).
            var belowHalf = W.Subtract(W.Create(PiHigh), W.Multiply(W.Create(2.0), W.Add(s, W.Subtract(W.Multiply(ratio, s), W.Create(PiOverTwoLow)))));

            // x > 0.5: 2(head + (R·s + c)); x = 1 gives 0 (c would be 0/0).
            var aboveHalf = W.Multiply(W.Create(2.0), W.Add(head, W.Add(W.Multiply(ratio, s), c)));
            aboveHalf = W.Select(W.Equal(x, one), W.Create(0.0), aboveHalf);

            result = W.Select(small, result, W.Select(negative, belowHalf, aboveHalf));
        }

        return result;
    }

    /// <summary>
    /// For |x| ≥ 0.5: t = (1 − |x|)/2, R(t), s = √t, and s split as head + c exactly enough: head is s with its low 32 bits
    /// cleared (its square is exact), c = (t − head²)/(s + head).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble Ratio, TDouble Root, TDouble Head, TDouble Correction) HalfComplement<W, TDouble, TLong>(TDouble magnitude)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var t = W.Multiply(W.Subtract(W.Create(1.0), magnitude), W.Create(0.5));
        var s = W.Sqrt(t);
        var head = W.AsDouble(W.And(W.AsInt64(s), W.Create(HighWordMask)));
        return (AsinRatio<W, TDouble, TLong>(t), s, head, W.Divide(W.Subtract(t, W.Multiply(head, head)), W.Add(s, head)));
    }

    /// <summary>fdlibm's R(t) = t·P(t)/Q(t) for arcsin and arccos.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble AsinRatio<W, TDouble, TLong>(TDouble t)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // The same operations, in the same order, as fdlibm's nested form (Horner's rule over VectorMath's helper).
        var p = W.Multiply(t, W.Add(W.Create(AsinP0), W.Multiply(t, Horner<W, TDouble, TLong>(t, AsinP1, AsinP2, AsinP3, AsinP4, AsinP5))));
        var q = Horner<W, TDouble, TLong>(t, 1.0, AsinQ1, AsinQ2, AsinQ3, AsinQ4);
        return W.Divide(p, q);
    }

    /// <summary>arcsin of 512-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Asin(Vector512<double> x) => Asin<VectorWidth512, Vector512<double>, Vector512<long>>(x);

    /// <summary>arcsin of 256-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Asin(Vector256<double> x) => Asin<VectorWidth256, Vector256<double>, Vector256<long>>(x);

    /// <summary>arcsin of 128-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Asin(Vector128<double> x) => Asin<VectorWidth128, Vector128<double>, Vector128<long>>(x);

    /// <summary>arccos of 512-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Acos(Vector512<double> x) => Acos<VectorWidth512, Vector512<double>, Vector512<long>>(x);

    /// <summary>arccos of 256-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Acos(Vector256<double> x) => Acos<VectorWidth256, Vector256<double>, Vector256<long>>(x);

    /// <summary>arccos of 128-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Acos(Vector128<double> x) => Acos<VectorWidth128, Vector128<double>, Vector128<long>>(x);
}
