using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SlowSeries.Execution;

/// <summary>
/// Every other element of an array (a view such as <c>a[::2]</c>, or the real or imaginary parts of complex numbers)
/// gathered by whole vectors: two loads, each vector's even lanes shuffled into one half, the halves joined. A scalar
/// loop over every other element ran at 15-22 ms for 1e7 float64 on two threads here, whole vectors at 12 — the loads
/// of whole cache lines keep more of them in flight. Bits are moved, never computed on. The shuffles' indices are
/// written in the calls: as constants the JIT emits one permute; from a local it may emulate the shuffle. The fused
/// loop reads such inputs where they are with the same loads (<see cref="Load512"/>), without a copy.
/// </summary>
internal static class StridedGather
{
    /// <summary>
    /// Copies source[offset + 2k] to target[k] for a prefix of <paramref name="target"/> by whole vectors, never reading
    /// past the source's end; returns how many elements it copied (the caller copies the rest).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int EveryOther(ReadOnlySpan<double> source, int offset, Span<double> target)
    {
        // The last vector pair reads up to source[offset + 2(k + lanes) - 1].
        int available = (source.Length - offset) / 2;
        int limit = Math.Min(target.Length, available);
        ref double from = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), offset);
        ref double to = ref MemoryMarshal.GetReference(target);
        int k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; k + Vector512<double>.Count <= limit; k += Vector512<double>.Count)
            {
                Load512(ref Unsafe.Add(ref from, 2 * k)).StoreUnsafe(ref to, (nuint)k);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; k + Vector256<double>.Count <= limit; k += Vector256<double>.Count)
            {
                Load256(ref Unsafe.Add(ref from, 2 * k)).StoreUnsafe(ref to, (nuint)k);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; k + Vector128<double>.Count <= limit; k += Vector128<double>.Count)
            {
                Load128(ref Unsafe.Add(ref from, 2 * k)).StoreUnsafe(ref to, (nuint)k);
            }
        }

        return k;
    }

    /// <summary>
    /// first[0], first[2], …, first[14] as one 512-bit vector: its two 256-bit halves (<see cref="Load256"/>) joined. Two
    /// 512-bit loads and one two-source permute took 1.5x as long on this Zen 4 machine (a loop of s*2 + 1 over 1e7
    /// elements of s = a[::2], 2 threads: 5.1–5.9 ms against 3.3–3.7 with four 256-bit loads).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load512(ref double first) =>
        Load256(ref first).ToVector512Unsafe().WithUpper(Load256(ref Unsafe.Add(ref first, Vector512<double>.Count)));

    /// <summary>
    /// first[1], first[3], …, first[15] as one 512-bit vector (the imaginary parts of eight complex numbers), as
    /// <see cref="Load512"/> reads the even places; nothing past first[15] is read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LoadOdd512(ref double first) =>
        LoadOdd256(ref first).ToVector512Unsafe().WithUpper(LoadOdd256(ref Unsafe.Add(ref first, Vector512<double>.Count)));

    /// <summary>first[0], first[2], first[4], first[6] as one 256-bit vector (see <see cref="Load512"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load256(ref double first) =>
        Vector256.ConditionalSelect(
            Vector256.Create(-1L, -1, 0, 0).AsDouble(),
            Vector256.Shuffle(Vector256.LoadUnsafe(ref first), Vector256.Create(0L, 2, 0, 2)),
            Vector256.Shuffle(Vector256.LoadUnsafe(ref first, (nuint)Vector256<double>.Count), Vector256.Create(0L, 2, 0, 2)));

    /// <summary>first[0], first[2] as one 128-bit vector (see <see cref="Load512"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Load128(ref double first) =>
        Vector128.ConditionalSelect(
            Vector128.Create(-1L, 0).AsDouble(),
            Vector128.Shuffle(Vector128.LoadUnsafe(ref first), Vector128.Create(0L, 0)),
            Vector128.Shuffle(Vector128.LoadUnsafe(ref first, (nuint)Vector128<double>.Count), Vector128.Create(0L, 0)));

    /// <summary>first[1], first[3], first[5], first[7] as one 256-bit vector (see <see cref="LoadOdd512"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LoadOdd256(ref double first) =>
        Vector256.ConditionalSelect(
            Vector256.Create(-1L, -1, 0, 0).AsDouble(),
            Vector256.Shuffle(Vector256.LoadUnsafe(ref first), Vector256.Create(1L, 3, 1, 3)),
            Vector256.Shuffle(Vector256.LoadUnsafe(ref first, (nuint)Vector256<double>.Count), Vector256.Create(1L, 3, 1, 3)));

    /// <summary>first[1], first[3] as one 128-bit vector (see <see cref="LoadOdd512"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LoadOdd128(ref double first) =>
        Vector128.ConditionalSelect(
            Vector128.Create(-1L, 0).AsDouble(),
            Vector128.Shuffle(Vector128.LoadUnsafe(ref first), Vector128.Create(1L, 1)),
            Vector128.Shuffle(Vector128.LoadUnsafe(ref first, (nuint)Vector128<double>.Count), Vector128.Create(1L, 1)));
}
