using System.Text.Json;
using CxMonitor.Web.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Notify;

/// <summary>Takes notices: routes each to its channels and writes one outbox row per channel
/// before returning, so a notice accepted here survives a crash and is sent once the dispatcher
/// gets to it. A second enqueue of the same notice (same alert and sequence) is ignored.</summary>
public sealed class NotifyOutbox(AppStateDb db, IOptionsMonitor<NotifyOptions> options, TimeProvider clock) : IAlertNotifier
{
    private static readonly string[] Severities = ["info", "warning", "critical"];
    private readonly SemaphoreSlim _signal = new(0);

    public async ValueTask NotifyAsync(AlertNotice notice, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var channels = Channels(o, notice);
        if (channels.Count == 0)
            return;
        var now = clock.GetUtcNow();
        // A critical alert that starts firing must not wait for company.
        var due = notice.Severity == "critical" && notice.Kind is AlertNoticeKinds.Firing or AlertNoticeKinds.Escalation ? now : now + o.GroupingWindow;
        await using var c = await db.OpenAsync(cancellationToken);
        foreach (var channel in channels)
        {
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO notify_outbox (alert_id, sequence, channel, group_key, notice, status, due_at, next_attempt_at, created_at)
                VALUES (@AlertId, @Sequence, @Channel, @GroupKey, @Notice, 'pending', @Due, @Due, @Now)
                ON CONFLICT (alert_id, sequence, channel) DO NOTHING
                """, new
            {
                notice.AlertId, notice.Sequence, Channel = channel, GroupKey = $"{channel}|{notice.Route}|{notice.Site}",
                Notice = JsonSerializer.Serialize(notice), Due = SqliteTime.Format(due), Now = SqliteTime.Format(now),
            }, cancellationToken: cancellationToken));
        }
        _signal.Release();
    }

    /// <summary>The dispatcher waits here: a new notice wakes it at once.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    /// <summary>The channels of the notice's route and of every catch-all route whose filters match.</summary>
    public static IReadOnlyList<string> Channels(NotifyOptions o, AlertNotice notice)
    {
        var channels = new List<string>();
        foreach (var (name, route) in o.Routes)
        {
            if (name != (notice.Route ?? "default") && !route.CatchAll)
                continue;
            if (Array.IndexOf(Severities, notice.Severity) < Array.IndexOf(Severities, route.MinSeverity))
                continue;
            if (route.Sites.Count > 0 && (notice.Site is null || !route.Sites.Contains(notice.Site)))
                continue;
            if (route.Labels.Any(l => !notice.Labels.TryGetValue(l.Key, out var v) || v != l.Value))
                continue;
            channels.AddRange(route.Channels.Where(c => !channels.Contains(c)));
        }
        return channels;
    }
}
