using System.Net;
using System.Net.Sockets;

namespace CxMonitor.Testing;

/// <summary>A network path that a test can cut or stall: forwards 127.0.0.1:<see cref="Port"/> to
/// a real server's port. Closed, it refuses new connections and cuts the open ones, as a partition
/// between one node and Redis would, while other clients of that server go on as before. Stalled,
/// it holds what is sent both ways until opened, as a congested or flapping link does, and
/// nobody is told.</summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly int _target;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _accepting;
    private volatile TaskCompletionSource _flowing = Flowing();

    private TcpGate(int target)
    {
        _target = target;
        Port = FreePort.Next();
    }

    public int Port { get; }

    /// <summary>For a client's connection string, e.g. <c>Live:Redis</c>.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public static TcpGate Start(int targetPort, bool open)
    {
        var gate = new TcpGate(targetPort);
        if (open)
            gate.Open();
        return gate;
    }

    /// <summary>Takes connections again, and lets what a stall held through.</summary>
    public void Open()
    {
        _flowing.TrySetResult();
        if (_listener is not null)
            return;
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _accepting = new CancellationTokenSource();
        _ = AcceptAsync(listener, _accepting.Token);
    }

    /// <summary>Holds every byte of the open connections until <see cref="Open"/>; they stay open.</summary>
    public void Stall()
    {
        if (_flowing.Task.IsCompleted)
            _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Refuses new connections and resets the open ones.</summary>
    public void Close()
    {
        _accepting?.Cancel();
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var client in _open)
            {
                try
                {
                    if (client.Client is { } socket) // null once its pump has ended
                        socket.LingerState = new LingerOption(true, 0); // a reset, as a cut path's timeout would end it
                }
                catch (ObjectDisposedException)
                {
                }
                client.Dispose();
            }
            _open.Clear();
        }
        _flowing.TrySetResult(); // a stalled pump ends on its reset connection
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _target, ct);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }
            lock (_open)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }
            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private static TaskCompletionSource Flowing()
    {
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flowing.SetResult();
        return flowing;
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var (source, target) = (from.GetStream(), to.GetStream());
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
            {
                await _flowing.Task;
                await target.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or SocketException)
        {
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
