using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SlowSeries.Kernels;

/// <summary>
/// float32 sin and cos over spans for the block interpreter: .NET's vector functions (those the fused loop calls, so both
/// engines give the same bits), whole vectors at the widest accelerated width and the tail as one padded vector, in a loop
/// compiled fully optimised on first use. Through TensorPrimitives the loop started at tier 0 in each process: `sin(f) +
/// cos(g)` on 5e4 elements took 2.6 ms for its first evaluations against 0.09 ms, and 26–35 ms on 1e7 while the fused
/// loop was being compiled. Without SIMD, <see cref="MathF"/>'s functions element by element.
/// </summary>
/// <remarks>
/// .NET's float32 vector functions are calls the JIT does not inline, so they still run unoptimised for a process's
/// first calls (`sin(f) + cos(g)`, 1e7, evaluations 2–4: 41–115 ms, steady 6.3–7.2). Through our inlined float64 sin
/// and cos, widened and rounded back, that penalty went (13–16 ms from the second evaluation) but the steady state
/// doubled (14 ms): .NET's computes only what float32 needs. Kept: the steady state is what repeated evaluations see.
/// </remarks>
internal static class SinglePrecisionSinCos
{
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
                Store(parts, sine, cosine, k, parts == Parts.Cos ? 0 : MathF.Sin(x[k]), parts == Parts.Sin ? 0 : MathF.Cos(x[k]));
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
                case Parts.Sin: Vector512.Sin(lanes).CopyTo(sine); break;
                case Parts.Cos: Vector512.Cos(lanes).CopyTo(cosine); break;
                default: var (s, c) = Vector512.SinCos(lanes); s.CopyTo(sine); c.CopyTo(cosine); break;
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var lanes = Vector256.Create(x);
            switch (parts)
            {
                case Parts.Sin: Vector256.Sin(lanes).CopyTo(sine); break;
                case Parts.Cos: Vector256.Cos(lanes).CopyTo(cosine); break;
                default: var (s, c) = Vector256.SinCos(lanes); s.CopyTo(sine); c.CopyTo(cosine); break;
            }
        }
        else
        {
            var lanes = Vector128.Create(x);
            switch (parts)
            {
                case Parts.Sin: Vector128.Sin(lanes).CopyTo(sine); break;
                case Parts.Cos: Vector128.Cos(lanes).CopyTo(cosine); break;
                default: var (s, c) = Vector128.SinCos(lanes); s.CopyTo(sine); c.CopyTo(cosine); break;
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
