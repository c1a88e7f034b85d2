using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    /// <summary>
    /// C#'s integer division by a constant divisor (not zero, |divisor| &lt; 2^51), multiplying by
    /// <paramref name="reciprocalRoundedUp"/> (1/|divisor| rounded toward +∞) instead of dividing.
    /// </summary>
    /// <remarks>
    /// With the reciprocal rounded up, |dividend| × reciprocal is never below the true quotient (so exact quotients stay
    /// exact) and exceeds it by less than |dividend|/|divisor| × 2^-51, less than the 1/|divisor| gap to the next
    /// integer while |dividend| &lt; 2^51: truncation gives C#'s quotient.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> DivideByConstant(Vector512<long> dividend, long divisor, double reciprocalRoundedUp)
    {
        if (Vector512.GreaterThanOrEqualAny(Vector512.Abs(dividend).AsUInt64(), Vector512.Create(ExactDivisionLimit).AsUInt64()))
        {
            return DivideLaneByLane(dividend, Vector512.Create(divisor));
        }

        var quotient = Vector512.ConvertToInt64Native(Vector512.ConvertToDouble(dividend) * reciprocalRoundedUp);
        return divisor < 0 ? -quotient : quotient;
    }

    /// <summary>C#'s integer remainder by a constant divisor (see <see cref="DivideByConstant"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> RemainderByConstant(Vector512<long> dividend, long divisor, double reciprocalRoundedUp) =>
        dividend - (DivideByConstant(dividend, divisor, reciprocalRoundedUp) * Vector512.Create(divisor));

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

    private static Vector512<long> DivideLaneByLane(Vector512<long> dividend, Vector512<long> divisor)
    {
        Span<long> lanes = stackalloc long[Count];
        for (int lane = 0; lane < Count; lane++)
        {
            lanes[lane] = dividend[lane] / divisor[lane];
        }

        return Vector512.Create((ReadOnlySpan<long>)lanes);
    }

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
