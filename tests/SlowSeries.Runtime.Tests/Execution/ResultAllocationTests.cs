using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Execution;

/// <summary>
/// A result the evaluation allocates itself is not cleared first (every element is written: clearing was a whole extra
/// pass over the output, `2*a + 3*b` without `out` on 1e7 took 7-8 ms instead of 4-4.6). These evaluate into arrays
/// the garbage collector hands out again after filling and dropping arrays of NaN of the same sizes, so an element the
/// evaluation missed would show NaN where the exact result has a number.
/// </summary>
public class ResultAllocationTests
{
    private const int Columns = 100;

    // 20,000 rows: the fused loop's size, results in the large-object heap (whose freed memory comes back less often);
    // 90 rows: the block interpreter's size, results of under 85 KB, which the collector hands back at once.
    [Theory]
    [InlineData("a * 2 + 1", 20_000)]
    [InlineData("a * 2 + 1", 90)]
    [InlineData("where(a > 0.5, a, -a)", 20_000)]
    [InlineData("where(a > 0.5, a, -a)", 90)]
    [InlineData("sum(m, axis=1)", 20_000)]
    [InlineData("sum(m * 2, axis=0)", 20_000)]
    [InlineData("sum(m * 2, axis=0)", 90)]
    [InlineData("max(m, axis=1)", 90)]
    public void AResultItAllocatesHasEveryElementWritten(string expression, int rows)
    {
        double[] a = Enumerable.Range(0, rows * Columns).Select(i => (i % 997) / 997.0).ToArray();
        var variables = new Dictionary<string, object?> { ["a"] = a, ["m"] = NDArray.Wrap(a, rows, Columns) };
        var compiled = NumExpr.Compile(expression);

        // The same evaluation into a caller's array of NaN: every element it writes is a number.
        var shape = NumExpr.Evaluate(expression, variables).Shape;
        var filled = NDArray.Wrap(Enumerable.Repeat(double.NaN, (int)shape.Size).ToArray(), [.. Enumerable.Range(0, shape.Rank).Select(axis => shape[axis])]);
        double[] expected = compiled.Evaluate(variables, filled).ToArray<double>();
        Assert.DoesNotContain(expected, double.IsNaN);
        for (int round = 0; round < 5; round++)
        {
            LeaveNaNGarbage(expected.Length);
            Assert.Equal(expected, compiled.Evaluate(variables).ToArray<double>());
        }
    }

    /// <summary>
    /// On Linux with transparent huge pages, a result of 4 MiB or more lies in memory advised for them (the mapping's
    /// "hg" flag in /proc/self/smaps, which only <c>madvise(MADV_HUGEPAGE)</c> sets): 1e6 float64 results, 8 MB.
    /// </summary>
    [Fact]
    public unsafe void ALargeResultItAllocatesIsAdvisedForHugePages()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/sys/kernel/mm/transparent_hugepage"))
        {
            return;
        }

        double[] a = Enumerable.Range(0, 1_000_000).Select(i => i * 0.5).ToArray();
        var result = NumExpr.Evaluate("a * 2 + 1", new Dictionary<string, object?> { ["a"] = a });
        double[] values = (double[])result.Data;
        Assert.Equal(1_000_000.0, values[^1]);
        fixed (double* data = values)
        {
            const long HugePage = 2L << 20;
            ulong inside = (ulong)(((long)data + HugePage - 1) & ~(HugePage - 1));
            Assert.Contains("hg", VmFlagsOfMappingAt(inside));
        }
    }

    /// <summary>
    /// <c>NDArray.Zeros</c> of 4 MiB or more is allocated without clearing, advised for huge pages and then cleared: every
    /// element is zero in memory the collector hands out again after arrays of NaN of the same size died, and the mapping
    /// is advised as a result's is. Smaller ones are ordinary zeroed arrays.
    /// </summary>
    [Theory]
    [InlineData(DType.Float64, 1_000_000)]
    [InlineData(DType.Int64, 600_000)]
    [InlineData(DType.Complex128, 300_000)]
    [InlineData(DType.Float64, 1_000)]
    public unsafe void ZerosAreZeroAndLargeOnesAdvisedForHugePages(DType type, int count)
    {
        for (int round = 0; round < 3; round++)
        {
            LeaveNaNGarbage(count * type.ItemSize() / sizeof(double));
            var zeros = NDArray.Zeros(type, new Shape(count));
            Assert.Equal(count, zeros.Data.Length);
            var bytes = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(zeros.Data), count * type.ItemSize());
            Assert.True(bytes.IndexOfAnyExcept((byte)0) < 0, $"{type} zeros of {count}: a nonzero byte in round {round}");
            if (round == 0 && OperatingSystem.IsLinux() && Directory.Exists("/sys/kernel/mm/transparent_hugepage") && (long)count * type.ItemSize() >= 4L << 20)
            {
                fixed (byte* data = &System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(zeros.Data))
                {
                    const long HugePage = 2L << 20;
                    Assert.Contains("hg", VmFlagsOfMappingAt((ulong)(((long)data + HugePage - 1) & ~(HugePage - 1))));
                }
            }
        }
    }

    private static string[] VmFlagsOfMappingAt(ulong address)
    {
        bool within = false;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && fields[0].Split('-') is [var start, var end] && ulong.TryParse(start, System.Globalization.NumberStyles.HexNumber, null, out ulong from) && ulong.TryParse(end, System.Globalization.NumberStyles.HexNumber, null, out ulong to))
            {
                within = from <= address && address < to;
            }
            else if (within && fields is ["VmFlags:", ..])
            {
                return fields[1..];
            }
        }

        throw new InvalidOperationException($"no mapping in /proc/self/smaps holds 0x{address:x}");
    }

    private static void LeaveNaNGarbage(int length)
    {
        for (int k = 0; k < 8; k++)
        {
            GC.KeepAlive(Enumerable.Repeat(double.NaN, length).ToArray());
        }

        GC.Collect();
    }
}
