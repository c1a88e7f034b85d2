using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Semantics;
using SlowSeries.Vectorization;

namespace SlowSeries.Kernels;

/// <summary>
/// A complex128 function on whole vectors of parts: each vector's worth of elements loaded as a vector of real and one of
/// imaginary parts (<see cref="ComplexPairs"/>), the function computed on both at the widest accelerated width (or one
/// lane at a time without SIMD), the parts stored back as pairs. Lanes the vector form does not cover (the function says
/// which: special values, extreme magnitudes) take the reference's scalar function. Lanes are independent, so an
/// element's result does not depend on where a block starts.
/// </summary>
internal static class ComplexParts
{
    // The elements of the widest group: two 512-bit vectors of parts.
    private const int WidestGroup = 8;

    /// <summary>One function's vector form.</summary>
    public interface IFunction
    {
        /// <summary>The operation whose scalar function (<see cref="ScalarSemantics.ComplexValue"/>) computes the other lanes.</summary>
        static abstract Operation Operation { get; }

        /// <summary>Whether the vector form computes <paramref name="z"/> (the same test as the lanes <see cref="Compute"/> flags, element by element).</summary>
        static abstract bool OnVectors(Complex z);

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
        int whole = x.Length - (x.Length % W.Count);
        for (int start = 0; start < whole; start += W.Count)
        {
            Group<F, W, TDouble, TLong>(x.Slice(start, W.Count), destination.Slice(start, W.Count));
        }

        if (whole < x.Length)
        {
            // The last elements padded with 1 + 0i to a whole vector, computed and dropped.
            Span<Complex> padded = stackalloc Complex[WidestGroup];
            padded = padded[..W.Count];
            padded.Fill(Complex.One);
            x[whole..].CopyTo(padded);
            Group<F, W, TDouble, TLong>(padded, padded);
            padded[..(x.Length - whole)].CopyTo(destination[whole..]);
        }
    }

    /// <summary>The function of <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/> elements (<paramref name="x"/> may be <paramref name="destination"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Group<F, W, TDouble, TLong>(ReadOnlySpan<Complex> x, Span<Complex> destination)
        where F : struct, IFunction
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var (re, im) = ComplexPairs.Load<TDouble>(ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(x)));
        var special = F.Compute<W, TDouble, TLong>(re, im, out var real, out var imaginary);
        if (W.Any(special))
        {
            WithScalarLanes<F, TDouble>(x, destination, real, imaginary);
        }
        else
        {
            ComplexPairs.Store(real, imaginary, ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(destination)));
        }
    }

    /// <summary>The vector results, but the scalar function's for the elements the vector form does not cover (out of line: rare).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void WithScalarLanes<F, TDouble>(ReadOnlySpan<Complex> x, Span<Complex> destination, TDouble real, TDouble imaginary)
        where F : struct, IFunction
        where TDouble : struct
    {
        Span<Complex> results = stackalloc Complex[WidestGroup];
        ComplexPairs.Store(real, imaginary, ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(results)));
        for (int i = 0; i < x.Length; i++)
        {
            // x[i] is read before destination[i] is written: the two may be the same element.
            destination[i] = F.OnVectors(x[i]) ? results[i] : ScalarSemantics.ComplexValue(F.Operation, x[i], Complex.Zero);
        }
    }
}
