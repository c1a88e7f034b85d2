using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>
/// hypot of float64 lanes, written once over the width: √(x² + y²) without overflow or underflow on the way.
/// </summary>
/// <remarks>
/// Lanes whose larger operand is beyond 2^500 are scaled by 2^-600 before squaring and back after, lanes whose operands
/// are both below 2^-500 by 2^600: powers of two, so the scaling itself rounds nothing that matters (an operand pushed
/// into the subnormals is below the other by more than 2^-53). Two squares, a sum and a square root round four times:
/// within about 1 ulp. C99's rule holds: an infinite operand gives +∞ even when the other is NaN.
/// </remarks>
public static partial class VectorMath
{
    private const double HypotLarge = 3.273390607896142e150; // 2^500
    private const double HypotSmall = 3.054936363499605e-151; // 2^-500
    private const double HypotDown = 2.409919865102884e-181; // 2^-600
    private const double HypotUp = 4.149515568880993e180; // 2^600

    /// <summary>hypot(x, y) of each pair of lanes at the width <typeparamref name="W"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Hypot<W, TDouble, TLong>(TDouble x, TDouble y)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var ax = W.Abs(x);
        var ay = W.Abs(y);
        var large = W.Create(HypotLarge);
        var small = W.Create(HypotSmall);
        var one = W.Create(1.0);
        var down = W.Or(W.GreaterThan(ax, large), W.GreaterThan(ay, large));
        var up = W.And(W.LessThan(ax, small), W.LessThan(ay, small));
        var scale = W.Select(down, W.Create(HypotDown), W.Select(up, W.Create(HypotUp), one));
        var unscale = W.Select(down, W.Create(HypotUp), W.Select(up, W.Create(HypotDown), one));
        var sx = W.Multiply(ax, scale);
        var sy = W.Multiply(ay, scale);
        var result = W.Multiply(W.Sqrt(W.Add(W.Multiply(sx, sx), W.Multiply(sy, sy))), unscale);
        var infinity = W.Create(double.PositiveInfinity);
        return W.Select(W.Or(W.Equal(ax, infinity), W.Equal(ay, infinity)), infinity, result);
    }
}
