using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SlowSeries.Vectorization;

/// <summary>Loads and stores of <see cref="Operand{T}"/> elements and spans at any width (see <see cref="IVectorWidth{TSelf, TDouble, TLong}"/>).</summary>
public partial interface IVectorWidth<TSelf, TDouble, TLong>
{
    /// <summary>Elements [index, index + <see cref="Count"/>) of an operand (a scalar is broadcast).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TDouble Load(Operand<double> operand, int index) =>
        operand.IsScalar ? TSelf.Create(operand.Value) : TSelf.LoadUnsafe(in Unsafe.Add(ref MemoryMarshal.GetReference(operand.Span), index));

    /// <summary>Elements [index, index + <see cref="Count"/>) of an operand (a scalar is broadcast).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong Load(Operand<long> operand, int index) =>
        operand.IsScalar ? TSelf.Create(operand.Value) : TSelf.LoadUnsafe(in Unsafe.Add(ref MemoryMarshal.GetReference(operand.Span), index));

    /// <summary>Elements [index, index + <see cref="Count"/>) of an operand, widened to long lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong Load(Operand<int> operand, int index) =>
        operand.IsScalar ? TSelf.Create((long)operand.Value) : TSelf.LoadWidened(in Unsafe.Add(ref MemoryMarshal.GetReference(operand.Span), index));

    /// <summary>Elements [index, index + <see cref="Count"/>) of an operand as a lane mask.</summary>
    static virtual TLong Load(Operand<bool> operand, int index)
    {
        if (operand.IsScalar)
        {
            return operand.Value ? TSelf.All : TSelf.None;
        }

        var mask = TSelf.None;
        for (int lane = 0; lane < TSelf.Count; lane++)
        {
            mask = TSelf.WithElement(mask, lane, operand.Span[index + lane] ? -1 : 0);
        }

        return mask;
    }

    /// <summary>Elements from <paramref name="index"/> to the end of the span, at most <see cref="Count"/>; the other lanes zero.</summary>
    static virtual TDouble LoadTail(Operand<double> operand, int index)
    {
        if (operand.IsScalar)
        {
            return TSelf.Create(operand.Value);
        }

        Span<double> lanes = stackalloc double[TSelf.Count];
        lanes.Clear();
        operand.Span.Slice(index, Math.Min(TSelf.Count, operand.Span.Length - index)).CopyTo(lanes);
        return TSelf.LoadUnsafe(in MemoryMarshal.GetReference(lanes));
    }

    /// <summary>Elements from <paramref name="index"/> to the end, at most <see cref="Count"/>; the other lanes zero.</summary>
    static virtual TLong LoadTail(Operand<long> operand, int index)
    {
        if (operand.IsScalar)
        {
            return TSelf.Create(operand.Value);
        }

        Span<long> lanes = stackalloc long[TSelf.Count];
        lanes.Clear();
        operand.Span.Slice(index, Math.Min(TSelf.Count, operand.Span.Length - index)).CopyTo(lanes);
        return TSelf.LoadUnsafe(in MemoryMarshal.GetReference(lanes));
    }

    /// <summary>Elements from <paramref name="index"/> to the end, at most <see cref="Count"/>, widened; the other lanes zero.</summary>
    static virtual TLong LoadTail(Operand<int> operand, int index)
    {
        if (operand.IsScalar)
        {
            return TSelf.Create((long)operand.Value);
        }

        var lanes = TSelf.Create(0L);
        for (int lane = 0; lane < Math.Min(TSelf.Count, operand.Span.Length - index); lane++)
        {
            lanes = TSelf.WithElement(lanes, lane, operand.Span[index + lane]);
        }

        return lanes;
    }

    /// <summary>Elements from <paramref name="index"/> to the end, at most <see cref="Count"/>, as a mask; the other lanes false.</summary>
    static virtual TLong LoadTail(Operand<bool> operand, int index)
    {
        if (operand.IsScalar)
        {
            return operand.Value ? TSelf.All : TSelf.None;
        }

        var mask = TSelf.None;
        for (int lane = 0; lane < Math.Min(TSelf.Count, operand.Span.Length - index); lane++)
        {
            mask = TSelf.WithElement(mask, lane, operand.Span[index + lane] ? -1 : 0);
        }

        return mask;
    }

    /// <summary>Stores <see cref="Count"/> lanes at <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual void Store(TDouble value, Span<double> destination, int index) =>
        TSelf.StoreUnsafe(value, ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), index));

    /// <summary>Stores <see cref="Count"/> lanes at <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual void Store(TLong value, Span<long> destination, int index) =>
        TSelf.StoreUnsafe(value, ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), index));

    /// <summary>Stores <see cref="Count"/> lanes, narrowed to int, at <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual void Store(TLong value, Span<int> destination, int index)
    {
        for (int lane = 0; lane < TSelf.Count; lane++)
        {
            destination[index + lane] = (int)TSelf.GetElement(value, lane);
        }
    }

    /// <summary>Stores <see cref="Count"/> mask lanes as booleans at <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual void Store(TLong mask, Span<bool> destination, int index)
    {
        for (int lane = 0; lane < TSelf.Count; lane++)
        {
            destination[index + lane] = TSelf.GetElement(mask, lane) != 0;
        }
    }

    /// <summary>Stores the first <c>destination length - index</c> (fewer than <see cref="Count"/>) lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static virtual void StoreTail(TDouble value, Span<double> destination, int index)
    {
        for (int lane = 0; lane < TSelf.Count && index + lane < destination.Length; lane++)
        {
            destination[index + lane] = TSelf.GetElement(value, lane);
        }
    }

    /// <summary>Stores the first (fewer than <see cref="Count"/>) lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static virtual void StoreTail(TLong value, Span<long> destination, int index)
    {
        for (int lane = 0; lane < TSelf.Count && index + lane < destination.Length; lane++)
        {
            destination[index + lane] = TSelf.GetElement(value, lane);
        }
    }

    /// <summary>Stores the first (fewer than <see cref="Count"/>) lanes, narrowed to int.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static virtual void StoreTail(TLong value, Span<int> destination, int index)
    {
        for (int lane = 0; lane < TSelf.Count && index + lane < destination.Length; lane++)
        {
            destination[index + lane] = (int)TSelf.GetElement(value, lane);
        }
    }

    /// <summary>Stores the first (fewer than <see cref="Count"/>) mask lanes as booleans.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static virtual void StoreTail(TLong mask, Span<bool> destination, int index)
    {
        for (int lane = 0; lane < TSelf.Count && index + lane < destination.Length; lane++)
        {
            destination[index + lane] = TSelf.GetElement(mask, lane) != 0;
        }
    }
}
