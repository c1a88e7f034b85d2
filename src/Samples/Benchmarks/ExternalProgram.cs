using System.Diagnostics;

namespace SlowSeries.Samples.Benchmarks;

/// <summary>Runs another program to completion and collects what it printed (the Python tools, gcc and the C anchor).</summary>
internal static class ExternalProgram
{
    /// <summary>The exit code and both outputs; code −1 with the reason as error output when the program cannot start.</summary>
    public static (int Code, string Output, string Error) Run(string program, params string[] arguments) =>
        Run(program, arguments, new Dictionary<string, string>());

    /// <summary>As <see cref="Run(string, string[])"/>, with <paramref name="environment"/> added to this process's environment.</summary>
    public static (int Code, string Output, string Error) Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, "", $"{program}: {exception.Message}");
        }
    }
}
