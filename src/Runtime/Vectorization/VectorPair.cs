namespace SlowSeries.Vectorization;

/// <summary>Two vectors of one width side by side: the lanes of <see cref="PairedWidth{W, TDouble, TLong}"/>, the low ones first.</summary>
/// <typeparam name="T">A vector type of the inner width.</typeparam>
// Called by the code the source generator emits, not by hand: hidden from completion lists.
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public record struct VectorPair<T>(T Low, T High)
    where T : struct
{
    // Fields, set by object initialisers in PairedWidth's operations: a property read or a constructor call is one more
    // method for the JIT to inline, and with five of them per operation sin and cos of a pair ran out of its inlining
    // budget (calls left in the loop: 2x slower than one vector at a time).

    /// <summary>The low lanes.</summary>
    public T Low = Low;

    /// <summary>The high lanes.</summary>
    public T High = High;
}
