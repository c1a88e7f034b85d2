using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SlowSeries.Vectorization;

/// <summary>
/// What code generated from <c>[Vectorize]</c> methods needs beyond <see cref="Vector512"/>: eight lanes per vector
/// whatever the scalar type (<c>double</c> in <see cref="Vector512{T}"/> of double; <c>long</c>, <c>int</c> and
/// <c>bool</c> in <see cref="Vector512{T}"/> of long, a <c>bool</c> as a mask of all-ones or all-zeros), lane masks,
/// C#'s integer semantics (truncating division, <c>int</c> wrap-around), and loads and stores of operands.
/// </summary>
public static class Lanes
{
    /// <summary>Lanes per vector.</summary>
    public const int Count = 8;

    // Below 2^51 the double-based divisions below are exact (see their remarks).
    private const long ExactDivisionLimit = 1L << 51;

    /// <summary>Every lane active (or <c>true</c>).</summary>
    public static Vector512<long> All => Vector512<long>.AllBitsSet;

    /// <summary>No lane active (or <c>false</c>).</summary>
    public static Vector512<long> None => Vector512<long>.Zero;

    /// <summary>The first <paramref name="count"/> lanes active.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Prefix(int count) => Vector512.LessThan(Vector512<long>.Indices, Vector512.Create((long)count));

    /// <summary>Lane indices <paramref name="first"/>, <paramref name="first"/> + 1, ... (an index range's lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Sequence(long first) => Vector512.Create(first) + Vector512<long>.Indices;

    /// <summary>True when any lane of the mask is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector512<long> mask) => mask != Vector512<long>.Zero;

    /// <summary>A comparison of doubles as a lane mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Mask(Vector512<double> comparison) => comparison.AsInt64();

    /// <summary>Lanes of <paramref name="whenTrue"/> where the mask is set, else of <paramref name="whenFalse"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Select(Vector512<long> mask, Vector512<double> whenTrue, Vector512<double> whenFalse) =>
        Vector512.ConditionalSelect(mask.AsDouble(), whenTrue, whenFalse);

    /// <summary>Lanes of <paramref name="whenTrue"/> where the mask is set, else of <paramref name="whenFalse"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Select(Vector512<long> mask, Vector512<long> whenTrue, Vector512<long> whenFalse) =>
        Vector512.ConditionalSelect(mask, whenTrue, whenFalse);

    /// <summary>C#'s unchecked <c>int</c> arithmetic: the low 32 bits, sign-extended.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> WrapInt32(Vector512<long> value) => Vector512.ShiftRightArithmetic(Vector512.ShiftLeft(value, 32), 32);

    /// <summary>C#'s <c>(double)</c> of a long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ToDouble(Vector512<long> value) => Vector512.ConvertToDouble(value);

    /// <summary>C#'s <c>(long)</c> of a double (.NET 9 and later: truncation, saturating, NaN to 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> ToInt64(Vector512<double> value) => Vector512.ConvertToInt64(value);

    /// <summary>C#'s <c>(int)</c> of a double (truncation, saturating at the int range, NaN to 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> ToInt32(Vector512<double> value) =>
        Vector512.ConvertToInt64(Vector512.Clamp(value, Vector512.Create((double)int.MinValue), Vector512.Create((double)int.MaxValue)));

    /// <summary>C#'s integer division (truncating toward zero) of the active lanes.</summary>
    /// <remarks>
    /// Below 2^51 in magnitude, both operands convert to double exactly and the correctly rounded double quotient never
    /// rounds up across an integer (that needs |dividend| + |divisor| ≥ 2^53), so truncating it is C#'s quotient.
    /// </remarks>
    /// <exception cref="DivideByZeroException">An active lane divides by zero.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Divide(Vector512<long> dividend, Vector512<long> divisor, Vector512<long> active)
    {
        divisor = Select(active, divisor, Vector512<long>.One);
        var limit = Vector512.Create(ExactDivisionLimit).AsUInt64();
        var unusual = Vector512.Equals(divisor, Vector512<long>.Zero).AsUInt64()
            | Vector512.GreaterThanOrEqual(Vector512.Abs(dividend).AsUInt64(), limit)
            | Vector512.GreaterThanOrEqual(Vector512.Abs(divisor).AsUInt64(), limit);
        if (unusual != Vector512<ulong>.Zero)
        {
            return DivideLaneByLane(dividend, divisor);
        }

        return Vector512.ConvertToInt64Native(Vector512.ConvertToDouble(dividend) / Vector512.ConvertToDouble(divisor));
    }

