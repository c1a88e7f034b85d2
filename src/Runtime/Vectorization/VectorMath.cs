using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SlowSeries.Vectorization;

/// <summary>
/// Vector math that .NET's own does not do fast enough: sine and cosine of float64 vectors. The run-time kernels and
/// the code the source generator emits both call these (one implementation, not a copy per caller).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Vector512.SinCos(Vector512{double})"/> costs about 3.5x more than this on the course's arguments. Here the
/// argument is reduced modulo π/2 with fused multiply-adds against π/2 split in three doubles (the first product is exact,
/// so the reduced argument carries an error of about one rounding even next to a multiple of π/2), then fdlibm's
/// minimax polynomials for sin and cos on [-π/4, π/4] run on the reduced argument. Worst error seen against
/// <see cref="Math.Sin(double)"/> and <see cref="Math.Cos(double)"/>: 1 ulp (see <c>VectorMathTests</c>).
/// </para>
/// <para>
/// Arguments beyond 2^40 in magnitude (where the three-part reduction stops being accurate) send their vector to
/// <see cref="Vector512.SinCos(Vector512{double})"/>, which does the full Payne–Hanek reduction. NaN and ±Inf give NaN; ±0
/// keeps its sign in sin.
/// </para>
/// </remarks>
public static class VectorMath
{
    private const double TwoOverPi = 6.36619772367581382433e-01;

    // π/2 = HalfPi1 + HalfPi2 + HalfPi3 to about 160 bits.
    private const double HalfPi1 = 1.5707963267948966;
    private const double HalfPi2 = 6.123233995736766e-17;
    private const double HalfPi3 = -1.4973849048591698e-33;

    private const double ReductionLimit = 1099511627776.0; // 2^40

    // fdlibm __kernel_sin and __kernel_cos coefficients.
    private const double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03, S3 = -1.98412698298579493134e-04;
    private const double S4 = 2.75573137070700676789e-06, S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
    private const double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03, C3 = 2.48015872894767294178e-05;
    private const double C4 = -2.75573143513906633035e-07, C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;

