using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>
/// How a polynomial's a·b + c is computed: fused (one rounding) where the CPU has fused multiply-add, else multiplied
/// and added. Chosen once per call site by <see cref="HasFusedMultiplyAdd"/> (one answer per process, so every width in
/// it gives the same bits) and passed as a type, so that each form is compiled on its own and stays small enough to inline.
/// </summary>
public static partial class VectorMath
{
    private interface IProducts
    {
        static abstract TDouble MultiplyAdd<W, TDouble, TLong>(TDouble a, TDouble b, TDouble c)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct;
    }

    private readonly struct FusedProducts : IProducts
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble MultiplyAdd<W, TDouble, TLong>(TDouble a, TDouble b, TDouble c)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => W.FusedMultiplyAdd(a, b, c);
    }

    private readonly struct SeparateProducts : IProducts
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble MultiplyAdd<W, TDouble, TLong>(TDouble a, TDouble b, TDouble c)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => W.Add(W.Multiply(a, b), c);
    }

    /// <summary>x as high + low, each of at most 26 significant bits, so that products of halves are exact (Veltkamp).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TDouble High, TDouble Low) VeltkampSplit<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var scaled = W.Multiply(x, W.Create(134217729.0)); // 2^27 + 1
        var high = W.Subtract(scaled, W.Subtract(scaled, x));
        return (high, W.Subtract(x, high));
    }
}
