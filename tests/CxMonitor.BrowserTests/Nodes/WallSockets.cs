using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace CxMonitor.BrowserTests.Nodes;

/// <summary>The live WebSockets a page opens and which node nginx passed each to (its
/// <c>X-Upstream</c> answer header), read through Chromium's DevTools protocol: a page cannot see
/// its own handshake's headers.</summary>
public sealed class WallSockets
{
    private readonly ConcurrentQueue<(string Upstream, DateTimeOffset At)> _opened = new();

    private WallSockets()
    {
    }

    public IReadOnlyList<(string Upstream, DateTimeOffset At)> Opened => [.. _opened];

    public static async Task<WallSockets> WatchAsync(IPage page)
    {
        var sockets = new WallSockets();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        cdp.Event("Network.webSocketHandshakeResponseReceived").OnEvent += (_, e) =>
        {
            if (e is not { } json || !json.TryGetProperty("response", out var response))
                return;
            var upstream = response.GetProperty("headers").EnumerateObject()
                .FirstOrDefault(h => h.Name.Equals("X-Upstream", StringComparison.OrdinalIgnoreCase)).Value;
            sockets._opened.Enqueue((upstream.ValueKind == JsonValueKind.String ? upstream.GetString()! : "", DateTimeOffset.UtcNow));
        };
        await cdp.SendAsync("Network.enable");
        return sockets;
    }

    /// <summary>The first socket opened after <paramref name="since"/>.</summary>
    public async Task<(string Upstream, DateTimeOffset At)> NextAfterAsync(DateTimeOffset since, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_opened.Where(o => o.At > since).ToList() is [var first, ..])
                return first;
            await Task.Delay(20);
        }
        throw new TimeoutException($"no live WebSocket opened within {timeout} after {since:HH:mm:ss.fff}; opened: {string.Join(", ", _opened)}");
    }
}
