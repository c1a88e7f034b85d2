namespace SlowSeries.Arrays;

/// <summary>Facts about <see cref="DType"/> values: names, kinds and NumExpr's promotion rule.</summary>
public static class DTypes
{
    /// <summary>The dtype's NumPy name (<c>float64</c>, <c>int32</c>, <c>bytes</c>, ...).</summary>
    public static string Name(this DType type) => type switch
    {
        DType.Bool => "bool",
        DType.Int32 => "int32",
        DType.Int64 => "int64",
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Complex128 => "complex128",
        DType.Bytes => "bytes",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Whether the dtype is int32 or int64.</summary>
    public static bool IsInteger(this DType type) => type is DType.Int32 or DType.Int64;

    /// <summary>Whether the dtype is float32 or float64.</summary>
    public static bool IsReal(this DType type) => type is DType.Float32 or DType.Float64;

    /// <summary>Whether arithmetic applies to the dtype (every dtype but byte strings).</summary>
    public static bool IsNumeric(this DType type) => type is not DType.Bytes;

    /// <summary>Number of bytes one element takes in memory and in .npy files (byte strings vary).</summary>
    public static int ItemSize(this DType type) => type switch
    {
        DType.Bool => 1,
        DType.Int32 => 4,
        DType.Int64 => 8,
        DType.Float32 => 4,
        DType.Float64 => 8,
        DType.Complex128 => 16,
        _ => 0,
    };

    /// <summary>
    /// NumExpr's <c>commonKind</c>: the highest kind among the operands. Byte strings only combine with byte strings.
    /// Returns null when byte strings meet numbers.
    /// </summary>
    public static DType? Common(DType a, DType b)
    {
        if (a == DType.Bytes || b == DType.Bytes)
        {
            return a == b ? DType.Bytes : null;
        }

        return a > b ? a : b;
    }

    /// <summary>True where NumPy's <c>can_cast(from, to, 'safe')</c> holds for our dtypes.</summary>
    public static bool CanCastSafely(DType from, DType to)
    {
        if (from == to)
        {
            return true;
        }

        if (from == DType.Bytes || to == DType.Bytes)
        {
            return false;
        }

        return (from, to) switch
        {
            (DType.Bool, _) => true,
            (DType.Int32, DType.Int64 or DType.Float64 or DType.Complex128) => true,
            (DType.Int64, DType.Float64 or DType.Complex128) => true,
            (DType.Float32, DType.Float64 or DType.Complex128) => true,
            (DType.Float64, DType.Complex128) => true,
            _ => false,
        };
    }

    /// <summary>The dtype of a NumPy name (<c>float64</c>, <c>f8</c>, <c>int32</c>, ...); false for a name it does not know.</summary>
    public static bool TryParseName(string name, out DType type)
    {
        foreach (DType candidate in new[] { DType.Bool, DType.Int32, DType.Int64, DType.Float32, DType.Float64, DType.Complex128, DType.Bytes })
        {
            if (candidate.Name() == name)
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
