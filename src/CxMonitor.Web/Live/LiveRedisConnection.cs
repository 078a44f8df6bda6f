using StackExchange.Redis;

namespace CxMonitor.Web.Live;

/// <summary>This node's one connection to the shared Redis for what the SignalR backplane does not
/// carry (snapshots of another node's run, revocations). Opened on first use, never failing:
/// while Redis is away commands fail and StackExchange.Redis reconnects (and resubscribes) by itself.</summary>
public sealed class LiveRedisConnection(IConfiguration configuration) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() =>
        ConnectionMultiplexer.ConnectAsync(LiveRedis.Options(LiveRedis.ConnectionString(configuration)
            ?? throw new InvalidOperationException("Live:Redis is not set."))));

    /// <summary>A process's id among the nodes, so a node ignores its own messages.</summary>
    public string Node { get; } = Guid.NewGuid().ToString("N");

    public Task<ConnectionMultiplexer> GetAsync() => _connection.Value;

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
            await (await _connection.Value).DisposeAsync();
    }
}
