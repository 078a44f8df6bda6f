using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CxMonitor.Testing;

/// <summary>A real HTTP receiver on a free port, as a chat tool's webhook would be: it can be
/// told to fail its first requests, and keeps what it accepted.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    public WebhookReceiver(int failFirst = 0)
    {
        _failuresLeft = failFirst;
        Port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var received = new Received(buffer.ToArray(), request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), DateTimeOffset.UtcNow);
            Attempts.Add(received);
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
                return Results.StatusCode(500);
            Accepted.Add(received);
            return Results.Ok();
        });
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hook");

    public ConcurrentBag<Received> Attempts { get; } = [];

    public ConcurrentBag<Received> Accepted { get; } = [];

    public async Task<Received> WaitForAcceptedAsync(TimeSpan timeout, Func<Received, bool>? match = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Accepted.FirstOrDefault(r => match?.Invoke(r) ?? true) is { } found)
                return found;
            await Task.Delay(20);
        }
        throw new TimeoutException($"no delivery accepted within {timeout} ({Attempts.Count} attempts)");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed record Received(byte[] Body, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Body);
    }
}
