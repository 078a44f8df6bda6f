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
/// own connections (the CLI sends there too, <c>Cli/RevocationNotice</c>). Without Redis (or while
/// it is away) the caches' bound still holds: 10 s for
/// keys (<c>Access:KeyCacheTtl</c>), display tokens and terminals, one sweep for connections.</summary>
internal sealed class RevocationShare(
    ApiKeyStore keys, DisplayTokens displays, TerminalStore terminals, PersonSessions sessions, LiveRevocationSweep sweep,
    IServiceProvider services, ILogger<RevocationShare> logger) : IHostedService
{
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

    private void OnKeyRevoked(string id) => Revoked(RevocationMessage.Key, id);

    private void OnDisplayRevoked(string id) => Revoked(RevocationMessage.Display, id);

    private void OnTerminalRevoked(string id) => Revoked(RevocationMessage.Terminal, id);

    private void OnSessionsEnded() => Revoked(RevocationMessage.Session, "");

    private void Revoked(string kind, string id)
    {
        Sweep();
        if (_connection is null || _redis is null)
            return;
        try
        {
            _connection.GetSubscriber().Publish(RevocationMessage.Channel, RevocationMessage.Format(_redis.Node, kind, id), CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (LiveRedis.IsAway(ex))
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
                await connection.GetSubscriber().SubscribeAsync(RevocationMessage.Channel, (_, message) => Take(message));
                _connection = connection;
                return;
            }
            catch (Exception ex) when (LiveRedis.IsAway(ex))
            {
                logger.LogWarning(ex, "Could not subscribe to revocations in Redis; trying again");
                await Task.Delay(TimeSpan.FromSeconds(2), _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void Take(RedisValue message)
    {
        if (!RevocationMessage.TryParse(message, out var sender, out var kind, out var id) || sender == _redis!.Node)
            return;
        switch (kind)
        {
            case RevocationMessage.Key:
                keys.Forget(id);
                break;
            case RevocationMessage.Display:
                displays.Forget(id);
                break;
            case RevocationMessage.Terminal:
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
