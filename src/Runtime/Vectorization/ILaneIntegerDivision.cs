using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>C#'s and NumPy's integer division and remainder of long lanes, by lanes and by constants (multiplies instead of divides).</summary>
/// <remarks>One of the parts <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> is made of; see there why it has parts.</remarks>
/// <typeparam name="TSelf">The width type itself.</typeparam>
/// <typeparam name="TDouble">A vector of double lanes (<c>double</c> for the scalar width).</typeparam>
/// <typeparam name="TLong">A vector of long lanes (<c>long</c> for the scalar width).</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface ILaneIntegerDivision<TSelf, TDouble, TLong>
    where TSelf : struct, IVectorWidth<TSelf, TDouble, TLong>
    where TDouble : struct
    where TLong : struct
{
    /// <summary>C#'s integer division (truncating toward zero) of the active lanes.</summary>
    /// <remarks>
    /// Below 2^51 in magnitude, both operands convert to double exactly and the correctly rounded double quotient never
    /// rounds up across an integer (that needs |dividend| + |divisor| ≥ 2^53), so truncating it is C#'s quotient.
    /// </remarks>
    /// <exception cref="DivideByZeroException">An active lane divides by zero.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong Divide(TLong dividend, TLong divisor, TLong active)
    {
        divisor = TSelf.Select(active, divisor, TSelf.Create(1L));
        var unusual = TSelf.Or(
            TSelf.Equal(divisor, TSelf.Create(0L)),
            TSelf.ShiftRightLogical(TSelf.Or(TSelf.Abs(dividend), TSelf.Abs(divisor)), ExactDivisionBits));
        if (TSelf.Any(unusual))
        {
            return DivideLaneByLane(dividend, divisor);
        }

        return TSelf.ToInt64(TSelf.Divide(TSelf.ToDouble(dividend), TSelf.ToDouble(divisor)));
    }

    /// <summary>C#'s integer remainder (the sign of the dividend) of the active lanes.</summary>
    /// <exception cref="DivideByZeroException">An active lane divides by zero.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong Remainder(TLong dividend, TLong divisor, TLong active) =>
        TSelf.Subtract(dividend, TSelf.Multiply(TSelf.Divide(dividend, divisor, active), TSelf.Select(active, divisor, TSelf.Create(1L))));

    /// <summary>NumPy's integer remainder (the sign of the divisor; 0 for a zero divisor), as NumExpr expressions compute it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong FloorRemainder(TLong dividend, TLong divisor)
    {
        var zero = TSelf.Or(TSelf.Equal(divisor, TSelf.Create(0L)), TSelf.Equal(divisor, TSelf.Create(-1L)));
        var safe = TSelf.Select(zero, TSelf.Create(1L), divisor);
        var remainder = TSelf.Subtract(dividend, TSelf.Multiply(TSelf.Divide(dividend, safe, TSelf.All), safe));
        var adjust = TSelf.And(TSelf.Not(TSelf.Equal(remainder, TSelf.Create(0L))), TSelf.LessThan(TSelf.Xor(remainder, safe), TSelf.Create(0L)));
        return TSelf.Select(zero, TSelf.Create(0L), TSelf.Add(remainder, TSelf.And(adjust, safe)));
    }

    /// <summary>C#'s integer division by a constant divisor: multiplies instead of a divide.</summary>
    /// <remarks>
    /// Powers of two divide by shifts, whatever the dividend. Otherwise dividends in [0, 2^31) multiply by the divisor's 32-bit magic number (one 32×32→64-bit multiply and a shift,
    /// exact by construction; see <see cref="ConstantDivisor.Of"/>): the common case of counters and digits. Other
    /// dividends take two steps of multiplying by the reciprocal and one correction (see <see cref="DivideAnyBySmall"/>),
    /// or, for divisors of 2^31 and more, the reciprocal alone (exact below 2^51) and lane-by-lane division beyond.
    /// No path makes a call for divisors below 2^31 other than −1: a call in a loop makes the JIT keep the loop's vectors
    /// in memory.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong DivideByConstant(TLong dividend, ConstantDivisor divisor)
    {
        if (PowerOfTwo(divisor) is int power)
        {
            var shifted = QuotientByPowerOfTwo(dividend, power);
            return divisor.Value < 0 ? TSelf.Negate(shifted) : shifted;
        }

        if (divisor.Multiplier == 0 || divisor.Value == -1)
        {
            return DivideByReciprocal(dividend, divisor);
        }

        var quotient = TSelf.IsSmallDividend(dividend) ? SmallQuotient(dividend, divisor) : DivideAnyBySmall(dividend, divisor);
        return divisor.Value < 0 ? TSelf.Negate(quotient) : quotient;
    }

    /// <summary>C#'s integer remainder (the sign of the dividend) by a constant divisor (see <see cref="DivideByConstant"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong RemainderByConstant(TLong dividend, ConstantDivisor divisor) =>
        TSelf.DivideWithRemainderByConstant(dividend, divisor).Remainder;

    /// <summary>
    /// C#'s quotient and remainder by a constant divisor at once (see <see cref="DivideByConstant"/>): code that needs
    /// both, like a digit loop's <c>k % 10</c> and <c>k / 10</c>, multiplies and tests the dividend's range once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual (TLong Quotient, TLong Remainder) DivideWithRemainderByConstant(TLong dividend, ConstantDivisor divisor)
    {
        if (PowerOfTwo(divisor) is int power)
        {
            // The remainder from the biased dividend's low bits rather than from the quotient: it is ready two shifts
            // earlier, and a loop's test of it (n % 2 == 0) waits for nothing else.
            var bias = PowerOfTwoBias(dividend, power);
            var biased = TSelf.Add(dividend, bias);
            var shifted = TSelf.ShiftRightArithmetic(biased, power);
            var remainder = TSelf.Subtract(TSelf.And(biased, TSelf.Create((1L << power) - 1)), bias);
            return (divisor.Value < 0 ? TSelf.Negate(shifted) : shifted, remainder);
        }

        if (divisor.Multiplier != 0 && divisor.Value != -1 && TSelf.IsSmallDividend(dividend))
        {
            return TSelf.DivideSmallWithRemainderByConstant(dividend, divisor);
        }

        var quotient = TSelf.DivideByConstant(dividend, divisor);
        return (quotient, TSelf.Subtract(dividend, TSelf.Multiply(quotient, TSelf.Create(divisor.Value))));
    }

    /// <summary>
    /// <see cref="DivideWithRemainderByConstant"/> for dividends the caller knows are non-negative in every lane whose
    /// result it uses (the body of <c>while (n &gt; 1)</c>): powers of two are one shift and one mask, without the bias
    /// that makes negative dividends round toward zero; other divisors take the general path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual (TLong Quotient, TLong Remainder) DivideNonNegativeWithRemainderByConstant(TLong dividend, ConstantDivisor divisor)
    {
        if (PowerOfTwo(divisor) is int power)
        {
            var shifted = TSelf.ShiftRightLogical(dividend, power);
            var remainder = TSelf.And(dividend, TSelf.Create((1L << power) - 1));
            return (divisor.Value < 0 ? TSelf.Negate(shifted) : shifted, remainder);
        }

        return TSelf.DivideWithRemainderByConstant(dividend, divisor);
    }

    /// <summary>
    /// <see cref="DivideWithRemainderByConstant"/> for dividends the caller knows are in [0, 2^31) in every lane (see
    /// <see cref="IsSmallDividend"/>), with no test: a loop that only divides a variable by positive constants tests it
    /// once, before the loop. Requires a divisor with a multiplier (|divisor| &lt; 2^31).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual (TLong Quotient, TLong Remainder) DivideSmallWithRemainderByConstant(TLong dividend, ConstantDivisor divisor)
    {
        // quotient < 2^31 and |divisor| < 2^31: their product is one 32×32→64-bit multiply too.
        var small = SmallQuotient(dividend, divisor);
        var remainder = TSelf.Subtract(dividend, TSelf.MultiplyLow32(small, TSelf.Create(Math.Abs(divisor.Value))));
        return (divisor.Value < 0 ? TSelf.Negate(small) : small, remainder);
    }

    /// <summary>Whether every lane is in [0, 2^31), where division by a constant is one multiply (see <see cref="DivideByConstant"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual bool IsSmallDividend(TLong dividend) => !TSelf.Any(TSelf.ShiftRightLogical(dividend, 31));

    private const int ExactDivisionBits = 51; // below 2^51 the double-based divisions are exact (see Divide)

    /// <summary>p when |divisor| = 2^p with p ≥ 1, else null (a constant to the JIT once the divisor is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int? PowerOfTwo(ConstantDivisor divisor)
    {
        ulong magnitude = (ulong)Math.Abs(divisor.Value);
        return magnitude >= 2 && System.Numerics.BitOperations.IsPow2(magnitude) ? System.Numerics.BitOperations.Log2(magnitude) : null;
    }

    /// <summary>
    /// C#'s truncating quotient by 2^power as shifts, for any dividend: negative dividends are biased by 2^power − 1 first
    /// (the sign, shifted down to that many ones), so that the arithmetic shift rounds toward zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLong QuotientByPowerOfTwo(TLong dividend, int power) =>
        TSelf.ShiftRightArithmetic(TSelf.Add(dividend, PowerOfTwoBias(dividend, power)), power);

    /// <summary>2^power − 1 in negative lanes, 0 elsewhere: what makes shifts and masks by 2^power truncate toward zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLong PowerOfTwoBias(TLong dividend, int power) =>
        TSelf.ShiftRightLogical(TSelf.ShiftRightArithmetic(dividend, 63), 64 - power);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLong SmallQuotient(TLong dividend, ConstantDivisor divisor) =>
        TSelf.ShiftRightLogical(TSelf.MultiplyLow32(dividend, TSelf.Create((long)divisor.Multiplier)), divisor.Shift);

    /// <summary>Any dividend divided by |divisor| &lt; 2^31, truncated, without a divide or a call.</summary>
    /// <remarks>
    /// The first product is within 2^12 + 1 of the quotient (the dividend's rounding to double costs at most 2^10, the
    /// products 3 × 2^-53 relative), so the exact remainder r0 is below 2^44 in magnitude and its own quotient by
    /// reciprocal is exact. Their sum q is the floor or the ceiling of the true quotient (it rounds r0/|divisor| toward
    /// zero, not the whole): the remainder's sign tells which, and one step corrects it toward zero. Arithmetic wraps
    /// modulo 2^64; the one out-of-range conversion (2^63 for divisor 1) saturates to the right value.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLong DivideAnyBySmall(TLong dividend, ConstantDivisor divisor)
    {
        var magnitude = TSelf.Create(Math.Abs(divisor.Value));
        var reciprocal = TSelf.Create(divisor.ReciprocalRoundedUp);
        var first = TSelf.ToInt64(TSelf.Multiply(TSelf.ToDouble(dividend), reciprocal));
        var rest = TSelf.Subtract(dividend, TSelf.Multiply(first, magnitude));
        var quotient = TSelf.Add(first, TSelf.ToInt64(TSelf.Multiply(TSelf.ToDouble(rest), reciprocal)));
        var remainder = TSelf.Subtract(dividend, TSelf.Multiply(quotient, magnitude));
        var negative = TSelf.LessThan(dividend, TSelf.Create(0L));
        var tooLow = TSelf.And(negative, TSelf.GreaterThan(remainder, TSelf.Create(0L)));
        var tooHigh = TSelf.And(TSelf.Not(negative), TSelf.LessThan(remainder, TSelf.Create(0L)));
        return TSelf.Add(TSelf.Subtract(quotient, tooLow), tooHigh); // masks are −1 where set
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLong DivideByReciprocal(TLong dividend, ConstantDivisor divisor)
    {
        if (TSelf.Any(TSelf.ShiftRightLogical(TSelf.Abs(dividend), ExactDivisionBits)))
        {
            return DivideLaneByLane(dividend, TSelf.Create(divisor.Value));
        }

        var quotient = TSelf.ToInt64(TSelf.Multiply(TSelf.ToDouble(dividend), TSelf.Create(divisor.ReciprocalRoundedUp)));
        return divisor.Value < 0 ? TSelf.Negate(quotient) : quotient;
    }

    /// <summary>C#'s division of each lane, for operands the vector paths do not cover (and its exceptions).</summary>
    /// <remarks>Lane by lane in registers, without a call: a call in a loop makes the JIT keep every vector live across
    /// it in memory, on the hot path too.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLong DivideLaneByLane(TLong dividend, TLong divisor)
    {
        var quotient = TSelf.Create(0L);
        for (int lane = 0; lane < TSelf.Count; lane++)
        {
            quotient = TSelf.WithElement(quotient, lane, TSelf.GetElement(dividend, lane) / TSelf.GetElement(divisor, lane));
        }

        return quotient;
    }
}
