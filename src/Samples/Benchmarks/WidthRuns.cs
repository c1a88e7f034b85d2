using System.Runtime.Intrinsics;
using System.Text.Json;

namespace SlowSeries.Samples.Benchmarks;

/// <summary>
/// <c>bench --isa</c>: our kernels timed again at other vector widths on the same CPU, each in a child process of this
/// program with .NET's instruction-set switches set (a process cannot turn them off for itself). The child runs
/// <c>bench --ours-only</c> and prints its medians as JSON; the anchors are timed once, by the parent.
/// </summary>
internal static class WidthRuns
{
    /// <summary>The widths <c>--isa</c> accepts and the settings that give them on an AVX-512 machine.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["avx512"] = new Dictionary<string, string>(),
        ["avx2"] = new Dictionary<string, string> { ["DOTNET_EnableAVX512"] = "0" },
        ["v128"] = new Dictionary<string, string> { ["DOTNET_EnableAVX2"] = "0" },

        // 128-bit vectors with every instruction the CPU has (FMA, 64-bit shifts and compares): the shape of ARM64's
        // NEON, which has those at 128 bits, where "v128" (SSE4.2 alone) has no FMA.
        ["v128fma"] = new Dictionary<string, string> { ["DOTNET_PreferredVectorBitWidth"] = "128" },
        ["scalar"] = new Dictionary<string, string> { ["DOTNET_EnableHWIntrinsic"] = "0" },
    };

    /// <summary>
    /// The <c>NPY_DISABLE_CPU_FEATURES</c> that make NumPy dispatch as it would on a CPU of that width: NumPy picks its
    /// loops at import by the CPU's features (on this machine, Intel's AVX-512 SVML for exp, log, sin, pow, …), so NumPy
    /// here is faster than on the AVX2 laptops our AVX2 column stands for (1e7 float64, one thread: `a**b` 24 ms, 121 with
    /// AVX-512 off; `sin(a)` 10 and 76). No setting for <c>v128fma</c> or <c>scalar</c>: NumPy has no such target.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> NumPyFeaturesOff = new Dictionary<string, string>
    {
        ["avx2"] = AvxFiveTwelve,
        ["v128"] = AvxFiveTwelve + " AVX AVX2 FMA3 F16C",
    };

    private const string AvxFiveTwelve = "AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL";

    /// <summary>The widest vector width this process accelerates, as <c>--isa</c> names it.</summary>
    public static string Current =>
        Vector512.IsHardwareAccelerated ? "avx512"
        : Vector256.IsHardwareAccelerated ? "avx2"
        : Vector128.IsHardwareAccelerated ? (SlowSeries.Vectorization.VectorMath.HasFusedMultiplyAdd ? "v128fma" : "v128")
        : "scalar";

    /// <summary>The JSON a child prints: the width it ran at and each workload's median in seconds.</summary>
    public static string ToJson(IReadOnlyDictionary<string, double> medians) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["width"] = Current, ["medians"] = medians });

    /// <summary>Runs <c>bench --ours-only</c> (with <c>--breadth</c>: its expressions) at <paramref name="isa"/>: the width it ran at and its medians, or why not.</summary>
    public static (string? Width, Dictionary<string, double>? Medians, string? Error) Run(string isa, bool quick, int repeats, bool breadth)
    {
        string samples = Path.Combine(AppContext.BaseDirectory, "SlowSeries.Samples.dll");
        var arguments = new List<string> { samples, "bench", "--ours-only", "--repeat", repeats.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (quick)
        {
            arguments.Add("--quick");
        }

        if (breadth)
        {
            arguments.Add("--breadth");
        }

        var (code, output, error) = ExternalProgram.Run("dotnet", arguments, Settings[isa]);
        if (code != 0)
        {
            return (null, null, $"bench at {isa} exited {code}: {error.Trim().Split('\n').LastOrDefault()}");
        }

        try
        {
            using var document = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
            string width = document.RootElement.GetProperty("width").GetString()!;
            var medians = document.RootElement.GetProperty("medians").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
            return (width, medians, null);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return (null, null, $"bench at {isa} printed no medians: {exception.Message}");
        }
    }
}
