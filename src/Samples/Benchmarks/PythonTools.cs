using System.Text.Json;

namespace SlowSeries.Samples.Benchmarks;

/// <summary>Runs <c>Python/bench.py</c> with Debian's interpreter, so NumExpr, NumPy and Numba are timed in the same run.</summary>
internal static class PythonTools
{
    public static string Interpreter => Environment.GetEnvironmentVariable("SLOWSERIES_PYTHON") is { Length: > 0 } custom ? custom : "/usr/bin/python3";

    /// <summary>Tool name → (median seconds, checksum) or the reason it has no time.</summary>
    public static Dictionary<string, (double? Median, double? Check, string? Error)> Run(string workload, string size, int threads, int repeats)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Python", "bench.py");
        var (code, output, error) = ExternalProgram.Run(Interpreter, script, workload, size, threads.ToString(System.Globalization.CultureInfo.InvariantCulture), repeats.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (code != 0)
        {
            return Unavailable(Failure(code, error));
        }

        var results = new Dictionary<string, (double?, double?, string?)>(StringComparer.Ordinal);
        try
        {
            using var json = JsonDocument.Parse(output);
            foreach (var tool in json.RootElement.EnumerateObject().Where(p => p.Name != "versions"))
            {
                // "absent": the course has no version for this tool (n/a, not a failure to report).
                results[tool.Name] = tool.Value.TryGetProperty("median", out var median)
                    ? (median.GetDouble(), tool.Value.GetProperty("check").GetDouble(), null)
                    : (null, null, tool.Value.TryGetProperty("error", out var failure) ? failure.GetString() : null);
            }

            ReadVersions(json.RootElement);
            return results;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return Unavailable($"{Interpreter} printed no result the bench can read: {exception.Message}");
        }
    }

    public static string Versions { get; private set; } = "Python tools not run";

    /// <summary>
    /// Why the Python tools did not run, in one line: a missing module names the Debian package that provides it,
    /// a missing interpreter the setting that chooses it.
    /// </summary>
    public static string Failure(int code, string error)
    {
        if (code == -1)
        {
            return $"{Interpreter} cannot be run ({error.Trim()}): install Debian's python3 with python3-numpy, python3-numexpr and python3-numba, or set SLOWSERIES_PYTHON to a Python that has them";
        }

        var missing = System.Text.RegularExpressions.Regex.Match(error, "No module named '([A-Za-z0-9_]+)");
        return missing.Success
            ? $"{Interpreter} has no {missing.Groups[1].Value}: apt-get install python3-numpy python3-numexpr python3-numba (./test.sh installs them), or set SLOWSERIES_PYTHON to a Python that has them"
            : $"{Interpreter} failed: {error.Trim().Split('\n').LastOrDefault()}";
    }

    /// <summary>Takes the tool versions from a result's <c>versions</c> object.</summary>
    public static void ReadVersions(JsonElement result) =>
        Versions = string.Join(", ", result.GetProperty("versions").EnumerateObject().Select(p => $"{p.Name} {p.Value.GetString()}"));

    private static Dictionary<string, (double?, double?, string?)> Unavailable(string reason) => new(StringComparer.Ordinal)
    {
        ["NumExpr"] = (null, null, reason),
        ["NumPy"] = (null, null, reason),
        ["Numba"] = (null, null, reason),
    };
}
