using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SlowSeries.Arrays;

/// <summary>
/// Inputs of the element types NumExpr casts as it reads them, widened to one of ours as NumExpr does: 8- and 16-bit
/// integers (<c>sbyte short byte ushort</c>: images, audio) to int32, <c>uint</c> to int64, <c>Half</c> to float32 — exact
/// conversions, so results equal NumExpr's on the same data. A one-dimensional <c>byte[]</c> stays a byte string (the
/// course's <c>contains(x, b'hi')</c>); bytes as numbers come as <c>byte[,]</c> (any rank from 2) or
/// <c>Memory&lt;byte&gt;</c>. <c>ulong</c>, which no signed type holds, is refused as NumExpr refuses uint64.
/// </summary>
/// <remarks>
/// The widening is a vector copy at the call (TensorPrimitives'), where NumExpr converts block by block: a pass over the
/// input's bytes and the widened array's, once per evaluation, into an array kept with the input array
/// (<see cref="BufferFor"/>). Pass our dtypes to avoid it.
/// </remarks>
internal static class WidenedInputs
{
    /// <summary>
    /// <paramref name="array"/> widened to an array of ours of the same shape when its element type is one NumExpr casts;
    /// false for every other array. Throws for <c>ulong</c> elements.
    /// </summary>
    public static bool TryWiden(Array array, out NDArray widened)
    {
        var shape = ShapeOf(array);
        var element = array.GetType().GetElementType();
        NDArray? result = element == typeof(sbyte) ? Widen<sbyte, int>(Elements<sbyte>(array), shape, BufferFor<int>(array))
            : element == typeof(short) ? Widen<short, int>(Elements<short>(array), shape, BufferFor<int>(array))
            : element == typeof(ushort) ? Widen<ushort, int>(Elements<ushort>(array), shape, BufferFor<int>(array))
            : element == typeof(byte) && array.Rank > 1 ? Widen<byte, int>(Elements<byte>(array), shape, BufferFor<int>(array))
            : element == typeof(uint) ? Widen<uint, long>(Elements<uint>(array), shape, BufferFor<long>(array))
            : element == typeof(Half) ? Widen<Half, float>(Elements<Half>(array), shape, BufferFor<float>(array))
            : element == typeof(ulong) ? throw Unsigned64()
            : null;
        widened = result!;
        return result is not null;
    }

    /// <summary>Memory of an element type NumExpr casts, widened (see <see cref="TryWiden"/>); null for other values.</summary>
    public static NDArray? FromMemory(object value) => value switch
    {
        Memory<sbyte> m => Widen<sbyte, int>(m.Span, new Shape(m.Length)),
        ReadOnlyMemory<sbyte> m => Widen<sbyte, int>(m.Span, new Shape(m.Length)),
        Memory<short> m => Widen<short, int>(m.Span, new Shape(m.Length)),
        ReadOnlyMemory<short> m => Widen<short, int>(m.Span, new Shape(m.Length)),
        Memory<ushort> m => Widen<ushort, int>(m.Span, new Shape(m.Length)),
        ReadOnlyMemory<ushort> m => Widen<ushort, int>(m.Span, new Shape(m.Length)),
        Memory<byte> m => Widen<byte, int>(m.Span, new Shape(m.Length)),
        ReadOnlyMemory<byte> m => Widen<byte, int>(m.Span, new Shape(m.Length)),
        Memory<uint> m => Widen<uint, long>(m.Span, new Shape(m.Length)),
        ReadOnlyMemory<uint> m => Widen<uint, long>(m.Span, new Shape(m.Length)),
        Memory<Half> m => Widen<Half, float>(m.Span, new Shape(m.Length)),
        ReadOnlyMemory<Half> m => Widen<Half, float>(m.Span, new Shape(m.Length)),
        Memory<ulong> or ReadOnlyMemory<ulong> => throw Unsigned64(),
        _ => null,
    };

    /// <summary>A scalar of an element type NumExpr casts, widened (see <see cref="TryWiden"/>); null for other values.</summary>
    public static Scalar? FromScalar(object value) => value switch
    {
        sbyte v => Scalar.FromInt32(v),
        short v => Scalar.FromInt32(v),
        ushort v => Scalar.FromInt32(v),
        byte v => Scalar.FromInt32(v),
        uint v => Scalar.FromInt64(v),
        Half v => Scalar.FromFloat32((float)v),
        ulong => throw Unsigned64(),
        _ => null,
    };

