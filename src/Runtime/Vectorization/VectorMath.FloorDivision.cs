using System.Runtime.CompilerServices;
using SlowSeries.Language.Semantics;

namespace SlowSeries.Vectorization;

/// <summary>
/// NumPy's float64 a // b and a % b (npy_divmod: C's fmod, then the divisor's sign; <see cref="RealMath.DivMod"/>) and C's
/// fmod of float64 lanes, written once over the width, for the fused loop and the interpreter's spans alike.
/// </summary>
/// <remarks>
/// fmod is exact: q = trunc(a/b) is the truncated quotient or one off it while |a/b| &lt; 2^52, a − q·b by one fused
/// multiply-add is then exact (the remainder, or it ± b, both representable), and one step of ±b puts it in place; the
/// divmod steps after it are the reference's, lane by lane, so the bits are its. Lanes with a zero, infinite or NaN
/// operand or a quotient of 2^52 or more take the scalar functions — a call only for a vector that has such a lane,
/// none in a loop over ordinary values. Without a fused multiply-add (x64 before AVX2) the exact a − q·b comes from
/// Dekker's product instead, the same bits (since the thirty-seventh session; before, those CPUs ran the scalar loop:
/// `a % 0.3` at 128 bits 47.8 ms against 8.6 at AVX2). Element by element, <c>a % 0.3</c> on 1e7 elements took 34 ms on two
/// threads against NumExpr's 9.5 (the thirtieth session's breadth run).
/// </remarks>
public static partial class VectorMath
{
    /// <summary>Which result of a floor division: its quotient or remainder (NumPy's), or C's fmod.</summary>
    internal enum DivisionPart
    {
        FloorQuotient,
        FloorRemainder,
        CRemainder,
    }

    /// <summary>NumPy's a // b of each pair of lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble FloorQuotient<W, TDouble, TLong>(TDouble a, TDouble b)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct => Division<W, TDouble, TLong>(a, b, DivisionPart.FloorQuotient);

    /// <summary>NumPy's a % b of each pair of lanes (the divisor's sign).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble FloorRemainder<W, TDouble, TLong>(TDouble a, TDouble b)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct => Division<W, TDouble, TLong>(a, b, DivisionPart.FloorRemainder);

    /// <summary>C's fmod(a, b) of each pair of lanes (the dividend's sign, zeros included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble CRemainder<W, TDouble, TLong>(TDouble a, TDouble b)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct => Division<W, TDouble, TLong>(a, b, DivisionPart.CRemainder);

    /// <summary>
    /// <paramref name="part"/> of a and b for a divisor the same in every lane, the quotient estimated by multiplying with
    /// <paramref name="reciprocal"/> = 1/b instead of dividing: the same bits (see <see cref="DivisionLanes"/>).
    /// </summary>
    /// <remarks>
    /// a·(1/b) is within 2^-52 of a/b relative, so below 2^50 its truncation is the truncated quotient or one off it, as
    /// a/b's is below 2^52, and the exact remainder's correction puts either right (larger quotients take the scalar
    /// function); its sign and zeros are a/b's. a // b still divides once, the exact a − fmod by b. A multiply instead of a
    /// divide per vector (1e6 elements, one thread, minimum of 41, three alternating rounds on a Zen 5): `fmod(a, 0.7)`
    /// 0.66–0.71 → 0.54–0.60 ms at AVX-512, 0.80–0.87 → 0.66–0.70 at AVX2, 1.53–1.60 → 1.31–1.37 at 128 bits with FMA,
    /// 2.55–2.57 → 2.10–2.13 without; `a % 0.3` 0.94–0.95 → 0.87–0.92, the same at AVX2, 1.84–1.94 → 1.52–1.56 and
    /// 3.01–3.09 → 2.50–2.55; `a // 0.3` the same at AVX-512, 1.40–1.41 → 1.15–1.19 at AVX2 (medians the same), 4.28–4.82 →
    /// 3.49–3.51 at 128 bits without FMA.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble DivisionByReciprocal<W, TDouble, TLong>(TDouble a, TDouble b, TDouble reciprocal, DivisionPart part)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct => Division<W, TDouble, TLong>(a, b, part, reciprocal, byReciprocal: true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble Division<W, TDouble, TLong>(TDouble a, TDouble b, DivisionPart part)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct => Division<W, TDouble, TLong>(a, b, part, b, byReciprocal: false);

