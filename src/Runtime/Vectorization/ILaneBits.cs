using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>Bitwise operations and shifts of long lanes (masks included), and the reinterpretation of double lanes as long and back.</summary>
/// <remarks>One of the parts <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> is made of; see there why it has parts.</remarks>
/// <typeparam name="TSelf">The width type itself.</typeparam>
/// <typeparam name="TDouble">A vector of double lanes (<c>double</c> for the scalar width).</typeparam>
/// <typeparam name="TLong">A vector of long lanes (<c>long</c> for the scalar width).</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface ILaneBits<TSelf, TDouble, TLong>
    where TSelf : struct, IVectorWidth<TSelf, TDouble, TLong>
    where TDouble : struct
    where TLong : struct
{
    /// <summary>a AND b.</summary>
    static abstract TLong And(TLong a, TLong b);

    /// <summary>a OR b.</summary>
    static abstract TLong Or(TLong a, TLong b);

    /// <summary>a XOR b.</summary>
    static abstract TLong Xor(TLong a, TLong b);

    /// <summary>NOT a.</summary>
    static abstract TLong Not(TLong a);

    /// <summary>The bits of double lanes as long lanes.</summary>
    static abstract TLong AsInt64(TDouble a);

    /// <summary>The bits of long lanes as double lanes.</summary>
    static abstract TDouble AsDouble(TLong a);

    /// <summary>a &lt;&lt; count.</summary>
    static abstract TLong ShiftLeft(TLong a, int count);

    /// <summary>a &gt;&gt; count (sign-filling).</summary>
    static abstract TLong ShiftRightArithmetic(TLong a, int count);

    /// <summary>a &gt;&gt;&gt; count (zero-filling).</summary>
    static abstract TLong ShiftRightLogical(TLong a, int count);

    /// <summary>a AND NOT b: the lanes of mask <paramref name="a"/> without those of <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong AndNot(TLong a, TLong b) => TSelf.And(a, TSelf.Not(b));
}
