using System.Globalization;

namespace SlowSeries.Samples.Benchmarks;

/// <summary>
/// The issues' compiled anchor, in the same run: <c>Benchmarks/Native/series_anchors.c</c> (the course's series as
/// scalar C with an OpenMP reduction) built once per process with <c>gcc -O3 -march=native -fopenmp</c>.
/// </summary>
internal static class NativeAnchors
{
    public const string Tool = "gcc -O3";

    private static readonly Lazy<(string? Binary, string? Error)> Built = new(Build);

    /// <summary>The C series' median and sum (<paramref name="series"/> is <c>slow</c> or <c>trig</c>), or why there is none.</summary>
    public static (double? Median, double? Check, string? Error) Run(string series, long terms, int threads, int repeats)
    {
        if (Built.Value.Binary is not { } binary)
        {
            return (null, null, Built.Value.Error);
        }

        var (code, output, error) = ExternalProgram.Run(binary, series, terms.ToString(CultureInfo.InvariantCulture), repeats.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture));
        string[] fields = output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return code == 0 && fields.Length == 2
            && double.TryParse(fields[0], CultureInfo.InvariantCulture, out double median)
            && double.TryParse(fields[1], CultureInfo.InvariantCulture, out double total)
            ? (median, total, null)
            : (null, null, $"series_anchors exited {code}: {error.Trim()}");
    }

    private static (string? Binary, string? Error) Build()
    {
        string source = Path.Combine(AppContext.BaseDirectory, "Benchmarks", "Native", "series_anchors.c");
        string binary = Path.Combine(Path.GetTempPath(), $"slowseries-series-anchors-{Environment.ProcessId}");
        var (code, _, error) = ExternalProgram.Run("gcc", "-O3", "-march=native", "-fopenmp", "-o", binary, source, "-lm");
        return code == 0 ? (binary, null) : (null, $"gcc could not build the C anchor: {error.Trim().Split('\n').LastOrDefault()}");
    }
}
