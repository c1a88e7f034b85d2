using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>Conversions between double and long lanes, C#'s int conversions, and rounding to whole numbers.</summary>
/// <remarks>One of the parts <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> is made of; see there why it has parts.</remarks>
/// <typeparam name="TSelf">The width type itself.</typeparam>
/// <typeparam name="TDouble">A vector of double lanes (<c>double</c> for the scalar width).</typeparam>
/// <typeparam name="TLong">A vector of long lanes (<c>long</c> for the scalar width).</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface ILaneConversions<TSelf, TDouble, TLong>
    where TSelf : struct, IVectorWidth<TSelf, TDouble, TLong>
    where TDouble : struct
    where TLong : struct
{
    /// <summary>C#'s <c>(double)</c> of a long.</summary>
    static abstract TDouble ToDouble(TLong a);

    /// <summary>C#'s <c>(long)</c> of a double (.NET 9 and later: truncation, saturating, NaN to 0).</summary>
    static abstract TLong ToInt64(TDouble a);

    /// <summary>⌊a⌋.</summary>
    static abstract TDouble Floor(TDouble a);

    /// <summary>⌈a⌉.</summary>
    static abstract TDouble Ceiling(TDouble a);

    /// <summary>a rounded toward zero.</summary>
    static abstract TDouble Truncate(TDouble a);

    /// <summary>a rounded to the nearest integer, ties to even (<see cref="Math.Round(double)"/>).</summary>
    static abstract TDouble Round(TDouble a);

    /// <summary>C#'s unchecked <c>int</c> arithmetic: the low 32 bits, sign-extended.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong WrapInt32(TLong value) => TSelf.ShiftRightArithmetic(TSelf.ShiftLeft(value, 32), 32);

    /// <summary>C#'s <c>(int)</c> of a double (truncation, saturating at the int range, NaN to 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong ToInt32(TDouble value) =>
        TSelf.ToInt64(TSelf.Min(TSelf.Max(value, TSelf.Create((double)int.MinValue)), TSelf.Create((double)int.MaxValue)));
}