    /// <summary>The part's lanes; <paramref name="byReciprocal"/> (a constant at each call, folded while inlining): see <see cref="DivisionByReciprocal"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble Division<W, TDouble, TLong>(TDouble a, TDouble b, DivisionPart part, TDouble reciprocal, bool byReciprocal)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var result = DivisionLanes<W, TDouble, TLong>(a, b, part, reciprocal, byReciprocal, out var scalar);
        return W.Any(scalar) ? DivisionScalarLanes<W, TDouble, TLong>(a, b, result, scalar, part) : result;
    }

    /// <summary>The lanes <paramref name="scalar"/> marks, replaced by the scalar function's values.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TDouble DivisionScalarLanes<W, TDouble, TLong>(TDouble a, TDouble b, TDouble result, TLong scalar, DivisionPart part)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var bits = W.AsInt64(result);
        for (int lane = 0; lane < W.Count; lane++)
        {
            if (W.GetElement(scalar, lane) != 0)
            {
                double x = W.GetElement(a, lane), y = W.GetElement(b, lane);
                double value = part switch
                {
                    DivisionPart.FloorQuotient => RealMath.DivMod(x, y).Quotient,
                    DivisionPart.FloorRemainder => RealMath.DivMod(x, y).Remainder,
                    _ => RealMath.CRemainder(x, y),
                };
                bits = W.WithElement(bits, lane, BitConverter.DoubleToInt64Bits(value));
            }
        }

        return W.AsDouble(bits);
    }

    /// <summary>The part's vector value; <paramref name="scalar"/>: the lanes left to the scalar function.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble DivisionLanes<W, TDouble, TLong>(TDouble a, TDouble b, DivisionPart part, TDouble reciprocal, bool byReciprocal, out TLong scalar)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        var signBit = W.Create(long.MinValue);
        var rounded = byReciprocal ? W.Multiply(a, reciprocal) : W.Divide(a, b);
        var quotientLimit = W.Create(byReciprocal ? 1125899906842624.0 : 4503599627370496.0); // 2^50 by reciprocal, else 2^52
        scalar = W.Not(W.And(W.LessThan(W.Abs(rounded), quotientLimit), W.LessThanOrEqual(W.Abs(b), W.Create(double.MaxValue))));

        // fmod: a − q·b exact, then the one step that puts it in (−|b|, |b|) with a's sign. (The divmod steps below would
        // absorb a remainder one b off, but their quotient's rounding only while |a/b| is well below 2^52.)
        var truncated = W.Truncate(rounded);
        TDouble fmod;
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported) // HasFusedMultiplyAdd, folded while importing
        {
            fmod = W.FusedMultiplyAdd(W.Negate(truncated), b, a);
        }
        else
        {
            // The same exact value from Dekker's product: q·b = p + e exactly (the halves of q and b from Veltkamp's split,
            // exact while 1e-270 ≤ |b| ≤ 1e270 (about 2^±897): no overflow in the split, no underflow in the partial products; other
            // lanes take the scalar function), a − p exact (Sterbenz: p is within a factor 2 of a, or 0), and the
            // representable a − q·b = (a − p) − e then rounds to itself.
            scalar = W.Or(scalar, W.Not(W.And(W.GreaterThanOrEqual(W.Abs(b), W.Create(1e-270)), W.LessThanOrEqual(W.Abs(b), W.Create(1e270)))));
            var product = W.Multiply(truncated, b);
            var (qHigh, qLow) = VeltkampSplit<W, TDouble, TLong>(truncated);
            var (bHigh, bLow) = VeltkampSplit<W, TDouble, TLong>(b);
            var error = W.Add(W.Add(W.Add(W.Subtract(W.Multiply(qHigh, bHigh), product), W.Multiply(qHigh, bLow)), W.Multiply(qLow, bHigh)), W.Multiply(qLow, bLow));
            fmod = W.Subtract(W.Subtract(a, product), error);
        }

        var towardA = W.AsDouble(W.Or(W.And(W.AsInt64(a), signBit), W.AsInt64(W.Abs(b))));
        fmod = W.Select(W.GreaterThanOrEqual(W.Abs(fmod), W.Abs(b)), W.Subtract(fmod, towardA), fmod);
        var oppositeSign = W.And(W.Not(W.Equal(fmod, W.Create(0.0))), W.LessThan(W.Xor(W.AsInt64(fmod), W.AsInt64(a)), W.Create(0L)));
        fmod = W.Select(oppositeSign, W.Add(fmod, towardA), fmod);
        var nonzero = W.Not(W.Equal(fmod, W.Create(0.0)));
        if (part == DivisionPart.CRemainder)
        {
            // C's zero remainder keeps the dividend's sign (fmod(−6, 3) = −0); the fused multiply-add gives +0.
            return W.Select(nonzero, fmod, W.AsDouble(W.And(W.AsInt64(a), signBit)));
        }

        // npy_divmod from here, as RealMath.DivMod writes it.
        var adjust = W.And(nonzero, W.Xor(W.LessThan(b, W.Create(0.0)), W.LessThan(fmod, W.Create(0.0))));
        if (part == DivisionPart.FloorRemainder)
        {
            var moved = W.Select(adjust, W.Add(fmod, b), fmod);
            return W.Select(nonzero, moved, W.AsDouble(W.And(W.AsInt64(b), signBit)));
        }

        var div = W.Divide(W.Subtract(a, fmod), b);
        div = W.Select(adjust, W.Subtract(div, W.Create(1.0)), div);
        var floor = W.Floor(div);
        floor = W.Select(W.GreaterThan(W.Subtract(div, floor), W.Create(0.5)), W.Add(floor, W.Create(1.0)), floor);
        return W.Select(W.Equal(div, W.Create(0.0)), W.AsDouble(W.And(W.AsInt64(rounded), signBit)), floor);
    }
}
