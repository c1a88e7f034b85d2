namespace SlowSeries.Arrays;

/// <summary>What a <c>.npy</c> file's header says (see <see cref="NpyFile.ReadHeader(string)"/>).</summary>
/// <param name="DType">The elements' dtype as read (int8, int16, uint8 and uint16 files as int32, uint32 as int64, float16 as float32).</param>
/// <param name="Shape">The array's shape.</param>
/// <param name="FortranOrder">Whether the elements are stored in Fortran (column-major) order.</param>
/// <param name="BigEndian">Whether multi-byte elements are stored big-endian.</param>
/// <param name="ItemSize">Bytes per element in the file (a byte string's width; less than the dtype's for the widened ones).</param>
/// <param name="DataOffset">Where the first element starts in the file.</param>
public sealed record NpyHeader(DType DType, Shape Shape, bool FortranOrder, bool BigEndian, int ItemSize, long DataOffset);