    /// <summary>C#'s integer division by a constant divisor: multiplies instead of a divide.</summary>
    /// <remarks>
    /// Dividends in [0, 2^31) multiply by the divisor's 32-bit magic number (one 32×32→64-bit multiply and a shift,
    /// exact by construction; see <see cref="ConstantDivisor.Of"/>): the common case of counters and digits. Other
    /// dividends take two steps of multiplying by the reciprocal and one correction (see <see cref="DivideAnyBySmall"/>),
    /// or, for divisors of 2^31 and more, the reciprocal alone (exact below 2^51) and lane-by-lane division beyond.
    /// No path makes a call for divisors below 2^31 other than −1: a call in a loop makes the JIT keep the loop's vectors
    /// in memory.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> DivideByConstant(Vector512<long> dividend, ConstantDivisor divisor)
    {
        if (divisor.Multiplier == 0 || divisor.Value == -1)
        {
            return DivideByReciprocal(dividend, divisor);
        }

        var quotient = IsSmallDividend(dividend) ? SmallQuotient(dividend, divisor).AsInt64() : DivideAnyBySmall(dividend, divisor);
        return divisor.Value < 0 ? -quotient : quotient;
    }

    /// <summary>C#'s integer remainder (the sign of the dividend) by a constant divisor (see <see cref="DivideByConstant"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> RemainderByConstant(Vector512<long> dividend, ConstantDivisor divisor) =>
        DivideWithRemainderByConstant(dividend, divisor).Remainder;

    /// <summary>
    /// C#'s quotient and remainder by a constant divisor at once (see <see cref="DivideByConstant"/>): code that needs
    /// both, like a digit loop's <c>k % 10</c> and <c>k / 10</c>, multiplies and tests the dividend's range once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<long> Quotient, Vector512<long> Remainder) DivideWithRemainderByConstant(Vector512<long> dividend, ConstantDivisor divisor)
    {
        if (divisor.Multiplier != 0 && divisor.Value != -1 && IsSmallDividend(dividend))
        {
            return DivideSmallWithRemainderByConstant(dividend, divisor);
        }

        var quotient = DivideByConstant(dividend, divisor);
        return (quotient, dividend - (quotient * Vector512.Create(divisor.Value)));
    }

    /// <summary>
    /// <see cref="DivideWithRemainderByConstant"/> for dividends the caller knows are in [0, 2^31) in every lane (see
    /// <see cref="IsSmallDividend"/>), with no test: a loop that only divides a variable by positive constants tests it
    /// once, before the loop. Requires AVX-512 and a divisor with a multiplier (|divisor| &lt; 2^31).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<long> Quotient, Vector512<long> Remainder) DivideSmallWithRemainderByConstant(Vector512<long> dividend, ConstantDivisor divisor)
    {
        // quotient < 2^31 and |divisor| < 2^31: their product is one 32×32→64-bit multiply too.
        var small = SmallQuotient(dividend, divisor);
        var magnitude = Vector512.Create((ulong)Math.Abs(divisor.Value)).AsUInt32();
        var remainder = dividend - Avx512F.Multiply(small.AsUInt32(), magnitude).AsInt64();
        return (divisor.Value < 0 ? -small.AsInt64() : small.AsInt64(), remainder);
    }

