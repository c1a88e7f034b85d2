using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SlowSeries.Language.Semantics;
using SlowSeries.Vectorization;

namespace SlowSeries.Kernels;

/// <summary>
/// NumPy's float64 a % b and a // b and C's fmod over spans at the widest accelerated width, by
/// <see cref="VectorMath.FloorQuotient{W, TDouble, TLong}"/> and its siblings (exact; the fused loop calls the same lane
/// functions), with a fused multiply-add or, without one, Dekker's exact product.
/// </summary>
internal static class FloatDivisionLoops
{
    /// <summary>Whether the vector loops run here: an accelerated vector width.</summary>
    public static bool Pays => Vector128.IsHardwareAccelerated;

    public static void Remainder(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> destination) =>
        AtWidestWidth(a, b, destination, VectorMath.DivisionPart.FloorRemainder);

    public static void FloorDivide(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> destination) =>
        AtWidestWidth(a, b, destination, VectorMath.DivisionPart.FloorQuotient);

    public static void Fmod(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> destination) =>
        AtWidestWidth(a, b, destination, VectorMath.DivisionPart.CRemainder);

    private static void AtWidestWidth(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> destination, VectorMath.DivisionPart part)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Run<VectorWidth512, Vector512<double>, Vector512<long>>(a, b, destination, part);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Run<VectorWidth256, Vector256<double>, Vector256<long>>(a, b, destination, part);
        }
        else
        {
            Run<VectorWidth128, Vector128<double>, Vector128<long>>(a, b, destination, part);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Run<W, TDouble, TLong>(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> destination, VectorMath.DivisionPart part)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // The destination may be an operand (float32 steps widen into one block, in place): each vector's operands are
        // loaded before its store.
        int i = 0;
        for (; i <= destination.Length - W.Count; i += W.Count)
        {
            var (x, y) = (W.Load(a, i), W.Load(b, i));
            W.Store(
                part switch
                {
                    VectorMath.DivisionPart.FloorQuotient => VectorMath.FloorQuotient<W, TDouble, TLong>(x, y),
                    VectorMath.DivisionPart.FloorRemainder => VectorMath.FloorRemainder<W, TDouble, TLong>(x, y),
                    _ => VectorMath.CRemainder<W, TDouble, TLong>(x, y),
                },
                destination,
                i);
        }

        for (; i < destination.Length; i++)
        {
            destination[i] = part switch
            {
                VectorMath.DivisionPart.FloorQuotient => RealMath.DivMod(a[i], b[i]).Quotient,
                VectorMath.DivisionPart.FloorRemainder => RealMath.DivMod(a[i], b[i]).Remainder,
                _ => RealMath.CRemainder(a[i], b[i]),
            };
        }
    }
}
