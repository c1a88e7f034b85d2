using System.Numerics;
using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Api;

public class NpyFileTests
{
    public static TheoryData<NDArray> Arrays => new(
        NDArray.Wrap(new[] { true, false, true }),
        NDArray.Wrap(new[] { 1, -2, int.MaxValue }),
        NDArray.Wrap(new[] { long.MinValue, 0, 5 }, 3),
        NDArray.Wrap(new[] { 1.5f, float.NaN, -0f, 3, 4, 5 }, 2, 3),
        NDArray.Wrap(new[] { 1.5, double.NegativeInfinity }),
        NDArray.Wrap(new[] { new Complex(1, -2), Complex.Zero }),
        NDArray.Wrap(new[] { "ab"u8.ToArray(), [], "xyz"u8.ToArray() }),
        NDArray.FromScalar(Scalar.FromFloat64(2.5)),
        NDArray.Zeros(DType.Int64, new Shape(0, 3)));

    [Theory]
    [MemberData(nameof(Arrays))]
    public void WritingThenReadingGivesTheSameArray(NDArray array)
    {
        using var stream = new MemoryStream();
        NpyFile.Write(stream, array);
        byte[] bytes = stream.ToArray();
        Assert.Equal(0, (10 + bytes[8] + (bytes[9] << 8)) % 64);
        stream.Position = 0;
        var read = NpyFile.Read(stream);
        Assert.Equal(array.DType, read.DType);
        Assert.Equal(array.Shape, read.Shape);
        Assert.Equal(array.Offsets().Select(array.GetAt), read.Offsets().Select(read.GetAt));
    }

