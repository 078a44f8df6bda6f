using System.Collections.Concurrent;
using System.Threading.Channels;
using CxMonitor.Web.Data;
using Dapper;

namespace CxMonitor.Web.Access;

/// <summary>Records when each key was last used, at most once a minute per key and off the
/// request path: a request only drops a note into a channel that this service writes out.</summary>
public sealed class ApiKeyUsage(AppStateDb db, TimeProvider time, ILogger<ApiKeyUsage> logger) : BackgroundService
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastNoted = new(StringComparer.Ordinal);

    // Dropping a note when the writer lags is harmless: last use is informational.
    private readonly Channel<(string KeyId, DateTimeOffset At)> _notes = Channel.CreateBounded<(string, DateTimeOffset)>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Touch(string keyId)
    {
        var now = time.GetUtcNow();
        if (_lastNoted.TryGetValue(keyId, out var last) && now - last < Resolution)
            return;
        _lastNoted[keyId] = now;
        _notes.Writer.TryWrite((keyId, now));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (keyId, at) in _notes.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var connection = await db.OpenAsync(stoppingToken);
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE api_keys SET last_used_at = @At WHERE key_id = @KeyId AND (last_used_at IS NULL OR last_used_at < @At)",
                    new { KeyId = keyId, At = SqliteTime.Format(at) }, cancellationToken: stoppingToken));
            }
            catch (System.Data.Common.DbException ex)
            {
                logger.LogWarning("Could not record the last use of API key {KeyId}: {Error}", keyId, ex.Message);
            }
        }
    }
}
