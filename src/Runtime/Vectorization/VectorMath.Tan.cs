using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SlowSeries.Vectorization;

/// <summary>
/// tan of float64 lanes, written once over the width: the quotient of our sin and cos, which share one range reduction.
/// </summary>
/// <remarks>
/// TensorPrimitives' tan is off by 10^5 ulps at 128 bits without fused multiply-add (tan(100000) = −0.0357716629543608
/// where it is −0.0357716629528988) and follows the width elsewhere. Here the reduction is that of sin and cos (see
/// <see cref="VectorMath"/>), so the quotient's two parts are each within 1 ulp and the quotient within 3 ulps of System.Math, at every width, with the same bits at every width in one process. tan(±0) = ±0, NaN and ±∞ give NaN;
/// near a pole cos is small but still within 1 ulp of its value, so the quotient keeps its relative accuracy.
/// </remarks>
public static partial class VectorMath
{
    /// <summary>tan of each lane at the width <typeparamref name="W"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Tan<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var (sin, cos) = SinCos<W, TDouble, TLong>(x);
        return W.Divide(sin, cos);
    }

    /// <summary>tan of 512-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Tan(Vector512<double> x) => Tan<VectorWidth512, Vector512<double>, Vector512<long>>(x);

    /// <summary>tan of 256-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Tan(Vector256<double> x) => Tan<VectorWidth256, Vector256<double>, Vector256<long>>(x);

    /// <summary>tan of 128-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Tan(Vector128<double> x) => Tan<VectorWidth128, Vector128<double>, Vector128<long>>(x);
}
