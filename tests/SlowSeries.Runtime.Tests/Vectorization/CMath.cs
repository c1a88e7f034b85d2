namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>C's log1p, expm1 and hypot (glibc's, within 1 ulp): System.Math has none of them.</summary>
internal static partial class CMath
{
    public static double Log1p(double x) => log1p(x);

    public static double Expm1(double x) => expm1(x);

    public static double Hypot(double x, double y) => hypot(x, y);

    [System.Runtime.InteropServices.LibraryImport("libm.so.6", EntryPoint = "log1p")]
    private static partial double log1p(double x);

    [System.Runtime.InteropServices.LibraryImport("libm.so.6", EntryPoint = "expm1")]
    private static partial double expm1(double x);

    [System.Runtime.InteropServices.LibraryImport("libm.so.6", EntryPoint = "hypot")]
    private static partial double hypot(double x, double y);
}
