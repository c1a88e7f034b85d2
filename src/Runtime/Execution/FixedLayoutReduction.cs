using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    /// register, a block of 1,024 doubles took 512 cycles to fold and `sum(a*b)` on 1e7 ran at 1.4-1.6x a copy's time;
    /// four registers' worth overlap four chains and keep the fold under the loads (sixteen registers at 128 bits).
    /// </summary>
    public const int PartialBytes = 256;

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

    // Compiled fully optimised at once: a reduction's first evaluations otherwise run tier-0 code (as TensorPrimitives'
    // generic loops, which this replaces, did: they are instantiated for our element types in our process).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Reduce<T, TOperator>(ReadOnlySpan<T> values, bool fromMemory)
        where T : unmanaged, INumber<T>
        where TOperator : struct, IOperator<T>
    {
        int lanes = PartialBytes / Unsafe.SizeOf<T>();
        Span<T> partials = stackalloc T[lanes];
        ref T first = ref MemoryMarshal.GetReference(values);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            int step = Vector512<T>.Count;
            var a = Vector512.Create(TOperator.Identity);
            var (b, c, d) = (a, a, a);
            for (; i <= values.Length - lanes; i += lanes)
            {
                if (fromMemory)
                {
                    PrefetchGroup(ref Unsafe.Add(ref first, i));
                }

                a = TOperator.Invoke(a, Vector512.LoadUnsafe(ref first, (nuint)i));
                b = TOperator.Invoke(b, Vector512.LoadUnsafe(ref first, (nuint)(i + step)));
                c = TOperator.Invoke(c, Vector512.LoadUnsafe(ref first, (nuint)(i + (2 * step))));
                d = TOperator.Invoke(d, Vector512.LoadUnsafe(ref first, (nuint)(i + (3 * step))));
            }

            a.CopyTo(partials);
            b.CopyTo(partials[step..]);
            c.CopyTo(partials[(2 * step)..]);
            d.CopyTo(partials[(3 * step)..]);
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            int step = Vector256<T>.Count;
            var a = Vector256.Create(TOperator.Identity);
            var (b, c, d, e, f, g, h) = (a, a, a, a, a, a, a);
            for (; i <= values.Length - lanes; i += lanes)
            {
                if (fromMemory)
                {
                    PrefetchGroup(ref Unsafe.Add(ref first, i));
                }

                a = TOperator.Invoke(a, Vector256.LoadUnsafe(ref first, (nuint)i));
                b = TOperator.Invoke(b, Vector256.LoadUnsafe(ref first, (nuint)(i + step)));
                c = TOperator.Invoke(c, Vector256.LoadUnsafe(ref first, (nuint)(i + (2 * step))));
                d = TOperator.Invoke(d, Vector256.LoadUnsafe(ref first, (nuint)(i + (3 * step))));
                e = TOperator.Invoke(e, Vector256.LoadUnsafe(ref first, (nuint)(i + (4 * step))));
                f = TOperator.Invoke(f, Vector256.LoadUnsafe(ref first, (nuint)(i + (5 * step))));
                g = TOperator.Invoke(g, Vector256.LoadUnsafe(ref first, (nuint)(i + (6 * step))));
                h = TOperator.Invoke(h, Vector256.LoadUnsafe(ref first, (nuint)(i + (7 * step))));
            }

            a.CopyTo(partials);
            b.CopyTo(partials[step..]);
            c.CopyTo(partials[(2 * step)..]);
            d.CopyTo(partials[(3 * step)..]);
            e.CopyTo(partials[(4 * step)..]);
            f.CopyTo(partials[(5 * step)..]);
            g.CopyTo(partials[(6 * step)..]);
            h.CopyTo(partials[(7 * step)..]);
        }
        else if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported)
        {
            // Sixteen 128-bit accumulators: all of x64's sixteen XMM registers without AVX-512 (each load folds into its
            // add), half of ARM64's thirty-two.
            int step = Vector128<T>.Count;
            var a = Vector128.Create(TOperator.Identity);
            var (b, c, d, e, f, g, h) = (a, a, a, a, a, a, a);
            var (a2, b2, c2, d2, e2, f2, g2, h2) = (a, a, a, a, a, a, a, a);
            for (; i <= values.Length - lanes; i += lanes)
            {
                if (fromMemory)
                {
                    PrefetchGroup(ref Unsafe.Add(ref first, i));
                }

                ref T at = ref Unsafe.Add(ref first, i);
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

            a.CopyTo(partials);
            b.CopyTo(partials[step..]);
            c.CopyTo(partials[(2 * step)..]);
            d.CopyTo(partials[(3 * step)..]);
            e.CopyTo(partials[(4 * step)..]);
            f.CopyTo(partials[(5 * step)..]);
            g.CopyTo(partials[(6 * step)..]);
            h.CopyTo(partials[(7 * step)..]);
            a2.CopyTo(partials[(8 * step)..]);
            b2.CopyTo(partials[(9 * step)..]);
            c2.CopyTo(partials[(10 * step)..]);
            d2.CopyTo(partials[(11 * step)..]);
            e2.CopyTo(partials[(12 * step)..]);
            f2.CopyTo(partials[(13 * step)..]);
            g2.CopyTo(partials[(14 * step)..]);
            h2.CopyTo(partials[(15 * step)..]);
        }
        else
        {
            partials.Fill(TOperator.Identity);
            for (; i <= values.Length - lanes; i += lanes)
            {
                for (int lane = 0; lane < lanes; lane++)
                {
                    partials[lane] = TOperator.Invoke(partials[lane], values[i + lane]);
                }
            }
        }

        for (int lane = 0; i < values.Length; i++, lane++)
        {
            partials[lane] = TOperator.Invoke(partials[lane], values[i]);
        }

        for (int width = lanes / 2; width >= 1; width /= 2)
        {
            for (int lane = 0; lane < width; lane++)
            {
                partials[lane] = TOperator.Invoke(partials[lane], partials[lane + width]);
            }
        }

        return partials[0];
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

    private interface IOperator<T>
        where T : unmanaged, INumber<T>
    {
        static abstract T Identity { get; }

        static abstract T Invoke(T a, T b);

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
}
