using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SlowSeries.Kernels;

/// <summary>
/// Element-wise +, −, ×, ÷, maximum, minimum and x·y + z (the product rounded first) over spans, and the maximum and
/// minimum of a span, for the block interpreter and the axis
/// reductions, compiled fully optimised on first use. TensorPrimitives computes the same bits, but its generic loops are
/// instantiated for our element types in our process and start at tier 0 there, every block restarting the unoptimised
/// loop, until the process has stopped compiling new code for a while: `z.real * w.imag` (1e6 complex, 2 threads) took
/// 1.6 ms through TensorPrimitives.Multiply and `sum(m, axis=0)` folded its rows with TensorPrimitives.Add.
/// </summary>
internal static class SpanArithmetic
{
    public static void Add<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, INumber<T> => Binary<Sum<T>, T>(x, y, destination);

    public static void Subtract<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, INumber<T> => Binary<Difference<T>, T>(x, y, destination);

    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, INumber<T> => Binary<Product<T>, T>(x, y, destination);

    /// <summary>x / y; floating-point only (integer division has NumPy's floor rules elsewhere).</summary>
    public static void Divide<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => Binary<Quotient<T>, T>(x, y, destination);

    /// <summary>The larger of each pair as <see cref="Math.Max(double, double)"/> decides it: NaN if either is, +0 above −0.</summary>
    public static void Maximum<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, INumber<T> => Binary<Larger<T>, T>(x, y, destination);

    /// <summary>The smaller of each pair as <see cref="Math.Min(double, double)"/> decides it: NaN if either is, −0 below +0.</summary>
    public static void Minimum<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, INumber<T> => Binary<Smaller<T>, T>(x, y, destination);

    /// <summary>The largest element (NaN if any is); <paramref name="values"/> must not be empty.</summary>
    public static T MaximumOf<T>(ReadOnlySpan<T> values)
        where T : unmanaged, INumber<T> => Fold<Larger<T>, T>(values);

    /// <summary>The smallest element (NaN if any is); <paramref name="values"/> must not be empty.</summary>
    public static T MinimumOf<T>(ReadOnlySpan<T> values)
        where T : unmanaged, INumber<T> => Fold<Smaller<T>, T>(values);

    /// <summary>
    /// The largest element of each row of <paramref name="length"/> (at least 1) elements, the rows starting
    /// <paramref name="rowStride"/> elements apart (the first at 0), one to each element of <paramref name="output"/>: the
    /// bits <see cref="MaximumOf{T}"/> gives for the row alone.
    /// </summary>
    public static void MaximaOfRows<T>(ReadOnlySpan<T> values, int length, long rowStride, Span<T> output)
        where T : unmanaged, INumber<T> => FoldEachRow<Larger<T>, T>(values, length, rowStride, output);

    /// <summary>The smallest element of each row, as <see cref="MinimumOf{T}"/> gives it (see <see cref="MaximaOfRows{T}"/>).</summary>
    public static void MinimaOfRows<T>(ReadOnlySpan<T> values, int length, long rowStride, Span<T> output)
        where T : unmanaged, INumber<T> => FoldEachRow<Smaller<T>, T>(values, length, rowStride, output);

    /// <summary>
    /// The rows of <paramref name="rows"/> (each as long as <paramref name="accumulator"/>) added into it one after the
    /// other: the bits of one <see cref="Add{T}"/> per row, computed a vector of columns at a time through all the rows,
    /// since rows of a hundred elements are too short for a call per row to pay (<c>sum(m, axis=0)</c>) — unless
    /// <paramref name="fromMemory"/>: rows read in place from a caller's array, of a few cache lines each, are then folded
    /// row after row, reading memory in order.
    /// </summary>
    public static void AddRows<T>(ReadOnlySpan<T> rows, Span<T> accumulator, bool fromMemory = false)
        where T : unmanaged, INumber<T> => FoldRows<Sum<T>, T>(rows, accumulator, fromMemory);

    /// <summary>The rows multiplied into the accumulator one after the other (see <see cref="AddRows{T}"/>).</summary>
    public static void MultiplyRows<T>(ReadOnlySpan<T> rows, Span<T> accumulator, bool fromMemory = false)
        where T : unmanaged, INumber<T> => FoldRows<Product<T>, T>(rows, accumulator, fromMemory);

