namespace SlowSeries.Vectorization;

/// <summary>
/// float32 lanes at one vector width, as <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> is for float64: the primitives
/// the float32 functions (<see cref="VectorMath.ExpSingle{W, TSingle, TInt}"/>, …) are written against once. Twice as
/// many lanes as the float64 width: sixteen at 512 bits, eight at 256, four at 128 (NEON's), one without SIMD.
/// </summary>
/// <remarks>Masks are <typeparamref name="TInt"/> lanes of all ones or all zeros, as the comparisons return them. The members are
/// declared in parts of eight or fewer, which this interface joins: see <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> for why.</remarks>
/// <typeparam name="TSelf">The lanes type itself.</typeparam>
/// <typeparam name="TSingle">A vector of float lanes (<c>float</c> without SIMD).</typeparam>
/// <typeparam name="TInt">A vector of int lanes (<c>int</c> without SIMD).</typeparam>
internal interface ISingleLanes<TSelf, TSingle, TInt> :
    ISingleLaneShape<TSelf, TSingle, TInt>,
    ISingleLaneArithmetic<TSelf, TSingle, TInt>,
    ISingleLaneBits<TSelf, TSingle, TInt>,
    ISingleLaneComparisons<TSelf, TSingle, TInt>
    where TSelf : struct, ISingleLanes<TSelf, TSingle, TInt>
    where TSingle : struct
    where TInt : struct;
