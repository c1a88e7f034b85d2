using System.Diagnostics;

namespace SlowSeries.Samples.Benchmarks;

/// <summary>Runs another program to completion and collects what it printed (the Python tools, gcc and the C anchor).</summary>
internal static class ExternalProgram
{
    /// <summary>The exit code and both outputs; code −1 with the reason as error output when the program cannot start.</summary>
    public static (int Code, string Output, string Error) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
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
