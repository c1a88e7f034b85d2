using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using SlowSeries.Arrays;

namespace SlowSeries.Arrays;

/// <summary>
/// NumPy's <c>.npy</c> format (versions 1–3): bool, int32, int64, float32, float64, complex128 and <c>|S</c> byte
/// strings, little- or big-endian, C or Fortran order on reading; little-endian C order on writing. Files of int8, int16,
/// uint8, uint16, uint32 and float16 are read whole, widened as NumExpr widens such arrays (see WidenedInputs).
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a NumPy <c>.npy</c> file (format 1.0–3.0, C or Fortran order, the dtypes of <see cref="DType"/>).</summary>
    public static NDArray Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a NumPy <c>.npy</c> array from <paramref name="stream"/>; <paramref name="name"/> names it in errors.</summary>
    public static NDArray Read(Stream stream, string name = "stream")
    {
        var reader = new BinaryReader(stream);
        var (type, shape, fortran, bigEndian, itemSize, _) = ReadHeader(reader, name, out var narrow);
        long count = shape.Size;
        if (narrow is not null)
        {
            var widened = ReadWidened(stream, name, narrow, fortran ? new Shape([.. shape.Dimensions.Reverse()]) : shape, itemSize, bigEndian);
            return fortran ? widened.View(shape, [.. widened.Strides.Reverse()], 0) : widened;
        }

        if (type is not (DType.Bool or DType.Bytes))
        {
            // The file's bytes are the array's: read straight into it (element by element, 1e7 float64 took ~100 ms). A
            // Fortran-ordered file holds the transpose in C order: its array is that storage seen with reversed strides,
            // as NumPy's np.load gives it (evaluations walk it in that order: MemoryOrder).
            var storage = NDArray.Zeros(type, fortran ? new Shape([.. shape.Dimensions.Reverse()]) : shape);
            var bytes = ElementBytes(storage.Data);
            int read = 0;
            while (read < bytes.Length && stream.Read(bytes[read..]) is var got and > 0)
            {
                read += got;
            }

            if (read != bytes.Length)
            {
                throw new InvalidDataException($"{name} ends early: {count} elements of {itemSize} bytes expected, {read} bytes found");
            }

            if (bigEndian)
            {
                ReverseEachItem(bytes, type == DType.Complex128 ? 8 : itemSize);
            }

            return fortran ? storage.View(shape, [.. storage.Strides.Reverse()], 0) : storage;
        }

        var array = NDArray.Zeros(type, shape);

        byte[] raw = reader.ReadBytes(checked((int)(count * itemSize)));
        if (raw.Length != count * itemSize)
        {
            throw new InvalidDataException($"{name} ends early: {count} elements of {itemSize} bytes expected, {raw.Length} bytes found");
        }

        // Fortran order: the file holds the transpose in C order, so write through a transposed view.
        var target = fortran
            ? array.View(new Shape(shape.Dimensions.Reverse().ToArray()), NDArray.ContiguousStrides(shape).Reverse().ToArray(), 0)
            : array;
        long k = 0;
        foreach (long offset in target.Offsets())
        {
            target.SetAt(offset, Decode(raw.AsSpan(checked((int)(k * itemSize)), itemSize), type, bigEndian));
            k++;
        }

        return array;
    }

    /// <summary>The header of a <c>.npy</c> file: its dtype, shape, order and where its elements start.</summary>
    public static NpyHeader ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadHeader(new BinaryReader(stream), path);
    }

    /// <summary>
    /// Elements [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of the file in its storage
    /// order (C order: the flat index), as a one-dimensional array, reading only those bytes: files larger than memory
    /// are processed piece by piece this way.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the file's elements.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable <c>.npy</c> file, or holds byte strings.</exception>
    public static NDArray ReadElements(string path, long start, int count)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        var handle = stream.SafeFileHandle;
        var header = ReadHeader(new BinaryReader(stream), path);
        CheckRange(header, path, start, count);
        var array = NDArray.Zeros(header.DType, new Shape(count));
        var bytes = ElementBytes(array.Data);
        int read = 0;
        while (read < bytes.Length)
        {
            int got = RandomAccess.Read(handle, bytes[read..], header.DataOffset + (start * header.ItemSize) + read);
            if (got == 0)
            {
                throw new InvalidDataException($"{path} ends early: elements up to {start + count} expected");
            }

            read += got;
        }

        if (header.BigEndian && header.ItemSize > 1)
        {
            ReverseEachItem(bytes, header.DType == DType.Complex128 ? 8 : header.ItemSize);
        }

        return array;
    }

    /// <summary>
    /// Creates a little-endian C-order <c>.npy</c> file for an array of <paramref name="type"/> and
    /// <paramref name="shape"/>, its elements zero (the file is extended, not written: a sparse file where the file system
    /// allows), for <see cref="WriteElements"/> to fill piece by piece, from any process that sees the file.
    /// </summary>
    public static void Create(string path, DType type, Shape shape)
    {
        if (type == DType.Bytes)
        {
            throw new ArgumentException("byte-string arrays are written whole (their width is their longest element's)", nameof(type));
        }

        using var stream = File.Create(path);
        WriteHeader(stream, Descr(type, type.ItemSize()), shape);
        stream.SetLength(stream.Position + (shape.Size * type.ItemSize()));
    }

    /// <summary>
    /// Writes the elements of the one-dimensional <paramref name="values"/> at flat index <paramref name="start"/> of a
    /// file <see cref="Create"/> made (same dtype), touching only those bytes.
    /// </summary>
    /// <exception cref="ArgumentException">The dtype differs from the file's, or the array is not contiguous.</exception>
    public static void WriteElements(string path, long start, NDArray values)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        var header = ReadHeader(new BinaryReader(stream), path);

        if (values.DType != header.DType || header.BigEndian || header.FortranOrder && header.Shape.Rank > 1 || !values.IsContiguous)
        {
            throw new ArgumentException($"{path} holds {(header.BigEndian ? "big-endian " : string.Empty)}{header.DType.Name()}{(header.FortranOrder ? " in Fortran order" : string.Empty)}; a contiguous {values.DType.Name()} array cannot be written into it", nameof(values));
        }

        CheckRange(header, path, start, values.Size);
        var all = ElementBytes(values.Data);
        RandomAccess.Write(stream.SafeFileHandle, all.Slice(checked((int)(values.Offset * header.ItemSize)), checked((int)(values.Size * header.ItemSize))), header.DataOffset + (start * header.ItemSize));
    }

    private static void CheckRange(NpyHeader header, string path, long start, long count)
    {
        if (header.DType == DType.Bytes)
        {
            throw new InvalidDataException($"{path} holds byte strings, which are read whole");
        }

        if (header.ItemSize != header.DType.ItemSize())
        {
            throw new InvalidDataException($"{path} holds {header.ItemSize}-byte elements, which are read whole, widened to {header.DType.Name()} (NpyFile.Read)");
        }

        if (start < 0 || count < 0 || start + count > header.Shape.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"elements [{start}, {start + count}) are not inside {path}'s {header.Shape.Size} ({header.Shape})");
        }
    }

    /// <summary>The bytes of an array of one of <see cref="DType"/>'s element types (a bool is one byte, as in .npy).</summary>
    private static Span<byte> ElementBytes(Array data) => data switch
    {
        bool[] values => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()),
        int[] values => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()),
        long[] values => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()),
        float[] values => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()),
        double[] values => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()),
        Complex[] values => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()),
        _ => throw new ArgumentException($"{data.GetType().Name} has no fixed-width .npy form", nameof(data)),
    };

    /// <summary>A file's elements of a type NumExpr widens, read and widened to <paramref name="shape"/> (the storage's, C order).</summary>
    private static NDArray ReadWidened(Stream stream, string name, Type narrow, Shape shape, int width, bool bigEndian)
    {
        var bytes = new byte[checked((int)(shape.Size * width))];
        int read = 0;
        while (read < bytes.Length && stream.Read(bytes, read, bytes.Length - read) is var got and > 0)
        {
            read += got;
        }

        if (read != bytes.Length)
        {
            throw new InvalidDataException($"{name} ends early: {shape.Size} elements of {width} bytes expected, {read} bytes found");
        }

        if (bigEndian)
        {
            ReverseEachItem(bytes, width);
        }

        var elements = (ReadOnlySpan<byte>)bytes;
        return narrow == typeof(sbyte) ? WidenedInputs.Widen<sbyte, int>(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(elements), shape)
            : narrow == typeof(byte) ? WidenedInputs.Widen<byte, int>(elements, shape)
            : narrow == typeof(short) ? WidenedInputs.Widen<short, int>(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(elements), shape)
            : narrow == typeof(ushort) ? WidenedInputs.Widen<ushort, int>(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(elements), shape)
            : narrow == typeof(uint) ? WidenedInputs.Widen<uint, long>(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(elements), shape)
            : WidenedInputs.Widen<Half, float>(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(elements), shape);
    }

    private static void ReverseEachItem(Span<byte> bytes, int width)
    {
        for (int i = 0; i + width <= bytes.Length; i += width)
        {
            bytes.Slice(i, width).Reverse();
        }
    }

    private static NpyHeader ReadHeader(BinaryReader reader, string name) => ReadHeader(reader, name, out _);

    /// <summary>The header, and the element type of a file whose elements are widened as they are read (null for the others).</summary>
    private static NpyHeader ReadHeader(BinaryReader reader, string name, out Type? narrow)
    {
        byte[] magic = reader.ReadBytes(6);
        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{name} is not a .npy file (bad magic bytes)");
        }

        byte major = reader.ReadByte();
        reader.ReadByte();
        int headerLength = major switch
        {
            1 => reader.ReadUInt16(),
            2 or 3 => checked((int)reader.ReadUInt32()),
            _ => throw new InvalidDataException($"{name}: .npy version {major} is not supported"),
        };
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(reader.ReadBytes(headerLength));
        var (descr, fortran, shape) = ParseHeader(header, name);
        var (type, bigEndian, width, narrowType) = ParseDescr(descr, name);
        narrow = narrowType;
        return new NpyHeader(type, shape, fortran, bigEndian, width, (major == 1 ? 10 : 12) + headerLength);
    }

    /// <summary>Writes <paramref name="array"/> as a NumPy <c>.npy</c> file that <c>numpy.load</c> reads.</summary>
    public static void Write(string path, NDArray array)
    {
        using var stream = File.Create(path);
        Write(stream, array);
    }

    /// <summary>Writes <paramref name="array"/> in NumPy's <c>.npy</c> format to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, NDArray array)
    {
        int width = array.DType == DType.Bytes
            ? Math.Max(1, array.Offsets().Select(o => array.GetAt(o).Bytes.Length).DefaultIfEmpty(1).Max())
            : array.DType.ItemSize();
        // A Fortran-ordered array (a result of transposed inputs) is written as one, as NumPy writes it: its bytes in order.
        bool fortran = IsFortranOrdered(array);
        WriteHeader(stream, Descr(array.DType, width), array.Shape, fortran);
        if ((array.IsContiguous || fortran) && array.DType is not (DType.Bool or DType.Bytes) && array.Data.Rank == 1 && array.Size * width <= int.MaxValue)
        {
            // The array's bytes are the file's (a bool is written as 0 or 1 below, whatever byte .NET holds).
            stream.Write(ElementBytes(array.Data).Slice(checked((int)(array.Offset * width)), (int)(array.Size * width)));
            return;
        }

        var writer = new BinaryWriter(stream);
        var buffer = new byte[width];
        foreach (long offset in array.Offsets())
        {
            Array.Clear(buffer);
            Encode(array.GetAt(offset), buffer);
            writer.Write(buffer);
        }

        writer.Flush();
    }

    private static string Descr(DType type, int width) => type switch
    {
        DType.Bool => "|b1",
        DType.Int32 => "<i4",
        DType.Int64 => "<i8",
        DType.Float32 => "<f4",
        DType.Float64 => "<f8",
        DType.Complex128 => "<c16",
        DType.Bytes => "|S" + width.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Whether <paramref name="array"/> of rank 2 or more is its storage's transpose: strides those of the reversed shape, reversed.</summary>
    private static bool IsFortranOrdered(NDArray array) =>
        array.Rank >= 2 && !array.IsContiguous && array.Strides.SequenceEqual(NDArray.ContiguousStrides(new Shape([.. array.Shape.Dimensions.Reverse()])).Reverse());

    /// <summary>The magic bytes, version 1.0 and a header padded to a multiple of 64 bytes, as NumPy writes them.</summary>
    private static void WriteHeader(Stream stream, string descr, Shape shape, bool fortran = false)
    {
        string extents = shape.Rank == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape.Dimensions) + ")";
        string header = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {extents}, }}";
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        stream.Write(Magic);
        stream.WriteByte(1);
        stream.WriteByte(0);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.Latin1.GetBytes(header));
    }

    private static (string Descr, bool Fortran, Shape Shape) ParseHeader(string header, string name)
    {
        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shape.Success)
        {
            throw new InvalidDataException($"{name}: unreadable .npy header {header.Trim()}");
        }

        var extents = shape.Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(e => int.Parse(e, CultureInfo.InvariantCulture))
            .ToArray();
        return (descr.Groups[1].Value, fortran.Groups[1].Value == "True", new Shape(extents));
    }

    private static (DType Type, bool BigEndian, int Width, Type? Narrow) ParseDescr(string descr, string name)
    {
        bool big = descr[0] == '>';
        string code = descr.TrimStart('<', '>', '|', '=');
        if (code.StartsWith('S'))
        {
            return (DType.Bytes, false, int.Parse(code.AsSpan(1), CultureInfo.InvariantCulture), null);
        }

        (DType, Type, int)? widened = code switch
        {
            "i1" => (DType.Int32, typeof(sbyte), 1),
            "u1" => (DType.Int32, typeof(byte), 1),
            "i2" => (DType.Int32, typeof(short), 2),
            "u2" => (DType.Int32, typeof(ushort), 2),
            "u4" => (DType.Int64, typeof(uint), 4),
            "f2" => (DType.Float32, typeof(Half), 2),
            _ => null,
        };
        if (widened is var (wideType, narrowType, narrowWidth))
        {
            return (wideType, big, narrowWidth, narrowType);
        }

        DType type = code switch
        {
            "b1" or "?" => DType.Bool,
            "i4" => DType.Int32,
            "i8" => DType.Int64,
            "f4" => DType.Float32,
            "f8" => DType.Float64,
            "c16" => DType.Complex128,
            _ => throw new InvalidDataException(
                $"{name}: dtype '{descr}' is not supported; use bool, int8 to int64, uint8 to uint32, float16 to float64, complex128 or byte strings (|S)"),
        };
        return (type, big, type.ItemSize(), null);
    }

    private static Scalar Decode(ReadOnlySpan<byte> bytes, DType type, bool bigEndian)
    {
        return type switch
        {
            DType.Bool => Scalar.FromBool(bytes[0] != 0),
            DType.Int32 => Scalar.FromInt32(bigEndian ? BinaryPrimitives.ReadInt32BigEndian(bytes) : BinaryPrimitives.ReadInt32LittleEndian(bytes)),
            DType.Int64 => Scalar.FromInt64(bigEndian ? BinaryPrimitives.ReadInt64BigEndian(bytes) : BinaryPrimitives.ReadInt64LittleEndian(bytes)),
            DType.Float32 => Scalar.FromFloat32(bigEndian ? BinaryPrimitives.ReadSingleBigEndian(bytes) : BinaryPrimitives.ReadSingleLittleEndian(bytes)),
            DType.Float64 => Scalar.FromFloat64(bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes)),
            DType.Complex128 => Scalar.FromComplex(new Complex(
                bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes),
                bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes[8..]) : BinaryPrimitives.ReadDoubleLittleEndian(bytes[8..]))),
            // NumPy's fixed-width byte strings drop trailing NULs when read.
            _ => Scalar.FromBytes(bytes.TrimEnd((byte)0).ToArray()),
        };
    }

    private static void Encode(Scalar value, Span<byte> buffer)
    {
        switch (value.Type)
        {
            case DType.Bool: buffer[0] = value.Boolean ? (byte)1 : (byte)0; break;
            case DType.Int32: BinaryPrimitives.WriteInt32LittleEndian(buffer, (int)value.Integer); break;
            case DType.Int64: BinaryPrimitives.WriteInt64LittleEndian(buffer, value.Integer); break;
            case DType.Float32: BinaryPrimitives.WriteSingleLittleEndian(buffer, (float)value.Real); break;
            case DType.Float64: BinaryPrimitives.WriteDoubleLittleEndian(buffer, value.Real); break;
            case DType.Complex128:
                BinaryPrimitives.WriteDoubleLittleEndian(buffer, value.Complex.Real);
                BinaryPrimitives.WriteDoubleLittleEndian(buffer[8..], value.Complex.Imaginary);
                break;
            case DType.Bytes: value.Bytes.CopyTo(buffer); break;
        }
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
