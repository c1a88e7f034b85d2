using System.Numerics;
using SlowSeries.Arrays;

namespace SlowSeries.Arrays;

/// <summary>The CLR element type behind each <see cref="DType"/> (byte strings are <c>byte[]</c> per element).</summary>
internal static class ElementTypes
{
    public static Type ClrType(DType type) => type switch
    {
        DType.Bool => typeof(bool),
        DType.Int32 => typeof(int),
        DType.Int64 => typeof(long),
        DType.Float32 => typeof(float),
        DType.Float64 => typeof(double),
        DType.Complex128 => typeof(Complex),
        DType.Bytes => typeof(byte[]),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool TryGetDType(Type clrType, out DType type)
    {
        foreach (DType candidate in Enum.GetValues<DType>())
        {
            if (ClrType(candidate) == clrType)
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    public static DType DTypeOf<T>() => TryGetDType(typeof(T), out var type)
        ? type
        : throw new NotSupportedException($"{typeof(T).Name} is not an element type; use bool, int, long, float, double, Complex or byte[]");

    /// <summary>A zeroed array of <paramref name="length"/> elements of the dtype's CLR type (each allocation spelled out: NativeAOT has code only for array types it sees).</summary>
    public static Array Allocate(DType type, long length)
    {
        int count = checked((int)length);
        return type switch
        {
            DType.Bool => new bool[count],
            DType.Int32 => new int[count],
            DType.Int64 => new long[count],
            DType.Float32 => new float[count],
            DType.Float64 => new double[count],
            DType.Complex128 => new Complex[count],
            DType.Bytes => new byte[count][],
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }

    /// <summary>
    /// A zeroed array of <paramref name="length"/> elements, as <see cref="Allocate"/>; a large numeric one's memory advised
    /// for huge pages before it is cleared (<see cref="HugePageAdvice"/>), as NumPy's arrays are: memory-bound expressions
    /// read such inputs faster than ones from <c>new double[n]</c>, which lie on 4 KiB pages (Zen 5 VM, `i > j` on 1e7 int64,
    /// 2 threads, alternating processes, two sets of rounds: 3.2–4.6 ms against 5.1–5.2, NumExpr 4.6; 4.8–5.5 against
    /// 5.4–6.8, NumExpr 5.2–6.0).
    /// </summary>
    public static Array AllocateZeroed(DType type, long length)
    {
        if (type == DType.Bytes || length * type.ItemSize() < HugePageAdvice.MinimumBytes)
        {
            return Allocate(type, length);
        }

        int count = checked((int)length);
        var array = AllocateUninitialized(type, count);
        HugePageAdvice.Advise(array, length * type.ItemSize());
        Array.Clear(array);
        return array;
    }

    /// <summary>
    /// An array for <paramref name="length"/> elements of <paramref name="type"/> that the caller writes in full before
    /// anyone reads it: numeric elements are left as the memory holds them (no clearing pass), byte strings empty; a large
    /// one's memory advised for huge pages (<see cref="HugePageAdvice"/>), and dead large results collected first where
    /// that pays (<see cref="LargeResultReclaimer"/>).
    /// </summary>
    public static Array AllocateToOverwrite(DType type, long length)
    {
        int count = checked((int)length);
        if (type == DType.Bytes)
        {
            return Allocate(type, length);
        }

        LargeResultReclaimer.BeforeAllocating(length * type.ItemSize());
        var array = AllocateUninitialized(type, count);
        HugePageAdvice.Advise(array, length * type.ItemSize());
        return array;
    }

    /// <summary>A numeric array whose elements are left as the memory holds them.</summary>
    private static Array AllocateUninitialized(DType type, int count) => type switch
    {
        DType.Bool => GC.AllocateUninitializedArray<bool>(count),
        DType.Int32 => GC.AllocateUninitializedArray<int>(count),
        DType.Int64 => GC.AllocateUninitializedArray<long>(count),
        DType.Float32 => GC.AllocateUninitializedArray<float>(count),
        DType.Float64 => GC.AllocateUninitializedArray<double>(count),
        DType.Complex128 => GC.AllocateUninitializedArray<Complex>(count),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
