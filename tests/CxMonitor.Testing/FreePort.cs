using System.Net;
using System.Net.Sockets;

namespace CxMonitor.Testing;

/// <summary>Ports for the servers tests start. A port the OS picked (bind to 0) lies in the
/// ephemeral range, where any outgoing connection of a busy test run may take it between its hand
/// out and the server's bind; so ports come from below that range (Linux: 32768–60999), are
/// checked free, and are never handed out twice in one test process.</summary>
public static class FreePort
{
    private const int First = 20_000;
    private const int Last = 32_000;
    private static readonly HashSet<int> Given = [];
    private static readonly Lock Gate = new();

    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 1_000; attempt++)
            {
                var port = Random.Shared.Next(First, Last);
                if (Given.Contains(port) || !IsFree(port))
                    continue;
                Given.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException($"no free loopback port between {First} and {Last} after 1,000 tries");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
