using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using SlowSeries.Arrays;

namespace SlowSeries.Arrays;

/// <summary>
/// NumPy's <c>.npy</c> format (versions 1–3): bool, int32, int64, float32, float64, complex128 and <c>|S</c> byte
/// strings, little- or big-endian, C or Fortran order on reading; little-endian C order on writing.
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
        var (type, bigEndian, width) = ParseDescr(descr, name);

        long count = shape.Size;
        var array = NDArray.Zeros(type, shape);
        int itemSize = type == DType.Bytes ? width : type.ItemSize();
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
        string descr = array.DType switch
        {
            DType.Bool => "|b1",
            DType.Int32 => "<i4",
            DType.Int64 => "<i8",
            DType.Float32 => "<f4",
            DType.Float64 => "<f8",
            DType.Complex128 => "<c16",
            DType.Bytes => "|S" + width.ToString(CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(array)),
        };
        string shape = array.Rank == 1 ? $"({array.Shape[0]},)" : "(" + string.Join(", ", array.Shape.Dimensions) + ")";
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        var writer = new BinaryWriter(stream);
        writer.Write(Magic);
        writer.Write((byte)1);
        writer.Write((byte)0);
        writer.Write((ushort)header.Length);
        writer.Write(Encoding.Latin1.GetBytes(header));
        var buffer = new byte[width];
        foreach (long offset in array.Offsets())
        {
            Array.Clear(buffer);
            Encode(array.GetAt(offset), buffer);
            writer.Write(buffer);
        }

        writer.Flush();
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

    private static (DType Type, bool BigEndian, int Width) ParseDescr(string descr, string name)
    {
        bool big = descr[0] == '>';
        string code = descr.TrimStart('<', '>', '|', '=');
        if (code.StartsWith('S'))
        {
            return (DType.Bytes, false, int.Parse(code.AsSpan(1), CultureInfo.InvariantCulture));
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
                $"{name}: dtype '{descr}' is not supported; use bool, int32, int64, float32, float64, complex128 or byte strings (|S)"),
        };
        return (type, big, type.ItemSize());
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
