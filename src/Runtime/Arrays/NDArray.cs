using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SlowSeries.Arrays;

namespace SlowSeries.Arrays;

/// <summary>
/// An n-dimensional view over a .NET array (of any rank) with a shape, element strides and an offset, like a NumPy
/// ndarray. Broadcast and strided inputs are views; nothing is copied to wrap <c>T[]</c>, <c>T[,]</c> or <c>T[,,]</c>.
/// </summary>
public sealed class NDArray
{
    private readonly long[] strides;

    private NDArray(DType type, Array data, Shape shape, long[] strides, long offset)
    {
        DType = type;
        Data = data;
        Shape = shape;
        this.strides = strides;
        Offset = offset;
    }

    /// <summary>The dtype of the elements.</summary>
    public DType DType { get; }

    /// <summary>The length along each axis.</summary>
    public Shape Shape { get; }

    /// <summary>Element strides per axis (not bytes); 0 on a broadcast axis.</summary>
    public IReadOnlyList<long> Strides => strides;

    /// <summary>Element offset of index (0, ..., 0) in <see cref="Data"/>.</summary>
    public long Offset { get; }

    /// <summary>The underlying storage, read and written in flat (row-major) element order.</summary>
    public Array Data { get; }

    /// <summary>The number of dimensions.</summary>
    public int Rank => Shape.Rank;

    /// <summary>The number of elements.</summary>
    public long Size => Shape.Size;

    /// <summary>Whether the elements are laid out in C order without gaps (a plain array, not a strided or broadcast view).</summary>
    public bool IsContiguous => strides.SequenceEqual(ContiguousStrides(Shape));

    /// <summary>A 1-d float64 view of the array (no copy).</summary>
    public static implicit operator NDArray(double[] data) => Wrap(data);

    /// <summary>A 1-d float32 view of the array (no copy).</summary>
    public static implicit operator NDArray(float[] data) => Wrap(data);

    /// <summary>A 1-d int32 view of the array (no copy).</summary>
    public static implicit operator NDArray(int[] data) => Wrap(data);

    /// <summary>A 1-d int64 view of the array (no copy).</summary>
    public static implicit operator NDArray(long[] data) => Wrap(data);

    /// <summary>A 1-d bool view of the array (no copy).</summary>
    public static implicit operator NDArray(bool[] data) => Wrap(data);

    /// <summary>A 1-d complex128 view of the array (no copy).</summary>
    public static implicit operator NDArray(Complex[] data) => Wrap(data);

    /// <summary>Wraps an array of any rank without copying; its shape is the array's.</summary>
    public static NDArray Wrap(Array data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Type element = data.GetType().GetElementType()!;
        if (!ElementTypes.TryGetDType(element, out var type))
        {
            throw new ArgumentException($"arrays of {element.Name} are not supported; use bool, int, long, float, double, Complex or byte[]", nameof(data));
        }

        var lengths = new int[data.Rank];
        for (int axis = 0; axis < lengths.Length; axis++)
        {
            lengths[axis] = data.GetLength(axis);
        }

        var shape = new Shape(lengths);
        return new NDArray(type, data, shape, ContiguousStrides(shape), 0);
    }

