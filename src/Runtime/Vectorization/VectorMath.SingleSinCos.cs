using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SlowSeries.Vectorization;

/// <summary>
/// sin and cos of float32 lanes computed on lanes widened to float64, with the reduction and the polynomial float32
/// needs: the float32 value is exact in a double, so one 2-part Cody–Waite reduction by π (the first product exact below
/// 2^28, as FreeBSD's sinf and cosf reduce) leaves r in [−π/2, π/2], and sin(x) = ±sin(r), cos(x) = ±sin(r′) with r′ =
/// |x| − (m − ½)π, from one odd polynomial of degree 11 (relative error 2^-35 on [−π/2, π/2], our least-squares fit
/// iterated toward minimax) — every float32 result within an ulp of the reference, about a third of the work of the
/// float64 functions. From 2^28 on, x/π mod 2 comes from a table of 2^E/π (Payne–Hanek), in vectors too. Plain
/// products and sums: the same bits with and without fused multiply-add, at every width; sin and cos of the same lanes
/// (SinCos) are the two functions computed apart, so they never depend on their pairing.
/// </summary>
/// <remarks>
/// Inlined into the fused loop and the span loop: .NET's float32 vector functions, which these replace, are calls the
/// JIT does not inline, so a process's first evaluations ran them unoptimised (`sin(f) + cos(g)` on 1e7, evaluations
/// 2–4: 41–115 ms against 6.3–7.2 steady).
/// </remarks>
public static partial class VectorMath
{
    private const double PiFor28Bits = 3.1415926218032837; // π's first 25 significant bits: (m − ½)·it is exact below 2^28
    private const double PiFor28BitsTail = 3.178650954705639e-08;
    private const double InverseOfPi = 0.3183098861837907;
    private const double SingleReductionLimit = 268435456.0; // 2^28

    // sin(r) = r + r·s·Q(s), s = r²: Q's coefficients.
    private const double SinSingleQ0 = -0.16666666625942217, SinSingleQ1 = 0.008333331099543283;
    private const double SinSingleQ2 = -0.00019840866989980876, SinSingleQ3 = 2.7525320173671895e-06;
    private const double SinSingleQ4 = -2.3887750495547866e-08;

    /// <summary>sin to float32's accuracy of float64 lanes that hold float32 values (rounded to float32 by the caller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble SinForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // |x| = nπ + r: sin x = sign(x)·(−1)^n·sin r (sin(−0) stays −0).
        var magnitude = W.Abs(x);
        var shifter = W.Create(RoundingShifter);
        var shifted = W.Add(W.Multiply(magnitude, W.Create(InverseOfPi)), shifter);
        var n = W.Subtract(shifted, shifter);
        var r = W.Subtract(W.Subtract(magnitude, W.Multiply(n, W.Create(PiFor28Bits))), W.Multiply(n, W.Create(PiFor28BitsTail)));
        var parity = W.AsInt64(shifted);
        var beyond = W.Not(W.LessThan(magnitude, W.Create(SingleReductionLimit)));
        if (W.Any(beyond))
        {
            // |x|/π mod 2 = z = n + (z − n), n = round(z).
            var z = HugeArgumentOverPi<W, TDouble, TLong>(magnitude);
            var shiftedZ = W.Add(z, shifter);
            var nearest = W.Subtract(shiftedZ, shifter);
            r = W.Select(beyond, W.Multiply(W.Subtract(z, nearest), W.Create(Math.PI)), r);
            parity = W.Select(beyond, W.AsInt64(shiftedZ), parity);
        }

