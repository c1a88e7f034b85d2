namespace SlowSeries.Vectorization;

/// <summary>Two vectors of one width side by side: the lanes of <see cref="PairedWidth{W, TDouble, TLong}"/>, the low ones first.</summary>
/// <typeparam name="T">A vector type of the inner width.</typeparam>
// Called by the code the source generator emits, not by hand: hidden from completion lists.
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public readonly record struct VectorPair<T>(T Low, T High)
    where T : struct;
