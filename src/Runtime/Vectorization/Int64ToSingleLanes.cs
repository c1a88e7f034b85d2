using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SlowSeries.Vectorization;

/// <summary>
/// int64 lanes to float32, rounded once to nearest — the bits of a scalar cast — two vectors of int64 into one of float32
/// (NumExpr's `f * i`: float32 times NumPy's default integer is float32). AVX-512DQ converts directly. Elsewhere through
/// double, which holds an int64 exactly only below 2^53: beyond, rounding to double and then to float32 can land a value
/// just above a float32 tie on the tie, which then rounds to even — the wrong way (2^60 + 2^36 + 1 becomes 2^60 rather than
/// 2^60 + 2^37). Those lanes are first rounded to odd at bit 11 (the bits below it collapsed into it): a double holds that
/// exactly, and it rounds to float32 as the integer does, float32's last bit lying at bit 30 or above there.
/// </summary>
internal static class Int64ToSingleLanes
{
    private const long BelowOddBit = 0x7FF;
    private const long OddBit = 0x800;
    private const long ExactInDouble = 1L << 53;

    /// <summary>Sixteen float32 lanes from the eight of <paramref name="lower"/> and the eight of <paramref name="upper"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Convert(Vector512<long> lower, Vector512<long> upper)
    {
        if (Avx512DQ.IsSupported)
        {
            return Vector512.Create(Avx512DQ.ConvertToVector256Single(lower), Avx512DQ.ConvertToVector256Single(upper));
        }

        return Vector512.Narrow(Vector512.ConvertToDouble(RoundedToOdd(lower)), Vector512.ConvertToDouble(RoundedToOdd(upper)));
    }

    /// <summary>Eight float32 lanes from the four of <paramref name="lower"/> and the four of <paramref name="upper"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Convert(Vector256<long> lower, Vector256<long> upper)
    {
        if (Avx512DQ.VL.IsSupported)
        {
            return Vector256.Create(Avx512DQ.VL.ConvertToVector128Single(lower), Avx512DQ.VL.ConvertToVector128Single(upper));
        }

        return Vector256.Narrow(VectorWidth256.ToDouble(RoundedToOdd(lower)), VectorWidth256.ToDouble(RoundedToOdd(upper)));
    }

    /// <summary>Four float32 lanes from the two of <paramref name="lower"/> and the two of <paramref name="upper"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Convert(Vector128<long> lower, Vector128<long> upper) =>
        Vector128.Narrow(VectorWidth128.ToDouble(RoundedToOdd(lower)), VectorWidth128.ToDouble(RoundedToOdd(upper)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> RoundedToOdd(Vector512<long> a)
    {
        var odd = (a & Vector512.Create(~BelowOddBit)) | (((a & Vector512.Create(BelowOddBit)) + Vector512.Create(BelowOddBit)) & Vector512.Create(OddBit));
        var inexact = Vector512.GreaterThan(a, Vector512.Create(ExactInDouble)) | Vector512.LessThan(a, Vector512.Create(-ExactInDouble));
        return Vector512.ConditionalSelect(inexact, odd, a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> RoundedToOdd(Vector256<long> a)
    {
        var odd = (a & Vector256.Create(~BelowOddBit)) | (((a & Vector256.Create(BelowOddBit)) + Vector256.Create(BelowOddBit)) & Vector256.Create(OddBit));
        var inexact = Vector256.GreaterThan(a, Vector256.Create(ExactInDouble)) | Vector256.LessThan(a, Vector256.Create(-ExactInDouble));
        return Vector256.ConditionalSelect(inexact, odd, a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<long> RoundedToOdd(Vector128<long> a)
    {
        var odd = (a & Vector128.Create(~BelowOddBit)) | (((a & Vector128.Create(BelowOddBit)) + Vector128.Create(BelowOddBit)) & Vector128.Create(OddBit));
        var inexact = Vector128.GreaterThan(a, Vector128.Create(ExactInDouble)) | Vector128.LessThan(a, Vector128.Create(-ExactInDouble));
        return Vector128.ConditionalSelect(inexact, odd, a);
    }
}
