using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>The lanes of one width: how many, the masks of all and none, the lane indices, broadcasts, single elements.</summary>
/// <remarks>One of the parts <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> is made of; see there why it has parts.</remarks>
/// <typeparam name="TSelf">The width type itself.</typeparam>
/// <typeparam name="TDouble">A vector of double lanes (<c>double</c> for the scalar width).</typeparam>
/// <typeparam name="TLong">A vector of long lanes (<c>long</c> for the scalar width).</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface ILaneShape<TSelf, TDouble, TLong>
    where TSelf : struct, IVectorWidth<TSelf, TDouble, TLong>
    where TDouble : struct
    where TLong : struct
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane active (or <c>true</c>).</summary>
    static abstract TLong All { get; }

    /// <summary>No lane active (or <c>false</c>).</summary>
    static abstract TLong None { get; }

    /// <summary>0, 1, 2, ... in the lanes.</summary>
    static abstract TLong Indices { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TDouble Create(double value);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TLong Create(long value);

    /// <summary>True when any lane of the mask is set.</summary>
    static abstract bool Any(TLong mask);

    /// <summary>Lane <paramref name="index"/>.</summary>
    static abstract long GetElement(TLong a, int index);

    /// <summary>Lane <paramref name="index"/>.</summary>
    static abstract double GetElement(TDouble a, int index);

    /// <summary><paramref name="a"/> with lane <paramref name="index"/> replaced by <paramref name="value"/>.</summary>
    static abstract TLong WithElement(TLong a, int index, long value);

    /// <summary>The first <paramref name="count"/> lanes active.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong Prefix(int count) => TSelf.LessThan(TSelf.Indices, TSelf.Create((long)count));

    /// <summary>Lane indices <paramref name="first"/>, <paramref name="first"/> + 1, ... (an index range's lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong Sequence(long first) => TSelf.Add(TSelf.Create(first), TSelf.Indices);
}
