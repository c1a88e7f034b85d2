namespace SlowSeries.Vectorization;

/// <summary>Comparisons of float lanes (returning int masks) and the selection of lanes by a mask.</summary>
/// <remarks>One of the parts <see cref="ISingleLanes{TSelf, TSingle, TInt}"/> is made of (see <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> for why it has parts).</remarks>
/// <typeparam name="TSelf">The lanes type itself.</typeparam>
/// <typeparam name="TSingle">A vector of float lanes (<c>float</c> without SIMD).</typeparam>
/// <typeparam name="TInt">A vector of int lanes (<c>int</c> without SIMD).</typeparam>
internal interface ISingleLaneComparisons<TSelf, TSingle, TInt>
    where TSelf : struct, ISingleLanes<TSelf, TSingle, TInt>
    where TSingle : struct
    where TInt : struct
{
    /// <summary>a &lt; b per lane (false where either is NaN).</summary>
    static abstract TInt LessThan(TSingle a, TSingle b);

    /// <summary>a &gt; b per lane (false where either is NaN).</summary>
    static abstract TInt GreaterThan(TSingle a, TSingle b);

    /// <summary>a == b per lane.</summary>
    static abstract TInt EqualTo(TSingle a, TSingle b);

    /// <summary>Per lane, <paramref name="whenTrue"/> where the mask is set, else <paramref name="whenFalse"/>.</summary>
    static abstract TSingle Select(TInt mask, TSingle whenTrue, TSingle whenFalse);

    /// <summary>Per lane, <paramref name="whenTrue"/> where the mask is set, else <paramref name="whenFalse"/>.</summary>
    static abstract TInt Select(TInt mask, TInt whenTrue, TInt whenFalse);
}
