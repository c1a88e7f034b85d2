namespace SlowSeries.Kernels;

/// <summary>
/// The inputs a fused loop reads in place at a constant step through their arrays (float64, int64, float32 or int32):
/// bit k of <see cref="Mask"/> for input k, whose element e is element offset + <see cref="Stride"/>·e of its array
/// (<c>a[::2]</c>, <c>a[::3]</c>, the columns of a narrow matrix, <c>a[::-1]</c>), one stride for all of them. None (the
/// default) when every input is read contiguously.
/// </summary>
/// <remarks>
/// A loop is compiled for each stride, which it multiplies as a constant. Before, only a stride of 2 was read in place
/// and others were gathered into blocks element by element: `s3*2 + 1` for s3 = a[::3] of 1e7 float64 took 9.2–9.6 ms
/// on 2 threads (AVX-512), NumExpr 8.6, a stride of 2 4.4.
/// </remarks>
internal readonly record struct StridedInputs(ulong Mask, int Stride)
{
    /// <summary>
    /// The largest stride read in place, forwards or backwards: a cache line of float64. Wider steps touch a line per
    /// element whichever way they are read, and the padded copy of a block's last elements (KernelFrame's pads) takes
    /// this many vectors.
    /// </summary>
    public const int MaximumStride = 8;

    /// <summary>Whether a loop can read inputs in place at <paramref name="stride"/>: 2 to <see cref="MaximumStride"/> or −1 to −<see cref="MaximumStride"/>.</summary>
    public static bool ReadsInPlace(long stride) => stride is (>= 2 and <= MaximumStride) or (<= -1 and >= -MaximumStride);

    /// <summary>Whether any input is read at a stride.</summary>
    public bool Any => Mask != 0;

    /// <summary>Whether input <paramref name="input"/> is read at <see cref="Stride"/>.</summary>
    public bool Contains(int input) => input < 64 && ((Mask >> input) & 1) != 0;

    /// <summary>How many array elements input <paramref name="input"/> moves per element of the loop: its stride, or 1.</summary>
    public int StepOf(int input) => Contains(input) ? Stride : 1;

    public override string ToString() => Any ? $"{Mask}x{Stride}" : "-";
}
