using System.Diagnostics;
using System.Globalization;

namespace SlowSeries.Distributed.Tests;

/// <summary>
/// A real <c>redis-server</c> (Debian's package, which the README's test command installs) on a free port of
/// 127.0.0.1, without persistence, for the tests of this class fixture; stopped when they are done.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process process;

    public RedisServer()
    {
        Port = LoopbackPorts.Free();
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            throw new InvalidOperationException("redis-server is not installed: run ./test.sh (it installs Debian's redis-server), or apt-get install redis-server", missing);
        }

        // Ready when it says so (it logs to standard output), within 20 s; the rest of its log is drained.
        var ready = Task.Run(() =>
        {
            while (process.StandardOutput.ReadLine() is { } line)
            {
                if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
                {
                    _ = process.StandardOutput.ReadToEndAsync();
                    return true;
                }
            }

            return false;
        });
        if (ready.Wait(TimeSpan.FromSeconds(20)) && ready.Result)
        {
            return;
        }

        Dispose();
        throw new InvalidOperationException($"redis-server did not start on 127.0.0.1:{Port}: {process.StandardError.ReadToEnd()}");
    }

    /// <summary>The port it listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The StackExchange.Redis connection text.</summary>
    public string Connection => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5000);
        }

        process.Dispose();
    }
}