    private static ArgumentException Unsigned64() =>
        new("ulong (uint64) values are not supported: no signed type holds them all, as NumExpr refuses uint64; convert to long or double");

    /// <summary>
    /// The values, converted exactly to <typeparamref name="TTo"/>, as an array of <paramref name="shape"/>: written into
    /// <paramref name="buffer"/> (of the values' length), or into a new array without one.
    /// </summary>
    public static NDArray Widen<TFrom, TTo>(ReadOnlySpan<TFrom> values, Shape shape, TTo[]? buffer = null)
        where TFrom : unmanaged
        where TTo : unmanaged
    {
        var type = ElementTypes.DTypeOf<TTo>();
        var widened = buffer ?? (TTo[])ElementTypes.AllocateToOverwrite(type, values.Length);
        if (typeof(TFrom) == typeof(Half))
        {
            TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<TFrom, Half>(values), MemoryMarshal.Cast<TTo, float>(widened.AsSpan()));
        }
        else
        {
            ConvertIntegers(values, widened);
        }

        return NDArray.OverStorage(type, widened, shape);
    }

    /// <summary>TensorPrimitives' vector conversion of integers (8-, 16- and 32-bit to wider), exact as it only widens.</summary>
    private static void ConvertIntegers<TFrom, TTo>(ReadOnlySpan<TFrom> values, TTo[] widened)
        where TFrom : unmanaged
        where TTo : unmanaged
    {
        if (typeof(TFrom) == typeof(sbyte))
        {
            TensorPrimitives.ConvertTruncating(MemoryMarshal.Cast<TFrom, sbyte>(values), MemoryMarshal.Cast<TTo, int>(widened.AsSpan()));
        }
        else if (typeof(TFrom) == typeof(byte))
        {
            TensorPrimitives.ConvertTruncating(MemoryMarshal.Cast<TFrom, byte>(values), MemoryMarshal.Cast<TTo, int>(widened.AsSpan()));
        }
        else if (typeof(TFrom) == typeof(short))
        {
            TensorPrimitives.ConvertTruncating(MemoryMarshal.Cast<TFrom, short>(values), MemoryMarshal.Cast<TTo, int>(widened.AsSpan()));
        }
        else if (typeof(TFrom) == typeof(ushort))
        {
            TensorPrimitives.ConvertTruncating(MemoryMarshal.Cast<TFrom, ushort>(values), MemoryMarshal.Cast<TTo, int>(widened.AsSpan()));
        }
        else
        {
            TensorPrimitives.ConvertTruncating(MemoryMarshal.Cast<TFrom, uint>(values), MemoryMarshal.Cast<TTo, long>(widened.AsSpan()));
        }
    }

    /// <summary>
    /// The array an input array is widened into, kept with it and written again by every evaluation that reads it: a new
    /// one per evaluation came from new memory each time (the collector reuses large objects late), whose page faults and
    /// zeroing made `h*2 + 1` on 1e7 int16 take 70–75 ms against NumExpr's 5.6. No result shares it (results are new
    /// arrays or the caller's), and evaluations at the same time over the same input write the same values into it.
    /// </summary>
    private static TTo[] BufferFor<TTo>(Array source)
        where TTo : unmanaged =>
        (TTo[])Buffers.GetValue(source, key => ElementTypes.AllocateToOverwrite(ElementTypes.DTypeOf<TTo>(), key.Length));

    private static readonly ConditionalWeakTable<Array, Array> Buffers = [];

    /// <summary>The elements of an array of any rank in C order, where they are.</summary>
    private static ReadOnlySpan<T> Elements<T>(Array array)
        where T : unmanaged =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(array)), array.Length);

    private static Shape ShapeOf(Array array)
    {
        var lengths = new int[array.Rank];
        for (int axis = 0; axis < lengths.Length; axis++)
        {
            lengths[axis] = array.GetLength(axis);
        }

        return new Shape(lengths);
    }
}
