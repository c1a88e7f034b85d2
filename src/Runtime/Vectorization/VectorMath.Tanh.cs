using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SlowSeries.Vectorization;

/// <summary>
/// tanh of float64 lanes, written once over the width (.NET's <c>Math.Tanh</c> is element by element, and NumPy's SVML
/// loop was 3x faster than that).
/// </summary>
/// <remarks>
/// Cephes' algorithm: below 0.625 in magnitude a rational function of x² (x + x·z·P(z)/Q(z), no cancellation near 0),
/// above it 1 − 2/(exp(2|x|) + 1) with the sign of x, where the subtraction loses nothing (the result is above 0.55).
/// exp overflows to ∞ from |x| ≈ 355 and the result is then exactly ±1; NaN stays NaN; −0 keeps its sign. The vector
/// exp is .NET's (<c>Vector512/256/128.Exp</c>), so the bits follow .NET's exp at each width.
/// </remarks>
public static partial class VectorMath
{
    private const double TanhRationalLimit = 0.625;

    // Cephes tanh.c: P(z) / Q(z) with Q's leading coefficient 1.
    private const double TanhP0 = -9.64399179425052238628E-1, TanhP1 = -9.92877231001918586564E1, TanhP2 = -1.61468768441708447952E3;
    private const double TanhQ0 = 1.12811678491632931402E2, TanhQ1 = 2.23548839060100448583E3, TanhQ2 = 4.84406305325125486048E3;

    /// <summary>tanh of each lane at the width <typeparamref name="W"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Tanh<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct =>
        TanhWith<W, TDouble, TLong, FullExponential>(x);

    /// <summary>
    /// tanh with the exponential <typeparamref name="TExponential"/> (a type, so that only the one used is compiled):
    /// Cephes' rational function below 0.625, 1 − 2/(e^2|x| + 1) above, where it is above 0.55 and loses nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble TanhWith<W, TDouble, TLong, TExponential>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
        where TExponential : struct, IExponential
    {
        // On |x|, the sign put back at the end: tanh is odd, and −0 stays −0.
        var magnitude = W.Abs(x);
        var small = W.LessThan(magnitude, W.Create(TanhRationalLimit));
        var result = magnitude;
        if (W.Any(small))
        {
            result = TanhOfSmall<W, TDouble, TLong>(magnitude);
        }

        // NaN compares false to the limit, so it takes this path and stays NaN.
        var large = W.Not(small);
        if (W.Any(large))
        {
            var one = W.Create(1.0);
            var exponential = TExponential.Exp<W, TDouble, TLong>(W.Add(magnitude, magnitude));
            result = W.Select(small, result, W.Subtract(one, W.Divide(W.Create(2.0), W.Add(exponential, one))));
        }

        return WithSignOf<W, TDouble, TLong>(result, x);
    }

    /// <summary>An exponential as a type: float64's (<see cref="FullExponential"/>) or the short one float32 needs.</summary>
    private interface IExponential
    {
        static abstract TDouble Exp<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct;
    }

    private readonly struct FullExponential : IExponential
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Exp<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => VectorMath.Exp<W, TDouble, TLong>(x);
    }

    /// <summary>tanh of |x| below 0.625: |x| + |x|·z·P(z)/Q(z), z = x² (Cephes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble TanhOfSmall<W, TDouble, TLong>(TDouble magnitude)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var z = W.Multiply(magnitude, magnitude);
        var p = W.Add(W.Multiply(W.Add(W.Multiply(W.Create(TanhP0), z), W.Create(TanhP1)), z), W.Create(TanhP2));
        var q = W.Add(W.Multiply(W.Add(W.Multiply(W.Add(z, W.Create(TanhQ0)), z), W.Create(TanhQ1)), z), W.Create(TanhQ2));
        return W.Add(magnitude, W.Multiply(W.Multiply(magnitude, z), W.Divide(p, q)));
    }

    /// <summary>tanh of 512-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Tanh(Vector512<double> x) => Tanh<VectorWidth512, Vector512<double>, Vector512<long>>(x);

    /// <summary>tanh of 256-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Tanh(Vector256<double> x) => Tanh<VectorWidth256, Vector256<double>, Vector256<long>>(x);

    /// <summary>tanh of 128-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Tanh(Vector128<double> x) => Tanh<VectorWidth128, Vector128<double>, Vector128<long>>(x);
}