    /// <summary>x·y + z with the product rounded before the sum (not a fused multiply-add): the bits of the two steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAdd<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> z, Span<T> destination)
        where T : unmanaged, INumber<T>
    {
        int length = CheckLengths(x.Length, y.Length, destination.Length);
        CheckLengths(z.Length, length, length);
        ref T first = ref MemoryMarshal.GetReference(x);
        ref T second = ref MemoryMarshal.GetReference(y);
        ref T third = ref MemoryMarshal.GetReference(z);
        ref T result = ref MemoryMarshal.GetReference(destination);
        int k = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; k <= length - Vector<T>.Count; k += Vector<T>.Count)
            {
                var product = Vector.LoadUnsafe(ref first, (nuint)k) * Vector.LoadUnsafe(ref second, (nuint)k);
                (product + Vector.LoadUnsafe(ref third, (nuint)k)).StoreUnsafe(ref result, (nuint)k);
            }
        }

        for (; k < length; k++)
        {
            Unsafe.Add(ref result, k) = (Unsafe.Add(ref first, k) * Unsafe.Add(ref second, k)) + Unsafe.Add(ref third, k);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Binary<TOperator, T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where TOperator : IElementOperator<T>
        where T : unmanaged, INumber<T>
    {
        int length = CheckLengths(x.Length, y.Length, destination.Length);
        ref T first = ref MemoryMarshal.GetReference(x);
        ref T second = ref MemoryMarshal.GetReference(y);
        ref T result = ref MemoryMarshal.GetReference(destination);
        int k = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; k <= length - Vector<T>.Count; k += Vector<T>.Count)
            {
                TOperator.Apply(Vector.LoadUnsafe(ref first, (nuint)k), Vector.LoadUnsafe(ref second, (nuint)k)).StoreUnsafe(ref result, (nuint)k);
            }
        }

        for (; k < length; k++)
        {
            Unsafe.Add(ref result, k) = TOperator.Apply(Unsafe.Add(ref first, k), Unsafe.Add(ref second, k));
        }
    }

    /// <summary>
    /// The operator over every element: whole vectors lane by lane, in four interleaved accumulators while four vectors
    /// remain, then the lanes and the tail in order. Only for operators whose result does not depend on the order
    /// (max and min: the larger or smaller value, +0 over −0 either way, a NaN if any).
    /// </summary>
    /// <remarks>
    /// Four accumulators because the operator is a chain of compares and selects (about ten cycles a step): with one,
    /// the fold waited on it (`max(a - b)` on 1e7 ran at 3.7x a copy's time, `sum(a*b)` at 1.5x).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Fold<TOperator, T>(ReadOnlySpan<T> values)
        where TOperator : IElementOperator<T>
        where T : unmanaged, INumber<T>
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("no values to reduce");
        }

        ref T first = ref MemoryMarshal.GetReference(values);
        T result = values[0];
        int k = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && values.Length >= Vector<T>.Count)
        {
            var lanes = Vector.LoadUnsafe(ref first);
            k = Vector<T>.Count;
            if (values.Length >= 4 * Vector<T>.Count)
            {
                var (second, third, fourth) = (Vector.LoadUnsafe(ref first, (nuint)k), Vector.LoadUnsafe(ref first, (nuint)(2 * k)), Vector.LoadUnsafe(ref first, (nuint)(3 * k)));
                for (k = 4 * Vector<T>.Count; k <= values.Length - (4 * Vector<T>.Count); k += 4 * Vector<T>.Count)
                {
                    lanes = TOperator.Apply(lanes, Vector.LoadUnsafe(ref first, (nuint)k));
                    second = TOperator.Apply(second, Vector.LoadUnsafe(ref first, (nuint)(k + Vector<T>.Count)));
                    third = TOperator.Apply(third, Vector.LoadUnsafe(ref first, (nuint)(k + (2 * Vector<T>.Count))));
                    fourth = TOperator.Apply(fourth, Vector.LoadUnsafe(ref first, (nuint)(k + (3 * Vector<T>.Count))));
                }

                lanes = TOperator.Apply(TOperator.Apply(lanes, second), TOperator.Apply(third, fourth));
            }

            for (; k <= values.Length - Vector<T>.Count; k += Vector<T>.Count)
            {
                lanes = TOperator.Apply(lanes, Vector.LoadUnsafe(ref first, (nuint)k));
            }

            result = lanes[0];
            for (int lane = 1; lane < Vector<T>.Count; lane++)
            {
                result = TOperator.Apply(result, lanes[lane]);
            }
        }
        else
        {
            k = 1;
        }

        for (; k < values.Length; k++)
        {
            result = TOperator.Apply(result, Unsafe.Add(ref first, k));
        }

        return result;
    }

    /// <summary>
    /// <see cref="Fold{TOperator, T}"/> of each row; rows shorter than two vectors, which it folds element after element
    /// in index order, are folded so here without a call per row (`max(p, axis=1)` over (3.3e6, 3): 10 → 2.8–3.5 ms on 2
    /// threads, AVX-512).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FoldEachRow<TOperator, T>(ReadOnlySpan<T> values, int length, long rowStride, Span<T> output)
        where TOperator : IElementOperator<T>
        where T : unmanaged, INumber<T>
    {
        if (output.IsEmpty)
        {
            return;
        }

        _ = values[checked((int)(((output.Length - 1) * rowStride) + length - 1))];
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && length >= 2 * Vector<T>.Count)
        {
            for (int r = 0; r < output.Length; r++)
            {
                output[r] = Fold<TOperator, T>(values.Slice((int)(r * rowStride), length));
            }

            return;
        }

        ref T first = ref MemoryMarshal.GetReference(values);
        for (int r = 0; r < output.Length; r++)
        {
            ref T row = ref Unsafe.Add(ref first, (nint)(r * rowStride));
            T result = row;
            for (int k = 1; k < length; k++)
            {
                result = TOperator.Apply(result, Unsafe.Add(ref row, k));
            }

            output[r] = result;
        }
    }

    private const int RowByRowMinimumWidth = 32;

    private const int RowByRowMaximumWidth = 512;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FoldRows<TOperator, T>(ReadOnlySpan<T> rows, Span<T> accumulator, bool fromMemory)
        where TOperator : IElementOperator<T>
        where T : unmanaged, INumber<T>
    {
        int width = accumulator.Length;
        if (width == 0 || rows.Length % width != 0)
        {
            throw new ArgumentException($"{rows.Length} elements are not whole rows of {width}");
        }

        int count = rows.Length / width;
        if (fromMemory && width is >= RowByRowMinimumWidth and <= RowByRowMaximumWidth)
        {
            // Rows of a few cache lines streaming from memory: one row after the other, each a whole-row vector
            // operation, reads them in memory order, where walking them column group by column group came back to each
            // row once per group (sum(m, axis=0) of (1e5, 100), one thread: 4.2-6.5 → 2.4-2.9 ms; of (2.5e5, 40): 5.0 →
            // 4.5). Narrower rows keep the column groups (10 columns: 4.4 against 6.6 ms), as do wider ones (1,000
            // columns: no gain) and blocks just computed, in the L1 cache, where the groups' four independent chains
            // win (sum(m*2, axis=0): 3.0-3.2 against 3.6-4.0). Each column still accumulates in row order: the same bits.
            for (int start = 0; start < rows.Length; start += width)
            {
                Binary<TOperator, T>(accumulator, rows.Slice(start, width), accumulator);
            }

            return;
        }

        ref T source = ref MemoryMarshal.GetReference(rows);
        ref T target = ref MemoryMarshal.GetReference(accumulator);
        int column = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            // Four vectors of columns at once: each row's operation waits on the one before in its column, and four
            // independent chains keep the CPU busy meanwhile. (Maximum and minimum, whose compares and selects make a
            // chain of about ten cycles, ran slower this way than a span call per row: sum(m, axis=0)'s max 8.3 ms
            // against 4.8, so they stay on those calls.)
            int lanesPerVector = Vector<T>.Count;
            for (; column <= width - (4 * lanesPerVector); column += 4 * lanesPerVector)
            {
                var first = Vector.LoadUnsafe(ref target, (nuint)column);
                var second = Vector.LoadUnsafe(ref target, (nuint)(column + lanesPerVector));
                var third = Vector.LoadUnsafe(ref target, (nuint)(column + (2 * lanesPerVector)));
                var fourth = Vector.LoadUnsafe(ref target, (nuint)(column + (3 * lanesPerVector)));
                for (int row = 0; row < count; row++)
                {
                    nuint at = (nuint)((row * width) + column);
                    first = TOperator.Apply(first, Vector.LoadUnsafe(ref source, at));
                    second = TOperator.Apply(second, Vector.LoadUnsafe(ref source, at + (nuint)lanesPerVector));
                    third = TOperator.Apply(third, Vector.LoadUnsafe(ref source, at + (nuint)(2 * lanesPerVector)));
                    fourth = TOperator.Apply(fourth, Vector.LoadUnsafe(ref source, at + (nuint)(3 * lanesPerVector)));
                }

                first.StoreUnsafe(ref target, (nuint)column);
                second.StoreUnsafe(ref target, (nuint)(column + lanesPerVector));
                third.StoreUnsafe(ref target, (nuint)(column + (2 * lanesPerVector)));
                fourth.StoreUnsafe(ref target, (nuint)(column + (3 * lanesPerVector)));
            }

            for (; column <= width - lanesPerVector; column += lanesPerVector)
            {
                var lanes = Vector.LoadUnsafe(ref target, (nuint)column);
                for (int row = 0; row < count; row++)
                {
                    lanes = TOperator.Apply(lanes, Vector.LoadUnsafe(ref source, (nuint)((row * width) + column)));
                }

                lanes.StoreUnsafe(ref target, (nuint)column);
            }
        }

        for (; column < width; column++)
        {
            T value = Unsafe.Add(ref target, column);
            for (int row = 0; row < count; row++)
            {
                value = TOperator.Apply(value, Unsafe.Add(ref source, (row * width) + column));
            }

            Unsafe.Add(ref target, column) = value;
        }
    }

    /// <summary>The loops read and write without bounds checks: operands must all be as long as the destination.</summary>
    private static int CheckLengths(int x, int y, int destination) =>
        x == destination && y == destination ? destination : throw new ArgumentException($"operand lengths {x} and {y} differ from the destination's {destination}");

    private interface IElementOperator<T>
        where T : unmanaged, INumber<T>
    {
        static abstract T Apply(T x, T y);

        static abstract Vector<T> Apply(Vector<T> x, Vector<T> y);
    }

    private readonly struct Sum<T> : IElementOperator<T>
        where T : unmanaged, INumber<T>
    {
        public static T Apply(T x, T y) => x + y;

        public static Vector<T> Apply(Vector<T> x, Vector<T> y) => x + y;
    }

    private readonly struct Difference<T> : IElementOperator<T>
        where T : unmanaged, INumber<T>
    {
        public static T Apply(T x, T y) => x - y;

        public static Vector<T> Apply(Vector<T> x, Vector<T> y) => x - y;
    }

    private readonly struct Product<T> : IElementOperator<T>
        where T : unmanaged, INumber<T>
    {
        public static T Apply(T x, T y) => x * y;

        public static Vector<T> Apply(Vector<T> x, Vector<T> y) => x * y;
    }

    private readonly struct Quotient<T> : IElementOperator<T>
        where T : unmanaged, INumber<T>
    {
        public static T Apply(T x, T y) => x / y;

        public static Vector<T> Apply(Vector<T> x, Vector<T> y) => x / y;
    }

    /// <summary>
    /// Math.Max's rule on whole vectors: NaN if either is (the first one if both are), +0 over −0. .NET 9 gave
    /// Vector.Max that rule (before, a plain vector maximum returned the second operand); it replaced two compares of
    /// each kind and four selects here: a 1e7-element fold 0.54 → 0.23 ns an element with 256-bit vectors, 1.03 → 0.78
    /// with 128 (the same bits, NaN payloads included, checked against Math.Max at every width).
    /// </summary>
    private readonly struct Larger<T> : IElementOperator<T>
        where T : unmanaged, INumber<T>
    {
        public static T Apply(T x, T y) => T.Max(x, y);

        public static Vector<T> Apply(Vector<T> x, Vector<T> y) => Vector.Max(x, y);
    }

    /// <summary>Math.Min's rule on whole vectors (see <see cref="Larger{T}"/>: NaN first, −0 under +0).</summary>
    private readonly struct Smaller<T> : IElementOperator<T>
        where T : unmanaged, INumber<T>
    {
        public static T Apply(T x, T y) => T.Min(x, y);

        public static Vector<T> Apply(Vector<T> x, Vector<T> y) => Vector.Min(x, y);
    }
}
