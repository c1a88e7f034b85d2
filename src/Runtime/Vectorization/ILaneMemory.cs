namespace SlowSeries.Vectorization;

/// <summary>Loads and stores of whole vectors at a reference.</summary>
/// <remarks>One of the parts <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> is made of; see there why it has parts.</remarks>
/// <typeparam name="TSelf">The width type itself.</typeparam>
/// <typeparam name="TDouble">A vector of double lanes (<c>double</c> for the scalar width).</typeparam>
/// <typeparam name="TLong">A vector of long lanes (<c>long</c> for the scalar width).</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface ILaneMemory<TSelf, TDouble, TLong>
    where TSelf : struct, IVectorWidth<TSelf, TDouble, TLong>
    where TDouble : struct
    where TLong : struct
{
    /// <summary><see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/> doubles from <paramref name="source"/>.</summary>
    static abstract TDouble LoadUnsafe(ref readonly double source);

    /// <summary><see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/> longs from <paramref name="source"/>.</summary>
    static abstract TLong LoadUnsafe(ref readonly long source);

    /// <summary><see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/> ints from <paramref name="source"/>, sign-extended to long lanes.</summary>
    static abstract TLong LoadWidened(ref readonly int source);

    /// <summary>
    /// table[index] for each lane's index: a lookup in a table on the pinned object heap (the x64 gathers read it by
    /// address), every index within it.
    /// </summary>
    static abstract TDouble Gather(double[] table, TLong index);

    /// <summary>
    /// table[index] for a table of 16 entries, every index below 16: by two-register permutes at 512 bits (a 512-bit
    /// lookup by gathers is two 256-bit ones, which made such kernels slower than none), by <see cref="Gather"/> elsewhere.
    /// </summary>
    static abstract TDouble LookUp16(double[] table, TLong index);

    /// <summary>table[index] for a table of 32 entries, every index below 32: two permutes and a blend at 512 bits (see <see cref="LookUp16"/>).</summary>
    static abstract TDouble LookUp32(double[] table, TLong index);

    /// <summary>Stores the lanes at <paramref name="destination"/>.</summary>
    static abstract void StoreUnsafe(TDouble value, ref double destination);

    /// <summary>Stores the lanes at <paramref name="destination"/>.</summary>
    static abstract void StoreUnsafe(TLong value, ref long destination);
}
