using System.Numerics;
using SlowSeries.Arrays;

namespace SlowSeries.Kernels;

/// <summary>
/// Constants in the fused loop's lane type, boxed for <c>Expression.Constant</c>, converted per lane type rather than
/// through <see cref="INumberBase{TSelf}"/>: crossgen2 puts a generic method's instantiation over a primitive type into
/// our ReadyToRun image only when its type parameter has no constraint (<c>unmanaged</c> and <c>struct</c> are type
/// constraints in metadata too). With <c>unmanaged, INumberBase&lt;T&gt;</c> on <see cref="Compile{T}"/> and
/// <see cref="Translate{T}"/>, a fresh process JIT-compiled both, their closures and their private helpers at tier 0
/// before its first fused loop (Zen 5, `2*a + 3*b`: that compile took 54-61 ms, 44-48 without).
/// </summary>
internal static partial class FusedKernel
{
    /// <summary>
    /// <paramref name="value"/> in lanes of <paramref name="lane"/> as NumPy casts it (CreateTruncating: integers from the
    /// integer, complex lanes from the complex value, other lanes from the real part).
    /// </summary>
    private static object LaneConstant(Type lane, Scalar value)
    {
        bool integer = value.Type is DType.Int64 or DType.Int32;

        // Each arm boxed on its own: one conditional expression would convert every arm to a common type (double).
        if (lane == typeof(double))
        {
            return integer ? double.CreateTruncating(value.Integer) : value.Real;
        }

        if (lane == typeof(float))
        {
            return integer ? float.CreateTruncating(value.Integer) : float.CreateTruncating(value.Real);
        }

        if (lane == typeof(long))
        {
            return integer ? value.Integer : long.CreateTruncating(value.Real);
        }

        if (lane == typeof(int))
        {
            return integer ? int.CreateTruncating(value.Integer) : int.CreateTruncating(value.Real);
        }

        return lane == typeof(Complex)
            ? integer ? Complex.CreateTruncating(value.Integer) : value.Complex
            : throw new ArgumentOutOfRangeException(nameof(lane), lane, "not a lane type of the fused loop");
    }

    /// <summary>A real number (0, 1, -1, infinity) in lanes of <paramref name="lane"/> (see <see cref="LaneConstant(Type, Scalar)"/>).</summary>
    private static object LaneConstant(Type lane, double value) => LaneConstant(lane, Scalar.FromFloat64(value));
}
