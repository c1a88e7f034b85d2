using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>
/// One vector width as a type: the lane operations code generated from <c>[Vectorize]</c> methods, the run-time kernels
/// and <see cref="VectorMath"/> are written against, once, generic over the width. <see cref="VectorWidth512"/>,
/// <see cref="VectorWidth256"/> and <see cref="VectorWidth128"/> (x64 SSE/AVX and ARM64 NEON) map them to
/// <c>Vector512/256/128</c>; <see cref="ScalarWidth"/> to plain <c>double</c> and <c>long</c> (one lane) where no vector
/// type is hardware-accelerated. The JIT compiles a generic method separately for each struct width and inlines these
/// static members, so the width-generic code runs as fast as code written for one width.
/// </summary>
/// <remarks>
/// <para>
/// A <c>double</c> lives in a <typeparamref name="TDouble"/> lane; <c>long</c>, <c>int</c> and <c>bool</c> in a
/// <typeparamref name="TLong"/> lane (an <c>int</c> sign-extended, a <c>bool</c> as a mask of all ones or all zeros).
/// Comparisons of either type return <typeparamref name="TLong"/> masks.
/// </para>
/// <para>
/// The primitives are abstract, one line each per width. The algorithms built on them (integer division by a
/// constant, NumPy's remainder, loads of tails) are written here once; a width overrides one only where it has a better
/// instruction for it (the scalar width divides with the CPU's divide).
/// </para>
/// </remarks>
/// <typeparam name="TSelf">The width type itself.</typeparam>
/// <typeparam name="TDouble">A vector of double lanes (<c>double</c> for the scalar width).</typeparam>
/// <typeparam name="TLong">A vector of long lanes (<c>long</c> for the scalar width).</typeparam>
// Called by the code the source generator emits, not by hand: hidden from completion lists.
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public partial interface IVectorWidth<TSelf, TDouble, TLong>
    where TSelf : struct, IVectorWidth<TSelf, TDouble, TLong>
    where TDouble : struct
    where TLong : struct
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane active (or <c>true</c>).</summary>
    static abstract TLong All { get; }

    /// <summary>No lane active (or <c>false</c>).</summary>
    static abstract TLong None { get; }

    /// <summary>0, 1, 2, ... in the lanes.</summary>
    static abstract TLong Indices { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TDouble Create(double value);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TLong Create(long value);

    /// <summary>True when any lane of the mask is set.</summary>
    static abstract bool Any(TLong mask);

    /// <summary>a + b.</summary>
    static abstract TDouble Add(TDouble a, TDouble b);

    /// <summary>a + b, wrapping.</summary>
    static abstract TLong Add(TLong a, TLong b);

    /// <summary>a − b.</summary>
    static abstract TDouble Subtract(TDouble a, TDouble b);

    /// <summary>a − b, wrapping.</summary>
    static abstract TLong Subtract(TLong a, TLong b);

    /// <summary>a × b.</summary>
    static abstract TDouble Multiply(TDouble a, TDouble b);

    /// <summary>a × b, wrapping (the low 64 bits).</summary>
    static abstract TLong Multiply(TLong a, TLong b);

    /// <summary>The low 32 bits of each lane of a and of b multiplied as unsigned numbers into a 64-bit product
    /// (<c>vpmuludq</c>, <c>umull</c>): exact for the magic-multiplier division.</summary>
    static abstract TLong MultiplyLow32(TLong a, TLong b);

    /// <summary>a ÷ b.</summary>
    static abstract TDouble Divide(TDouble a, TDouble b);

    /// <summary>−a.</summary>
    static abstract TDouble Negate(TDouble a);

    /// <summary>−a, wrapping.</summary>
    static abstract TLong Negate(TLong a);

    /// <summary>a AND b.</summary>
    static abstract TLong And(TLong a, TLong b);

    /// <summary>a OR b.</summary>
    static abstract TLong Or(TLong a, TLong b);

    /// <summary>a XOR b.</summary>
    static abstract TLong Xor(TLong a, TLong b);

    /// <summary>NOT a.</summary>
    static abstract TLong Not(TLong a);

    /// <summary>The bits of double lanes as long lanes.</summary>
    static abstract TLong AsInt64(TDouble a);

    /// <summary>The bits of long lanes as double lanes.</summary>
    static abstract TDouble AsDouble(TLong a);

    /// <summary>a == b as a mask (NaN is unequal to everything).</summary>
    static abstract TLong Equal(TDouble a, TDouble b);

    /// <summary>a == b as a mask.</summary>
    static abstract TLong Equal(TLong a, TLong b);

    /// <summary>a &lt; b as a mask.</summary>
    static abstract TLong LessThan(TDouble a, TDouble b);

    /// <summary>a &lt; b as a mask.</summary>
    static abstract TLong LessThan(TLong a, TLong b);

    /// <summary>a ≤ b as a mask.</summary>
    static abstract TLong LessThanOrEqual(TDouble a, TDouble b);

    /// <summary>a ≤ b as a mask.</summary>
    static abstract TLong LessThanOrEqual(TLong a, TLong b);

    /// <summary>a &gt; b as a mask.</summary>
    static abstract TLong GreaterThan(TDouble a, TDouble b);

    /// <summary>a &gt; b as a mask.</summary>
    static abstract TLong GreaterThan(TLong a, TLong b);

    /// <summary>a ≥ b as a mask.</summary>
    static abstract TLong GreaterThanOrEqual(TDouble a, TDouble b);

    /// <summary>a ≥ b as a mask.</summary>
    static abstract TLong GreaterThanOrEqual(TLong a, TLong b);

    /// <summary>Lanes of <paramref name="whenTrue"/> where the mask is set, else of <paramref name="whenFalse"/>.</summary>
    static abstract TDouble Select(TLong mask, TDouble whenTrue, TDouble whenFalse);

    /// <summary>Lanes of <paramref name="whenTrue"/> where the mask is set, else of <paramref name="whenFalse"/>.</summary>
    static abstract TLong Select(TLong mask, TLong whenTrue, TLong whenFalse);

    /// <summary>a &lt;&lt; count.</summary>
    static abstract TLong ShiftLeft(TLong a, int count);

    /// <summary>a &gt;&gt; count (sign-filling).</summary>
    static abstract TLong ShiftRightArithmetic(TLong a, int count);

    /// <summary>a &gt;&gt;&gt; count (zero-filling).</summary>
    static abstract TLong ShiftRightLogical(TLong a, int count);

    /// <summary>C#'s <c>(double)</c> of a long.</summary>
    static abstract TDouble ToDouble(TLong a);

    /// <summary>C#'s <c>(long)</c> of a double (.NET 9 and later: truncation, saturating, NaN to 0).</summary>
    static abstract TLong ToInt64(TDouble a);

    /// <summary>√a.</summary>
    static abstract TDouble Sqrt(TDouble a);

    /// <summary>⌊a⌋.</summary>
    static abstract TDouble Floor(TDouble a);

    /// <summary>⌈a⌉.</summary>
    static abstract TDouble Ceiling(TDouble a);

    /// <summary>a rounded toward zero.</summary>
    static abstract TDouble Truncate(TDouble a);

    /// <summary>a rounded to the nearest integer, ties to even (<see cref="Math.Round(double)"/>).</summary>
    static abstract TDouble Round(TDouble a);

    /// <summary>|a|.</summary>
    static abstract TDouble Abs(TDouble a);

    /// <summary>|a| (wrapping for <see cref="long.MinValue"/>).</summary>
    static abstract TLong Abs(TLong a);

    /// <summary>The lesser lane (NaN if either is NaN, −0 below +0, as <see cref="Math.Min(double, double)"/>).</summary>
    static abstract TDouble Min(TDouble a, TDouble b);

    /// <summary>The lesser lane.</summary>
    static abstract TLong Min(TLong a, TLong b);

    /// <summary>The greater lane (as <see cref="Math.Max(double, double)"/>).</summary>
    static abstract TDouble Max(TDouble a, TDouble b);

    /// <summary>The greater lane.</summary>
    static abstract TLong Max(TLong a, TLong b);

    /// <summary>a × b + c rounded once.</summary>
    static abstract TDouble FusedMultiplyAdd(TDouble a, TDouble b, TDouble c);

    /// <summary>eˣ (ours, <see cref="VectorMath.Exp{W, TDouble, TLong}"/>, inlined; System.Math's on the scalar width).</summary>
    static abstract TDouble Exp(TDouble a);

    /// <summary>ln x (ours, <see cref="VectorMath.Log{W, TDouble, TLong}"/>, inlined; System.Math's on the scalar width).</summary>
    static abstract TDouble Log(TDouble a);

    /// <summary>log₂ x (ours, <see cref="VectorMath.Log2{W, TDouble, TLong}"/>, inlined; System.Math's on the scalar width).</summary>
    static abstract TDouble Log2(TDouble a);

    /// <summary>Lane <paramref name="index"/>.</summary>
    static abstract long GetElement(TLong a, int index);

    /// <summary>Lane <paramref name="index"/>.</summary>
    static abstract double GetElement(TDouble a, int index);

    /// <summary><paramref name="a"/> with lane <paramref name="index"/> replaced by <paramref name="value"/>.</summary>
    static abstract TLong WithElement(TLong a, int index, long value);

    /// <summary><see cref="Count"/> doubles from <paramref name="source"/>.</summary>
    static abstract TDouble LoadUnsafe(ref readonly double source);

    /// <summary><see cref="Count"/> longs from <paramref name="source"/>.</summary>
    static abstract TLong LoadUnsafe(ref readonly long source);

    /// <summary><see cref="Count"/> ints from <paramref name="source"/>, sign-extended to long lanes.</summary>
    static abstract TLong LoadWidened(ref readonly int source);

    /// <summary>Stores the lanes at <paramref name="destination"/>.</summary>
    static abstract void StoreUnsafe(TDouble value, ref double destination);

    /// <summary>Stores the lanes at <paramref name="destination"/>.</summary>
    static abstract void StoreUnsafe(TLong value, ref long destination);

    /// <summary>a AND NOT b: the lanes of mask <paramref name="a"/> without those of <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong AndNot(TLong a, TLong b) => TSelf.And(a, TSelf.Not(b));

    /// <summary>
    /// a × <paramref name="factor"/>, wrapping: a factor with one or two bits set (or its negation) as shifts and an add,
    /// which every width has (x64 has no 64-bit lane multiply below AVX-512, where .NET emulates it with three 32-bit
    /// ones); any other factor multiplies.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong MultiplyByConstant(TLong a, long factor)
    {
        ulong magnitude = factor < 0 ? 0 - (ulong)factor : (ulong)factor;
        int bits = System.Numerics.BitOperations.PopCount(magnitude);
        if (bits is 0 or > 2)
        {
            return TSelf.Multiply(a, TSelf.Create(factor));
        }

        var product = TSelf.ShiftLeft(a, System.Numerics.BitOperations.TrailingZeroCount(magnitude));
        if (bits == 2)
        {
            product = TSelf.Add(product, TSelf.ShiftLeft(a, System.Numerics.BitOperations.Log2(magnitude)));
        }

        return factor < 0 ? TSelf.Negate(product) : product;
    }

    /// <summary>The first <paramref name="count"/> lanes active.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong Prefix(int count) => TSelf.LessThan(TSelf.Indices, TSelf.Create((long)count));

    /// <summary>Lane indices <paramref name="first"/>, <paramref name="first"/> + 1, ... (an index range's lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong Sequence(long first) => TSelf.Add(TSelf.Create(first), TSelf.Indices);

    /// <summary>C#'s unchecked <c>int</c> arithmetic: the low 32 bits, sign-extended.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong WrapInt32(TLong value) => TSelf.ShiftRightArithmetic(TSelf.ShiftLeft(value, 32), 32);

    /// <summary>C#'s <c>(int)</c> of a double (truncation, saturating at the int range, NaN to 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong ToInt32(TDouble value) =>
        TSelf.ToInt64(TSelf.Min(TSelf.Max(value, TSelf.Create((double)int.MinValue)), TSelf.Create((double)int.MaxValue)));

    /// <summary>sin of each lane (see <see cref="VectorMath"/> for the accuracy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TDouble Sin(TDouble x) => VectorMath.SinCos<TSelf, TDouble, TLong>(x).Sin;

    /// <summary>cos of each lane (see <see cref="VectorMath"/> for the accuracy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TDouble Cos(TDouble x) => VectorMath.SinCos<TSelf, TDouble, TLong>(x).Cos;

    /// <summary>tan of each lane (within 3 ulps of System.Math; see <see cref="VectorMath.Tan{W, TDouble, TLong}(TDouble)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TDouble Tan(TDouble x) => VectorMath.Tan<TSelf, TDouble, TLong>(x);

    /// <summary>tanh of each lane (within 3 ulps of System.Math; see <see cref="VectorMath.Tanh{W, TDouble, TLong}(TDouble)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TDouble Tanh(TDouble x) => VectorMath.Tanh<TSelf, TDouble, TLong>(x);

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
