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
    public static VectorPair<TLong> All => new(W.All, W.All);

    /// <inheritdoc/>
    public static VectorPair<TLong> None => new(W.None, W.None);

    /// <inheritdoc/>
    public static VectorPair<TLong> Indices => new(W.Indices, W.Add(W.Indices, W.Create((long)W.Count)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Create(double value) => new(W.Create(value), W.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Create(long value) => new(W.Create(value), W.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(VectorPair<TLong> mask) => W.Any(W.Or(mask.Low, mask.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> ShiftLeft(VectorPair<TLong> a, int count) => new(W.ShiftLeft(a.Low, count), W.ShiftLeft(a.High, count));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> ShiftRightArithmetic(VectorPair<TLong> a, int count) => new(W.ShiftRightArithmetic(a.Low, count), W.ShiftRightArithmetic(a.High, count));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> ShiftRightLogical(VectorPair<TLong> a, int count) => new(W.ShiftRightLogical(a.Low, count), W.ShiftRightLogical(a.High, count));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long GetElement(VectorPair<TLong> a, int index) => index < W.Count ? W.GetElement(a.Low, index) : W.GetElement(a.High, index - W.Count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GetElement(VectorPair<TDouble> a, int index) => index < W.Count ? W.GetElement(a.Low, index) : W.GetElement(a.High, index - W.Count);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> WithElement(VectorPair<TLong> a, int index, long value) =>
        index < W.Count ? new(W.WithElement(a.Low, index, value), a.High) : new(a.Low, W.WithElement(a.High, index - W.Count, value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> LoadUnsafe(ref readonly double source) => new(W.LoadUnsafe(in source), W.LoadUnsafe(in Unsafe.Add(ref Unsafe.AsRef(in source), W.Count)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> LoadUnsafe(ref readonly long source) => new(W.LoadUnsafe(in source), W.LoadUnsafe(in Unsafe.Add(ref Unsafe.AsRef(in source), W.Count)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> LoadWidened(ref readonly int source) => new(W.LoadWidened(in source), W.LoadWidened(in Unsafe.Add(ref Unsafe.AsRef(in source), W.Count)));

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
        new(W.Divide(dividend.Low, divisor.Low, active.Low), W.Divide(dividend.High, divisor.High, active.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> DivideByConstant(VectorPair<TLong> dividend, ConstantDivisor divisor) =>
        new(W.DivideByConstant(dividend.Low, divisor), W.DivideByConstant(dividend.High, divisor));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (VectorPair<TLong> Quotient, VectorPair<TLong> Remainder) DivideWithRemainderByConstant(VectorPair<TLong> dividend, ConstantDivisor divisor)
    {
        var (lowQuotient, lowRemainder) = W.DivideWithRemainderByConstant(dividend.Low, divisor);
        var (highQuotient, highRemainder) = W.DivideWithRemainderByConstant(dividend.High, divisor);
        return (new(lowQuotient, highQuotient), new(lowRemainder, highRemainder));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Add(VectorPair<TDouble> a, VectorPair<TDouble> b) => new(W.Add(a.Low, b.Low), W.Add(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Add(VectorPair<TLong> a, VectorPair<TLong> b) => new(W.Add(a.Low, b.Low), W.Add(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Subtract(VectorPair<TDouble> a, VectorPair<TDouble> b) => new(W.Subtract(a.Low, b.Low), W.Subtract(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Subtract(VectorPair<TLong> a, VectorPair<TLong> b) => new(W.Subtract(a.Low, b.Low), W.Subtract(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Multiply(VectorPair<TDouble> a, VectorPair<TDouble> b) => new(W.Multiply(a.Low, b.Low), W.Multiply(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Multiply(VectorPair<TLong> a, VectorPair<TLong> b) => new(W.Multiply(a.Low, b.Low), W.Multiply(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> MultiplyLow32(VectorPair<TLong> a, VectorPair<TLong> b) => new(W.MultiplyLow32(a.Low, b.Low), W.MultiplyLow32(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Divide(VectorPair<TDouble> a, VectorPair<TDouble> b) => new(W.Divide(a.Low, b.Low), W.Divide(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Negate(VectorPair<TDouble> a) => new(W.Negate(a.Low), W.Negate(a.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Negate(VectorPair<TLong> a) => new(W.Negate(a.Low), W.Negate(a.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> And(VectorPair<TLong> a, VectorPair<TLong> b) => new(W.And(a.Low, b.Low), W.And(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Or(VectorPair<TLong> a, VectorPair<TLong> b) => new(W.Or(a.Low, b.Low), W.Or(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Xor(VectorPair<TLong> a, VectorPair<TLong> b) => new(W.Xor(a.Low, b.Low), W.Xor(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Not(VectorPair<TLong> a) => new(W.Not(a.Low), W.Not(a.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> AsInt64(VectorPair<TDouble> a) => new(W.AsInt64(a.Low), W.AsInt64(a.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> AsDouble(VectorPair<TLong> a) => new(W.AsDouble(a.Low), W.AsDouble(a.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Equal(VectorPair<TDouble> a, VectorPair<TDouble> b) => new(W.Equal(a.Low, b.Low), W.Equal(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Equal(VectorPair<TLong> a, VectorPair<TLong> b) => new(W.Equal(a.Low, b.Low), W.Equal(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> LessThan(VectorPair<TDouble> a, VectorPair<TDouble> b) => new(W.LessThan(a.Low, b.Low), W.LessThan(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> LessThan(VectorPair<TLong> a, VectorPair<TLong> b) => new(W.LessThan(a.Low, b.Low), W.LessThan(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> LessThanOrEqual(VectorPair<TDouble> a, VectorPair<TDouble> b) => new(W.LessThanOrEqual(a.Low, b.Low), W.LessThanOrEqual(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> LessThanOrEqual(VectorPair<TLong> a, VectorPair<TLong> b) => new(W.LessThanOrEqual(a.Low, b.Low), W.LessThanOrEqual(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> GreaterThan(VectorPair<TDouble> a, VectorPair<TDouble> b) => new(W.GreaterThan(a.Low, b.Low), W.GreaterThan(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> GreaterThan(VectorPair<TLong> a, VectorPair<TLong> b) => new(W.GreaterThan(a.Low, b.Low), W.GreaterThan(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> GreaterThanOrEqual(VectorPair<TDouble> a, VectorPair<TDouble> b) => new(W.GreaterThanOrEqual(a.Low, b.Low), W.GreaterThanOrEqual(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> GreaterThanOrEqual(VectorPair<TLong> a, VectorPair<TLong> b) => new(W.GreaterThanOrEqual(a.Low, b.Low), W.GreaterThanOrEqual(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Select(VectorPair<TLong> mask, VectorPair<TDouble> whenTrue, VectorPair<TDouble> whenFalse) => new(W.Select(mask.Low, whenTrue.Low, whenFalse.Low), W.Select(mask.High, whenTrue.High, whenFalse.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Select(VectorPair<TLong> mask, VectorPair<TLong> whenTrue, VectorPair<TLong> whenFalse) => new(W.Select(mask.Low, whenTrue.Low, whenFalse.Low), W.Select(mask.High, whenTrue.High, whenFalse.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> ToDouble(VectorPair<TLong> a) => new(W.ToDouble(a.Low), W.ToDouble(a.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> ToInt64(VectorPair<TDouble> a) => new(W.ToInt64(a.Low), W.ToInt64(a.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Sqrt(VectorPair<TDouble> a) => new(W.Sqrt(a.Low), W.Sqrt(a.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Floor(VectorPair<TDouble> a) => new(W.Floor(a.Low), W.Floor(a.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Ceiling(VectorPair<TDouble> a) => new(W.Ceiling(a.Low), W.Ceiling(a.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Truncate(VectorPair<TDouble> a) => new(W.Truncate(a.Low), W.Truncate(a.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Round(VectorPair<TDouble> a) => new(W.Round(a.Low), W.Round(a.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Abs(VectorPair<TDouble> a) => new(W.Abs(a.Low), W.Abs(a.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Abs(VectorPair<TLong> a) => new(W.Abs(a.Low), W.Abs(a.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Min(VectorPair<TDouble> a, VectorPair<TDouble> b) => new(W.Min(a.Low, b.Low), W.Min(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Min(VectorPair<TLong> a, VectorPair<TLong> b) => new(W.Min(a.Low, b.Low), W.Min(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Max(VectorPair<TDouble> a, VectorPair<TDouble> b) => new(W.Max(a.Low, b.Low), W.Max(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TLong> Max(VectorPair<TLong> a, VectorPair<TLong> b) => new(W.Max(a.Low, b.Low), W.Max(a.High, b.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> FusedMultiplyAdd(VectorPair<TDouble> a, VectorPair<TDouble> b, VectorPair<TDouble> c) => new(W.FusedMultiplyAdd(a.Low, b.Low, c.Low), W.FusedMultiplyAdd(a.High, b.High, c.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Exp(VectorPair<TDouble> a) => new(W.Exp(a.Low), W.Exp(a.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Log(VectorPair<TDouble> a) => new(W.Log(a.Low), W.Log(a.High));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair<TDouble> Log2(VectorPair<TDouble> a) => new(W.Log2(a.Low), W.Log2(a.High));
}
