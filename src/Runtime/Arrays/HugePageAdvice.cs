using System.Runtime.InteropServices;

namespace SlowSeries.Arrays;

/// <summary>
/// Asks Linux to back a new result array of 4 MiB or more with 2 MiB pages (transparent huge pages, <c>madvise</c>
/// with <c>MADV_HUGEPAGE</c>), as NumPy does for its own large arrays. A result is written once, straight after it is
/// allocated; where its memory is new to the process (a heap that holds large inputs grows by several results before
/// the collector reuses what earlier ones freed) each 4 KiB page costs a fault on its first write, 20,000 for 1e7
/// float64 results. On this 2-core VM (THP set to "madvise"), with 1 GB of inputs alive and no <c>out</c>,
/// `a*b + 1` on 1e7 took 125–171 ms per evaluation with 4 KiB pages and 85–103 with 2 MiB ones (NumExpr 11, whose
/// freed results come straight back from the C allocator); where the collector does hand memory back, 4–5 either way.
/// </summary>
/// <remarks>
/// Only the whole 2 MiB-aligned pages inside the array are advised; the advice is a hint the kernel may ignore, and
/// where it cannot be given (not Linux, THP not built in, no libc) nothing changes. Turned off by the AppContext switch
/// <see cref="Switch"/> set to false.
/// </remarks>
internal static partial class HugePageAdvice
{
    /// <summary>The AppContext switch that turns the advice off when false.</summary>
    public const string Switch = "SlowSeries.Arrays.HugePages";

    /// <summary>Arrays smaller than this are left alone (NumPy's threshold): fewer than two whole huge pages.</summary>
    public const long MinimumBytes = 4L << 20;

    private const long HugePageBytes = 2L << 20;

    private const int AdviseHugePage = 14;

    private static volatile bool unavailable = !OperatingSystem.IsLinux() || (AppContext.TryGetSwitch(Switch, out bool enabled) && !enabled);

    /// <summary>Advises the whole huge pages of <paramref name="array"/>'s elements, <paramref name="bytes"/> long, if it is large enough.</summary>
    public static unsafe void Advise(Array array, long bytes)
    {
        if (unavailable || bytes < MinimumBytes)
        {
            return;
        }

        fixed (byte* data = &MemoryMarshal.GetArrayDataReference(array))
        {
            long first = ((long)data + HugePageBytes - 1) & ~(HugePageBytes - 1);
            long end = ((long)data + bytes) & ~(HugePageBytes - 1);
            if (end <= first)
            {
                return;
            }

            try
            {
                _ = Advise((nint)first, (nuint)(end - first), AdviseHugePage);
            }
            catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
            {
                unavailable = true;
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Advise(nint address, nuint length, int advice);
}
