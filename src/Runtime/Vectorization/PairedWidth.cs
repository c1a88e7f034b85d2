using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>
/// Two vectors of the width <typeparamref name="W"/> worked as one of twice the lanes: every operation on both halves.
/// For loops whose iterations depend on the one before (an escape-time or Collatz loop), one vector waits on the latency of
/// each step; two independent halves fill those cycles (the hardware runs them side by side), where a wider vector would
/// only raise how many lanes wait for the slowest. See <see cref="IVectorWidth{TSelf, TDouble, TLong}"/>.
/// </summary>
/// <typeparam name="W">The width of each half.</typeparam>
/// <typeparam name="TDouble">The half's vector of double lanes.</typeparam>
/// <typeparam name="TLong">The half's vector of long lanes.</typeparam>
// Called by the code the source generator emits, not by hand: hidden from completion lists.
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public readonly struct PairedWidth<W, TDouble, TLong> : IVectorWidth<PairedWidth<W, TDouble, TLong>, VectorPair<TDouble>, VectorPair<TLong>>
    where W : struct, IVectorWidth<W, TDouble, TLong>
    where TDouble : struct
    where TLong : struct
{
    /// <inheritdoc/>
    public static int Count => 2 * W.Count;

    /// <inheritdoc/>
    public static VectorPair<TLong> All => new() { Low = W.All, High = W.All };

    /// <inheritdoc/>
    public static VectorPair<TLong> None => new() { Low = W.None, High = W.None };

    /// <inheritdoc/>
    public static VectorPair<TLong> Indices => new() { Low = W.Indices, High = W.Add(W.Indices, W.Create((long)W.Count)) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Create(double value) => new() { Low = W.Create(value), High = W.Create(value) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Create(long value) => new() { Low = W.Create(value), High = W.Create(value) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(VectorPair<TLong> mask) => W.Any(W.Or(mask.Low, mask.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> ShiftLeft(VectorPair<TLong> a, int count) => new() { Low = W.ShiftLeft(a.Low, count), High = W.ShiftLeft(a.High, count) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> ShiftRightArithmetic(VectorPair<TLong> a, int count) => new() { Low = W.ShiftRightArithmetic(a.Low, count), High = W.ShiftRightArithmetic(a.High, count) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> ShiftRightLogical(VectorPair<TLong> a, int count) => new() { Low = W.ShiftRightLogical(a.Low, count), High = W.ShiftRightLogical(a.High, count) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long GetElement(VectorPair<TLong> a, int index) => index < W.Count ? W.GetElement(a.Low, index) : W.GetElement(a.High, index - W.Count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GetElement(VectorPair<TDouble> a, int index) => index < W.Count ? W.GetElement(a.Low, index) : W.GetElement(a.High, index - W.Count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> WithElement(VectorPair<TLong> a, int index, long value) =>
        index < W.Count ? new() { Low = W.WithElement(a.Low, index, value), High = a.High } : new() { Low = a.Low, High = W.WithElement(a.High, index - W.Count, value) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> LoadUnsafe(ref readonly double source) => new() { Low = W.LoadUnsafe(in source), High = W.LoadUnsafe(in Unsafe.Add(ref Unsafe.AsRef(in source), W.Count)) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> LoadUnsafe(ref readonly long source) => new() { Low = W.LoadUnsafe(in source), High = W.LoadUnsafe(in Unsafe.Add(ref Unsafe.AsRef(in source), W.Count)) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Gather(double[] table, VectorPair<TLong> index) => new() { Low = W.Gather(table, index.Low), High = W.Gather(table, index.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> LookUp16(double[] table, VectorPair<TLong> index) => new() { Low = W.LookUp16(table, index.Low), High = W.LookUp16(table, index.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> LookUp32(double[] table, VectorPair<TLong> index) => new() { Low = W.LookUp32(table, index.Low), High = W.LookUp32(table, index.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> LoadWidened(ref readonly int source) => new() { Low = W.LoadWidened(in source), High = W.LoadWidened(in Unsafe.Add(ref Unsafe.AsRef(in source), W.Count)) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(VectorPair<TDouble> value, ref double destination)
    {
        W.StoreUnsafe(value.Low, ref destination);
        W.StoreUnsafe(value.High, ref Unsafe.Add(ref destination, W.Count));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(VectorPair<TLong> value, ref long destination)
    {
        W.StoreUnsafe(value.Low, ref destination);
        W.StoreUnsafe(value.High, ref Unsafe.Add(ref destination, W.Count));
    }

    // The algorithms below are the inner width's own (its better instructions, its tests of a lane range), on each half.

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Divide(VectorPair<TLong> dividend, VectorPair<TLong> divisor, VectorPair<TLong> active) =>
        new() { Low = W.Divide(dividend.Low, divisor.Low, active.Low), High = W.Divide(dividend.High, divisor.High, active.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> DivideByConstant(VectorPair<TLong> dividend, ConstantDivisor divisor) =>
        new() { Low = W.DivideByConstant(dividend.Low, divisor), High = W.DivideByConstant(dividend.High, divisor) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (VectorPair<TLong> Quotient, VectorPair<TLong> Remainder) DivideWithRemainderByConstant(VectorPair<TLong> dividend, ConstantDivisor divisor)
    {
        var (lowQuotient, lowRemainder) = W.DivideWithRemainderByConstant(dividend.Low, divisor);
        var (highQuotient, highRemainder) = W.DivideWithRemainderByConstant(dividend.High, divisor);
        return (new() { Low = lowQuotient, High = highQuotient }, new() { Low = lowRemainder, High = highRemainder });
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Add(VectorPair<TDouble> a, VectorPair<TDouble> b) => new() { Low = W.Add(a.Low, b.Low), High = W.Add(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Add(VectorPair<TLong> a, VectorPair<TLong> b) => new() { Low = W.Add(a.Low, b.Low), High = W.Add(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Subtract(VectorPair<TDouble> a, VectorPair<TDouble> b) => new() { Low = W.Subtract(a.Low, b.Low), High = W.Subtract(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Subtract(VectorPair<TLong> a, VectorPair<TLong> b) => new() { Low = W.Subtract(a.Low, b.Low), High = W.Subtract(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Multiply(VectorPair<TDouble> a, VectorPair<TDouble> b) => new() { Low = W.Multiply(a.Low, b.Low), High = W.Multiply(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Multiply(VectorPair<TLong> a, VectorPair<TLong> b) => new() { Low = W.Multiply(a.Low, b.Low), High = W.Multiply(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> MultiplyLow32(VectorPair<TLong> a, VectorPair<TLong> b) => new() { Low = W.MultiplyLow32(a.Low, b.Low), High = W.MultiplyLow32(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Divide(VectorPair<TDouble> a, VectorPair<TDouble> b) => new() { Low = W.Divide(a.Low, b.Low), High = W.Divide(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Negate(VectorPair<TDouble> a) => new() { Low = W.Negate(a.Low), High = W.Negate(a.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Negate(VectorPair<TLong> a) => new() { Low = W.Negate(a.Low), High = W.Negate(a.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> And(VectorPair<TLong> a, VectorPair<TLong> b) => new() { Low = W.And(a.Low, b.Low), High = W.And(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Or(VectorPair<TLong> a, VectorPair<TLong> b) => new() { Low = W.Or(a.Low, b.Low), High = W.Or(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Xor(VectorPair<TLong> a, VectorPair<TLong> b) => new() { Low = W.Xor(a.Low, b.Low), High = W.Xor(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Not(VectorPair<TLong> a) => new() { Low = W.Not(a.Low), High = W.Not(a.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> AsInt64(VectorPair<TDouble> a) => new() { Low = W.AsInt64(a.Low), High = W.AsInt64(a.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> AsDouble(VectorPair<TLong> a) => new() { Low = W.AsDouble(a.Low), High = W.AsDouble(a.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Equal(VectorPair<TDouble> a, VectorPair<TDouble> b) => new() { Low = W.Equal(a.Low, b.Low), High = W.Equal(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Equal(VectorPair<TLong> a, VectorPair<TLong> b) => new() { Low = W.Equal(a.Low, b.Low), High = W.Equal(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> LessThan(VectorPair<TDouble> a, VectorPair<TDouble> b) => new() { Low = W.LessThan(a.Low, b.Low), High = W.LessThan(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> LessThan(VectorPair<TLong> a, VectorPair<TLong> b) => new() { Low = W.LessThan(a.Low, b.Low), High = W.LessThan(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> LessThanOrEqual(VectorPair<TDouble> a, VectorPair<TDouble> b) => new() { Low = W.LessThanOrEqual(a.Low, b.Low), High = W.LessThanOrEqual(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> LessThanOrEqual(VectorPair<TLong> a, VectorPair<TLong> b) => new() { Low = W.LessThanOrEqual(a.Low, b.Low), High = W.LessThanOrEqual(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> GreaterThan(VectorPair<TDouble> a, VectorPair<TDouble> b) => new() { Low = W.GreaterThan(a.Low, b.Low), High = W.GreaterThan(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> GreaterThan(VectorPair<TLong> a, VectorPair<TLong> b) => new() { Low = W.GreaterThan(a.Low, b.Low), High = W.GreaterThan(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> GreaterThanOrEqual(VectorPair<TDouble> a, VectorPair<TDouble> b) => new() { Low = W.GreaterThanOrEqual(a.Low, b.Low), High = W.GreaterThanOrEqual(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> GreaterThanOrEqual(VectorPair<TLong> a, VectorPair<TLong> b) => new() { Low = W.GreaterThanOrEqual(a.Low, b.Low), High = W.GreaterThanOrEqual(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Select(VectorPair<TLong> mask, VectorPair<TDouble> whenTrue, VectorPair<TDouble> whenFalse) => new() { Low = W.Select(mask.Low, whenTrue.Low, whenFalse.Low), High = W.Select(mask.High, whenTrue.High, whenFalse.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Select(VectorPair<TLong> mask, VectorPair<TLong> whenTrue, VectorPair<TLong> whenFalse) => new() { Low = W.Select(mask.Low, whenTrue.Low, whenFalse.Low), High = W.Select(mask.High, whenTrue.High, whenFalse.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> ToDouble(VectorPair<TLong> a) => new() { Low = W.ToDouble(a.Low), High = W.ToDouble(a.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> ToInt64(VectorPair<TDouble> a) => new() { Low = W.ToInt64(a.Low), High = W.ToInt64(a.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Sqrt(VectorPair<TDouble> a) => new() { Low = W.Sqrt(a.Low), High = W.Sqrt(a.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Floor(VectorPair<TDouble> a) => new() { Low = W.Floor(a.Low), High = W.Floor(a.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Ceiling(VectorPair<TDouble> a) => new() { Low = W.Ceiling(a.Low), High = W.Ceiling(a.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Truncate(VectorPair<TDouble> a) => new() { Low = W.Truncate(a.Low), High = W.Truncate(a.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Round(VectorPair<TDouble> a) => new() { Low = W.Round(a.Low), High = W.Round(a.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Abs(VectorPair<TDouble> a) => new() { Low = W.Abs(a.Low), High = W.Abs(a.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Abs(VectorPair<TLong> a) => new() { Low = W.Abs(a.Low), High = W.Abs(a.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Min(VectorPair<TDouble> a, VectorPair<TDouble> b) => new() { Low = W.Min(a.Low, b.Low), High = W.Min(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Min(VectorPair<TLong> a, VectorPair<TLong> b) => new() { Low = W.Min(a.Low, b.Low), High = W.Min(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Max(VectorPair<TDouble> a, VectorPair<TDouble> b) => new() { Low = W.Max(a.Low, b.Low), High = W.Max(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Max(VectorPair<TLong> a, VectorPair<TLong> b) => new() { Low = W.Max(a.Low, b.Low), High = W.Max(a.High, b.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> FusedMultiplyAdd(VectorPair<TDouble> a, VectorPair<TDouble> b, VectorPair<TDouble> c) => new() { Low = W.FusedMultiplyAdd(a.Low, b.Low, c.Low), High = W.FusedMultiplyAdd(a.High, b.High, c.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Exp(VectorPair<TDouble> a) => new() { Low = W.Exp(a.Low), High = W.Exp(a.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Log(VectorPair<TDouble> a) => new() { Low = W.Log(a.Low), High = W.Log(a.High) };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Log2(VectorPair<TDouble> a) => new() { Low = W.Log2(a.Low), High = W.Log2(a.High) };
}
