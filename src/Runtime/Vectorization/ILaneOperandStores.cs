using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SlowSeries.Vectorization;

/// <summary>Stores into spans (whole vectors and the last, partial one) at any width.</summary>
/// <remarks>One of the parts <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> is made of; see there why it has parts.</remarks>
/// <typeparam name="TSelf">The width type itself.</typeparam>
/// <typeparam name="TDouble">A vector of double lanes (<c>double</c> for the scalar width).</typeparam>
/// <typeparam name="TLong">A vector of long lanes (<c>long</c> for the scalar width).</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface ILaneOperandStores<TSelf, TDouble, TLong>
    where TSelf : struct, IVectorWidth<TSelf, TDouble, TLong>
    where TDouble : struct
    where TLong : struct
{
    /// <summary>Stores <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/> lanes at <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual void Store(TDouble value, Span<double> destination, int index) =>
        TSelf.StoreUnsafe(value, ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), index));

    /// <summary>Stores <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/> lanes at <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual void Store(TLong value, Span<long> destination, int index) =>
        TSelf.StoreUnsafe(value, ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), index));

    /// <summary>Stores <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/> lanes, narrowed to int, at <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual void Store(TLong value, Span<int> destination, int index)
    {
        for (int lane = 0; lane < TSelf.Count; lane++)
        {
            destination[index + lane] = (int)TSelf.GetElement(value, lane);
        }
    }

    /// <summary>Stores <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/> mask lanes as booleans at <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual void Store(TLong mask, Span<bool> destination, int index)
    {
        for (int lane = 0; lane < TSelf.Count; lane++)
        {
            destination[index + lane] = TSelf.GetElement(mask, lane) != 0;
        }
    }

    /// <summary>Stores the first <c>destination length - index</c> (fewer than <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/>) lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static virtual void StoreTail(TDouble value, Span<double> destination, int index)
    {
        for (int lane = 0; lane < TSelf.Count && index + lane < destination.Length; lane++)
        {
            destination[index + lane] = TSelf.GetElement(value, lane);
        }
    }

    /// <summary>Stores the first (fewer than <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/>) lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static virtual void StoreTail(TLong value, Span<long> destination, int index)
    {
        for (int lane = 0; lane < TSelf.Count && index + lane < destination.Length; lane++)
        {
            destination[index + lane] = TSelf.GetElement(value, lane);
        }
    }

    /// <summary>Stores the first (fewer than <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/>) lanes, narrowed to int.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static virtual void StoreTail(TLong value, Span<int> destination, int index)
    {
        for (int lane = 0; lane < TSelf.Count && index + lane < destination.Length; lane++)
        {
            destination[index + lane] = (int)TSelf.GetElement(value, lane);
        }
    }

    /// <summary>Stores the first (fewer than <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/>) mask lanes as booleans.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static virtual void StoreTail(TLong mask, Span<bool> destination, int index)
    {
        for (int lane = 0; lane < TSelf.Count && index + lane < destination.Length; lane++)
        {
            destination[index + lane] = TSelf.GetElement(mask, lane) != 0;
        }
    }
}
