using System.Text.Json;
using CxMonitor.Core.Retries;
using CxMonitor.Web.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Notify;

/// <summary>Sends due outbox rows, grouped per channel, route and site, retrying failures with
/// exponential backoff and jitter. A row is marked sent right after its channel took it; each
/// message carries a delivery id so a receiver can recognise the rare repeat after a crash
/// between the two.</summary>
public sealed class NotifyDispatcher(
    AppStateDb db,
    NotifyOutbox outbox,
    IEnumerable<INotificationSender> senders,
    IOptionsMonitor<NotifyOptions> options,
    TimeProvider clock,
    ILogger<NotifyDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var next = await SendDueAsync(stoppingToken);
                await outbox.WaitAsync(next, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The notification dispatcher failed; it tries again in a second");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>Sends what is due; returns how long until the next row is due (at most a second).</summary>
    internal async Task<TimeSpan> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var c = await db.OpenAsync(ct);
        // A group is due when its first notice is; it then takes every notice of the group that
        // is waiting, so a burst at one site within the window becomes one message. A notice not
        // yet tried joins however late in the window it came (its next_attempt_at is its own due
        // time); one in backoff only once its retry time has come.
        var groups = (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT group_key FROM notify_outbox WHERE status = 'pending' AND due_at <= @Now AND next_attempt_at <= @Now LIMIT 100",
            new { Now = SqliteTime.Format(now) }, cancellationToken: ct))).ToList();
        foreach (var group in groups)
        {
            var rows = (await c.QueryAsync<Row>(new CommandDefinition(
                "SELECT id AS Id, channel AS Channel, group_key AS GroupKey, notice AS Notice, attempts AS Attempts FROM notify_outbox WHERE status = 'pending' AND group_key = @group AND (attempts = 0 OR next_attempt_at <= @Now) ORDER BY id LIMIT 100",
                new { group, Now = SqliteTime.Format(now) }, cancellationToken: ct))).ToList();
            await SendGroupAsync(c, rows, now, ct);
        }
        var nextDue = await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT MIN(MAX(due_at, next_attempt_at)) FROM notify_outbox WHERE status = 'pending'", cancellationToken: ct));
        var wait = nextDue is null ? TimeSpan.FromSeconds(1) : SqliteTime.Parse(nextDue) - clock.GetUtcNow();
        return wait < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wait > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }

    private async Task SendGroupAsync(Microsoft.Data.Sqlite.SqliteConnection c, List<Row> rows, DateTimeOffset now, CancellationToken ct)
    {
        var channel = rows[0].Channel;
        var ids = rows.Select(r => r.Id).ToArray();
        var o = options.CurrentValue;
        if (!o.Channels.TryGetValue(channel, out var settings) || senders.FirstOrDefault(s => s.Type == settings.Type) is not { } sender)
        {
            await MarkAsync(c, ids, "failed", rows.Max(r => r.AttemptsInt), null, $"channel '{channel}' is no longer configured", ct);
            return;
        }
        var notices = rows.Select(r => JsonSerializer.Deserialize<AlertNotice>(r.Notice)!).ToList();
        var deliveryId = $"{channel}-{ids[0]}" + (ids.Length > 1 ? $"-{ids[^1]}" : "");
        var attempts = rows.Max(r => r.AttemptsInt) + 1;
        try
        {
            await sender.SendAsync(channel, settings, notices, deliveryId, ct);
            await MarkAsync(c, ids, "sent", attempts, null, null, ct);
        }
        catch (NotificationException ex)
        {
            var giveUp = !ex.Retryable || attempts >= o.MaxAttempts;
            var delay = new Backoff { First = TimeSpan.FromMilliseconds(500), Max = o.MaxRetryDelay }.DelayAfter(attempts, null, Random.Shared);
            await MarkAsync(c, ids, giveUp ? "failed" : "pending", attempts, now + delay, ex.Message, ct);
            logger.LogWarning("Notification to {Channel} failed (attempt {Attempt}{Final}): {Error}", channel, attempts, giveUp ? ", giving up" : "", ex.Message);
        }
    }

    private async Task MarkAsync(Microsoft.Data.Sqlite.SqliteConnection c, long[] ids, string status, int attempts, DateTimeOffset? next, string? error, CancellationToken ct)
    {
        var now = SqliteTime.Format(clock.GetUtcNow());
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE notify_outbox SET status = @status, attempts = @attempts, last_error = @error,
                next_attempt_at = COALESCE(@Next, next_attempt_at), sent_at = CASE WHEN @status = 'sent' THEN @now ELSE sent_at END
            WHERE id IN @ids
            """, new { status, attempts, error, Next = next is null ? null : SqliteTime.Format(next.Value), now, ids }, cancellationToken: ct));
    }

    private sealed record Row(long Id, string Channel, string GroupKey, string Notice, long Attempts)
    {
        public int AttemptsInt => (int)Attempts;
    }
}
