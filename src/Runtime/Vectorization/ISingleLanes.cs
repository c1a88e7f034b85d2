namespace SlowSeries.Vectorization;

/// <summary>
/// float32 lanes at one vector width, as <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> is for float64: the primitives
/// the float32 functions (<see cref="VectorMath.ExpSingle{W, TSingle, TInt}"/>, …) are written against once. Twice as
/// many lanes as the float64 width: sixteen at 512 bits, eight at 256, four at 128 (NEON's), one without SIMD.
/// </summary>
/// <remarks>Masks are <typeparamref name="TInt"/> lanes of all ones or all zeros, as the comparisons return them.</remarks>
/// <typeparam name="TSelf">The lanes type itself.</typeparam>
/// <typeparam name="TSingle">A vector of float lanes (<c>float</c> without SIMD).</typeparam>
/// <typeparam name="TInt">A vector of int lanes (<c>int</c> without SIMD).</typeparam>
internal interface ISingleLanes<TSelf, TSingle, TInt>
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

    /// <summary>a + b.</summary>
    static abstract TSingle Add(TSingle a, TSingle b);

    /// <summary>a − b.</summary>
    static abstract TSingle Subtract(TSingle a, TSingle b);

    /// <summary>a × b.</summary>
    static abstract TSingle Multiply(TSingle a, TSingle b);

    /// <summary>a ÷ b.</summary>
    static abstract TSingle Divide(TSingle a, TSingle b);

    /// <summary>a × b + c rounded once (only called where <see cref="VectorMath.HasFusedMultiplyAdd"/>).</summary>
    static abstract TSingle FusedMultiplyAdd(TSingle a, TSingle b, TSingle c);

    /// <summary>|a|.</summary>
    static abstract TSingle Abs(TSingle a);

    /// <summary>a + b, wrapping.</summary>
    static abstract TInt Add(TInt a, TInt b);

    /// <summary>a − b, wrapping.</summary>
    static abstract TInt Subtract(TInt a, TInt b);

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

    /// <summary>True when any lane of the mask is set.</summary>
    static abstract bool Any(TInt mask);
}
