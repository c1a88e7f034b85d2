using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Differential;

/// <summary>
/// Element agreement, stated in units in the last place: integers, booleans and byte strings exactly; floats within
/// a number of ulps of the larger magnitude (NaN equals NaN, infinities must match).
/// </summary>
internal static class Agreement
{
    public static double UlpDistance(double ours, double theirs, DType type)
    {
        if (double.IsNaN(ours) || double.IsNaN(theirs))
        {
            return double.IsNaN(ours) && double.IsNaN(theirs) ? 0 : double.PositiveInfinity;
        }

        if (ours == theirs)
        {
            return 0;
        }

        if (double.IsInfinity(ours) || double.IsInfinity(theirs))
        {
            return double.PositiveInfinity;
        }

        double scale = Math.Max(Math.Abs(ours), Math.Abs(theirs));
        double ulp = type == DType.Float32 ? MathF.BitIncrement((float)scale) - (float)scale : Math.BitIncrement(scale) - scale;
        return Math.Abs(ours - theirs) / ulp;
    }

    /// <summary>Distance in ulps between two elements of the same dtype (0 or infinity for exact types).</summary>
    public static double Distance(Scalar ours, Scalar theirs)
    {
        switch (ours.Type)
        {
            case DType.Float32 or DType.Float64:
                return UlpDistance(ours.Real, theirs.Real, ours.Type);
            case DType.Complex128:
                // Each part is measured against the magnitude of the whole number, as complex functions are specified.
                double scale = Math.Max(ours.Complex.Magnitude, theirs.Complex.Magnitude);
                if (double.IsNaN(scale) || double.IsInfinity(scale))
                {
                    return Math.Max(UlpDistance(ours.Complex.Real, theirs.Complex.Real, DType.Float64), UlpDistance(ours.Complex.Imaginary, theirs.Complex.Imaginary, DType.Float64));
                }

                double ulp = Math.BitIncrement(scale) - scale;
                return scale == 0 ? (ours == theirs ? 0 : double.PositiveInfinity) : Math.Max(Math.Abs(ours.Complex.Real - theirs.Complex.Real), Math.Abs(ours.Complex.Imaginary - theirs.Complex.Imaginary)) / ulp;
            default:
                return ours == theirs ? 0 : double.PositiveInfinity;
        }
    }
}
