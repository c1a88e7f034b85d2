using System.Diagnostics;
using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Differential;

/// <summary>
/// Runs <c>oracle.py</c> once over the whole corpus with the system's NumPy and NumExpr (Debian's python3-numpy and
/// python3-numexpr, which <c>.ci/run</c> installs) and loads what each returned.
/// </summary>
public sealed class NumPyOracle : IDisposable
{
    private readonly string workdir = Path.Combine(Path.GetTempPath(), "slowseries-differential-" + Guid.NewGuid().ToString("N"));

    public NumPyOracle()
    {
        Inputs = DifferentialInputs.Create();
        Directory.CreateDirectory(Path.Combine(workdir, "inputs"));
        foreach (var (name, array) in Inputs)
        {
            NpyFile.Write(Path.Combine(workdir, "inputs", name + ".npy"), DifferentialInputs.Contiguous(array));
        }

        File.WriteAllLines(Path.Combine(workdir, "cases.txt"), DifferentialCorpus.All.Select(c => c.Expression));
        string script = Path.Combine(AppContext.BaseDirectory, "Differential", "oracle.py");
        Versions = Run(Python, $"\"{script}\" \"{workdir}\"").Trim();
        NumExpr = Load("ne");
        NumPy = Load("np");
    }

    /// <summary>The interpreter with NumPy and NumExpr: SLOWSERIES_PYTHON, else Debian's /usr/bin/python3.</summary>
    public static string Python => Environment.GetEnvironmentVariable("SLOWSERIES_PYTHON") is { Length: > 0 } custom ? custom : "/usr/bin/python3";

    public string Versions { get; }

    internal IReadOnlyDictionary<string, NDArray> Inputs { get; }

    internal IReadOnlyList<OracleOutcome> NumExpr { get; }

    internal IReadOnlyList<OracleOutcome> NumPy { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(workdir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    internal static string Run(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {arguments} failed ({process.ExitCode}): {stderr.Result}\n" +
                "The differential tests need NumPy and NumExpr: apt-get install python3-numpy python3-numexpr (or set SLOWSERIES_PYTHON).");
        }

        return stdout;
    }

    private List<OracleOutcome> Load(string engine)
    {
        var outcomes = new List<OracleOutcome>();
        for (int k = 0; k < DifferentialCorpus.All.Count; k++)
        {
            string stem = Path.Combine(workdir, "results", $"{engine}_{k}");
            outcomes.Add(File.Exists(stem + ".npy")
                ? new OracleOutcome(NpyFile.Read(stem + ".npy"), File.ReadAllText(stem + ".dtype"), null)
                : new OracleOutcome(null, null, File.ReadAllText(stem + ".err")));
        }

        return outcomes;
    }
}