    [Fact]
    public void FortranOrderAndBigEndianFilesAreRead()
    {
        // NumPy: np.asfortranarray(np.arange(6, dtype='>i4').reshape(2, 3))
        string header = "{'descr': '>i4', 'fortran_order': True, 'shape': (2, 3), }";
        header = header.PadRight(118) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0]);
        stream.Write(System.Text.Encoding.ASCII.GetBytes(header));
        foreach (int value in new[] { 0, 3, 1, 4, 2, 5 })
        {
            stream.Write(BitConverter.GetBytes(value).Reverse().ToArray());
        }

        stream.Position = 0;
        var read = NpyFile.Read(stream);
        Assert.Equal(new Shape(2, 3), read.Shape);
        Assert.Equal([0, 1, 2, 3, 4, 5], read.ToArray<int>());

        // As np.load gives it: the file's storage, Fortran-ordered (the evaluations walk it in that order).
        Assert.Equal([1L, 2], read.Strides);
        Assert.Equal([0, 2, 4, 6, 8, 10], NumExpr.Evaluate("x * 2", new { x = read }).ToArray<int>());
    }

    [Fact]
    public void FortranOrderedArraysAreWrittenAsSuch()
    {
        var transposed = NDArray.Strided(Enumerable.Range(0, 12).Select(v => v * 0.5).ToArray(), new Shape(4, 3), [1, 4]);
        using var stream = new MemoryStream();
        NpyFile.Write(stream, transposed);
        Assert.Contains("'fortran_order': True, 'shape': (4, 3)", System.Text.Encoding.ASCII.GetString(stream.ToArray(), 10, 118), StringComparison.Ordinal);

        stream.Position = 0;
        var read = NpyFile.Read(stream);
        Assert.Equal(transposed.Shape, read.Shape);
        Assert.Equal(transposed.Strides, read.Strides);
        Assert.Equal(transposed.ToArray<double>(), read.ToArray<double>());
    }

    [Fact]
    public void BigEndianAndTruncatedCOrderFilesAreReadOrNamed()
    {
        // NumPy: np.array([1.5, -2.0, 1e300], dtype='>f8') and np.array([1 - 2j], dtype='>c16'): read whole, each item reversed.
        var doubles = NpyFile.Read(FileOf("'>f8'", "(3,)", [.. new[] { 1.5, -2.0, 1e300 }.SelectMany(v => BitConverter.GetBytes(v).Reverse())]));
        Assert.Equal([1.5, -2.0, 1e300], doubles.ToArray<double>());
        var complex = NpyFile.Read(FileOf("'>c16'", "(1,)", [.. BitConverter.GetBytes(1.0).Reverse(), .. BitConverter.GetBytes(-2.0).Reverse()]));
        Assert.Equal([new Complex(1, -2)], complex.ToArray<Complex>());

        var error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(FileOf("'<i8'", "(2,)", [1, 0, 0, 0, 0, 0, 0, 0, 2]), "short.npy"));
        Assert.Equal("short.npy ends early: 2 elements of 8 bytes expected, 9 bytes found", error.Message);
    }

    [Fact]
    public void ViewsAreWrittenAsTheirOwnElements()
    {
        var matrix = NDArray.Wrap(new[] { 1.0, 2, 3, 4, 5, 6 }, 2, 3);
        var secondRow = matrix.View(new Shape(3), [1], 3); // contiguous, 3 elements in
        var firstColumn = matrix.View(new Shape(2), [3], 0); // strided
        foreach (var (view, expected) in new[] { (secondRow, new[] { 4.0, 5, 6 }), (firstColumn, new[] { 1.0, 4 }) })
        {
            using var stream = new MemoryStream();
            NpyFile.Write(stream, view);
            stream.Position = 0;
            Assert.Equal(expected, NpyFile.Read(stream).ToArray<double>());
        }
    }

    private static MemoryStream FileOf(string descr, string shape, byte[] data)
    {
        string header = $"{{'descr': {descr}, 'fortran_order': False, 'shape': {shape}, }}".PadRight(117) + "\n";
        var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0]);
        stream.Write(System.Text.Encoding.ASCII.GetBytes(header));
        stream.Write(data);
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void UnsupportedDtypesAreNamed()
    {
        // uint64, which no signed dtype holds (NumExpr refuses it too), and a timedelta.
        foreach (string descr in new[] { "'<u8'", "'<m8'" })
        {
            var error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(FileOf(descr, "(1,)", new byte[8])));
            Assert.Contains($"dtype {descr} is not supported", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Files of the dtypes NumExpr widens are read whole and widened as it widens them (int8, int16, uint8, uint16 →
    /// int32, uint32 → int64, float16 → float32), big-endian and Fortran-ordered ones too; pieces of them are refused.
    /// </summary>
    [Fact]
    public void NarrowDtypesAreReadWholeAndWidened()
    {
        Assert.Equal([-128, -1, 127], Widened(NpyFile.Read(FileOf("'|i1'", "(3,)", [0x80, 0xFF, 0x7F])), DType.Int32).ToArray<int>());
        Assert.Equal([0, 200, 255], Widened(NpyFile.Read(FileOf("'|u1'", "(3,)", [0, 200, 255])), DType.Int32).ToArray<int>());
        Assert.Equal([-32768, 258], Widened(NpyFile.Read(FileOf("'<i2'", "(2,)", [0x00, 0x80, 0x02, 0x01])), DType.Int32).ToArray<int>());
        Assert.Equal([65535, 258], Widened(NpyFile.Read(FileOf("'>u2'", "(2,)", [0xFF, 0xFF, 0x01, 0x02])), DType.Int32).ToArray<int>());
        Assert.Equal([4294967295L, 1], Widened(NpyFile.Read(FileOf("'<u4'", "(2,)", [0xFF, 0xFF, 0xFF, 0xFF, 1, 0, 0, 0])), DType.Int64).ToArray<long>());
        byte[] halves = [.. new[] { (Half)1.5, Half.NegativeInfinity, (Half)(-0.25) }.SelectMany(v => BitConverter.GetBytes(v))];
        Assert.Equal([1.5f, float.NegativeInfinity, -0.25f], Widened(NpyFile.Read(FileOf("'<f2'", "(3,)", halves)), DType.Float32).ToArray<float>());

        // NumPy: np.asfortranarray(np.arange(6, dtype='u1').reshape(2, 3)) is stored column by column.
        string header = "{'descr': '|u1', 'fortran_order': True, 'shape': (2, 3), }".PadRight(117) + "\n";
        using var fortran = new MemoryStream();
        fortran.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0]);
        fortran.Write(System.Text.Encoding.ASCII.GetBytes(header));
        fortran.Write([0, 3, 1, 4, 2, 5]);
        fortran.Position = 0;
        var matrix = Widened(NpyFile.Read(fortran), DType.Int32);
        Assert.Equal(new Shape(2, 3), matrix.Shape);
        Assert.Equal([0, 1, 2, 3, 4, 5], matrix.ToArray<int>());

        string path = Path.Combine(Path.GetTempPath(), $"narrow-{Guid.NewGuid():N}.npy");
        try
        {
            File.WriteAllBytes(path, FileOf("'<i2'", "(2,)", [1, 0, 2, 0]).ToArray());
            Assert.Equal([1, 2], NpyFile.Read(path).ToArray<int>());
            var error = Assert.Throws<InvalidDataException>(() => NpyFile.ReadElements(path, 0, 1));
            Assert.Contains("2-byte elements, which are read whole, widened to int32", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static NDArray Widened(NDArray read, DType dtype)
    {
        Assert.Equal(dtype, read.DType);
        return read;
    }

    [Fact]
    public void NumPyReadsWhatWeWrite()
    {
        string path = Path.Combine(Path.GetTempPath(), $"slowseries-{Guid.NewGuid():N}.npy");
        try
        {
            NpyFile.Write(path, NDArray.Wrap(new[] { 1.5, 2.5, 3.5, 4.5 }, 2, 2));
            string printed = Differential.NumPyOracle.Run(Differential.NumPyOracle.Python, $"-c \"import numpy as n; a = n.load('{path}'); print(a.dtype, a.shape, a.sum())\"");
            Assert.Equal("float64 (2, 2) 12.0", printed.Trim());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SlicesAreReadAndWrittenInPlaceAndNumPyReadsTheFilledFile()
    {
        string input = Path.Combine(Path.GetTempPath(), $"slowseries-{Guid.NewGuid():N}.npy");
        string output = Path.Combine(Path.GetTempPath(), $"slowseries-{Guid.NewGuid():N}.npy");
        try
        {
            var values = Enumerable.Range(0, 1000).Select(i => (i * 0.25) - 7).ToArray();
            NpyFile.Write(input, NDArray.Wrap(values, 10, 100));
            var header = NpyFile.ReadHeader(input);
            Assert.Equal((DType.Float64, new Shape(10, 100), false, false, 8), (header.DType, header.Shape, header.FortranOrder, header.BigEndian, header.ItemSize));
            Assert.Equal(0, header.DataOffset % 64);
            Assert.Equal(values[123..456], NpyFile.ReadElements(input, 123, 333).ToArray<double>());
            Assert.Throws<ArgumentOutOfRangeException>(() => NpyFile.ReadElements(input, 900, 101));

            // Filled in three pieces, out of order, as silos would.
            NpyFile.Create(output, DType.Float64, new Shape(10, 100));
            foreach (var (start, end) in new[] { (600, 1000), (0, 250), (250, 600) })
            {
                NpyFile.WriteElements(output, start, NDArray.Wrap(values[start..end].Select(v => v * 2).ToArray()));
            }

            Assert.Throws<ArgumentException>(() => NpyFile.WriteElements(output, 0, NDArray.Wrap(new[] { 1f })));
            Assert.Equal(values.Select(v => v * 2), NpyFile.Read(output).ToArray<double>());
            string printed = Differential.NumPyOracle.Run(Differential.NumPyOracle.Python, $"-c \"import numpy as n; a = n.load('{output}'); print(a.dtype, a.shape, a.sum())\"");
            Assert.Equal("float64 (10, 100) 235750.0", printed.Trim()); // 2 × Σ(i/4 − 7) for i < 1000
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    [Fact]
    public void BigEndianSlicesAreDecoded()
    {
        string header = "{'descr': '>i8', 'fortran_order': False, 'shape': (4,), }".PadRight(117) + "\n";
        string path = Path.Combine(Path.GetTempPath(), $"slowseries-{Guid.NewGuid():N}.npy");
        try
        {
            using (var stream = File.Create(path))
            {
                stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0]);
                stream.Write(System.Text.Encoding.ASCII.GetBytes(header));
                foreach (long value in new[] { 10L, -2, 1L << 40, 7 })
                {
                    stream.Write(BitConverter.GetBytes(value).Reverse().ToArray());
                }
            }

            Assert.Equal([-2L, 1L << 40], NpyFile.ReadElements(path, 1, 2).ToArray<long>());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
