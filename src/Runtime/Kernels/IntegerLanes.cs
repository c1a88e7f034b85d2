using System.Runtime.CompilerServices;
using SlowSeries.Vectorization;

namespace SlowSeries.Kernels;

/// <summary>
/// NumPy's int64 floor division and remainder of whole vectors, for the fused loop: the width's own lane operations
/// (<see cref="IVectorWidth{TSelf, TDouble, TLong}"/>) behind plain generic methods, which a compiled expression can call
/// (a static virtual interface method it cannot). A divisor that is a constant of the expression divides by multiplying
/// (<see cref="ConstantDivisor"/>); any other divides through double where both operands are below 2^51 (lane by lane
/// beyond). NumPy's rules: the remainder takes the divisor's sign, the quotient rounds toward −∞, and a zero divisor
/// gives 0 (as <see cref="Language.Semantics.IntegerMath"/>).
/// </summary>
internal static class IntegerLanes
{
    /// <summary>
    /// ⌊dividend / divisor⌋ and the remainder with the divisor's sign, from one division: the remainder is
    /// dividend − quotient·divisor (exact in wrapping integers, also for −2^63 // −1), 0 for a zero divisor.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TLong Quotient, TLong Remainder) FloorDivideWithRemainder<W, TDouble, TLong>(TLong dividend, TLong divisor)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var quotient = IntegerDivisionLoops.FloorQuotient<W, TDouble, TLong>(dividend, divisor);
        var remainder = W.Subtract(dividend, W.Multiply(quotient, divisor));
        return (quotient, W.Select(W.Equal(divisor, W.Create(0L)), W.Create(0L), remainder));
    }

    /// <summary>⌊dividend / divisor⌋ for a divisor other than 0 and −1 (the fused loop writes those as 0 and −dividend).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLong FloorDivideByConstant<W, TDouble, TLong>(TLong dividend, ConstantDivisor divisor)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var (quotient, remainder) = W.DivideWithRemainderByConstant(dividend, divisor);
        return W.Add(quotient, RoundsDown<W, TDouble, TLong>(remainder, divisor)); // the mask is −1 where it does
    }

    /// <summary>The remainder with the divisor's sign, for a divisor other than 0 and −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLong FloorRemainderByConstant<W, TDouble, TLong>(TLong dividend, ConstantDivisor divisor)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var remainder = W.DivideWithRemainderByConstant(dividend, divisor).Remainder;
        return W.Add(remainder, W.And(RoundsDown<W, TDouble, TLong>(remainder, divisor), W.Create(divisor.Value)));
    }

    /// <summary>All bits set where C#'s truncated quotient lies above the floor: a non-zero remainder of the other sign than the divisor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLong RoundsDown<W, TDouble, TLong>(TLong remainder, ConstantDivisor divisor)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        W.AndNot(W.LessThan(W.Xor(remainder, W.Create(divisor.Value)), W.Create(0L)), W.Equal(remainder, W.Create(0L)));
}
