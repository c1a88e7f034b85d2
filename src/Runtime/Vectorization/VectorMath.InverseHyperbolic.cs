using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>
/// arcsinh, arccosh and arctanh of float64 lanes, written once over the width on our log1p and .NET's vector log (.NET's
/// are element by element).
/// </summary>
/// <remarks>
/// fdlibm's forms, chosen per lane: arcsinh(x) = log1p(|x| + x²/(1 + √(1 + x²))) up to 2, log(2|x| + 1/(√(x² + 1) + |x|))
/// above, log|x| + ln 2 from 2^28 (where x² would overflow or add nothing), x itself below 2^-28, with the sign of x;
/// arccosh(x) = log1p(t + √(2t + t²)) with t = x − 1 up to 2, log(2x − 1/(x + √(x² − 1))) above, log x + ln 2 from
/// 2^28, NaN below 1; arctanh(x) = log1p(2|x| + 2|x|²/(1 − |x|))/2 below 1/2 and log1p(2|x|/(1 − |x|))/2 from there,
/// ±∞ at ±1, NaN beyond. Each form is computed only when some lane needs it.
/// </remarks>
public static partial class VectorMath
{
    private const double Ln2 = 6.93147180559945286227e-01;
    private const double InverseHyperbolicTiny = 3.7252902984619140625e-09; // 2^-28
    private const double InverseHyperbolicLarge = 268435456.0; // 2^28

    /// <summary>arcsinh of each lane at the width <typeparamref name="W"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Asinh<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var magnitude = W.Abs(x);
        var one = W.Create(1.0);
        var square = W.Multiply(magnitude, magnitude);
        var small = W.LessThanOrEqual(magnitude, W.Create(2.0));
        var result = magnitude;
        if (W.Any(small))
        {
            result = Log1p<W, TDouble, TLong>(W.Add(magnitude, W.Divide(square, W.Add(one, W.Sqrt(W.Add(one, square))))));
        }

        // NaN compares false to 2 and takes this path, where log keeps it NaN.
        var large = W.Not(small);
        if (W.Any(large))
        {
            var huge = W.GreaterThanOrEqual(magnitude, W.Create(InverseHyperbolicLarge));
            var argument = W.Add(W.Add(magnitude, magnitude), W.Divide(one, W.Add(W.Sqrt(W.Add(square, one)), magnitude)));
            var logarithm = W.Add(Log<W, TDouble, TLong>(W.Select(huge, magnitude, argument)), W.Select(huge, W.Create(Ln2), W.Create(0.0)));
            result = W.Select(small, result, logarithm);
        }

        result = W.Select(W.LessThan(magnitude, W.Create(InverseHyperbolicTiny)), magnitude, result);
        return WithSignOf<W, TDouble, TLong>(result, x);
    }

    /// <summary>arccosh of each lane at the width <typeparamref name="W"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Acosh<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var one = W.Create(1.0);
        var large = W.GreaterThan(x, W.Create(2.0));
        var result = x;

        // NaN compares false to 2 and takes this path, where log1p keeps it NaN.
        var small = W.Not(large);
        if (W.Any(small))
        {
            var t = W.Subtract(x, one);
            result = Log1p<W, TDouble, TLong>(W.Add(t, W.Sqrt(W.Add(W.Add(t, t), W.Multiply(t, t)))));
        }

        if (W.Any(large))
        {
            var huge = W.GreaterThanOrEqual(x, W.Create(InverseHyperbolicLarge));
            var argument = W.Subtract(W.Add(x, x), W.Divide(one, W.Add(x, W.Sqrt(W.Subtract(W.Multiply(x, x), one)))));
            var logarithm = W.Add(Log<W, TDouble, TLong>(W.Select(huge, x, argument)), W.Select(huge, W.Create(Ln2), W.Create(0.0)));
            result = W.Select(large, logarithm, result);
        }

        return W.Select(W.LessThan(x, one), W.Create(double.NaN), result);
    }

    /// <summary>arctanh of each lane at the width <typeparamref name="W"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TDouble Atanh<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var magnitude = W.Abs(x);
        var twice = W.Add(magnitude, magnitude);
        var oneMinus = W.Subtract(W.Create(1.0), magnitude);
        var belowHalf = W.LessThan(magnitude, W.Create(0.5));
        var argument = W.Select(belowHalf, W.Add(twice, W.Divide(W.Multiply(twice, magnitude), oneMinus)), W.Divide(twice, oneMinus));
        var result = W.Multiply(Log1p<W, TDouble, TLong>(argument), W.Create(0.5));
        result = W.Select(W.LessThan(magnitude, W.Create(InverseHyperbolicTiny)), magnitude, result);
        return WithSignOf<W, TDouble, TLong>(result, x);
    }
}
