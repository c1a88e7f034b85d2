using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SlowSeries.Language.Operators;

namespace SlowSeries.Execution;

/// <summary>
/// Sums and products of a span in an order that does not depend on the vector width: <see cref="PartialBytes"/> of
/// partial results (32 doubles, 64 floats), element i going to partial i mod their count, each partial accumulated in
/// index order, then combined as a tree of halves (partial j with j + count/2, and so on down to one). Four 512-bit
/// registers hold the partials at once, eight 256-bit or sixteen 128-bit registers hold them side by side, and without
/// SIMD they are scalars: the same operations on the same values in the same order, so the same bits on an AVX-512
/// server, an AVX2 laptop, an ARM64 machine and without SIMD. (TensorPrimitives' Sum and Product group the elements by
/// the hardware's width.)
/// </summary>
internal static class FixedLayoutReduction
{
    /// <summary>
    /// Bytes of partial results. Each partial is a chain of dependent adds (3-4 cycles each): with 64 bytes, one 512-bit
    /// register, folding a block of 1,024 doubles waited 512 cycles on its one chain (7.5% of `sum(a*b)`'s time, 1 thread,
    /// AVX-512); four registers' worth run four chains side by side (sixteen registers at 128 bits).
    /// </summary>
    public const int PartialBytes = 256;

    /// <summary>
    /// The most elements reduced without the partials' registers (<see cref="FewElements{T, TOperator}"/>). Rows of 20
    /// doubles combined in scalars through a buffer took 3x as long as through the padded group's vectors.
    /// </summary>
    private const int MostElementsWrittenOut = 4;

    /// <summary>The sum of <paramref name="values"/> in the fixed layout (−0 for none, the identity that keeps every sign).</summary>
    /// <param name="values">The elements.</param>
    /// <param name="fromMemory">
    /// Whether the elements are an input read in place, streaming from memory, rather than a block just computed: the
    /// loop then prefetches ahead of itself (on a block in the L1 cache, that only cost time: sum(a*b) 4.0-4.7 → 4.6-5.0 ms).
    /// </param>
    public static T Sum<T>(ReadOnlySpan<T> values, bool fromMemory = false)
        where T : unmanaged, INumber<T> => Reduce<T, Addition<T>>(values, fromMemory);

    /// <summary>The product of <paramref name="values"/> in the fixed layout (1 for none; see <see cref="Sum{T}"/>).</summary>
    public static T Product<T>(ReadOnlySpan<T> values, bool fromMemory = false)
        where T : unmanaged, INumber<T> => Reduce<T, Multiplication<T>>(values, fromMemory);

    /// <summary>
    /// The sum of complex128 <paramref name="values"/> in the fixed layout: their parts as the even and odd doubles of the
    /// span, 16 partials of each part, the tree stopped one level short of mixing them (−0 − 0i for none).
    /// </summary>
    public static Complex ComplexSum(ReadOnlySpan<Complex> values, bool fromMemory = false)
    {
        var lastLevel = ReduceToLastLevel<double, Addition<double>>(MemoryMarshal.Cast<Complex, double>(values), fromMemory);
        return new Complex(lastLevel.GetElement(0), lastLevel.GetElement(1));
    }

    /// <summary>
    /// The product of complex128 <paramref name="values"/> in the fixed layout of 256 bytes: 16 complex partials, element
    /// i into partial i mod 16 in index order, then the tree of halves (1 for none). Scalar code at every width (the same
    /// bits everywhere); sixteen independent products keep the multipliers busy where one chain waits on each product
    /// (element by element through the reference's scalars, `prod(z)` on 1e6 took 15.5 ms against NumExpr's 2.1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Complex ComplexProduct(ReadOnlySpan<Complex> values)
    {
        const int Lanes = PartialBytes / 16;
        Span<Complex> partials = stackalloc Complex[Lanes];
        partials.Fill(Complex.One);
        int whole = values.Length - (values.Length % Lanes);
        for (int i = 0; i < whole; i += Lanes)
        {
            var group = values.Slice(i, Lanes);
            for (int lane = 0; lane < Lanes; lane++)
            {
                partials[lane] *= group[lane];
            }
        }

        for (int i = whole, lane = 0; i < values.Length; i++, lane++)
        {
            partials[lane] *= values[i];
        }

        for (int width = Lanes / 2; width >= 1; width /= 2)
        {
            for (int lane = 0; lane < width; lane++)
            {
                partials[lane] *= partials[lane + width];
            }
        }

        return partials[0];
    }

