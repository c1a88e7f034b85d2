using System.Runtime.Intrinsics;
using SlowSeries.Vectorization;

namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>A check written once over the vector width (see <see cref="EveryWidth"/>).</summary>
public interface IWidthCheck
{
    void Run<W, TDouble, TLong>()
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct;
}

/// <summary>
/// The widths a width-generic check runs at, whatever this machine accelerates (a width it does not accelerate runs in
/// software: slower, the same results); CI also runs them with instruction sets switched off.
/// </summary>
public static class EveryWidth
{
    public static TheoryData<string> Names => ["512", "256", "128", "scalar"];

    public static void Run<TCheck>(string width, TCheck check)
        where TCheck : IWidthCheck
    {
        switch (width)
        {
            case "512": check.Run<VectorWidth512, Vector512<double>, Vector512<long>>(); break;
            case "256": check.Run<VectorWidth256, Vector256<double>, Vector256<long>>(); break;
            case "128": check.Run<VectorWidth128, Vector128<double>, Vector128<long>>(); break;
            default: check.Run<ScalarWidth, double, long>(); break;
        }
    }
}
