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
            await SendGroupAsync(c, group, now, ct);
        var nextDue = await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT MIN(CASE WHEN due_at > next_attempt_at THEN due_at ELSE next_attempt_at END) FROM notify_outbox WHERE status = 'pending'",
            cancellationToken: ct));
        var wait = nextDue is null ? TimeSpan.FromSeconds(1) : SqliteTime.Parse(nextDue) - clock.GetUtcNow();
        return wait < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wait > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }

    /// <summary>Claims the group's waiting rows and sends them. Where several nodes dispatch
    /// (PostgreSQL), the rows are claimed with row locks held until they are marked, and rows
    /// another node holds are skipped: each notice goes out once. SQLite has one dispatcher and
    /// one writer, which must not be held while a channel answers.</summary>
    private async Task SendGroupAsync(System.Data.Common.DbConnection c, string group, DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = db.Dialect.ConcurrentWriters ? await c.BeginTransactionAsync(ct) : null;
        var rows = (await c.QueryAsync<Row>(new CommandDefinition(
            "SELECT id AS Id, channel AS Channel, group_key AS GroupKey, notice AS Notice, attempts AS Attempts FROM notify_outbox WHERE status = 'pending' AND group_key = @group AND (attempts = 0 OR next_attempt_at <= @Now) ORDER BY id LIMIT 100"
                + db.Dialect.SkipLocked,
            new { group, Now = SqliteTime.Format(now) }, tx, cancellationToken: ct))).ToList();
        if (rows.Count > 0)
            await SendRowsAsync(c, tx, rows, now, ct);
        if (tx is not null)
            await tx.CommitAsync(ct);
    }

    private async Task SendRowsAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, List<Row> rows, DateTimeOffset now, CancellationToken ct)
    {
        var channel = rows[0].Channel;
        var ids = rows.Select(r => r.Id).ToArray();
        var o = options.CurrentValue;
        if (!o.Channels.TryGetValue(channel, out var settings) || senders.FirstOrDefault(s => s.Type == settings.Type) is not { } sender)
        {
            await MarkAsync(c, tx, ids, "failed", rows.Max(r => r.AttemptsInt), null, $"channel '{channel}' is no longer configured", ct);
            return;
        }
        var notices = rows.Select(r => JsonSerializer.Deserialize<AlertNotice>(r.Notice)!).ToList();
        var deliveryId = $"{channel}-{ids[0]}" + (ids.Length > 1 ? $"-{ids[^1]}" : "");
        var attempts = rows.Max(r => r.AttemptsInt) + 1;
        try
        {
            await sender.SendAsync(channel, settings, notices, deliveryId, ct);
            await MarkAsync(c, tx, ids, "sent", attempts, null, null, ct);
        }
        catch (NotificationException ex)
        {
            var giveUp = !ex.Retryable || attempts >= o.MaxAttempts;
            var delay = new Backoff { First = TimeSpan.FromMilliseconds(500), Max = o.MaxRetryDelay }.DelayAfter(attempts, null, Random.Shared);
            await MarkAsync(c, tx, ids, giveUp ? "failed" : "pending", attempts, now + delay, ex.Message, ct);
            logger.LogWarning("Notification to {Channel} failed (attempt {Attempt}{Final}): {Error}", channel, attempts, giveUp ? ", giving up" : "", ex.Message);
        }
    }

    private async Task MarkAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, long[] ids, string status, int attempts, DateTimeOffset? next, string? error, CancellationToken ct)
    {
        var now = SqliteTime.Format(clock.GetUtcNow());
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE notify_outbox SET status = @status, attempts = @attempts, last_error = @error,
                next_attempt_at = COALESCE(@Next, next_attempt_at), sent_at = CASE WHEN @status = 'sent' THEN @now ELSE sent_at END
            WHERE id = @id
            """, ids.Select(id => new { status, attempts, error, Next = next is null ? null : SqliteTime.Format(next.Value), now, id }), tx,
            cancellationToken: CancellationToken.None)); // one statement per row: Dapper sends a list to Npgsql as one array, which IN does not take
    }

    private sealed record Row(long Id, string Channel, string GroupKey, string Notice, long Attempts)
    {
        public int AttemptsInt => (int)Attempts;
    }
}
