using System.Collections.Concurrent;
using CxMonitor.Web.Live;
using CxMonitor.Web.Metrics.Recent;
using StackExchange.Redis;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>Listens on Redis to the shares nodes send each other (decision 0027), as a third node
/// would, and keeps every one decoded: what a node sent, and when, is then checked, not guessed
/// from the receivers' memory.</summary>
public sealed class ShareListener : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _redis;
    private readonly ConcurrentQueue<SharedTotalsMessage> _heard = new();

    private ShareListener(ConnectionMultiplexer redis) => _redis = redis;

    public static async Task<ShareListener> StartAsync(string redis)
    {
        var listener = new ShareListener(await ConnectionMultiplexer.ConnectAsync(LiveRedis.Options(redis)));
        var queue = await listener._redis.GetSubscriber().SubscribeAsync(SharedRecentTotals.Channel);
        queue.OnMessage(m =>
        {
            if (SharedTotalsMessage.Decode((byte[])m.Message!) is { } message)
                listener._heard.Enqueue(message);
        });
        return listener;
    }

    /// <summary>Ratings in every share heard from a node.</summary>
    public long RatingsFrom(Guid node) => _heard.Where(m => m.Node == node).Sum(m => m.Minutes.Sum(x => x.Totals.Ratings));

    /// <summary>The last sequence number heard from a node (0 if none).</summary>
    public long LastFrom(Guid node) => _heard.Where(m => m.Node == node).Select(m => m.Sequence).DefaultIfEmpty(0).Max();

    /// <summary>The first share heard that matches, waiting up to 30 s for it.</summary>
    public async Task<SharedTotalsMessage> WaitForAsync(Func<SharedTotalsMessage, bool> match, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_heard.FirstOrDefault(match) is { } found)
                return found;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No {what} was heard on Redis within 30 s ({_heard.Count} shares heard).");
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();
}