        var sign = W.Xor(W.ShiftLeft(parity, 63), W.And(W.AsInt64(x), W.Create(SignBit)));
        return W.AsDouble(W.Xor(W.AsInt64(SinOfReduced<W, TDouble, TLong>(r)), sign));
    }

    /// <summary>cos to float32's accuracy of float64 lanes that hold float32 values (rounded to float32 by the caller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble CosForSingle<W, TDouble, TLong>(TDouble x)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        // |x| = (m − ½)π + r: cos x = (−1)^m·sin r.
        var magnitude = W.Abs(x);
        var shifter = W.Create(RoundingShifter);
        var shifted = W.Add(W.Add(W.Multiply(magnitude, W.Create(InverseOfPi)), W.Create(0.5)), shifter);
        var half = W.Subtract(W.Subtract(shifted, shifter), W.Create(0.5));
        var r = W.Subtract(W.Subtract(magnitude, W.Multiply(half, W.Create(PiFor28Bits))), W.Multiply(half, W.Create(PiFor28BitsTail)));
        var parity = W.AsInt64(shifted);
        var beyond = W.Not(W.LessThan(magnitude, W.Create(SingleReductionLimit)));
        if (W.Any(beyond))
        {
            // |x|/π mod 2 = z = (m − ½) + (z − (m − ½)), m = round(z + ½).
            var z = HugeArgumentOverPi<W, TDouble, TLong>(magnitude);
            var shiftedZ = W.Add(W.Add(z, W.Create(0.5)), shifter);
            var middle = W.Subtract(W.Subtract(shiftedZ, shifter), W.Create(0.5));
            r = W.Select(beyond, W.Multiply(W.Subtract(z, middle), W.Create(Math.PI)), r);
            parity = W.Select(beyond, W.AsInt64(shiftedZ), parity);
        }

        return W.AsDouble(W.Xor(W.AsInt64(SinOfReduced<W, TDouble, TLong>(r)), W.ShiftLeft(parity, 63)));
    }

    /// <summary>sin r for r in [−π/2, π/2]: r + r·s·Q(s) by Horner's rule, s = r².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble SinOfReduced<W, TDouble, TLong>(TDouble r)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var s = W.Multiply(r, r);
        var q = W.Add(W.Multiply(s, W.Create(SinSingleQ4)), W.Create(SinSingleQ3));
        q = W.Add(W.Multiply(s, q), W.Create(SinSingleQ2));
        q = W.Add(W.Multiply(s, q), W.Create(SinSingleQ1));
        q = W.Add(W.Multiply(s, q), W.Create(SinSingleQ0));
        return W.Add(r, W.Multiply(W.Multiply(r, s), q));
    }

    /// <summary>
    /// |x|/π mod 2 (within 2^-54) for float32 magnitudes of 2^28 and beyond, x = M·2^E, by <see cref="InverseOfPiTable"/>:
    /// (M·hi mod 2) exact, plus M·lo. Lane by lane table reads, but no call: a call in the loop made the JIT save and
    /// reload a dozen vector registers around it on every iteration (sin of float32 lanes 20% slower, `sin(f) + sin(g)` 2x).
    /// ±∞ and NaN give NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble HugeArgumentOverPi<W, TDouble, TLong>(TDouble magnitude)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var bits = W.AsInt64(magnitude);
        var exponent = W.Subtract(W.ShiftRightLogical(bits, 52), W.Create(1023L + 23));
        var significand = W.AsDouble(W.Or(W.And(bits, W.Create(0x000F_FFFF_FFFF_FFFFL)), W.Create((1023L + 23) << 52)));
        var high = W.Create(0.0);
        var low = W.Create(0.0);
        var table = InverseOfPiTable.Parts;
        for (int lane = 0; lane < W.Count; lane++)
        {
            int row = (int)Math.Clamp(W.GetElement(exponent, lane), InverseOfPiTable.FirstExponent, InverseOfPiTable.LastExponent) - InverseOfPiTable.FirstExponent;
            high = W.AsDouble(W.WithElement(W.AsInt64(high), lane, BitConverter.DoubleToInt64Bits(table[2 * row])));
            low = W.AsDouble(W.WithElement(W.AsInt64(low), lane, BitConverter.DoubleToInt64Bits(table[(2 * row) + 1])));
        }

        var product = W.Multiply(significand, high);
        var shifter = W.Create(RoundingShifter);
        var evenPart = W.Multiply(W.Subtract(W.Add(W.Multiply(product, W.Create(0.5)), shifter), shifter), W.Create(2.0));
        var z = W.Add(W.Subtract(product, evenPart), W.Multiply(significand, low));

        // ±∞ and NaN: x − x is NaN.
        return W.Select(W.LessThan(magnitude, W.Create(double.PositiveInfinity)), z, W.Subtract(magnitude, magnitude));
    }

    /// <summary>sin and cos of one float32, as the lanes compute them (the no-SIMD path of the span loops).</summary>
    internal static (float Sin, float Cos) SinCosSingle(float x) =>
        ((float)SinForSingle<ScalarWidth, double, long>(x), (float)CosForSingle<ScalarWidth, double, long>(x));

    /// <summary>sin and cos of float32 lanes (see <see cref="SinForSingle{W, TDouble, TLong}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<float> Sin, Vector512<float> Cos) SinCos(Vector512<float> x) => (Sin(x), Cos(x));

    /// <summary>sin and cos of float32 lanes (see <see cref="SinForSingle{W, TDouble, TLong}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<float> Sin, Vector256<float> Cos) SinCos(Vector256<float> x) => (Sin(x), Cos(x));

    /// <summary>sin and cos of float32 lanes (see <see cref="SinForSingle{W, TDouble, TLong}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector128<float> Sin, Vector128<float> Cos) SinCos(Vector128<float> x) => (Sin(x), Cos(x));

    /// <summary>sin of float32 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sin(Vector512<float> x) =>
        Vector512.Narrow(SinForSingle<VectorWidth512, Vector512<double>, Vector512<long>>(Vector512.WidenLower(x)), SinForSingle<VectorWidth512, Vector512<double>, Vector512<long>>(Vector512.WidenUpper(x)));

    /// <summary>sin of float32 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sin(Vector256<float> x) =>
        Vector256.Narrow(SinForSingle<VectorWidth256, Vector256<double>, Vector256<long>>(Vector256.WidenLower(x)), SinForSingle<VectorWidth256, Vector256<double>, Vector256<long>>(Vector256.WidenUpper(x)));

    /// <summary>sin of float32 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sin(Vector128<float> x) =>
        Vector128.Narrow(SinForSingle<VectorWidth128, Vector128<double>, Vector128<long>>(Vector128.WidenLower(x)), SinForSingle<VectorWidth128, Vector128<double>, Vector128<long>>(Vector128.WidenUpper(x)));

    /// <summary>cos of float32 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Cos(Vector512<float> x) =>
        Vector512.Narrow(CosForSingle<VectorWidth512, Vector512<double>, Vector512<long>>(Vector512.WidenLower(x)), CosForSingle<VectorWidth512, Vector512<double>, Vector512<long>>(Vector512.WidenUpper(x)));

    /// <summary>cos of float32 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Cos(Vector256<float> x) =>
        Vector256.Narrow(CosForSingle<VectorWidth256, Vector256<double>, Vector256<long>>(Vector256.WidenLower(x)), CosForSingle<VectorWidth256, Vector256<double>, Vector256<long>>(Vector256.WidenUpper(x)));

    /// <summary>cos of float32 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Cos(Vector128<float> x) =>
        Vector128.Narrow(CosForSingle<VectorWidth128, Vector128<double>, Vector128<long>>(Vector128.WidenLower(x)), CosForSingle<VectorWidth128, Vector128<double>, Vector128<long>>(Vector128.WidenUpper(x)));
}