    /// <summary>Whether every lane is in [0, 2^31), where division by a constant is one multiply (see <see cref="DivideByConstant"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSmallDividend(Vector512<long> dividend) =>
        Avx512F.IsSupported && Vector512.LessThanAll(dividend.AsUInt64(), Vector512.Create((ulong)ConstantDivisor.SmallDividendLimit));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> SmallQuotient(Vector512<long> dividend, ConstantDivisor divisor) =>
        Vector512.ShiftRightLogical(Avx512F.Multiply(dividend.AsUInt32(), Vector512.Create((ulong)divisor.Multiplier).AsUInt32()), divisor.Shift);

    /// <summary>Any dividend divided by |divisor| &lt; 2^31, truncated, without a divide or a call.</summary>
    /// <remarks>
    /// The first product is within 2^12 + 1 of the quotient (the dividend's rounding to double costs at most 2^10, the
    /// products 3 × 2^-53 relative), so the exact remainder r0 is below 2^44 in magnitude and its own quotient by
    /// reciprocal is exact. Their sum q is the floor or the ceiling of the true quotient (it rounds r0/|divisor| toward
    /// zero, not the whole): the remainder's sign tells which, and one step corrects it toward zero. Arithmetic wraps
    /// modulo 2^64; the one out-of-range conversion (2^63 for divisor 1) wraps to the right value too.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> DivideAnyBySmall(Vector512<long> dividend, ConstantDivisor divisor)
    {
        var magnitude = Vector512.Create(Math.Abs(divisor.Value));
        var first = Vector512.ConvertToInt64Native(Vector512.ConvertToDouble(dividend) * divisor.ReciprocalRoundedUp);
        var rest = dividend - (first * magnitude);
        var quotient = first + Vector512.ConvertToInt64Native(Vector512.ConvertToDouble(rest) * divisor.ReciprocalRoundedUp);
        var remainder = dividend - (quotient * magnitude);
        var negative = Vector512.LessThan(dividend, Vector512<long>.Zero);
        var tooLow = negative & Vector512.GreaterThan(remainder, Vector512<long>.Zero);
        var tooHigh = ~negative & Vector512.LessThan(remainder, Vector512<long>.Zero);
        return quotient - tooLow + tooHigh; // masks are −1 where set
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> DivideByReciprocal(Vector512<long> dividend, ConstantDivisor divisor)
    {
        if (Vector512.GreaterThanOrEqualAny(Vector512.Abs(dividend).AsUInt64(), Vector512.Create(ExactDivisionLimit).AsUInt64()))
        {
            return DivideLaneByLane(dividend, Vector512.Create(divisor.Value));
        }

        var quotient = Vector512.ConvertToInt64Native(Vector512.ConvertToDouble(dividend) * divisor.ReciprocalRoundedUp);
        return divisor.Value < 0 ? -quotient : quotient;
    }

    /// <summary>NumPy's integer remainder (the sign of the divisor; 0 for a zero divisor), as NumExpr expressions compute it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> FloorRemainder(Vector512<long> dividend, Vector512<long> divisor)
    {
        var zero = Vector512.Equals(divisor, Vector512<long>.Zero) | Vector512.Equals(divisor, Vector512<long>.AllBitsSet);
        var safe = Select(zero, Vector512<long>.One, divisor);
        var remainder = dividend - (Divide(dividend, safe, All) * safe);
        var adjust = ~Vector512.Equals(remainder, Vector512<long>.Zero) & Vector512.LessThan(remainder ^ safe, Vector512<long>.Zero);
        return Select(zero, Vector512<long>.Zero, remainder + (adjust & safe));
    }

    /// <summary>C#'s integer remainder (the sign of the dividend) of the active lanes.</summary>
    /// <exception cref="DivideByZeroException">An active lane divides by zero.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Remainder(Vector512<long> dividend, Vector512<long> divisor, Vector512<long> active) =>
        dividend - (Divide(dividend, divisor, active) * Select(active, divisor, Vector512<long>.One));

    /// <summary>C#'s division of each lane, for operands the vector paths do not cover (and its exceptions).</summary>
    /// <remarks>
    /// Inlined, with the lanes by constant index, so that the loops it sits in make no call: a call would make the JIT
    /// keep every vector live across it in memory, on the hot path too.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> DivideLaneByLane(Vector512<long> dividend, Vector512<long> divisor) => Vector512.Create(
        dividend[0] / divisor[0], dividend[1] / divisor[1], dividend[2] / divisor[2], dividend[3] / divisor[3],
        dividend[4] / divisor[4], dividend[5] / divisor[5], dividend[6] / divisor[6], dividend[7] / divisor[7]);

