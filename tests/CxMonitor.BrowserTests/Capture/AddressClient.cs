using System.Net;
using System.Net.Sockets;

namespace CxMonitor.BrowserTests.Capture;

/// <summary>An HTTP client whose connections come from a chosen loopback address (127.0.0.2,
/// 127.0.0.3, …): to the app, a different customer's network.</summary>
public static class AddressClient
{
    public static HttpClient From(IPAddress local, Uri app) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = app };
}