    /// <summary>sin and cos of each lane, sharing one range reduction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<double> Sin, Vector512<double> Cos) SinCos(Vector512<double> x)
    {
        var magnitude = Vector512.Abs(x);
        if (Vector512.GreaterThanAny(magnitude, Vector512.Create(ReductionLimit)))
        {
            return Vector512.SinCos(x);
        }

        // Work on |x| (sin is odd, cos even) so that quadrant numbers are non-negative and sin(-0) stays -0.
        var quadrant = Vector512.Round(magnitude * TwoOverPi);
        var y = Vector512.FusedMultiplyAdd(-quadrant, Vector512.Create(HalfPi1), magnitude);
        y = Vector512.FusedMultiplyAdd(-quadrant, Vector512.Create(HalfPi2), y);
        y = Vector512.FusedMultiplyAdd(-quadrant, Vector512.Create(HalfPi3), y);

        var z = y * y;
        var sinTail = Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.Create(S6), Vector512.Create(S5)), Vector512.Create(S4)), Vector512.Create(S3)), Vector512.Create(S2));
        var sin = Vector512.FusedMultiplyAdd(z * y, Vector512.FusedMultiplyAdd(z, sinTail, Vector512.Create(S1)), y);
        var cosTail = Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.Create(C6), Vector512.Create(C5)), Vector512.Create(C4)), Vector512.Create(C3)), Vector512.Create(C2)), Vector512.Create(C1));
        var halfZ = z * 0.5;
        var w = Vector512<double>.One - halfZ;

        // fdlibm's order of summation: 1 - z/2 rounded, then its rounding error, then the rest.
        var cos = w + (((Vector512<double>.One - w) - halfZ) + (z * z * cosTail));

        var q = Vector512.ConvertToInt64(quadrant);
        var odd = Vector512.Equals(q & Vector512<long>.One, Vector512<long>.One).AsDouble();
        var sinOfX = Vector512.ConditionalSelect(odd, cos, sin);
        var cosOfX = Vector512.ConditionalSelect(odd, sin, cos);

        // Quadrants 2 and 3 negate sin, quadrants 1 and 2 negate cos: bit 1 of q (or of q + 1) shifted into the sign bit.
        var signBit = Vector512.Create(-0.0);
        sinOfX ^= ((q << 62).AsDouble() & signBit) ^ (x & signBit);
        cosOfX ^= ((q + Vector512<long>.One) << 62).AsDouble() & signBit;
        return (sinOfX, cosOfX);
    }

    /// <summary>sin of each lane (see <see cref="SinCos(Vector512{double})"/> for the accuracy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sin(Vector512<double> x) => SinCos(x).Sin;

    /// <summary>cos of each lane (see <see cref="SinCos(Vector512{double})"/> for the accuracy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Cos(Vector512<double> x) => SinCos(x).Cos;

    /// <summary>float32 lanes: .NET's own implementation, which is fast and accurate for float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<float> Sin, Vector512<float> Cos) SinCos(Vector512<float> x) => Vector512.SinCos(x);

    /// <summary>float32 lanes: .NET's own implementation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sin(Vector512<float> x) => Vector512.Sin(x);

    /// <summary>float32 lanes: .NET's own implementation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Cos(Vector512<float> x) => Vector512.Cos(x);

    /// <summary>sin and cos of every element of <paramref name="x"/>; the tail runs as one padded vector, so each element's
    /// result does not depend on where the spans start.</summary>
    public static void SinCos(ReadOnlySpan<double> x, Span<double> sine, Span<double> cosine)
    {
        int i = 0;
        for (; i <= x.Length - Vector512<double>.Count; i += Vector512<double>.Count)
        {
            var (s, c) = SinCos(Vector512.Create(x.Slice(i, Vector512<double>.Count)));
            s.CopyTo(sine.Slice(i, Vector512<double>.Count));
            c.CopyTo(cosine.Slice(i, Vector512<double>.Count));
        }

        if (i < x.Length)
        {
            var (s, c) = SinCos(PaddedTail(x[i..]));
            StoreTail(s, sine[i..]);
            StoreTail(c, cosine[i..]);
        }
    }

    /// <summary>sin of every element (same blocking as <see cref="SinCos(ReadOnlySpan{double}, Span{double}, Span{double})"/>).</summary>
    public static void Sin(ReadOnlySpan<double> x, Span<double> destination)
    {
        int i = 0;
        for (; i <= x.Length - Vector512<double>.Count; i += Vector512<double>.Count)
        {
            Sin(Vector512.Create(x.Slice(i, Vector512<double>.Count))).CopyTo(destination.Slice(i, Vector512<double>.Count));
        }

        if (i < x.Length)
        {
            StoreTail(Sin(PaddedTail(x[i..])), destination[i..]);
        }
    }

    /// <summary>cos of every element (same blocking as <see cref="SinCos(ReadOnlySpan{double}, Span{double}, Span{double})"/>).</summary>
    public static void Cos(ReadOnlySpan<double> x, Span<double> destination)
    {
        int i = 0;
        for (; i <= x.Length - Vector512<double>.Count; i += Vector512<double>.Count)
        {
            Cos(Vector512.Create(x.Slice(i, Vector512<double>.Count))).CopyTo(destination.Slice(i, Vector512<double>.Count));
        }

        if (i < x.Length)
        {
            StoreTail(Cos(PaddedTail(x[i..])), destination[i..]);
        }
    }

    private static Vector512<double> PaddedTail(ReadOnlySpan<double> tail)
    {
        Span<double> padded = stackalloc double[Vector512<double>.Count];
        tail.CopyTo(padded);
        return Vector512.Create((ReadOnlySpan<double>)padded);
    }

    private static void StoreTail(Vector512<double> value, Span<double> destination)
    {
        Span<double> lanes = stackalloc double[Vector512<double>.Count];
        value.CopyTo(lanes);
        lanes[..destination.Length].CopyTo(destination);
    }
}
