namespace SlowSeries.Vectorization;

/// <summary>Arithmetic of float lanes and (wrapping) int lanes.</summary>
/// <remarks>One of the parts <see cref="ISingleLanes{TSelf, TSingle, TInt}"/> is made of (see <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> for why it has parts).</remarks>
/// <typeparam name="TSelf">The lanes type itself.</typeparam>
/// <typeparam name="TSingle">A vector of float lanes (<c>float</c> without SIMD).</typeparam>
/// <typeparam name="TInt">A vector of int lanes (<c>int</c> without SIMD).</typeparam>
internal interface ISingleLaneArithmetic<TSelf, TSingle, TInt>
    where TSelf : struct, ISingleLanes<TSelf, TSingle, TInt>
    where TSingle : struct
    where TInt : struct
{
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
}
