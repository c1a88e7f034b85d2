using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SlowSeries.Arrays;

namespace SlowSeries.Kernels;

/// <summary>
/// Contiguous operands addressed as their array's data plus a byte offset fixed for the call plus the loop's element
/// index, rather than the array's data plus (offset + index) elements.
/// </summary>
/// <remarks>
/// With the offset added to the index, each operand's address is rebuilt for every vector: a 32-bit add, a sign
/// extension and a shift per operand, and two more instructions for its prefetch (seven per operand and vector). With a
/// byte offset the JIT forms data + offset once per iteration and shares the scaled index among the operands: a
/// hand-written 2-thread dot product of 1e7 float64 in this shape read 1.9–2.05 ms against 2.2–2.3 in the other (AVX-512,
/// the same process and minutes; a copy of the same bytes 2.0–2.3): on 2 vCPUs the instructions, not only the memory,
/// bound a loop that streams.
/// </remarks>
internal static partial class FusedKernel
{
    private static readonly MethodInfo PrefetchAtMethod = typeof(Execution.CachePrefetch).GetMethod(nameof(Execution.CachePrefetch.AheadAt), BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>
    /// Whether the loop addresses an operand of this element type by byte offset: all but complex128, whose loads split
    /// parts, and bool, whose lanes are wider than its elements.
    /// </summary>
    private static bool AddressedByBytes(Type element) => element != typeof(System.Numerics.Complex) && element != typeof(bool);

    /// <summary>A local holding operand <paramref name="k"/>'s offset in bytes, set in the prologue from its element offset.</summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static ParameterExpression ByteOffset(int k, DType element, ParameterExpression elementOffset, List<ParameterExpression> locals, List<Expression> prologue)
    {
        var bytes = Expression.Variable(typeof(long), "bytes" + k);
        locals.Add(bytes);
        prologue.Add(Expression.Assign(bytes, Expression.Multiply(Expression.Convert(elementOffset, typeof(long)), Expression.Constant((long)element.ItemSize()))));
        return bytes;
    }

    /// <summary>The vector at element <paramref name="index"/> past <paramref name="byteOffset"/> bytes into the array's data, without a bounds check (see <see cref="LoadUnchecked512{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> LoadAt512<T>(T[] array, long byteOffset, int index) =>
        Vector512.LoadUnsafe(ref At(array, byteOffset), (nuint)index);

    /// <summary>A 256-bit <see cref="LoadAt512{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> LoadAt256<T>(T[] array, long byteOffset, int index) =>
        Vector256.LoadUnsafe(ref At(array, byteOffset), (nuint)index);

    /// <summary>A 128-bit <see cref="LoadAt512{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> LoadAt128<T>(T[] array, long byteOffset, int index) =>
        Vector128.LoadUnsafe(ref At(array, byteOffset), (nuint)index);

    /// <summary>A 64-bit <see cref="LoadAt512{T}"/> into the low half of a 128-bit vector (see <see cref="LoadUnchecked64{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> LoadAt64<T>(T[] array, long byteOffset, int index)
        where T : struct =>
        Vector128.CreateScalar(Unsafe.ReadUnaligned<long>(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref At(array, byteOffset), (nint)index)))).As<long, T>();

    /// <summary>A vector store at element <paramref name="index"/> past <paramref name="byteOffset"/> bytes, without a bounds check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreAt512<T>(Vector512<T> value, T[] array, long byteOffset, int index) =>
        value.StoreUnsafe(ref At(array, byteOffset), (nuint)index);

    /// <summary>A 256-bit <see cref="StoreAt512{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreAt256<T>(Vector256<T> value, T[] array, long byteOffset, int index) =>
        value.StoreUnsafe(ref At(array, byteOffset), (nuint)index);

    /// <summary>A 128-bit <see cref="StoreAt512{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreAt128<T>(Vector128<T> value, T[] array, long byteOffset, int index) =>
        value.StoreUnsafe(ref At(array, byteOffset), (nuint)index);

    /// <summary>A non-temporal <see cref="StoreAt512{T}"/> (the conditions of <see cref="StoreStreaming512{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreStreamingAt512<T>(Vector512<T> value, T[] array, long byteOffset, int index)
        where T : unmanaged =>
        Avx512F.StoreAlignedNonTemporal((byte*)Unsafe.AsPointer(ref Unsafe.Add(ref At(array, byteOffset), (nint)index)), value.AsByte());

    /// <summary>A 256-bit <see cref="StoreStreamingAt512{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreStreamingAt256<T>(Vector256<T> value, T[] array, long byteOffset, int index)
        where T : unmanaged =>
        Avx.StoreAlignedNonTemporal((byte*)Unsafe.AsPointer(ref Unsafe.Add(ref At(array, byteOffset), (nint)index)), value.AsByte());

    /// <summary>A 128-bit <see cref="StoreStreamingAt512{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreStreamingAt128<T>(Vector128<T> value, T[] array, long byteOffset, int index)
        where T : unmanaged =>
        Sse2.StoreAlignedNonTemporal((byte*)Unsafe.AsPointer(ref Unsafe.Add(ref At(array, byteOffset), (nint)index)), value.AsByte());

    /// <summary>The element <paramref name="byteOffset"/> bytes into the array's data (the caller keeps it inside).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref T At<T>(T[] array, long byteOffset) =>
        ref Unsafe.As<byte, T>(ref Unsafe.AddByteOffset(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(array)), (nint)byteOffset));
}