    /// <summary>A C-order view of <paramref name="data"/> with the given shape (its size must match).</summary>
    public static NDArray Wrap<T>(T[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = shape.Length == 0 ? new Shape(data.Length) : new Shape(shape);
        if (s.Size != data.Length)
        {
            throw new ArgumentException($"shape {s} has {s.Size} elements but the array has {data.Length}", nameof(shape));
        }

        return new NDArray(ElementTypes.DTypeOf<T>(), data, s, ContiguousStrides(s), 0);
    }

    /// <summary>A view with explicit element strides and offset, as NumPy's <c>as_strided</c>; bounds are checked.</summary>
    public static NDArray Strided(Array data, Shape shape, IReadOnlyList<long> strides, long offset = 0)
    {
        var view = Wrap(data);
        return view.View(shape, strides, offset);
    }

    /// <summary>
    /// A new C-ordered array of zeros. On Linux, one of 4 MiB or more lies on 2 MiB pages where the kernel allows (as
    /// NumPy's large arrays do): memory-bound expressions read it faster than an array from <c>new double[n]</c>.
    /// </summary>
    public static NDArray Zeros(DType type, Shape shape) => Contiguous(type, ElementTypes.AllocateZeroed(type, shape.Size), shape);

    /// <summary>A new C-ordered array whose every element the caller writes before it is read (see <see cref="ElementTypes.AllocateToOverwrite"/>).</summary>
    internal static NDArray ToOverwrite(DType type, Shape shape) => Contiguous(type, ElementTypes.AllocateToOverwrite(type, shape.Size), shape);

    /// <summary>A C-ordered array over existing storage of exactly <paramref name="shape"/>'s size, whose contents are to be overwritten.</summary>
    internal static NDArray OverStorage(DType type, Array data, Shape shape) => Contiguous(type, data, shape);

    /// <summary>A C-ordered array over new storage (byte strings start empty, not null).</summary>
    private static NDArray Contiguous(DType type, Array data, Shape shape)
    {
        if (type == DType.Bytes)
        {
            Array.Fill((byte[][])data, []);
        }

        return new NDArray(type, data, shape, ContiguousStrides(shape), 0);
    }

    /// <summary>A 0-d array holding one value.</summary>
    public static NDArray FromScalar(Scalar value)
    {
        var array = Zeros(value.Type, Shape.Scalar);
        array.SetAt(0, value);
        return array;
    }

    /// <summary>A new view of the same storage (slicing, transposing, broadcasting by stride 0).</summary>
    public NDArray View(Shape shape, IReadOnlyList<long> newStrides, long offset)
    {
        if (newStrides.Count != shape.Rank)
        {
            throw new ArgumentException($"{newStrides.Count} strides given for rank {shape.Rank}", nameof(newStrides));
        }

        if (shape.Size > 0)
        {
            long low = offset, high = offset;
            for (int axis = 0; axis < shape.Rank; axis++)
            {
                long reach = newStrides[axis] * (shape[axis] - 1);
                if (reach < 0)
                {
                    low += reach;
                }
                else
                {
                    high += reach;
                }
            }

            if (low < 0 || high >= Data.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(newStrides), $"the view reaches elements {low}..{high} of an array of {Data.Length}");
            }
        }

        return new NDArray(DType, Data, shape, newStrides.ToArray(), offset);
    }

    /// <summary>This array seen with the (broadcast-compatible) shape <paramref name="target"/>: stride 0 on new and size-1 axes.</summary>
    public NDArray BroadcastTo(Shape target)
    {
        var newStrides = new long[target.Rank];
        int shift = target.Rank - Rank;
        for (int axis = 0; axis < target.Rank; axis++)
        {
            int own = axis - shift;
            if (own < 0)
            {
                continue;
            }

            if (Shape[own] == target[axis])
            {
                newStrides[axis] = strides[own];
            }
            else if (Shape[own] != 1)
            {
                throw new ArgumentException($"shape {Shape} does not broadcast to {target}", nameof(target));
            }
        }

        return new NDArray(DType, Data, target, newStrides, Offset);
    }

    /// <summary>The strides, in elements, of a C-ordered array of <paramref name="shape"/>.</summary>
    public static long[] ContiguousStrides(Shape shape)
    {
        var result = new long[shape.Rank];
        long stride = 1;
        for (int axis = shape.Rank - 1; axis >= 0; axis--)
        {
            result[axis] = stride;
            stride *= Math.Max(1, shape[axis]);
        }

        return result;
    }

    /// <summary>Storage offset of a multi-index.</summary>
    public long OffsetOf(ReadOnlySpan<int> index)
    {
        if (index.Length != Rank)
        {
            throw new ArgumentException($"{index.Length} indices given for rank {Rank}", nameof(index));
        }

        long offset = Offset;
        for (int axis = 0; axis < index.Length; axis++)
        {
            if ((uint)index[axis] >= (uint)Shape[axis])
            {
                throw new IndexOutOfRangeException($"index {index[axis]} is out of bounds for axis {axis} with size {Shape[axis]}");
            }

            offset += index[axis] * strides[axis];
        }

        return offset;
    }

    /// <summary>The element at <paramref name="index"/> (one index per axis).</summary>
    [IndexerName("Element")]
    public Scalar this[params int[] index] => GetAt(OffsetOf(index));

    /// <summary>The single element of a rank-0 or size-1 array, as <typeparamref name="T"/>.</summary>
    public T Item<T>()
    {
        if (Size != 1)
        {
            throw new InvalidOperationException($"Item() needs exactly one element; this array has shape {Shape}");
        }

        return (T)ToClr(GetAt(OffsetOf(new int[Rank])))!;
    }

