namespace SlowSeries.Vectorization;

/// <summary>
/// The bits that convert int64 lanes to double where the hardware has no instruction for it (x64 without AVX-512DQ):
/// the low 32 bits set into the mantissa of 2^52 and the high 32 bits, their sign flipped, into that of 2^84 + 2^63 give
/// two doubles that hold 2^52 + low and 2^84 + 2^63 + high × 2^32 exactly; subtracting 2^84 + 2^63 + 2^52 from the second
/// is exact too, and adding the first rounds once — the same bits as a scalar cast, over the whole int64 range, in five or six
/// instructions and no branch (.NET's own AVX2 conversion takes the same parts).
/// </summary>
internal static class Int64ToDoubleParts
{
    /// <summary>The low 32 bits of a lane.</summary>
    public const long LowMask = 0xFFFF_FFFF;

    /// <summary>2^52's bits: the low 32 bits or-ed in give 2^52 + low.</summary>
    public const long LowBase = 0x4330_0000_0000_0000;

    /// <summary>2^84's bits with bit 31 set: the high 32 bits xor-ed in give 2^84 + 2^63 + high × 2^32 (high signed).</summary>
    public const long HighBase = 0x4530_0000_8000_0000;

    /// <summary>2^84 + 2^63 + 2^52's bits: what the two parts carry besides the value.</summary>
    public const long Offsets = 0x4530_0000_8010_0000;
}
