using System.Globalization;

namespace SlowSeries.Generator.Vectorize;

/// <summary>
/// The lines every generated width-generic method shares: its constraints, and the dispatch of a non-generic caller to
/// the widest hardware-accelerated width (IVectorWidth, VectorWidth512/256/128 and ScalarWidth in the runtime).
/// </summary>
internal static class WidthGenericCode
{
    public const string Namespace = "global::SlowSeries.Vectorization";

    private const string Vector = "global::System.Runtime.Intrinsics.Vector";

    /// <summary>The constraints of a method generic over <c>&lt;W, TDouble, TLong&gt;</c>.</summary>
    public static IEnumerable<string> Constraints() =>
    [
        $"    where W : struct, {Namespace}.IVectorWidth<W, TDouble, TLong>",
        "    where TDouble : struct",
        "    where TLong : struct",
    ];

    /// <summary>
    /// Calls of a width-generic method at each accelerated width, widest first, each returning (its value, when
    /// <paramref name="returnsValue"/>); <paramref name="callFormat"/> has <c>{0}</c> where the type arguments go. The
    /// JIT drops the branches not taken (IsHardwareAccelerated is a constant to it). What follows these lines runs
    /// where no vector width is accelerated: with <paramref name="scalarWidth"/>, the same method at one lane. With
    /// <paramref name="paired"/>, the 256- and 128-bit widths run two vectors at once (PairedWidth: 8 and 4 lanes; 512 bits
    /// stays at 8, the reductions' fixed lane layout).
    /// </summary>
    public static IEnumerable<string> Dispatch(string callFormat, bool returnsValue, bool scalarWidth, bool paired = false)
    {
        string Branch(string call) => returnsValue ? $"return {call};" : $"{{ {call}; return; }}";
        yield return $"if ({Vector}512.IsHardwareAccelerated) {Branch(Call(callFormat, "VectorWidth512", 512, paired: false))}";
        yield return $"if ({Vector}256.IsHardwareAccelerated) {Branch(Call(callFormat, "VectorWidth256", 256, paired))}";
        yield return $"if ({Vector}128.IsHardwareAccelerated) {Branch(Call(callFormat, "VectorWidth128", 128, paired))}";
        if (scalarWidth)
        {
            string scalar = string.Format(CultureInfo.InvariantCulture, callFormat, $"{Namespace}.ScalarWidth, double, long");
            yield return returnsValue ? $"return {scalar};" : $"{scalar};";
        }
    }

    private static string Call(string callFormat, string width, int bits, bool paired)
    {
        string lanes = $"{Namespace}.{width}, {Vector}{bits}<double>, {Vector}{bits}<long>";
        if (paired)
        {
            lanes = $"{Namespace}.PairedWidth<{lanes}>, {Namespace}.VectorPair<{Vector}{bits}<double>>, {Namespace}.VectorPair<{Vector}{bits}<long>>";
        }

        return string.Format(CultureInfo.InvariantCulture, callFormat, lanes);
    }
}
