using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SlowSeries.Vectorization;

/// <summary>128-bit lanes (SSE on x64, NEON on ARM64: two of each type); see <see cref="IVectorWidth{TSelf, TDouble, TLong}"/>.</summary>
// Called by the code the source generator emits, not by hand: hidden from completion lists.
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public readonly struct VectorWidth128 : IVectorWidth<VectorWidth128, Vector128<double>, Vector128<long>>
{
    // Integers below 2^51 in magnitude convert between long and double lanes exactly through 1.5 × 2^52's bits.
    private const long ExactLimit = 1L << 51;
    private const double RoundingShifter = 6755399441055744.0;

    /// <inheritdoc/>
    public static int Count => Vector128<long>.Count;

    /// <inheritdoc/>
    public static Vector128<long> All => Vector128<long>.AllBitsSet;

    /// <inheritdoc/>
    public static Vector128<long> None => Vector128<long>.Zero;

    /// <inheritdoc/>
    public static Vector128<long> Indices => Vector128<long>.Indices;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Create(double value) => Vector128.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> Create(long value) => Vector128.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector128<long> mask) => mask != Vector128<long>.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Add(Vector128<double> a, Vector128<double> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> Add(Vector128<long> a, Vector128<long> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Subtract(Vector128<double> a, Vector128<double> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> Subtract(Vector128<long> a, Vector128<long> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Multiply(Vector128<double> a, Vector128<double> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> Multiply(Vector128<long> a, Vector128<long> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> MultiplyLow32(Vector128<long> a, Vector128<long> b)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.Multiply(a.AsUInt32(), b.AsUInt32()).AsInt64();
        }

        if (AdvSimd.IsSupported)
        {
            // umull of the lanes' low halves, narrowed first (xtn).
            return AdvSimd.MultiplyWideningLower(AdvSimd.ExtractNarrowingLower(a.AsUInt64()), AdvSimd.ExtractNarrowingLower(b.AsUInt64())).AsInt64();
        }

        return (a & Vector128.Create(0xFFFF_FFFFL)) * (b & Vector128.Create(0xFFFF_FFFFL));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Divide(Vector128<double> a, Vector128<double> b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Negate(Vector128<double> a) => -a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> Negate(Vector128<long> a) => -a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> And(Vector128<long> a, Vector128<long> b) => a & b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> Or(Vector128<long> a, Vector128<long> b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> Xor(Vector128<long> a, Vector128<long> b) => a ^ b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> Not(Vector128<long> a) => ~a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> AsInt64(Vector128<double> a) => a.AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> AsDouble(Vector128<long> a) => a.AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> Equal(Vector128<double> a, Vector128<double> b) => Vector128.Equals(a, b).AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> Equal(Vector128<long> a, Vector128<long> b) => Vector128.Equals(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> LessThan(Vector128<double> a, Vector128<double> b) => Vector128.LessThan(a, b).AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> LessThan(Vector128<long> a, Vector128<long> b) => Vector128.LessThan(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> LessThanOrEqual(Vector128<double> a, Vector128<double> b) => Vector128.LessThanOrEqual(a, b).AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> LessThanOrEqual(Vector128<long> a, Vector128<long> b) => Vector128.LessThanOrEqual(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> GreaterThan(Vector128<double> a, Vector128<double> b) => Vector128.GreaterThan(a, b).AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> GreaterThan(Vector128<long> a, Vector128<long> b) => Vector128.GreaterThan(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> GreaterThanOrEqual(Vector128<double> a, Vector128<double> b) => Vector128.GreaterThanOrEqual(a, b).AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> GreaterThanOrEqual(Vector128<long> a, Vector128<long> b) => Vector128.GreaterThanOrEqual(a, b);

    /// <remarks>
    /// Masks are whole lanes (all ones or all zeros, as comparisons give), so x64 selects by each lane's top bit in one
    /// blend where .NET's bitwise select (which allows any mask) takes three instructions.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Select(Vector128<long> mask, Vector128<double> whenTrue, Vector128<double> whenFalse) =>
        Sse41.IsSupported ? Sse41.BlendVariable(whenFalse, whenTrue, mask.AsDouble()) : Vector128.ConditionalSelect(mask.AsDouble(), whenTrue, whenFalse);

    /// <remarks>Whole-lane masks: one blend on x64 (see the double overload).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> Select(Vector128<long> mask, Vector128<long> whenTrue, Vector128<long> whenFalse) =>
        Sse41.IsSupported ? Sse41.BlendVariable(whenFalse.AsDouble(), whenTrue.AsDouble(), mask.AsDouble()).AsInt64() : Vector128.ConditionalSelect(mask, whenTrue, whenFalse);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> ShiftLeft(Vector128<long> a, int count) => Vector128.ShiftLeft(a, count);

    /// <remarks>
    /// x64 has a 64-bit arithmetic shift only from AVX-512 on, and .NET's fallback is several times slower than a logical
    /// shift with copies of the sign (one compare) shifted in from the left.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> ShiftRightArithmetic(Vector128<long> a, int count)
    {
        if (Avx512F.VL.IsSupported || AdvSimd.IsSupported || count == 0)
        {
            return Vector128.ShiftRightArithmetic(a, count);
        }

        var sign = Vector128.GreaterThan(Vector128<long>.Zero, a);
        return count >= 63 ? sign : Vector128.ShiftRightLogical(a, count) | Vector128.ShiftLeft(sign, 64 - count);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> ShiftRightLogical(Vector128<long> a, int count) => Vector128.ShiftRightLogical(a, count);

    /// <remarks>
    /// Without AVX-512DQ or ARM64 there is no int64 → double lane instruction: the exact sum of two parts
    /// (<see cref="Int64ToDoubleParts"/>), rounded once. It replaced a conversion exact below 2^51 with a branch to .NET's
    /// lane-by-lane one above.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ToDouble(Vector128<long> a)
    {
        if (Avx512DQ.VL.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            return Vector128.ConvertToDouble(a);
        }

        var low = (a & Vector128.Create(Int64ToDoubleParts.LowMask)) | Vector128.Create(Int64ToDoubleParts.LowBase);
        var high = Vector128.ShiftRightLogical(a, 32) ^ Vector128.Create(Int64ToDoubleParts.HighBase);
        return (high.AsDouble() - Vector128.Create(Int64ToDoubleParts.Offsets).AsDouble()) + low.AsDouble();
    }

    /// <remarks>
    /// Without AVX-512DQ or ARM64 there is no double → int64 lane instruction (.NET converts lane by lane, 12x slower
    /// here): truncated lanes below 2^51 in magnitude convert exactly through the bits of t + 1.5 × 2^52, others (and NaN)
    /// by .NET's saturating conversion.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> ToInt64(Vector128<double> a)
    {
        var truncated = Vector128.Truncate(a);
        if (Avx512DQ.VL.IsSupported || AdvSimd.Arm64.IsSupported || !Vector128.LessThanAll(Vector128.Abs(truncated), Vector128.Create((double)ExactLimit)))
        {
            return Vector128.ConvertToInt64(a);
        }

        var shifter = Vector128.Create(RoundingShifter);
        return (truncated + shifter).AsInt64() - shifter.AsInt64();
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Sqrt(Vector128<double> a) => Vector128.Sqrt(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Floor(Vector128<double> a) => Vector128.Floor(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Ceiling(Vector128<double> a) => Vector128.Ceiling(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Truncate(Vector128<double> a) => Vector128.Truncate(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Round(Vector128<double> a) => Vector128.Round(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Abs(Vector128<double> a) => Vector128.Abs(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> Abs(Vector128<long> a) => Vector128.Abs(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Min(Vector128<double> a, Vector128<double> b) => Vector128.Min(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> Min(Vector128<long> a, Vector128<long> b) => Vector128.Min(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Max(Vector128<double> a, Vector128<double> b) => Vector128.Max(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> Max(Vector128<long> a, Vector128<long> b) => Vector128.Max(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> FusedMultiplyAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c) => Vector128.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Exp(Vector128<double> a) => VectorMath.Exp<VectorWidth128, Vector128<double>, Vector128<long>>(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Log(Vector128<double> a) => VectorMath.Log<VectorWidth128, Vector128<double>, Vector128<long>>(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Log2(Vector128<double> a) => VectorMath.Log2<VectorWidth128, Vector128<double>, Vector128<long>>(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long GetElement(Vector128<long> a, int index) => a.GetElement(index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GetElement(Vector128<double> a, int index) => a.GetElement(index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> WithElement(Vector128<long> a, int index, long value) => a.WithElement(index, value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LoadUnsafe(ref readonly double source) => Vector128.LoadUnsafe(in source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> LoadUnsafe(ref readonly long source) => Vector128.LoadUnsafe(in source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector128<double> Gather(double[] table, Vector128<long> index)
    {
        ref double first = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(table);
        if (Avx2.IsSupported)
        {
            return Avx2.GatherVector128((double*)Unsafe.AsPointer(ref first), index, 8);
        }

        return Vector128.Create(Unsafe.Add(ref first, (nint)index.GetElement(0)), Unsafe.Add(ref first, (nint)index.GetElement(1)));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LookUp16(double[] table, Vector128<long> index) => Gather(table, index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LookUp32(double[] table, Vector128<long> index) => Gather(table, index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> LoadWidened(ref readonly int source) => Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<long>(ref Unsafe.As<int, byte>(ref Unsafe.AsRef(in source)))).AsInt32());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(Vector128<double> value, ref double destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(Vector128<long> value, ref long destination) => value.StoreUnsafe(ref destination);
}
