using CxMonitor.Web.Access;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Capture;
using CxMonitor.Web.Pages;
using StackExchange.Redis;

namespace CxMonitor.Web.Live;

/// <summary>A key, display token or terminal revoked, or a session ended, takes effect on every
/// node at once: this node's open live connections are checked straight away (not at the next
/// sweep), and with several nodes the revocation goes out on the Redis channel
/// <c>cxmonitor:revoked</c>, on which every other node drops it from its caches and checks its
/// own connections. Without Redis (or while it is away) the caches' bound still holds: 10 s for
/// keys (<c>Access:KeyCacheTtl</c>), display tokens and terminals, one sweep for connections.</summary>
internal sealed class RevocationShare(
    ApiKeyStore keys, DisplayTokens displays, TerminalStore terminals, PersonSessions sessions, LiveRevocationSweep sweep,
    IServiceProvider services, ILogger<RevocationShare> logger) : IHostedService
{
    /// <summary>Under <see cref="LiveRedis.ChannelPrefix"/>: <c>cxmonitor:revoked</c>.</summary>
    private static readonly RedisChannel Channel = RedisChannel.Literal(":revoked");

    private readonly LiveRedisConnection? _redis = services.GetService<LiveRedisConnection>();
    private readonly CancellationTokenSource _stopping = new();
    private ConnectionMultiplexer? _connection;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        keys.Revoked += OnKeyRevoked;
        displays.Revoked += OnDisplayRevoked;
        terminals.Revoked += OnTerminalRevoked;
        sessions.Ended += OnSessionsEnded;
        if (_redis is not null)
            _ = Task.Run(SubscribeAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        keys.Revoked -= OnKeyRevoked;
        displays.Revoked -= OnDisplayRevoked;
        terminals.Revoked -= OnTerminalRevoked;
        sessions.Ended -= OnSessionsEnded;
    }

    private void OnKeyRevoked(string id) => Revoked("key", id);

    private void OnDisplayRevoked(string id) => Revoked("display", id);

    private void OnTerminalRevoked(string id) => Revoked("terminal", id);

    private void OnSessionsEnded() => Revoked("session", "");

    private void Revoked(string kind, string id)
    {
        Sweep();
        if (_connection is null || _redis is null)
            return;
        try
        {
            _connection.GetSubscriber().Publish(Channel, $"{_redis.Node}|{kind}|{id}", CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Could not tell the other nodes of a revoked {Kind}; their caches expire it", kind);
        }
    }

    private async Task SubscribeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var connection = await _redis!.GetAsync();
                await connection.GetSubscriber().SubscribeAsync(Channel, (_, message) => Take(message));
                _connection = connection;
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning(ex, "Could not subscribe to revocations in Redis; trying again");
                await Task.Delay(TimeSpan.FromSeconds(2), _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void Take(RedisValue message)
    {
        if (((string?)message)?.Split('|', 3) is not [var node, var kind, var id] || node == _redis!.Node)
            return;
        switch (kind)
        {
            case "key":
                keys.Forget(id);
                break;
            case "display":
                displays.Forget(id);
                break;
            case "terminal":
                terminals.Forget(id);
                break;
        }
        Sweep();
    }

    /// <summary>Open connections are checked against app state now, off the revoking request.</summary>
    private void Sweep() => _ = Task.Run(async () =>
    {
        try
        {
            await sweep.SweepAsync(_stopping.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not check the live connections after a revocation; the next sweep does");
        }
    });
}
