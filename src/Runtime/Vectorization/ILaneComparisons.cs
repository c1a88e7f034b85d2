namespace SlowSeries.Vectorization;

/// <summary>Comparisons of double and long lanes (returning masks) and the selection of lanes by a mask.</summary>
/// <remarks>One of the parts <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> is made of; see there why it has parts.</remarks>
/// <typeparam name="TSelf">The width type itself.</typeparam>
/// <typeparam name="TDouble">A vector of double lanes (<c>double</c> for the scalar width).</typeparam>
/// <typeparam name="TLong">A vector of long lanes (<c>long</c> for the scalar width).</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface ILaneComparisons<TSelf, TDouble, TLong>
    where TSelf : struct, IVectorWidth<TSelf, TDouble, TLong>
    where TDouble : struct
    where TLong : struct
{
    /// <summary>a == b as a mask (NaN is unequal to everything).</summary>
    static abstract TLong Equal(TDouble a, TDouble b);

    /// <summary>a == b as a mask.</summary>
    static abstract TLong Equal(TLong a, TLong b);

    /// <summary>a &lt; b as a mask.</summary>
    static abstract TLong LessThan(TDouble a, TDouble b);

    /// <summary>a &lt; b as a mask.</summary>
    static abstract TLong LessThan(TLong a, TLong b);

    /// <summary>a ≤ b as a mask.</summary>
    static abstract TLong LessThanOrEqual(TDouble a, TDouble b);

    /// <summary>a ≤ b as a mask.</summary>
    static abstract TLong LessThanOrEqual(TLong a, TLong b);

    /// <summary>a &gt; b as a mask.</summary>
    static abstract TLong GreaterThan(TDouble a, TDouble b);

    /// <summary>a &gt; b as a mask.</summary>
    static abstract TLong GreaterThan(TLong a, TLong b);

    /// <summary>a ≥ b as a mask.</summary>
    static abstract TLong GreaterThanOrEqual(TDouble a, TDouble b);

    /// <summary>a ≥ b as a mask.</summary>
    static abstract TLong GreaterThanOrEqual(TLong a, TLong b);

    /// <summary>Lanes of <paramref name="whenTrue"/> where the mask is set, else of <paramref name="whenFalse"/>.</summary>
    static abstract TDouble Select(TLong mask, TDouble whenTrue, TDouble whenFalse);

    /// <summary>Lanes of <paramref name="whenTrue"/> where the mask is set, else of <paramref name="whenFalse"/>.</summary>
    static abstract TLong Select(TLong mask, TLong whenTrue, TLong whenFalse);
}
