namespace SlowSeries.Vectorization;

/// <summary>Two vectors of one width side by side: the lanes of <see cref="PairedWidth{W, TDouble, TLong}"/>, the low ones first.</summary>
/// <typeparam name="T">A vector type of the inner width.</typeparam>
public readonly record struct VectorPair<T>(T Low, T High)
    where T : struct;
