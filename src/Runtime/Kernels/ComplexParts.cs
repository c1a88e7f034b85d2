using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Semantics;
using SlowSeries.Vectorization;

namespace SlowSeries.Kernels;

/// <summary>
/// A complex128 function on whole vectors of parts: each block's elements split into a buffer of real and one of
/// imaginary parts, the function computed on full vectors of both at the widest accelerated width (or one lane at a time
/// without SIMD), the parts interleaved back. Lanes the vector form does not cover (the function says which: special
/// values, extreme magnitudes) take the reference's scalar function. Lanes are independent, so an element's result does
/// not depend on where a block starts.
/// </summary>
internal static class ComplexParts
{
    private const int Block = 256;

    /// <summary>One function's vector form.</summary>
    public interface IFunction
    {
        /// <summary>The operation whose scalar function (<see cref="ScalarSemantics.ComplexValue"/>) computes the other lanes.</summary>
        static abstract Operation Operation { get; }

        /// <summary>Whether the vector form computes <paramref name="z"/> (the same test as the lanes <see cref="Compute"/> flags, element by element).</summary>
        static abstract bool OnVectors(Complex z);

        /// <summary>
        /// The lanes an element enters as, and whether the vector form computes it (false: the scalar function does,
        /// whatever <see cref="Compute"/> flags). By default its parts, all left to <see cref="Compute"/>'s flags.
        /// </summary>
        static virtual bool Split(Complex z, out double real, out double imaginary)
        {
            (real, imaginary) = (z.Real, z.Imaginary);
            return true;
        }

        /// <summary>The function of the lanes (re, im); returns a mask of the lanes the scalar function must compute instead.</summary>
        static abstract TLong Compute<W, TDouble, TLong>(TDouble re, TDouble im, out TDouble real, out TDouble imaginary)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct;
    }

    public static void Apply<F>(ReadOnlySpan<Complex> x, Span<Complex> destination)
        where F : struct, IFunction
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Apply<F, VectorWidth512, Vector512<double>, Vector512<long>>(x, destination);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Apply<F, VectorWidth256, Vector256<double>, Vector256<long>>(x, destination);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Apply<F, VectorWidth128, Vector128<double>, Vector128<long>>(x, destination);
        }
        else
        {
            Apply<F, ScalarWidth, double, long>(x, destination);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Apply<F, W, TDouble, TLong>(ReadOnlySpan<Complex> x, Span<Complex> destination)
        where F : struct, IFunction
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        Span<double> real = stackalloc double[Block];
        Span<double> imaginary = stackalloc double[Block];
        for (int start = 0; start < x.Length; start += Block)
        {
            int count = Math.Min(Block, x.Length - start);
            var block = x.Slice(start, count);
            bool split = true;
            for (int i = 0; i < count; i++)
            {
                split &= F.Split(block[i], out real[i], out imaginary[i]);
            }

            // The last vector's lanes past the block: 1 + 0i, computed and dropped.
            int padded = Math.Min(Block, (count + W.Count - 1) / W.Count * W.Count);
            real[count..padded].Fill(1);
            imaginary[count..padded].Clear();
            var special = W.None;
            for (int i = 0; i < padded; i += W.Count)
            {
                special = W.Or(special, F.Compute<W, TDouble, TLong>(W.LoadUnsafe(ref real[i]), W.LoadUnsafe(ref imaginary[i]), out var re, out var im));
                W.StoreUnsafe(re, ref real[i]);
                W.StoreUnsafe(im, ref imaginary[i]);
            }

            bool anySpecial = !split || W.Any(special);
            var target = destination.Slice(start, count);
            for (int i = 0; i < count; i++)
            {
                // block[i] is read before target[i] is written: the two may be the same element.
                target[i] = anySpecial && !F.OnVectors(block[i]) ? ScalarSemantics.ComplexValue(F.Operation, block[i], Complex.Zero) : new Complex(real[i], imaginary[i]);
            }
        }
    }
}