    /// <summary>A C-order copy of the elements as a flat array.</summary>
    public T[] ToArray<T>()
    {
        if (ElementTypes.DTypeOf<T>() != DType)
        {
            throw new InvalidOperationException($"this array holds {DType.Name()}, not {typeof(T).Name}");
        }

        var result = new T[Size];
        if (DType != DType.Bytes && Data is T[] data)
        {
            // Typed copies, not a boxed value per element: a 1e7-element result took 400 ms in a fresh process that way.
            if (IsContiguous)
            {
                Array.Copy(data, Offset, result, 0, result.LongLength);
                return result;
            }

            long k = 0;
            foreach (long offset in Offsets())
            {
                result[k++] = data[offset];
            }

            return result;
        }

        long i = 0;
        foreach (long offset in Offsets())
        {
            result[i++] = (T)ToClr(GetAt(offset))!;
        }

        return result;
    }

    /// <summary>Storage offsets of all elements in C order.</summary>
    public IEnumerable<long> Offsets()
    {
        if (Size == 0)
        {
            yield break;
        }

        var index = new int[Rank];
        while (true)
        {
            yield return OffsetOfUnchecked(index);
            int axis = Rank - 1;
            while (axis >= 0 && ++index[axis] == Shape[axis])
            {
                index[axis] = 0;
                axis--;
            }

            if (axis < 0)
            {
                yield break;
            }
        }
    }

    private long OffsetOfUnchecked(int[] index)
    {
        long offset = Offset;
        for (int axis = 0; axis < index.Length; axis++)
        {
            offset += index[axis] * strides[axis];
        }

        return offset;
    }

    /// <summary>Reads the element at a storage offset.</summary>
    public Scalar GetAt(long offset)
    {
        int i = checked((int)offset);
        return DType switch
        {
            DType.Bool => Scalar.FromBool(Flat<bool>()[i]),
            DType.Int32 => Scalar.FromInt32(Flat<int>()[i]),
            DType.Int64 => Scalar.FromInt64(Flat<long>()[i]),
            DType.Float32 => Scalar.FromFloat32(Flat<float>()[i]),
            DType.Float64 => Scalar.FromFloat64(Flat<double>()[i]),
            DType.Complex128 => Scalar.FromComplex(Flat<Complex>()[i]),
            DType.Bytes => Scalar.FromBytes(Flat<byte[]>()[i] ?? []),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>Writes the element at a storage offset, converting the value to this array's dtype.</summary>
    public void SetAt(long offset, Scalar value)
    {
        int i = checked((int)offset);
        value = value.CastTo(DType);
        switch (DType)
        {
            case DType.Bool: Flat<bool>()[i] = value.Boolean; break;
            case DType.Int32: Flat<int>()[i] = (int)value.Integer; break;
            case DType.Int64: Flat<long>()[i] = value.Integer; break;
            case DType.Float32: Flat<float>()[i] = (float)value.Real; break;
            case DType.Float64: Flat<double>()[i] = value.Real; break;
            case DType.Complex128: Flat<Complex>()[i] = value.Complex; break;
            case DType.Bytes: Flat<byte[]>()[i] = value.Bytes; break;
        }
    }

    /// <summary>The storage as one span in row-major order, whatever the rank of the .NET array.</summary>
    public Span<T> Flat<T>()
    {
        // A one-dimensional array (nearly every array here) in one type test; reflection only for T[,] and the like.
        if (Data is T[] vector)
        {
            return vector;
        }

        if (Data.GetType().GetElementType() != typeof(T))
        {
            throw new InvalidOperationException($"this array holds {DType.Name()}, not {typeof(T).Name}");
        }

        ref byte start = ref MemoryMarshal.GetArrayDataReference(Data);
        return MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref start), Data.Length);
    }

    /// <summary>The dtype and shape, e.g. <c>NDArray(float64, shape (3,))</c>.</summary>
    public override string ToString() => $"NDArray({DType.Name()}, shape {Shape})";

    internal static object? ToClr(Scalar value) => value.Type switch
    {
        DType.Bool => value.Boolean,
        DType.Int32 => (int)value.Integer,
        DType.Int64 => value.Integer,
        DType.Float32 => (float)value.Real,
        DType.Float64 => value.Real,
        DType.Complex128 => value.Complex,
        DType.Bytes => value.Bytes,
        _ => null,
    };
}
