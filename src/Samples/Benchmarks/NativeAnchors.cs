using System.Globalization;

namespace SlowSeries.Samples.Benchmarks;

/// <summary>
/// The issues' compiled anchors, in the same run: <c>Benchmarks/Native/series_anchors.c</c> (the course's series as
/// scalar C with an OpenMP reduction) built once per process with <c>gcc -O3 -fopenmp</c>, for this CPU
/// (<c>-march=native</c>) and for the AVX2 machines most users have (<c>-march=x86-64-v3</c>).
/// </summary>
internal static class NativeAnchors
{
    /// <summary>The anchor built for this CPU.</summary>
    public const string Tool = "gcc -O3 native";

    /// <summary>The anchor built for x86-64-v3 (AVX2, FMA): what an AVX2 laptop's compiler produces.</summary>
    public const string PortableTool = "gcc -O3 x86-64-v3";

    private static readonly Lazy<(string? Binary, string? Error)> Native = new(() => Build("native"));

    private static readonly Lazy<(string? Binary, string? Error)> Portable = new(() => Build("x86-64-v3"));

    /// <summary>The C series' median and sum (<paramref name="series"/> is <c>slow</c> or <c>trig</c>), or why there is none.</summary>
    public static (double? Median, double? Check, string? Error) Run(string series, long terms, int threads, int repeats, bool portable = false)
    {
        var built = (portable ? Portable : Native).Value;
        if (built.Binary is not { } binary)
        {
            return (null, null, built.Error);
        }

        var (code, output, error) = ExternalProgram.Run(binary, series, terms.ToString(CultureInfo.InvariantCulture), repeats.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture));
        string[] fields = output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return code == 0 && fields.Length == 2
            && double.TryParse(fields[0], CultureInfo.InvariantCulture, out double median)
            && double.TryParse(fields[1], CultureInfo.InvariantCulture, out double total)
            ? (median, total, null)
            : (null, null, $"series_anchors exited {code}: {error.Trim()}");
    }

    private static (string? Binary, string? Error) Build(string architecture)
    {
        string source = Path.Combine(AppContext.BaseDirectory, "Benchmarks", "Native", "series_anchors.c");
        string binary = Path.Combine(Path.GetTempPath(), $"slowseries-series-anchors-{architecture}-{Environment.ProcessId}");
        var (code, _, error) = ExternalProgram.Run("gcc", "-O3", $"-march={architecture}", "-fopenmp", "-o", binary, source, "-lm");
        return code switch
        {
            0 => (binary, null),
            -1 => (null, "gcc is not installed: apt-get install gcc (the C anchor's compiler, with OpenMP)"),
            _ => (null, $"gcc could not build the C anchor: {error.Trim().Split('\n').LastOrDefault()}"),
        };
    }
}
