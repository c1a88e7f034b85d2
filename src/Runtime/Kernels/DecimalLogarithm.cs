using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace SlowSeries.Kernels;

/// <summary>
/// log10 at TensorPrimitives' speed, exact at powers of ten as C's log10 is (NumPy's and NumExpr's): TensorPrimitives
/// scales a natural logarithm and returns 2.9999999999999996 for log10(1000), which turns <c>floor(log10(x))</c>, the
/// number of digits, one short and makes <c>x ** log10(y)</c> NaN for negative x.
/// </summary>
internal static class DecimalLogarithm
{
    private const double Nearness = 1.0 / 64;
    private const int LowestDouble = -307;
    private const int LowestSingle = -37;

    // The doubles and floats nearest to 10^k (normal ones): the arguments whose log10 rounds to the integer k.
    private static readonly double[] DoublePowers = Enumerable.Range(LowestDouble, 308 - LowestDouble + 1).Select(k => double.Parse("1e" + k, CultureInfo.InvariantCulture)).ToArray();
    private static readonly float[] SinglePowers = Enumerable.Range(LowestSingle, 38 - LowestSingle + 1).Select(k => float.Parse("1e" + k, CultureInfo.InvariantCulture)).ToArray();

    public static void Log10<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : struct, IFloatingPointIeee754<T>
    {
        TP.Log10(x, destination);
        if (typeof(T) == typeof(double))
        {
            var values = MemoryMarshal.Cast<T, double>(destination);
            int k = 0;
            for (; k <= values.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                // A result this near an integer is rare unless the data are powers of ten.
                var logarithms = new Vector<double>(values[k..]);
                if (Vector.LessThanAny(Vector.Abs(logarithms - Vector.Round(logarithms)), new Vector<double>(Nearness)))
                {
                    RoundAtPowersOfTen(MemoryMarshal.Cast<T, double>(x).Slice(k, Vector<double>.Count), values.Slice(k, Vector<double>.Count), DoublePowers, LowestDouble);
                }
            }

            RoundAtPowersOfTen(MemoryMarshal.Cast<T, double>(x)[k..], values[k..], DoublePowers, LowestDouble);
        }
        else
        {
            var values = MemoryMarshal.Cast<T, float>(destination);
            int k = 0;
            for (; k <= values.Length - Vector<float>.Count; k += Vector<float>.Count)
            {
                var logarithms = new Vector<float>(values[k..]);
                if (Vector.LessThanAny(Vector.Abs(logarithms - Vector.Round(logarithms)), new Vector<float>((float)Nearness)))
                {
                    RoundAtPowersOfTen(MemoryMarshal.Cast<T, float>(x).Slice(k, Vector<float>.Count), values.Slice(k, Vector<float>.Count), SinglePowers, LowestSingle);
                }
            }

            RoundAtPowersOfTen(MemoryMarshal.Cast<T, float>(x)[k..], values[k..], SinglePowers, LowestSingle);
        }
    }

    /// <summary>Sets the results within <see cref="Nearness"/> of an integer k to k where the argument is 10^k itself.</summary>
    private static void RoundAtPowersOfTen<T>(ReadOnlySpan<T> x, Span<T> logarithms, T[] powers, int lowest)
        where T : IFloatingPointIeee754<T>
    {
        T nearness = T.CreateTruncating(Nearness);
        for (int i = 0; i < logarithms.Length; i++)
        {
            T nearest = T.Round(logarithms[i]);
            if (T.Abs(logarithms[i] - nearest) < nearness)
            {
                int index = int.CreateTruncating(nearest) - lowest;
                if ((uint)index < (uint)powers.Length && x[i] == powers[index])
                {
                    logarithms[i] = nearest;
                }
            }
        }
    }
}
