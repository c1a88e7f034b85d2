namespace SlowSeries.Vectorization;

/// <summary>The float32 lanes of one width: how many, broadcasts, loads and stores, and whether a mask has any lane set.</summary>
/// <remarks>One of the parts <see cref="ISingleLanes{TSelf, TSingle, TInt}"/> is made of (see <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> for why it has parts).</remarks>
/// <typeparam name="TSelf">The lanes type itself.</typeparam>
/// <typeparam name="TSingle">A vector of float lanes (<c>float</c> without SIMD).</typeparam>
/// <typeparam name="TInt">A vector of int lanes (<c>int</c> without SIMD).</typeparam>
internal interface ISingleLaneShape<TSelf, TSingle, TInt>
    where TSelf : struct, ISingleLanes<TSelf, TSingle, TInt>
    where TSingle : struct
    where TInt : struct
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TSingle Create(float value);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TInt Create(int value);

    /// <summary><see cref="Count"/> elements from <paramref name="source"/>.</summary>
    static abstract TSingle Load(ref readonly float source);

    /// <summary>The lanes to <see cref="Count"/> elements from <paramref name="destination"/>.</summary>
    static abstract void Store(TSingle value, ref float destination);

    /// <summary>True when any lane of the mask is set.</summary>
    static abstract bool Any(TInt mask);
}
