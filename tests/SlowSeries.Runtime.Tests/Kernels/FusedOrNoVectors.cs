using SlowSeries.Kernels;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// Whether a plan has its fused loop as it should at this process's vector width: always where some width is
/// accelerated, never where none is (<c>DOTNET_EnableHWIntrinsic=0</c>: the interpreter runs, not emulated vectors).
/// </summary>
internal static class FusedOrNoVectors
{
    public static void Check(Delegate? fused)
    {
        if (FusedKernel.VectorBytes == 0)
        {
            Assert.Null(fused);
        }
        else
        {
            Assert.NotNull(fused);
        }
    }
}
