using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SlowSeries.Vectorization;

/// <summary>512-bit lanes (AVX-512: eight of each type); see <see cref="IVectorWidth{TSelf, TDouble, TLong}"/>.</summary>
// Called by the code the source generator emits, not by hand: hidden from completion lists.
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public readonly struct VectorWidth512 : IVectorWidth<VectorWidth512, Vector512<double>, Vector512<long>>
{
    /// <inheritdoc/>
    public static int Count => Vector512<long>.Count;

    /// <inheritdoc/>
    public static Vector512<long> All => Vector512<long>.AllBitsSet;

    /// <inheritdoc/>
    public static Vector512<long> None => Vector512<long>.Zero;

    /// <inheritdoc/>
    public static Vector512<long> Indices => Vector512<long>.Indices;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Create(double value) => Vector512.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Create(long value) => Vector512.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector512<long> mask) => mask != Vector512<long>.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Add(Vector512<long> a, Vector512<long> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Subtract(Vector512<double> a, Vector512<double> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Subtract(Vector512<long> a, Vector512<long> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Multiply(Vector512<long> a, Vector512<long> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> MultiplyLow32(Vector512<long> a, Vector512<long> b) =>
        Avx512F.IsSupported ? Avx512F.Multiply(a.AsUInt32(), b.AsUInt32()).AsInt64() : (a & Vector512.Create(0xFFFF_FFFFL)) * (b & Vector512.Create(0xFFFF_FFFFL));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Divide(Vector512<double> a, Vector512<double> b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Negate(Vector512<double> a) => -a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Negate(Vector512<long> a) => -a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> And(Vector512<long> a, Vector512<long> b) => a & b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Or(Vector512<long> a, Vector512<long> b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Xor(Vector512<long> a, Vector512<long> b) => a ^ b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Not(Vector512<long> a) => ~a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> AsInt64(Vector512<double> a) => a.AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> AsDouble(Vector512<long> a) => a.AsDouble();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Equal(Vector512<double> a, Vector512<double> b) => Vector512.Equals(a, b).AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Equal(Vector512<long> a, Vector512<long> b) => Vector512.Equals(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> LessThan(Vector512<double> a, Vector512<double> b) => Vector512.LessThan(a, b).AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> LessThan(Vector512<long> a, Vector512<long> b) => Vector512.LessThan(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> LessThanOrEqual(Vector512<double> a, Vector512<double> b) => Vector512.LessThanOrEqual(a, b).AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> LessThanOrEqual(Vector512<long> a, Vector512<long> b) => Vector512.LessThanOrEqual(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> GreaterThan(Vector512<double> a, Vector512<double> b) => Vector512.GreaterThan(a, b).AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> GreaterThan(Vector512<long> a, Vector512<long> b) => Vector512.GreaterThan(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> GreaterThanOrEqual(Vector512<double> a, Vector512<double> b) => Vector512.GreaterThanOrEqual(a, b).AsInt64();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> GreaterThanOrEqual(Vector512<long> a, Vector512<long> b) => Vector512.GreaterThanOrEqual(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Select(Vector512<long> mask, Vector512<double> whenTrue, Vector512<double> whenFalse) =>
        Vector512.ConditionalSelect(mask.AsDouble(), whenTrue, whenFalse);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Select(Vector512<long> mask, Vector512<long> whenTrue, Vector512<long> whenFalse) =>
        Vector512.ConditionalSelect(mask, whenTrue, whenFalse);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> ShiftLeft(Vector512<long> a, int count) => Vector512.ShiftLeft(a, count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> ShiftRightArithmetic(Vector512<long> a, int count) => Vector512.ShiftRightArithmetic(a, count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> ShiftRightLogical(Vector512<long> a, int count) => Vector512.ShiftRightLogical(a, count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ToDouble(Vector512<long> a) => Vector512.ConvertToDouble(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> ToInt64(Vector512<double> a) => Vector512.ConvertToInt64(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sqrt(Vector512<double> a) => Vector512.Sqrt(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Floor(Vector512<double> a) => Vector512.Floor(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Ceiling(Vector512<double> a) => Vector512.Ceiling(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Truncate(Vector512<double> a) => Vector512.Truncate(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Round(Vector512<double> a) => Vector512.Round(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Abs(Vector512<double> a) => Vector512.Abs(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Abs(Vector512<long> a) => Vector512.Abs(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Min(Vector512<double> a, Vector512<double> b) => Vector512.Min(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Min(Vector512<long> a, Vector512<long> b) => Vector512.Min(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Max(Vector512<double> a, Vector512<double> b) => Vector512.Max(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Max(Vector512<long> a, Vector512<long> b) => Vector512.Max(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> FusedMultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> a) => VectorMath.Exp<VectorWidth512, Vector512<double>, Vector512<long>>(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> a) => VectorMath.Log<VectorWidth512, Vector512<double>, Vector512<long>>(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log2(Vector512<double> a) => VectorMath.Log2<VectorWidth512, Vector512<double>, Vector512<long>>(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long GetElement(Vector512<long> a, int index) => a.GetElement(index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GetElement(Vector512<double> a, int index) => a.GetElement(index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> WithElement(Vector512<long> a, int index, long value) => a.WithElement(index, value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LoadUnsafe(ref readonly double source) => Vector512.LoadUnsafe(in source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> LoadUnsafe(ref readonly long source) => Vector512.LoadUnsafe(in source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Gather(double[] table, Vector512<long> index) =>
        Vector512.Create(VectorWidth256.Gather(table, index.GetLower()), VectorWidth256.Gather(table, index.GetUpper())); // .NET 10 has no 512-bit gather

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LookUp16(double[] table, Vector512<long> index)
    {
        if (!Avx512F.IsSupported)
        {
            return Gather(table, index); // Vector512 in software (AVX-512 switched off)
        }

        ref double first = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(table);
        return Avx512F.PermuteVar8x64x2(Vector512.LoadUnsafe(in first), index, Vector512.LoadUnsafe(in Unsafe.Add(ref first, 8)));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LookUp32(double[] table, Vector512<long> index)
    {
        if (!Avx512F.IsSupported)
        {
            return Gather(table, index); // Vector512 in software (AVX-512 switched off)
        }

        // Each permute reads the index's low four bits; bit 4 chooses between the two halves of the table.
        ref double first = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(table);
        var low = Avx512F.PermuteVar8x64x2(Vector512.LoadUnsafe(in first), index, Vector512.LoadUnsafe(in Unsafe.Add(ref first, 8)));
        var high = Avx512F.PermuteVar8x64x2(Vector512.LoadUnsafe(in Unsafe.Add(ref first, 16)), index, Vector512.LoadUnsafe(in Unsafe.Add(ref first, 24)));
        return Vector512.ConditionalSelect(Vector512.Equals(index & Vector512.Create(16L), Vector512.Create(16L)).AsDouble(), high, low);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> LoadWidened(ref readonly int source) => Vector512.WidenLower(Vector256.LoadUnsafe(in source).ToVector512());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(Vector512<double> value, ref double destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(Vector512<long> value, ref long destination) => value.StoreUnsafe(ref destination);
}
