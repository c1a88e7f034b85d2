using System.Diagnostics;
using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Differential;

/// <summary>
/// Runs <c>oracle.py</c> once over the whole corpus with the system's NumPy and NumExpr (Debian's python3-numpy and
/// python3-numexpr, which <c>.ci/run</c> installs) and loads what each returned.
/// </summary>
public sealed class NumPyOracle
{
    public NumPyOracle()
    {
        Inputs = DifferentialInputs.Create();
        (NumExpr, NumPy, Versions) = Evaluate(Inputs, DifferentialCorpus.All.Select(c => c.Expression).ToList());
    }

    /// <summary>The interpreter with NumPy and NumExpr: SLOWSERIES_PYTHON, else Debian's /usr/bin/python3.</summary>
    public static string Python => Environment.GetEnvironmentVariable("SLOWSERIES_PYTHON") is { Length: > 0 } custom ? custom : "/usr/bin/python3";

    public string Versions { get; }

    internal IReadOnlyDictionary<string, NDArray> Inputs { get; }

    internal IReadOnlyList<OracleOutcome> NumExpr { get; }

    internal IReadOnlyList<OracleOutcome> NumPy { get; }

    /// <summary>
    /// Every expression of <paramref name="cases"/> over <paramref name="inputs"/> (given to NumPy as contiguous copies)
    /// through NumExpr and through NumPy, in one run of <c>oracle.py</c>.
    /// </summary>
    internal static (List<OracleOutcome> NumExpr, List<OracleOutcome> NumPy, string Versions) Evaluate(IReadOnlyDictionary<string, NDArray> inputs, IReadOnlyList<string> cases)
    {
        string workdir = Path.Combine(Path.GetTempPath(), "slowseries-differential-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(workdir, "inputs"));
            foreach (var (name, array) in inputs)
            {
                NpyFile.Write(Path.Combine(workdir, "inputs", name + ".npy"), DifferentialInputs.Contiguous(array));
            }

            File.WriteAllLines(Path.Combine(workdir, "cases.txt"), cases);
            string script = Path.Combine(AppContext.BaseDirectory, "Differential", "oracle.py");
            string versions = Run(Python, $"\"{script}\" \"{workdir}\"").Trim();
            return (Load(workdir, "ne", cases.Count), Load(workdir, "np", cases.Count), versions);
        }
        finally
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
                "The differential tests need NumPy and NumExpr: ./test.sh installs Debian's python3-numpy and python3-numexpr (or apt-get install them, or set SLOWSERIES_PYTHON).");
        }

        return stdout;
    }

    private static List<OracleOutcome> Load(string workdir, string engine, int count)
    {
        var outcomes = new List<OracleOutcome>();
        for (int k = 0; k < count; k++)
        {
            string stem = Path.Combine(workdir, "results", $"{engine}_{k}");
            outcomes.Add(File.Exists(stem + ".npy")
                ? new OracleOutcome(NpyFile.Read(stem + ".npy"), File.ReadAllText(stem + ".dtype"), null)
                : new OracleOutcome(null, null, File.ReadAllText(stem + ".err")));
        }

        return outcomes;
    }
}
