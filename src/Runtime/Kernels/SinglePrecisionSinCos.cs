using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SlowSeries.Vectorization;

namespace SlowSeries.Kernels;

/// <summary>
/// float32 sin and cos over spans for the block interpreter: our float32 lane functions (those the fused loop calls, so
/// both engines give the same bits; <see cref="VectorMath.SinForSingle{W, TDouble, TLong}"/>), whole vectors at the
/// widest accelerated width and the tail as one padded vector, in a loop compiled fully optimised on first use; without
/// SIMD, the same function one element at a time.
/// </summary>
/// <remarks>
/// Through TensorPrimitives the loop started at tier 0 in each process (`sin(f) + cos(g)` on 5e4 elements: 2.6 ms for its
/// first evaluations against 0.09 ms), and .NET's float32 vector functions, used until the thirteenth session, are calls
/// the JIT does not inline, which ran unoptimised for a process's first calls (1e7, evaluations 2–4: 41–115 ms, steady
/// 6.3–7.2). Ours are inlined into this loop and into the fused loop.
/// </remarks>
internal static class SinglePrecisionSinCos
{
    static SinglePrecisionSinCos() =>
        // The table the functions read for huge arguments, initialised before the JIT compiles Run: otherwise it guards it
        // with an initialisation call, and a call in the loop makes it keep vector registers on the stack.
        RuntimeHelpers.RunClassConstructor(typeof(InverseOfPiTable).TypeHandle);

    public static void Sin(ReadOnlySpan<float> x, Span<float> destination) => Run(x, destination, default, Parts.Sin);

    public static void Cos(ReadOnlySpan<float> x, Span<float> destination) => Run(x, default, destination, Parts.Cos);

    public static void SinCos(ReadOnlySpan<float> x, Span<float> sine, Span<float> cosine) => Run(x, sine, cosine, Parts.Both);

    private enum Parts
    {
        Sin,
        Cos,
        Both,
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(ReadOnlySpan<float> x, Span<float> sine, Span<float> cosine, Parts parts)
    {
        int width = Vector512.IsHardwareAccelerated ? Vector512<float>.Count
            : Vector256.IsHardwareAccelerated ? Vector256<float>.Count
            : Vector128.IsHardwareAccelerated ? Vector128<float>.Count
            : 0;
        if (width == 0)
        {
            for (int k = 0; k < x.Length; k++)
            {
                var (sin, cos) = VectorMath.SinCosSingle(x[k]);
                Store(parts, sine, cosine, k, sin, cos);
            }

            return;
        }

        int i = 0;
        for (; i <= x.Length - width; i += width)
        {
            Vector(x.Slice(i, width), parts == Parts.Cos ? default : sine.Slice(i, width), parts == Parts.Sin ? default : cosine.Slice(i, width), parts);
        }

        if (i < x.Length)
        {
            int rest = x.Length - i;
            Span<float> padded = stackalloc float[3 * Vector512<float>.Count];
            var input = padded[..width];
            var paddedSine = padded.Slice(width, width);
            var paddedCosine = padded.Slice(2 * width, width);
            input.Clear();
            x[i..].CopyTo(input);
            Vector(input, paddedSine, paddedCosine, parts);
            if (parts != Parts.Cos)
            {
                paddedSine[..rest].CopyTo(sine[i..]);
            }

            if (parts != Parts.Sin)
            {
                paddedCosine[..rest].CopyTo(cosine[i..]);
            }
        }
    }

    /// <summary>One vector of exactly the widest accelerated width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Vector(ReadOnlySpan<float> x, Span<float> sine, Span<float> cosine, Parts parts)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var lanes = Vector512.Create(x);
            switch (parts)
            {
                case Parts.Sin: VectorMath.Sin(lanes).CopyTo(sine); break;
                case Parts.Cos: VectorMath.Cos(lanes).CopyTo(cosine); break;
                default: var (s, c) = VectorMath.SinCos(lanes); s.CopyTo(sine); c.CopyTo(cosine); break;
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var lanes = Vector256.Create(x);
            switch (parts)
            {
                case Parts.Sin: VectorMath.Sin(lanes).CopyTo(sine); break;
                case Parts.Cos: VectorMath.Cos(lanes).CopyTo(cosine); break;
                default: var (s, c) = VectorMath.SinCos(lanes); s.CopyTo(sine); c.CopyTo(cosine); break;
            }
        }
        else
        {
            var lanes = Vector128.Create(x);
            switch (parts)
            {
                case Parts.Sin: VectorMath.Sin(lanes).CopyTo(sine); break;
                case Parts.Cos: VectorMath.Cos(lanes).CopyTo(cosine); break;
                default: var (s, c) = VectorMath.SinCos(lanes); s.CopyTo(sine); c.CopyTo(cosine); break;
            }
        }
    }

    private static void Store(Parts parts, Span<float> sine, Span<float> cosine, int k, float s, float c)
    {
        if (parts != Parts.Cos)
        {
            sine[k] = s;
        }

        if (parts != Parts.Sin)
        {
            cosine[k] = c;
        }
    }
}
