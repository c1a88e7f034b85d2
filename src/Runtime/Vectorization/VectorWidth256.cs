using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SlowSeries.Vectorization;

/// <summary>256-bit lanes (AVX2: four of each type); see <see cref="IVectorWidth{TSelf, TDouble, TLong}"/>.</summary>
// Called by the code the source generator emits, not by hand: hidden from completion lists.
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public readonly struct VectorWidth256 : IVectorWidth<VectorWidth256, Vector256<double>, Vector256<long>>
{
    // Integers below 2^51 in magnitude convert between long and double lanes exactly through 1.5 × 2^52's bits.
    private const long ExactLimit = 1L << 51;
    private const double RoundingShifter = 6755399441055744.0;

    /// <inheritdoc/>
    public static int Count => Vector256<long>.Count;

    /// <inheritdoc/>
    public static Vector256<long> All => Vector256<long>.AllBitsSet;

    /// <inheritdoc/>
    public static Vector256<long> None => Vector256<long>.Zero;

    /// <inheritdoc/>
    public static Vector256<long> Indices => Vector256<long>.Indices;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Create(double value) => Vector256.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> Create(long value) => Vector256.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector256<long> mask) => mask != Vector256<long>.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> Add(Vector256<long> a, Vector256<long> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Subtract(Vector256<double> a, Vector256<double> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> Subtract(Vector256<long> a, Vector256<long> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> Multiply(Vector256<long> a, Vector256<long> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> MultiplyLow32(Vector256<long> a, Vector256<long> b) =>
        Avx2.IsSupported ? Avx2.Multiply(a.AsUInt32(), b.AsUInt32()).AsInt64() : (a & Vector256.Create(0xFFFF_FFFFL)) * (b & Vector256.Create(0xFFFF_FFFFL));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Divide(Vector256<double> a, Vector256<double> b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Negate(Vector256<double> a) => -a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> Negate(Vector256<long> a) => -a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> And(Vector256<long> a, Vector256<long> b) => a & b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> Or(Vector256<long> a, Vector256<long> b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> Xor(Vector256<long> a, Vector256<long> b) => a ^ b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> Not(Vector256<long> a) => ~a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> AsInt64(Vector256<double> a) => a.AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> AsDouble(Vector256<long> a) => a.AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> Equal(Vector256<double> a, Vector256<double> b) => Vector256.Equals(a, b).AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> Equal(Vector256<long> a, Vector256<long> b) => Vector256.Equals(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> LessThan(Vector256<double> a, Vector256<double> b) => Vector256.LessThan(a, b).AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> LessThan(Vector256<long> a, Vector256<long> b) => Vector256.LessThan(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> LessThanOrEqual(Vector256<double> a, Vector256<double> b) => Vector256.LessThanOrEqual(a, b).AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> LessThanOrEqual(Vector256<long> a, Vector256<long> b) => Vector256.LessThanOrEqual(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> GreaterThan(Vector256<double> a, Vector256<double> b) => Vector256.GreaterThan(a, b).AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> GreaterThan(Vector256<long> a, Vector256<long> b) => Vector256.GreaterThan(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> GreaterThanOrEqual(Vector256<double> a, Vector256<double> b) => Vector256.GreaterThanOrEqual(a, b).AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> GreaterThanOrEqual(Vector256<long> a, Vector256<long> b) => Vector256.GreaterThanOrEqual(a, b);

    /// <remarks>
    /// Masks are whole lanes (all ones or all zeros, as comparisons give), so x64 selects by each lane's top bit in one
    /// blend where .NET's bitwise select (which allows any mask) takes three instructions.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Select(Vector256<long> mask, Vector256<double> whenTrue, Vector256<double> whenFalse) =>
        Avx.IsSupported ? Avx.BlendVariable(whenFalse, whenTrue, mask.AsDouble()) : Vector256.ConditionalSelect(mask.AsDouble(), whenTrue, whenFalse);

    /// <remarks>Whole-lane masks: one blend on x64 (see the double overload).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> Select(Vector256<long> mask, Vector256<long> whenTrue, Vector256<long> whenFalse) =>
        Avx.IsSupported ? Avx.BlendVariable(whenFalse.AsDouble(), whenTrue.AsDouble(), mask.AsDouble()).AsInt64() : Vector256.ConditionalSelect(mask, whenTrue, whenFalse);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> ShiftLeft(Vector256<long> a, int count) => Vector256.ShiftLeft(a, count);

    /// <remarks>
    /// x64 has a 64-bit arithmetic shift only from AVX-512 on, and .NET's fallback is several times slower than a logical
    /// shift with copies of the sign (one compare) shifted in from the left.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> ShiftRightArithmetic(Vector256<long> a, int count)
    {
        if (Avx512F.VL.IsSupported || count == 0)
        {
            return Vector256.ShiftRightArithmetic(a, count);
        }

        var sign = Vector256.GreaterThan(Vector256<long>.Zero, a);
        return count >= 63 ? sign : Vector256.ShiftRightLogical(a, count) | Vector256.ShiftLeft(sign, 64 - count);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> ShiftRightLogical(Vector256<long> a, int count) => Vector256.ShiftRightLogical(a, count);

    /// <remarks>
    /// Without AVX-512DQ there is no int64 → double lane instruction: the exact sum of two parts
    /// (<see cref="Int64ToDoubleParts"/>), rounded once. It replaced a conversion exact below 2^51 with a branch to .NET's
    /// lane-by-lane one above.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ToDouble(Vector256<long> a)
    {
        if (Avx512DQ.VL.IsSupported)
        {
            return Vector256.ConvertToDouble(a);
        }

        var low = (a & Vector256.Create(Int64ToDoubleParts.LowMask)) | Vector256.Create(Int64ToDoubleParts.LowBase);
        var high = Vector256.ShiftRightLogical(a, 32) ^ Vector256.Create(Int64ToDoubleParts.HighBase);
        return (high.AsDouble() - Vector256.Create(Int64ToDoubleParts.Offsets).AsDouble()) + low.AsDouble();
    }

    /// <remarks>
    /// Without AVX-512DQ there is no double → int64 lane instruction (.NET converts lane by lane, 12x slower
    /// here): truncated lanes below 2^51 in magnitude convert exactly through the bits of t + 1.5 × 2^52, others (and NaN)
    /// by .NET's saturating conversion.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> ToInt64(Vector256<double> a)
    {
        var truncated = Vector256.Truncate(a);
        if (Avx512DQ.VL.IsSupported || !Vector256.LessThanAll(Vector256.Abs(truncated), Vector256.Create((double)ExactLimit)))
        {
            return Vector256.ConvertToInt64(a);
        }

        var shifter = Vector256.Create(RoundingShifter);
        return (truncated + shifter).AsInt64() - shifter.AsInt64();
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sqrt(Vector256<double> a) => Vector256.Sqrt(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Floor(Vector256<double> a) => Vector256.Floor(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Ceiling(Vector256<double> a) => Vector256.Ceiling(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Truncate(Vector256<double> a) => Vector256.Truncate(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Round(Vector256<double> a) => Vector256.Round(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Abs(Vector256<double> a) => Vector256.Abs(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> Abs(Vector256<long> a) => Vector256.Abs(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Min(Vector256<double> a, Vector256<double> b) => Vector256.Min(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> Min(Vector256<long> a, Vector256<long> b) => Vector256.Min(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Max(Vector256<double> a, Vector256<double> b) => Vector256.Max(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> Max(Vector256<long> a, Vector256<long> b) => Vector256.Max(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> FusedMultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> a) => VectorMath.Exp<VectorWidth256, Vector256<double>, Vector256<long>>(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> a) => VectorMath.Log<VectorWidth256, Vector256<double>, Vector256<long>>(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log2(Vector256<double> a) => VectorMath.Log2<VectorWidth256, Vector256<double>, Vector256<long>>(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long GetElement(Vector256<long> a, int index) => a.GetElement(index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GetElement(Vector256<double> a, int index) => a.GetElement(index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> WithElement(Vector256<long> a, int index, long value) => a.WithElement(index, value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LoadUnsafe(ref readonly double source) => Vector256.LoadUnsafe(in source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> LoadUnsafe(ref readonly long source) => Vector256.LoadUnsafe(in source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector256<double> Gather(double[] table, Vector256<long> index)
    {
        ref double first = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(table);
        if (Avx2.IsSupported)
        {
            return Avx2.GatherVector256((double*)Unsafe.AsPointer(ref first), index, 8);
        }

        return Vector256.Create(VectorWidth128.Gather(table, index.GetLower()), VectorWidth128.Gather(table, index.GetUpper()));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LookUp16(double[] table, Vector256<long> index) => Gather(table, index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LookUp32(double[] table, Vector256<long> index) => Gather(table, index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> LoadWidened(ref readonly int source) => Vector256.WidenLower(Vector128.LoadUnsafe(in source).ToVector256());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(Vector256<double> value, ref double destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(Vector256<long> value, ref long destination) => value.StoreUnsafe(ref destination);
}
