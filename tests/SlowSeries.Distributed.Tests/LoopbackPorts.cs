using System.Net;
using System.Net.Sockets;

namespace SlowSeries.Distributed.Tests;

/// <summary>Free TCP ports on 127.0.0.1, so that tests running side by side (or a leftover process) never collide.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port the system says is free now (bound and released; the caller binds it again at once).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
