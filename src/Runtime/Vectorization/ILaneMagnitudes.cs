namespace SlowSeries.Vectorization;

/// <summary>Absolute values, minimum and maximum of double and long lanes, and the square root.</summary>
/// <remarks>One of the parts <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> is made of; see there why it has parts.</remarks>
/// <typeparam name="TSelf">The width type itself.</typeparam>
/// <typeparam name="TDouble">A vector of double lanes (<c>double</c> for the scalar width).</typeparam>
/// <typeparam name="TLong">A vector of long lanes (<c>long</c> for the scalar width).</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface ILaneMagnitudes<TSelf, TDouble, TLong>
    where TSelf : struct, IVectorWidth<TSelf, TDouble, TLong>
    where TDouble : struct
    where TLong : struct
{
    /// <summary>√a.</summary>
    static abstract TDouble Sqrt(TDouble a);

    /// <summary>|a|.</summary>
    static abstract TDouble Abs(TDouble a);

    /// <summary>|a| (wrapping for <see cref="long.MinValue"/>).</summary>
    static abstract TLong Abs(TLong a);

    /// <summary>The lesser lane (NaN if either is NaN, −0 below +0, as <see cref="Math.Min(double, double)"/>).</summary>
    static abstract TDouble Min(TDouble a, TDouble b);

    /// <summary>The lesser lane.</summary>
    static abstract TLong Min(TLong a, TLong b);

    /// <summary>The greater lane (as <see cref="Math.Max(double, double)"/>).</summary>
    static abstract TDouble Max(TDouble a, TDouble b);

    /// <summary>The greater lane.</summary>
    static abstract TLong Max(TLong a, TLong b);
}
