namespace SlowSeries.Vectorization;

/// <summary>Bitwise operations and shifts of int lanes, the reinterpretation of float lanes as int and back, and int to float.</summary>
/// <remarks>One of the parts <see cref="ISingleLanes{TSelf, TSingle, TInt}"/> is made of (see <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> for why it has parts).</remarks>
/// <typeparam name="TSelf">The lanes type itself.</typeparam>
/// <typeparam name="TSingle">A vector of float lanes (<c>float</c> without SIMD).</typeparam>
/// <typeparam name="TInt">A vector of int lanes (<c>int</c> without SIMD).</typeparam>
internal interface ISingleLaneBits<TSelf, TSingle, TInt>
    where TSelf : struct, ISingleLanes<TSelf, TSingle, TInt>
    where TSingle : struct
    where TInt : struct
{
    /// <summary>a &amp; b.</summary>
    static abstract TInt And(TInt a, TInt b);

    /// <summary>~a.</summary>
    static abstract TInt Not(TInt a);

    /// <summary>a &lt;&lt; count.</summary>
    static abstract TInt ShiftLeft(TInt a, int count);

    /// <summary>a &gt;&gt; count, the sign copied in.</summary>
    static abstract TInt ShiftRightArithmetic(TInt a, int count);

    /// <summary>The lanes' bits as int lanes.</summary>
    static abstract TInt AsInt32(TSingle a);

    /// <summary>The lanes' bits as float lanes.</summary>
    static abstract TSingle AsSingle(TInt a);

    /// <summary>Each int lane as the nearest float.</summary>
    static abstract TSingle ConvertToSingle(TInt a);
}
