using System.Text.Json;
using StackExchange.Redis;

namespace CxMonitor.Web.Live;

/// <summary>With several nodes the rolling job runs on any one of them, but every node answers a
/// connecting wall and <c>GET /api/v1/snapshots</c> from its own <see cref="SnapshotStore"/>. So
/// each run is published through Redis into every node's store, and also kept under one key that
/// a node reads when it starts. A message missed while Redis was away is replaced by the next run
/// (every run carries every snapshot).</summary>
internal sealed class SnapshotShare(LiveRedisConnection redis, SnapshotStore store, ILogger<SnapshotShare> logger) : IHostedService
{
    /// <summary>Under <see cref="LiveRedis.ChannelPrefix"/>: <c>cxmonitor:snapshots</c>.</summary>
    private static readonly RedisChannel Channel = RedisChannel.Literal(":snapshots");

    public const string LatestKey = LiveRedis.ChannelPrefix + ":snapshots";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ConnectionMultiplexer? _connection;

    private sealed record SharedRun(string Node, DateTimeOffset At, IReadOnlyList<LiveSnapshot> Snapshots);

    private readonly CancellationTokenSource _stopping = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.Computed += Publish;
        // In the background: a node starts while Redis is away (decision 0025).
        _ = Task.Run(SubscribeAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task SubscribeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                _connection = await redis.GetAsync();
                await _connection.GetSubscriber().SubscribeAsync(Channel, (_, message) => Take(message));
                // A node that starts (or restarts) shows the cluster's latest figures before it runs the job itself.
                if (await _connection.GetDatabase().StringGetAsync(LatestKey) is { HasValue: true } latest)
                    Take(latest);
                return;
            }
            catch (Exception ex) when (LiveRedis.IsAway(ex))
            {
                logger.LogWarning(ex, "Could not subscribe to the other nodes' snapshots in Redis; trying again");
                await Task.Delay(TimeSpan.FromSeconds(2), _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        store.Computed -= Publish;
        try
        {
            if (_connection is { } connection)
                await connection.GetSubscriber().UnsubscribeAsync(Channel);
        }
        catch (Exception ex) when (LiveRedis.IsAway(ex))
        {
            // Redis is away: the subscription ends with the process.
        }
    }

    private void Publish(IReadOnlyList<LiveSnapshot> snapshots, DateTimeOffset at)
    {
        if (_connection is null)
            return;
        var payload = JsonSerializer.Serialize(new SharedRun(redis.Node, at, snapshots), Json);
        try
        {
            // Fire and forget: the job does not wait for Redis, and a run lost to an outage is
            // replaced by the next one. The key lives a day: older figures are stale anyway.
            _connection.GetDatabase().StringSet(LatestKey, payload, TimeSpan.FromDays(1), flags: CommandFlags.FireAndForget);
            _connection.GetSubscriber().Publish(Channel, payload, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (LiveRedis.IsAway(ex))
        {
            logger.LogDebug(ex, "Could not share a rolling run through Redis");
        }
    }

    private void Take(RedisValue message)
    {
        try
        {
            var run = JsonSerializer.Deserialize<SharedRun>((string)message!, Json);
            if (run is not null && run.Node != redis.Node)
                store.Take(run.Snapshots, run.At);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "A shared rolling run could not be read");
        }
    }
}
