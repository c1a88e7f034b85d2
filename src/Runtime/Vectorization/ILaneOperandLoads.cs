using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SlowSeries.Vectorization;

/// <summary>Loads of <see cref="Operand{T}"/> elements (whole vectors and the last, partial one) at any width.</summary>
/// <remarks>One of the parts <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> is made of; see there why it has parts.</remarks>
/// <typeparam name="TSelf">The width type itself.</typeparam>
/// <typeparam name="TDouble">A vector of double lanes (<c>double</c> for the scalar width).</typeparam>
/// <typeparam name="TLong">A vector of long lanes (<c>long</c> for the scalar width).</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface ILaneOperandLoads<TSelf, TDouble, TLong>
    where TSelf : struct, IVectorWidth<TSelf, TDouble, TLong>
    where TDouble : struct
    where TLong : struct
{
    /// <summary>Elements [index, index + <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/>) of an operand (a scalar is broadcast).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TDouble Load(Operand<double> operand, int index) =>
        operand.IsScalar ? TSelf.Create(operand.Value) : TSelf.LoadUnsafe(in Unsafe.Add(ref MemoryMarshal.GetReference(operand.Span), index));

    /// <summary>Elements [index, index + <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/>) of an operand (a scalar is broadcast).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong Load(Operand<long> operand, int index) =>
        operand.IsScalar ? TSelf.Create(operand.Value) : TSelf.LoadUnsafe(in Unsafe.Add(ref MemoryMarshal.GetReference(operand.Span), index));

    /// <summary>Elements [index, index + <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/>) of an operand, widened to long lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong Load(Operand<int> operand, int index) =>
        operand.IsScalar ? TSelf.Create((long)operand.Value) : TSelf.LoadWidened(in Unsafe.Add(ref MemoryMarshal.GetReference(operand.Span), index));

    /// <summary>Elements [index, index + <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/>) of an operand as a lane mask.</summary>
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

    /// <summary>Elements from <paramref name="index"/> to the end of the span, at most <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/>; the other lanes zero.</summary>
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

    /// <summary>Elements from <paramref name="index"/> to the end, at most <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/>; the other lanes zero.</summary>
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

    /// <summary>Elements from <paramref name="index"/> to the end, at most <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/>, widened; the other lanes zero.</summary>
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

    /// <summary>Elements from <paramref name="index"/> to the end, at most <see cref="ILaneShape{TSelf, TDouble, TLong}.Count"/>, as a mask; the other lanes false.</summary>
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
}