    /// <summary>Elements [index, index + 8) of an operand (a scalar is broadcast).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(Operand<double> operand, int index) =>
        operand.IsScalar ? Vector512.Create(operand.Value) : Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(operand.Span), (nuint)index);

    /// <summary>Elements [index, index + 8) of an operand (a scalar is broadcast).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Load(Operand<long> operand, int index) =>
        operand.IsScalar ? Vector512.Create(operand.Value) : Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(operand.Span), (nuint)index);

    /// <summary>Elements [index, index + 8) of an operand, widened to long lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Load(Operand<int> operand, int index) =>
        operand.IsScalar ? Vector512.Create((long)operand.Value) : Vector512.WidenLower(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(operand.Span), (nuint)index).ToVector512());

    /// <summary>Elements [index, index + 8) of an operand as a lane mask.</summary>
    public static Vector512<long> Load(Operand<bool> operand, int index)
    {
        if (operand.IsScalar)
        {
            return operand.Value ? All : None;
        }

        Span<long> lanes = stackalloc long[Count];
        for (int lane = 0; lane < Count; lane++)
        {
            lanes[lane] = operand.Span[index + lane] ? -1 : 0;
        }

        return Vector512.Create((ReadOnlySpan<long>)lanes);
    }

    /// <summary>The last <c>span length - index</c> (fewer than 8) elements, the other lanes zero.</summary>
    public static Vector512<double> LoadTail(Operand<double> operand, int index) =>
        operand.IsScalar ? Vector512.Create(operand.Value) : Vector512.Create((ReadOnlySpan<double>)Pad(operand.Span[index..], stackalloc double[Count]));

    /// <summary>The last (fewer than 8) elements, the other lanes zero.</summary>
    public static Vector512<long> LoadTail(Operand<long> operand, int index) =>
        operand.IsScalar ? Vector512.Create(operand.Value) : Vector512.Create((ReadOnlySpan<long>)Pad(operand.Span[index..], stackalloc long[Count]));

    /// <summary>The last (fewer than 8) elements, widened, the other lanes zero.</summary>
    public static Vector512<long> LoadTail(Operand<int> operand, int index)
    {
        if (operand.IsScalar)
        {
            return Vector512.Create((long)operand.Value);
        }

        Span<long> lanes = stackalloc long[Count];
        for (int lane = 0; lane < operand.Span.Length - index; lane++)
        {
            lanes[lane] = operand.Span[index + lane];
        }

        return Vector512.Create((ReadOnlySpan<long>)lanes);
    }

    /// <summary>The last (fewer than 8) elements as a mask, the other lanes false.</summary>
    public static Vector512<long> LoadTail(Operand<bool> operand, int index)
    {
        if (operand.IsScalar)
        {
            return operand.Value ? All : None;
        }

        Span<long> lanes = stackalloc long[Count];
        for (int lane = 0; lane < operand.Span.Length - index; lane++)
        {
            lanes[lane] = operand.Span[index + lane] ? -1 : 0;
        }

        return Vector512.Create((ReadOnlySpan<long>)lanes);
    }

    private static Span<T> Pad<T>(ReadOnlySpan<T> tail, Span<T> lanes)
    {
        lanes.Clear();
        tail.CopyTo(lanes);
        return lanes;
    }

    /// <summary>Stores 8 lanes at <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, Span<double> destination, int index) =>
        value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)index);

    /// <summary>Stores 8 lanes at <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<long> value, Span<long> destination, int index) =>
        value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)index);

    /// <summary>Stores 8 lanes, narrowed to int, at <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<long> value, Span<int> destination, int index)
    {
        for (int lane = 0; lane < Count; lane++)
        {
            destination[index + lane] = (int)value[lane];
        }
    }

    /// <summary>Stores 8 mask lanes as booleans at <paramref name="index"/>.</summary>
    public static void Store(Vector512<long> mask, Span<bool> destination, int index)
    {
        for (int lane = 0; lane < Count; lane++)
        {
            destination[index + lane] = mask[lane] != 0;
        }
    }

    /// <summary>Stores the first <c>destination length - index</c> (fewer than 8) lanes.</summary>
    public static void StoreTail(Vector512<double> value, Span<double> destination, int index)
    {
        for (int lane = 0; index + lane < destination.Length; lane++)
        {
            destination[index + lane] = value[lane];
        }
    }

    /// <summary>Stores the first (fewer than 8) lanes.</summary>
    public static void StoreTail(Vector512<long> value, Span<long> destination, int index)
    {
        for (int lane = 0; index + lane < destination.Length; lane++)
        {
            destination[index + lane] = value[lane];
        }
    }

    /// <summary>Stores the first (fewer than 8) lanes, narrowed to int.</summary>
    public static void StoreTail(Vector512<long> value, Span<int> destination, int index)
    {
        for (int lane = 0; index + lane < destination.Length; lane++)
        {
            destination[index + lane] = (int)value[lane];
        }
    }

    /// <summary>Stores the first (fewer than 8) mask lanes as booleans.</summary>
    public static void StoreTail(Vector512<long> mask, Span<bool> destination, int index)
    {
        for (int lane = 0; index + lane < destination.Length; lane++)
        {
            destination[index + lane] = mask[lane] != 0;
        }
    }

    /// <summary>The sum of the lanes, in a fixed order.</summary>
    public static double HorizontalSum(Vector512<double> value) => Vector512.Sum(value);

    /// <summary>The sum of the lanes.</summary>
    public static long HorizontalSum(Vector512<long> value) => Vector512.Sum(value);

    /// <summary>The product of the lanes, lane 0 first.</summary>
    public static double HorizontalProduct(Vector512<double> value)
    {
        double product = value[0];
        for (int lane = 1; lane < Count; lane++)
        {
            product *= value[lane];
        }

        return product;
    }

    /// <summary>The product of the lanes (wrapping like unchecked C#).</summary>
    public static long HorizontalProduct(Vector512<long> value)
    {
        long product = value[0];
        for (int lane = 1; lane < Count; lane++)
        {
            product = unchecked(product * value[lane]);
        }

        return product;
    }

    /// <summary>The least lane (NaN if any lane is NaN, like <see cref="Math.Min(double, double)"/>).</summary>
    public static double HorizontalMin(Vector512<double> value)
    {
        double least = value[0];
        for (int lane = 1; lane < Count; lane++)
        {
            least = Math.Min(least, value[lane]);
        }

        return least;
    }

    /// <summary>The least lane.</summary>
    public static long HorizontalMin(Vector512<long> value)
    {
        long least = value[0];
        for (int lane = 1; lane < Count; lane++)
        {
            least = Math.Min(least, value[lane]);
        }

        return least;
    }

    /// <summary>The greatest lane (NaN if any lane is NaN, like <see cref="Math.Max(double, double)"/>).</summary>
    public static double HorizontalMax(Vector512<double> value)
    {
        double greatest = value[0];
        for (int lane = 1; lane < Count; lane++)
        {
            greatest = Math.Max(greatest, value[lane]);
        }

        return greatest;
    }

    /// <summary>The greatest lane.</summary>
    public static long HorizontalMax(Vector512<long> value)
    {
        long greatest = value[0];
        for (int lane = 1; lane < Count; lane++)
        {
            greatest = Math.Max(greatest, value[lane]);
        }

        return greatest;
    }
}