    /// <summary>
    /// The sums of rows of <paramref name="length"/> elements starting <paramref name="rowStride"/> elements apart in
    /// <paramref name="values"/> (the first at 0), one to each element of <paramref name="output"/>: each the bits
    /// <see cref="Sum{T}"/> gives for its row alone.
    /// </summary>
    public static void SumRows<T>(ReadOnlySpan<T> values, int length, long rowStride, Span<T> output, bool fromMemory = false)
        where T : unmanaged, INumber<T> => ReduceRows<T, Addition<T>>(values, length, rowStride, output, fromMemory);

    /// <summary>The products of rows, each the bits <see cref="Product{T}"/> gives for its row alone (see <see cref="SumRows{T}"/>).</summary>
    public static void ProductRows<T>(ReadOnlySpan<T> values, int length, long rowStride, Span<T> output, bool fromMemory = false)
        where T : unmanaged, INumber<T> => ReduceRows<T, Multiplication<T>>(values, length, rowStride, output, fromMemory);

    // Rows of 2-4 elements (points, pixels, quaternions) written out: a call per row of three, through the padded group,
    // took 27 ns a row (`sum(p, axis=1)` over (3.3e6, 3): 43 ms on 2 threads, AVX-512, against NumExpr's 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReduceRows<T, TOperator>(ReadOnlySpan<T> values, int length, long rowStride, Span<T> output, bool fromMemory)
        where T : unmanaged, INumber<T>
        where TOperator : struct, IOperator<T>
    {
        if (output.IsEmpty)
        {
            return;
        }

        _ = values[checked((int)(((output.Length - 1) * rowStride) + length - 1))];
        ref T v = ref MemoryMarshal.GetReference(values);
        nint stride = (nint)rowStride;
        switch (length)
        {
            // One loop per length, each with the row's tree written out for the JIT.
            case 1:
                for (int r = 0; r < output.Length; r++)
                {
                    output[r] = Unsafe.Add(ref v, r * stride);
                }

                return;
            case 2:
                for (int r = 0; r < output.Length; r++)
                {
                    output[r] = FewElements<T, TOperator>(ref Unsafe.Add(ref v, r * stride), 2);
                }

                return;
            case 3:
                for (int r = 0; r < output.Length; r++)
                {
                    output[r] = FewElements<T, TOperator>(ref Unsafe.Add(ref v, r * stride), 3);
                }

                return;
            case 4:
                for (int r = 0; r < output.Length; r++)
                {
                    output[r] = FewElements<T, TOperator>(ref Unsafe.Add(ref v, r * stride), 4);
                }

                return;
        }

        for (int r = 0; r < output.Length; r++)
        {
            output[r] = Reduce<T, TOperator>(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref v, r * stride), length), fromMemory);
        }
    }

    private static T Reduce<T, TOperator>(ReadOnlySpan<T> values, bool fromMemory)
        where T : unmanaged, INumber<T>
        where TOperator : struct, IOperator<T>
    {
        if (values.Length > MostElementsWrittenOut)
        {
            return Combine<T, TOperator>(ReduceToLastLevel<T, TOperator>(values, fromMemory));
        }

        return values.IsEmpty ? TOperator.Identity : FewElements<T, TOperator>(ref MemoryMarshal.GetReference(values), values.Length);
    }

    /// <summary>
    /// One to <see cref="MostElementsWrittenOut"/> elements reduced as the layout does: element j is partial j and the others hold
    /// the identity, which leaves a value's bits as they are, so the tree of halves starts at the first level whose halves
    /// both hold elements: (v0 ∘ v2) ∘ (v1 ∘ v3).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T FewElements<T, TOperator>(ref T first, int length)
        where T : unmanaged, INumber<T>
        where TOperator : struct, IScalarOperator<T> => length switch
        {
            1 => first,
            2 => TOperator.Invoke(first, Unsafe.Add(ref first, 1)),
            3 => TOperator.Invoke(TOperator.Invoke(first, Unsafe.Add(ref first, 2)), Unsafe.Add(ref first, 1)),
            _ => TOperator.Invoke(TOperator.Invoke(first, Unsafe.Add(ref first, 2)), TOperator.Invoke(Unsafe.Add(ref first, 1), Unsafe.Add(ref first, 3))),
        };

    /// <summary>The partials combined down to the tree's 16 bytes (2 doubles, 4 floats); <see cref="Combine{T, TOperator}(Vector128{T})"/> finishes it.</summary>
    // Compiled fully optimised at once: a reduction's first evaluations otherwise run tier-0 code (as TensorPrimitives'
    // generic loops, which this replaces, did: they are instantiated for our element types in our process).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector128<T> ReduceToLastLevel<T, TOperator>(ReadOnlySpan<T> values, bool fromMemory)
        where T : unmanaged, INumber<T>
        where TOperator : struct, IOperator<T>
    {
        if (!Vector128.IsHardwareAccelerated || !Vector128<T>.IsSupported)
        {
            return ReduceWithoutSimd<T, TOperator>(values);
        }

        // The last elements, fewer than the partials, padded with the identity (which leaves a partial's bits as they
        // are) to one more group: the partials then stay in registers, combined there in the tree's order. With x64's
        // 256- or 512-bit vectors the group is read by masked loads, the identity in the lanes past the end
        // (MaskedLoads); elsewhere it is copied into a padded buffer.
        int lanes = PartialBytes / Unsafe.SizeOf<T>();
        int whole = values.Length - (values.Length % lanes);
        Span<T> tail = MaskedLoads ? default : stackalloc T[lanes];
        if (!MaskedLoads)
        {
            tail.Fill(TOperator.Identity);
            values[whole..].CopyTo(tail);
        }

        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            return Reduce512<T, TOperator>(values, whole, tail, fromMemory);
        }

        return Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported
            ? Reduce256<T, TOperator>(values, whole, tail, fromMemory)
            : Reduce128<T, TOperator>(values, whole, tail, fromMemory);
    }

    /// <summary>The partials in four 512-bit registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector128<T> Reduce512<T, TOperator>(ReadOnlySpan<T> values, int whole, ReadOnlySpan<T> tail, bool fromMemory)
        where T : unmanaged, INumber<T>
        where TOperator : struct, IOperator<T>
    {
        int lanes = PartialBytes / Unsafe.SizeOf<T>();
        ref T first = ref MemoryMarshal.GetReference(values);
        ref T last = ref MemoryMarshal.GetReference(tail);
        int step = Vector512<T>.Count;
        var a = Vector512.Create(TOperator.Identity);
        var (b, c, d) = (a, a, a);
        for (int i = 0; i <= whole; i += lanes)
        {
            if (i == whole && tail.IsEmpty)
            {
                int left = values.Length - whole;
                ref T rest = ref Unsafe.Add(ref first, whole);
                a = TOperator.Invoke(a, LoadFirst512<T, TOperator>(ref rest, 0, left));
                b = TOperator.Invoke(b, LoadFirst512<T, TOperator>(ref rest, step, left));
                c = TOperator.Invoke(c, LoadFirst512<T, TOperator>(ref rest, 2 * step, left));
                d = TOperator.Invoke(d, LoadFirst512<T, TOperator>(ref rest, 3 * step, left));
                break;
            }

            ref T at = ref i < whole ? ref Unsafe.Add(ref first, i) : ref last;
            if (fromMemory)
            {
                PrefetchGroup(ref at);
            }

            a = TOperator.Invoke(a, Vector512.LoadUnsafe(ref at));
            b = TOperator.Invoke(b, Vector512.LoadUnsafe(ref at, (nuint)step));
            c = TOperator.Invoke(c, Vector512.LoadUnsafe(ref at, (nuint)(2 * step)));
            d = TOperator.Invoke(d, Vector512.LoadUnsafe(ref at, (nuint)(3 * step)));
        }

        var all = TOperator.Invoke(TOperator.Invoke(a, c), TOperator.Invoke(b, d));
        var half = TOperator.Invoke(all.GetLower(), all.GetUpper());
        return TOperator.Invoke(half.GetLower(), half.GetUpper());
    }

    /// <summary>The partials in eight 256-bit registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector128<T> Reduce256<T, TOperator>(ReadOnlySpan<T> values, int whole, ReadOnlySpan<T> tail, bool fromMemory)
        where T : unmanaged, INumber<T>
        where TOperator : struct, IOperator<T>
    {
        int lanes = PartialBytes / Unsafe.SizeOf<T>();
        ref T first = ref MemoryMarshal.GetReference(values);
        ref T last = ref MemoryMarshal.GetReference(tail);
        int step = Vector256<T>.Count;
        var a = Vector256.Create(TOperator.Identity);
        var (b, c, d, e, f, g, h) = (a, a, a, a, a, a, a);
        for (int i = 0; i <= whole; i += lanes)
        {
            if (i == whole && tail.IsEmpty)
            {
                int left = values.Length - whole;
                ref T rest = ref Unsafe.Add(ref first, whole);
                a = TOperator.Invoke(a, LoadFirst256<T, TOperator>(ref rest, 0, left));
                b = TOperator.Invoke(b, LoadFirst256<T, TOperator>(ref rest, step, left));
                c = TOperator.Invoke(c, LoadFirst256<T, TOperator>(ref rest, 2 * step, left));
                d = TOperator.Invoke(d, LoadFirst256<T, TOperator>(ref rest, 3 * step, left));
                e = TOperator.Invoke(e, LoadFirst256<T, TOperator>(ref rest, 4 * step, left));
                f = TOperator.Invoke(f, LoadFirst256<T, TOperator>(ref rest, 5 * step, left));
                g = TOperator.Invoke(g, LoadFirst256<T, TOperator>(ref rest, 6 * step, left));
                h = TOperator.Invoke(h, LoadFirst256<T, TOperator>(ref rest, 7 * step, left));
                break;
            }

            ref T at = ref i < whole ? ref Unsafe.Add(ref first, i) : ref last;
            if (fromMemory)
            {
                PrefetchGroup(ref at);
            }

            a = TOperator.Invoke(a, Vector256.LoadUnsafe(ref at));
            b = TOperator.Invoke(b, Vector256.LoadUnsafe(ref at, (nuint)step));
            c = TOperator.Invoke(c, Vector256.LoadUnsafe(ref at, (nuint)(2 * step)));
            d = TOperator.Invoke(d, Vector256.LoadUnsafe(ref at, (nuint)(3 * step)));
            e = TOperator.Invoke(e, Vector256.LoadUnsafe(ref at, (nuint)(4 * step)));
            f = TOperator.Invoke(f, Vector256.LoadUnsafe(ref at, (nuint)(5 * step)));
            g = TOperator.Invoke(g, Vector256.LoadUnsafe(ref at, (nuint)(6 * step)));
            h = TOperator.Invoke(h, Vector256.LoadUnsafe(ref at, (nuint)(7 * step)));
        }

        var (ae, bf, cg, dh) = (TOperator.Invoke(a, e), TOperator.Invoke(b, f), TOperator.Invoke(c, g), TOperator.Invoke(d, h));
        var all = TOperator.Invoke(TOperator.Invoke(ae, cg), TOperator.Invoke(bf, dh));
        return TOperator.Invoke(all.GetLower(), all.GetUpper());
    }

    /// <summary>The partials in sixteen 128-bit registers: all of x64's XMM registers without AVX-512 (each load folds into its operation), half of ARM64's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector128<T> Reduce128<T, TOperator>(ReadOnlySpan<T> values, int whole, ReadOnlySpan<T> tail, bool fromMemory)
        where T : unmanaged, INumber<T>
        where TOperator : struct, IOperator<T>
    {
        int lanes = PartialBytes / Unsafe.SizeOf<T>();
        ref T first = ref MemoryMarshal.GetReference(values);
        ref T last = ref MemoryMarshal.GetReference(tail);
        int step = Vector128<T>.Count;
        var a = Vector128.Create(TOperator.Identity);
        var (b, c, d, e, f, g, h) = (a, a, a, a, a, a, a);
        var (a2, b2, c2, d2, e2, f2, g2, h2) = (a, a, a, a, a, a, a, a);
        for (int i = 0; i <= whole; i += lanes)
        {
            ref T at = ref i < whole ? ref Unsafe.Add(ref first, i) : ref last;
            if (fromMemory)
            {
                PrefetchGroup(ref at);
            }

            a = TOperator.Invoke(a, Vector128.LoadUnsafe(ref at));
            b = TOperator.Invoke(b, Vector128.LoadUnsafe(ref at, (nuint)step));
            c = TOperator.Invoke(c, Vector128.LoadUnsafe(ref at, (nuint)(2 * step)));
            d = TOperator.Invoke(d, Vector128.LoadUnsafe(ref at, (nuint)(3 * step)));
            e = TOperator.Invoke(e, Vector128.LoadUnsafe(ref at, (nuint)(4 * step)));
            f = TOperator.Invoke(f, Vector128.LoadUnsafe(ref at, (nuint)(5 * step)));
            g = TOperator.Invoke(g, Vector128.LoadUnsafe(ref at, (nuint)(6 * step)));
            h = TOperator.Invoke(h, Vector128.LoadUnsafe(ref at, (nuint)(7 * step)));
            a2 = TOperator.Invoke(a2, Vector128.LoadUnsafe(ref at, (nuint)(8 * step)));
            b2 = TOperator.Invoke(b2, Vector128.LoadUnsafe(ref at, (nuint)(9 * step)));
            c2 = TOperator.Invoke(c2, Vector128.LoadUnsafe(ref at, (nuint)(10 * step)));
            d2 = TOperator.Invoke(d2, Vector128.LoadUnsafe(ref at, (nuint)(11 * step)));
            e2 = TOperator.Invoke(e2, Vector128.LoadUnsafe(ref at, (nuint)(12 * step)));
            f2 = TOperator.Invoke(f2, Vector128.LoadUnsafe(ref at, (nuint)(13 * step)));
            g2 = TOperator.Invoke(g2, Vector128.LoadUnsafe(ref at, (nuint)(14 * step)));
            h2 = TOperator.Invoke(h2, Vector128.LoadUnsafe(ref at, (nuint)(15 * step)));
        }

        var (aa, bb, cc, dd) = (TOperator.Invoke(a, a2), TOperator.Invoke(b, b2), TOperator.Invoke(c, c2), TOperator.Invoke(d, d2));
        var (ee, ff, gg, hh) = (TOperator.Invoke(e, e2), TOperator.Invoke(f, f2), TOperator.Invoke(g, g2), TOperator.Invoke(h, h2));
        var (ac, bd) = (TOperator.Invoke(TOperator.Invoke(aa, ee), TOperator.Invoke(cc, gg)), TOperator.Invoke(TOperator.Invoke(bb, ff), TOperator.Invoke(dd, hh)));
        return TOperator.Invoke(ac, bd);
    }

    /// <summary>The same partials and tree as scalars, one element at a time, down to the tree's last 16 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector128<T> ReduceWithoutSimd<T, TOperator>(ReadOnlySpan<T> values)
        where T : unmanaged, INumber<T>
        where TOperator : struct, IOperator<T>
    {
        int lanes = PartialBytes / Unsafe.SizeOf<T>();
        int whole = values.Length - (values.Length % lanes);
        Span<T> partials = stackalloc T[lanes];
        partials.Fill(TOperator.Identity);
        for (int i = 0; i < whole; i += lanes)
        {
            for (int lane = 0; lane < lanes; lane++)
            {
                partials[lane] = TOperator.Invoke(partials[lane], values[i + lane]);
            }
        }

        for (int i = whole, lane = 0; i < values.Length; i++, lane++)
        {
            partials[lane] = TOperator.Invoke(partials[lane], values[i]);
        }

        for (int width = lanes / 2; width >= Vector128<T>.Count; width /= 2)
        {
            for (int lane = 0; lane < width; lane++)
            {
                partials[lane] = TOperator.Invoke(partials[lane], partials[lane + width]);
            }
        }

        return Vector128.Create<T>(partials[..Vector128<T>.Count]);
    }

    /// <summary>The partials' count for elements of type <typeparamref name="T"/> (one group of the layout).</summary>
    public static int Lanes<T>()
        where T : unmanaged => PartialBytes / Unsafe.SizeOf<T>();

    /// <summary>
    /// The value every partial starts from, which leaves any element's bits as they are: −0 for sums, 1 for products, −∞
    /// (the type's least integer) for maxima and +∞ (its greatest) for minima, whose result does not depend on the order.
    /// </summary>
    public static T Identity<T>(Operation reduction)
        where T : unmanaged, INumber<T>, IMinMaxValue<T> => reduction switch
        {
            Operation.Sum => Addition<T>.Identity,
            Operation.Prod => Multiplication<T>.Identity,
            Operation.Max => typeof(T) == typeof(double) ? T.CreateTruncating(double.NegativeInfinity) : typeof(T) == typeof(float) ? T.CreateTruncating(float.NegativeInfinity) : T.MinValue,
            Operation.Min => typeof(T) == typeof(double) ? T.CreateTruncating(double.PositiveInfinity) : typeof(T) == typeof(float) ? T.CreateTruncating(float.PositiveInfinity) : T.MaxValue,
            _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "not a reduction"),
        };

    /// <summary>
    /// The result of a block whose whole groups were accumulated elsewhere (the fused loop keeps the partials in vector
    /// registers): <paramref name="tail"/>, the block's last elements (fewer than the partials), is folded into partials 0,
    /// 1, … as the identity-padded group, then the partials are combined as the tree of halves — the bits <see cref="Sum{T}"/>
    /// and <see cref="Product{T}"/> give for the whole block.
    /// </summary>
    public static T Finish<T>(Operation reduction, Span<T> partials, ReadOnlySpan<T> tail)
        where T : unmanaged, INumber<T>, IMinMaxValue<T> => reduction switch
        {
            Operation.Sum => Finish<T, Addition<T>>(partials, tail),
            Operation.Prod => Finish<T, Multiplication<T>>(partials, tail),
            Operation.Max => Finish<T, Maximum<T>>(partials, tail),
            _ => Finish<T, Minimum<T>>(partials, tail),
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Finish<T, TOperator>(Span<T> partials, ReadOnlySpan<T> tail)
        where T : unmanaged, INumber<T>
        where TOperator : struct, IScalarOperator<T>
    {
        for (int lane = 0; lane < tail.Length; lane++)
        {
            partials[lane] = TOperator.Invoke(partials[lane], tail[lane]);
        }

        for (int width = partials.Length / 2; width >= 1; width /= 2)
        {
            for (int lane = 0; lane < width; lane++)
            {
                partials[lane] = TOperator.Invoke(partials[lane], partials[lane + width]);
            }
        }

        return partials[0];
    }

    /// <summary>The tree's last levels, within 16 bytes: its halves, then their halves, down to one lane.</summary>
    private static T Combine<T, TOperator>(Vector128<T> partials)
        where T : unmanaged, INumber<T>
        where TOperator : struct, IOperator<T> => Vector128<T>.Count == 2
            ? TOperator.Invoke(partials.GetElement(0), partials.GetElement(1))
            : TOperator.Invoke(TOperator.Invoke(partials.GetElement(0), partials.GetElement(2)), TOperator.Invoke(partials.GetElement(1), partials.GetElement(3)));

    /// <summary>
    /// Whether the last group is read by masked loads (AVX's vmaskmovpd and the like at 256 bits, AVX-512's masked moves
    /// at 512), which never touch the lanes they leave out, rather than through a padded buffer (the identity stored, the
    /// elements copied over it, then loaded as vectors: loads that wait for the stores they straddle). Rows of 20 to 100
    /// doubles in the L1 cache, one call each: 13–32 → 7–12 ns a row at AVX-512, 19–20 → 10–12 at AVX2; at 128 bits
    /// sixteen masked loads and blends cost more than the buffer (12.5–19 → 30–33 ns), so it keeps the buffer.
    /// </summary>
    private static bool MaskedLoads => Vector256.IsHardwareAccelerated && Avx.IsSupported;

    /// <summary>
    /// The elements at [offset, offset + lanes) of the group at <paramref name="group"/> that lie before
    /// <paramref name="count"/>, and the identity in the lanes from there: nothing at or past count is read (no reference
    /// to it is formed either).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<T> LoadFirst512<T, TOperator>(ref T group, int offset, int count)
        where T : unmanaged, INumber<T>
        where TOperator : struct, IOperator<T>
    {
        var identity = Vector512.Create(TOperator.Identity);
        int present = count - offset;
        if (present <= 0)
        {
            return identity;
        }

        fixed (T* at = &Unsafe.Add(ref group, offset))
        {
            return Unsafe.SizeOf<T>() == 8
                ? Avx512F.MaskLoad((long*)at, Vector512.LessThan(Vector512<long>.Indices, Vector512.Create((long)present)), identity.AsInt64()).As<long, T>()
                : Avx512F.MaskLoad((int*)at, Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(present)), identity.AsInt32()).As<int, T>();
        }
    }

    /// <summary>A 256-bit <see cref="LoadFirst512{T, TOperator}"/> (AVX's masked load zeroes the lanes left out; the identity is blended in).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<T> LoadFirst256<T, TOperator>(ref T group, int offset, int count)
        where T : unmanaged, INumber<T>
        where TOperator : struct, IOperator<T>
    {
        var identity = Vector256.Create(TOperator.Identity);
        int present = count - offset;
        if (present <= 0)
        {
            return identity;
        }

        fixed (T* at = &Unsafe.Add(ref group, offset))
        {
            if (Unsafe.SizeOf<T>() == 8)
            {
                var mask = Vector256.LessThan(Vector256<long>.Indices, Vector256.Create((long)present)).AsDouble();
                return Vector256.ConditionalSelect(mask, Avx.MaskLoad((double*)at, mask), identity.AsDouble()).As<double, T>();
            }

            var halves = Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(present)).AsSingle();
            return Vector256.ConditionalSelect(halves, Avx.MaskLoad((float*)at, halves), identity.AsSingle()).As<float, T>();
        }
    }

    /// <summary>Prefetches the four cache lines of the group of elements starting at <paramref name="element"/>, ahead.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchGroup<T>(ref T element)
        where T : unmanaged
    {
        ref byte line = ref Unsafe.As<T, byte>(ref element);
        for (int offset = 0; offset < PartialBytes; offset += 64)
        {
            CachePrefetch.AheadOf(ref Unsafe.Add(ref line, offset));
        }
    }

    /// <summary>An operator on elements: all that folding leftover elements and the tree of partials needs (<see cref="Finish{T}"/>).</summary>
    private interface IScalarOperator<T>
        where T : unmanaged, INumber<T>
    {
        static abstract T Invoke(T a, T b);
    }

    /// <summary>An operator with an identity and vector forms, for the register loops over a whole span.</summary>
    private interface IOperator<T> : IScalarOperator<T>
        where T : unmanaged, INumber<T>
    {
        static abstract T Identity { get; }

        static abstract Vector512<T> Invoke(Vector512<T> a, Vector512<T> b);

        static abstract Vector256<T> Invoke(Vector256<T> a, Vector256<T> b);

        static abstract Vector128<T> Invoke(Vector128<T> a, Vector128<T> b);
    }

    private readonly struct Addition<T> : IOperator<T>
        where T : unmanaged, INumber<T>
    {
        public static T Identity => -T.Zero;

        public static T Invoke(T a, T b) => a + b;

        public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) => a + b;

        public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) => a + b;

        public static Vector128<T> Invoke(Vector128<T> a, Vector128<T> b) => a + b;
    }

    private readonly struct Multiplication<T> : IOperator<T>
        where T : unmanaged, INumber<T>
    {
        public static T Identity => T.One;

        public static T Invoke(T a, T b) => a * b;

        public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) => a * b;

        public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) => a * b;

        public static Vector128<T> Invoke(Vector128<T> a, Vector128<T> b) => a * b;
    }

    /// <summary>Math.Max's rule (NaN if either is, +0 over −0), whose result does not depend on the order.</summary>
    private readonly struct Maximum<T> : IScalarOperator<T>
        where T : unmanaged, INumber<T>
    {
        public static T Invoke(T a, T b) => T.Max(a, b);
    }

    /// <summary>Math.Min's rule (NaN if either is, −0 under +0).</summary>
    private readonly struct Minimum<T> : IScalarOperator<T>
        where T : unmanaged, INumber<T>
    {
        public static T Invoke(T a, T b) => T.Min(a, b);
    }
}
