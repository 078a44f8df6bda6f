using CxMonitor.Web.Access;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Capture;
using CxMonitor.Web.Live;
using StackExchange.Redis;

namespace CxMonitor.Web.Cli;

/// <summary>The CLI revokes in app state, but running nodes trust a key or terminal from memory
/// for up to 10 s and check open live connections only every few seconds. With <c>Live:Redis</c>
/// set, what a command revoked (a key, a terminal, a disabled person's sessions) is told to every
/// running node on the revocation channel, as a node tells the others, so it holds at once; the
/// command says which of the two happened.</summary>
internal sealed class RevocationNotice : IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly List<(string Kind, string Id)> _revoked = [];
    private readonly ApiKeyStore? _keys;
    private readonly TerminalStore? _terminals;
    private readonly PersonSessions? _sessions;
    private readonly string? _redis;

    public RevocationNotice(IServiceProvider services)
    {
        _redis = LiveRedis.ConnectionString(services.GetRequiredService<IConfiguration>());
        _keys = services.GetService<ApiKeyStore>();
        _terminals = services.GetService<TerminalStore>();
        _sessions = services.GetService<PersonSessions>();
        if (_keys is not null)
            _keys.Revoked += OnKey;
        if (_terminals is not null)
            _terminals.Revoked += OnTerminal;
        if (_sessions is not null)
            _sessions.Ended += OnSessions;
    }

    /// <summary>Tells the running nodes, and the person at the console what that means.</summary>
    public async Task SendAsync(TextWriter stdout, TextWriter stderr)
    {
        if (_revoked.Count == 0)
            return;
        if (_redis is null)
        {
            await stdout.WriteLineAsync("Running nodes notice within 10 seconds (Live:Redis is not set, so they are not told at once).");
            return;
        }
        try
        {
            var options = LiveRedis.Options(_redis);
            options.AbortOnConnectFail = true;
            options.ConnectTimeout = (int)ConnectTimeout.TotalMilliseconds;
            options.ConnectRetry = 1;
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            var sender = "cli-" + Guid.NewGuid().ToString("N");
            long nodes = 0;
            foreach (var (kind, id) in _revoked)
                nodes = Math.Max(nodes, await connection.GetSubscriber().PublishAsync(RevocationMessage.Channel, RevocationMessage.Format(sender, kind, id)));
            await stdout.WriteLineAsync($"Told {nodes} running node(s) through Redis: the revocation holds there now.");
        }
        catch (Exception ex) when (LiveRedis.IsAway(ex))
        {
            await stderr.WriteLineAsync($"Could not reach Redis to tell the running nodes ({ex.Message}); they notice within 10 seconds.");
        }
    }

    public void Dispose()
    {
        if (_keys is not null)
            _keys.Revoked -= OnKey;
        if (_terminals is not null)
            _terminals.Revoked -= OnTerminal;
        if (_sessions is not null)
            _sessions.Ended -= OnSessions;
    }

    private void OnKey(string id) => _revoked.Add((RevocationMessage.Key, id));

    private void OnTerminal(string id) => _revoked.Add((RevocationMessage.Terminal, id));

    private void OnSessions() => _revoked.Add((RevocationMessage.Session, ""));
}
