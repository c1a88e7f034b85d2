using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>
/// sinh and cosh of float64 lanes, written once over the width on our exp and expm1 (.NET's are element by element).
/// </summary>
/// <remarks>
/// <para>
/// sinh is fdlibm's: with t = expm1(|x|), (2t − t²/(t + 1))/2 below 1 and (t + t/(t + 1))/2 above — both
/// e^|x| − e^−|x| without cancellation — and the sign of x; cosh is e^|x|/2 + e^−|x|/2, a sum of two positive terms.
/// exp overflows from |x| ≈ 709.78, the two functions only from ≈ 710.48: beyond 709 both take e^(|x| − 700)·(e^700/2),
/// where the subtraction is exact and the constant the double nearest e^700/2. NaN stays NaN, −0 stays −0 in sinh.
/// </para>
/// </remarks>
public static partial class VectorMath
{
    private const double HalfExponentialLimit = 709.0;
    private const double ExponentialOffset = 700.0;
    private const double HalfExponentialOfOffset = 5.0711602736750225e+303; // e^700/2, rounded once

    /// <summary>sinh of each lane at the width <typeparamref name="W"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Sinh<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var magnitude = W.Abs(x);
        var one = W.Create(1.0);
        var t = Expm1<W, TDouble, TLong>(magnitude);
        var ratio = W.Divide(t, W.Add(t, one));
        var twice = W.Select(W.LessThan(magnitude, one), W.Subtract(W.Add(t, t), W.Multiply(t, ratio)), W.Add(t, ratio));
        var result = BeyondExponentialLimit<W, TDouble, TLong>(magnitude, W.Multiply(twice, W.Create(0.5)));
        return WithSignOf<W, TDouble, TLong>(result, x);
    }

    /// <summary>cosh of each lane at the width <typeparamref name="W"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Cosh<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var magnitude = W.Abs(x);
        var half = W.Create(0.5);
        var exponential = Exp<W, TDouble, TLong>(magnitude);
        var result = W.Add(W.Multiply(exponential, half), W.Divide(half, exponential));
        return BeyondExponentialLimit<W, TDouble, TLong>(magnitude, result);
    }

    /// <summary>e^|x|/2 as e^(|x| − 700)·(e^700/2) in the lanes beyond <see cref="HalfExponentialLimit"/>, where e^|x| itself may overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble BeyondExponentialLimit<W, TDouble, TLong>(TDouble magnitude, TDouble result)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var beyond = W.GreaterThan(magnitude, W.Create(HalfExponentialLimit));
        if (!W.Any(beyond))
        {
            return result;
        }

        var shifted = Exp<W, TDouble, TLong>(W.Subtract(magnitude, W.Create(ExponentialOffset)));
        return W.Select(beyond, W.Multiply(shifted, W.Create(HalfExponentialOfOffset)), result);
    }
}
