using System.Numerics;
using System.Text;
using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Differential;

/// <summary>
/// The variables every differential case may use. Each has the view we evaluate (strided, transposed, 0-d and
/// zero-length ones included) and a contiguous copy with the same elements for NumPy.
/// </summary>
internal static class DifferentialInputs
{
    public static readonly string[] OneDimensional = ["b", "i", "l", "f", "d", "c", "s"];

    public static readonly string[] Numeric = ["b", "i", "l", "f", "d", "c"];

    public static IReadOnlyDictionary<string, NDArray> Create()
    {
        bool[] b = [true, false, true, true, false, false, true];
        int[] i = [-7, -1, 0, 1, 3, 9, 100000];
        long[] l = [-7, -1, 0, 2, 5, 12, 10_000_000_000];
        float[] f = [-3.5f, -1f, -0f, 0.5f, 2.25f, 1e10f, float.NaN];
        double[] d = [-3.5, -1, 0, 0.5, 2.25, 1e300, double.NaN];
        Complex[] c = [new(1, 2), new(-0.5, 0.25), Complex.Zero, new(3, -1), new(-2, -3), new(0, 0.5), new(1.5, 0)];
        byte[][] s = new[] { "hi", "there", "", "ahia", "this", "x9", "hi" }.Select(Encoding.ASCII.GetBytes).ToArray();

        var inputs = new Dictionary<string, NDArray>(StringComparer.Ordinal)
        {
            ["b"] = NDArray.Wrap(b),
            ["i"] = NDArray.Wrap(i),
            ["l"] = NDArray.Wrap(l),
            ["f"] = NDArray.Wrap(f),
            ["d"] = NDArray.Wrap(d),
            ["c"] = NDArray.Wrap(c),
            ["s"] = NDArray.Wrap(s),
            ["b2"] = NDArray.Wrap(Rows(b, 3, (v, r) => r == 1 ? !v : v), 3, 7),
            ["i2"] = NDArray.Wrap(Rows(i, 3, (v, r) => v * (r + 1)), 3, 7),
            ["l2"] = NDArray.Wrap(Rows(l, 3, (v, r) => v * (r + 1)), 3, 7),
            ["f2"] = NDArray.Wrap(Rows(f, 3, (v, r) => v * (r + 1)), 3, 7),
            ["d2"] = NDArray.Wrap(Rows(d, 3, (v, r) => v * (r + 1)), 3, 7),
            ["c2"] = NDArray.Wrap(Rows(c, 3, (v, r) => v * (r + 1)), 3, 7),
            ["s2"] = NDArray.Wrap(Rows(s, 3, (v, r) => r == 2 ? [.. v, (byte)'9'] : v), 3, 7),
            ["d3"] = NDArray.Wrap(Enumerable.Range(0, 42).Select(k => (k * 0.37) - 5).ToArray(), 2, 3, 7),
            ["dcol"] = NDArray.Wrap(new[] { 0.5, -2, 4 }, 3, 1),
            ["icol"] = NDArray.Wrap(new[] { 3, -4, 5 }, 3, 1),
            ["d0"] = NDArray.FromScalar(Scalar.FromFloat64(1.25)),
            ["i0"] = NDArray.FromScalar(Scalar.FromInt32(-3)),
            ["f0"] = NDArray.FromScalar(Scalar.FromFloat32(0.75f)),
            ["e"] = NDArray.Zeros(DType.Float64, new Shape(0)),
            ["e2"] = NDArray.Zeros(DType.Float64, new Shape(0, 7)),
            // Every other element of a longer buffer: stride 2.
            ["ds"] = NDArray.Strided(Enumerable.Range(0, 14).Select(k => (k * 1.5) - 7).ToArray(), new Shape(7), [2], 0),
            // A transposed (7, 3) matrix: shape (3, 7), strides (1, 3).
            ["dt"] = NDArray.Strided(Enumerable.Range(0, 21).Select(k => Math.Sin(k)).ToArray(), new Shape(3, 7), [1, 3], 0),
            // Every third int32, starting at offset 1.
            ["istr"] = NDArray.Strided(Enumerable.Range(0, 22).Select(k => (k * 7) - 50).ToArray(), new Shape(7), [3], 1),
        };
        return inputs;
    }

    /// <summary>A contiguous C-order copy (what NumPy receives).</summary>
    public static NDArray Contiguous(NDArray view)
    {
        var copy = NDArray.Zeros(view.DType, view.Shape);
        long k = 0;
        foreach (long offset in view.Offsets())
        {
            copy.SetAt(k++, view.GetAt(offset));
        }

        return copy;
    }

    private static T[] Rows<T>(T[] row, int rows, Func<T, int, T> vary)
    {
        var result = new T[row.Length * rows];
        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < row.Length; k++)
            {
                result[(r * row.Length) + k] = vary(row[k], r);
            }
        }

        return result;
    }
}
