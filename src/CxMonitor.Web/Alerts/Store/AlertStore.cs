using System.Data.Common;
using System.Text.Json;
using CxMonitor.Core.Alerts;
using CxMonitor.Web.Data;
using Dapper;

namespace CxMonitor.Web.Alerts.Store;

/// <summary>Alerts, their history and triggers in the app-state store, so they survive restarts.</summary>
public sealed partial class AlertStore(AppStateDb db, AlertWording wording)
{
    private const string Columns = """
        id AS Id, rule AS Rule, scope AS Scope, state AS State, severity AS Severity, route AS Route, labels AS Labels,
        summary AS Summary, description AS Description, vals AS Vals, since AS Since, fired_at AS FiredAt,
        acknowledged_at AS AcknowledgedAt, acknowledged_by AS AcknowledgedBy, assigned_to AS AssignedTo, resolved_at AS ResolvedAt,
        resolved_by AS ResolvedBy, last_notified_at AS LastNotifiedAt, last_match_at AS LastMatchAt, escalation_level AS EscalationLevel,
        flaps AS Flaps, notice_seq AS NoticeSeq, silenced AS Silenced, feedback AS Feedback, kind AS Kind, templates AS Templates,
        version AS Version
        """;

    /// <summary>Other nodes write the same alerts (app state on PostgreSQL): memory may be behind.</summary>
    public bool SharedByNodes => db.Dialect.ConcurrentWriters;

    /// <summary>Open alerts and those resolved within the flap window: what the evaluator needs at start.</summary>
    public async Task<IReadOnlyList<AlertInstance>> LoadLiveAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM alerts WHERE state IN ('Pending', 'Firing', 'Acknowledged') OR resolved_at >= @Since",
            new { Since = SqliteTime.Format(now - AlertStateMachine.FlapWindow) }, cancellationToken: ct));
        // The newest row per rule and scope is the one that counts.
        return rows.OrderBy(r => r.Id).GroupBy(r => (r.Rule, r.Scope)).Select(g => g.Last().ToInstance()).ToArray();
    }

    /// <summary>Writes an evaluator change (inserting a new alert) and returns it with its id and
    /// new version. <paramref name="at"/> is when it happened: the evaluation, or the moment a
    /// person acted, who is written to <paramref name="person"/>'s column in the same step.</summary>
    /// <exception cref="AlertWriteConflict">Another writer changed the alert since its version was read.</exception>
    public async Task<AlertInstance> SaveAsync(AlertChange change, CriticalMomentRule? rule, string actor, DateTimeOffset at, CancellationToken ct,
        (string Column, string Value)? person = null)
    {
        var a = change.Alert;
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (change.Discarded)
        {
            // The claim first: it holds the row until the end, and tells whether it is still the version decided on.
            if (await c.ExecuteAsync("UPDATE alerts SET version = version + 1 WHERE id = @Id AND version = @Version", new { a.Id, a.Version }, tx) == 0)
                throw new AlertWriteConflict(a.Id);
            await c.ExecuteAsync("DELETE FROM alert_triggers WHERE alert_id = @Id; DELETE FROM alert_history WHERE alert_id = @Id; DELETE FROM alerts WHERE id = @Id", new { a.Id }, tx);
            await tx.CommitAsync(ct);
            return a;
        }
        var kind = rule is null ? null : AlertWording.KindCode(rule.Kind);
        var facts = new AlertFacts(a.Rule, kind, a.Scope, a.Values, rule?.Summaries ?? new Dictionary<string, string>(), rule?.Descriptions ?? new Dictionary<string, string>());
        // The English text is kept as it was when the alert fired, for readers of the raw row and old clients.
        var english = wording.Render(facts, "en");
        var p = new
        {
            a.Id, a.Rule, a.Scope, State = a.State.ToString(), Severity = a.Severity.ToString().ToLowerInvariant(),
            Route = rule?.Route ?? "default", Labels = JsonSerializer.Serialize(rule?.Labels ?? new Dictionary<string, string>()),
            english.Summary, english.Description, Kind = kind,
            Templates = rule is null ? null : JsonSerializer.Serialize(new Templates(rule.Summaries, rule.Descriptions)),
            Vals = JsonSerializer.Serialize(a.Values), Since = SqliteTime.Format(a.Since), FiredAt = F(a.FiredAt), AcknowledgedAt = F(a.AcknowledgedAt),
            ResolvedAt = F(a.ResolvedAt), LastNotifiedAt = F(a.LastNotifiedAt), LastMatchAt = F(a.LastMatchAt), a.EscalationLevel, a.Flaps, NoticeSeq = a.NoticeSequence,
            a.Version,
        };
        var id = a.Id;
        var version = a.Version;
        if (id == 0)
        {
            // Another node may have opened this rule and scope first (the unique index allows one
            // open alert per rule and scope): then nothing is written, and the change is decided
            // again from that alert as stored (a second firing would be a second history row, push
            // and notice attempt for one moment).
            id = await c.ExecuteScalarAsync<long?>("""
                INSERT INTO alerts (rule, scope, state, severity, route, labels, summary, description, vals, since, fired_at, acknowledged_at,
                    resolved_at, last_notified_at, last_match_at, escalation_level, flaps, notice_seq, kind, templates)
                VALUES (@Rule, @Scope, @State, @Severity, @Route, @Labels, @Summary, @Description, @Vals, @Since, @FiredAt, @AcknowledgedAt,
                    @ResolvedAt, @LastNotifiedAt, @LastMatchAt, @EscalationLevel, @Flaps, @NoticeSeq, @Kind, @Templates)
                ON CONFLICT (rule, scope) WHERE state IN ('Pending', 'Firing', 'Acknowledged') DO NOTHING
                RETURNING id
                """, p, tx) ?? throw new AlertWriteConflict(0);
            version = await c.ExecuteScalarAsync<long>("SELECT version FROM alerts WHERE id = @id", new { id }, tx);
        }
        else
        {
            if (await c.ExecuteAsync("""
                UPDATE alerts SET state = @State,
                    vals = CASE WHEN fired_at IS NULL OR @State = 'Pending' OR (state = 'Resolved' AND @State <> 'Resolved') THEN @Vals ELSE vals END,
                    summary = CASE WHEN fired_at IS NULL OR (state = 'Resolved' AND @State <> 'Resolved') THEN @Summary ELSE summary END,
                    description = CASE WHEN fired_at IS NULL OR (state = 'Resolved' AND @State <> 'Resolved') THEN @Description ELSE description END,
                    kind = COALESCE(kind, @Kind),
                    templates = CASE WHEN @Templates IS NOT NULL AND (templates IS NULL OR fired_at IS NULL OR (state = 'Resolved' AND @State <> 'Resolved')) THEN @Templates ELSE templates END,
                    fired_at = @FiredAt, acknowledged_at = @AcknowledgedAt, resolved_at = @ResolvedAt,
                    resolved_by = CASE WHEN @ResolvedAt IS NULL THEN NULL ELSE resolved_by END,
                    last_notified_at = @LastNotifiedAt, last_match_at = @LastMatchAt, escalation_level = @EscalationLevel, flaps = @Flaps, notice_seq = @NoticeSeq,
                    version = version + 1
                WHERE id = @Id AND version = @Version
                """, p, tx) == 0)
                throw new AlertWriteConflict(a.Id);
            version++;
        }
        if (person is { } by)
        {
            if (by.Column is not ("acknowledged_by" or "resolved_by"))
                throw new ArgumentOutOfRangeException(nameof(person));
            await c.ExecuteAsync($"UPDATE alerts SET {by.Column} = @Value WHERE id = @id", new { id, by.Value }, tx);
        }
        var action = change.Notice ?? change.Reason;
        await InsertHistoryAsync(c, tx, id, at, actor, action, change.Notice is null ? null : change.Reason);
        foreach (var t in change.Triggers.Take(50))
        {
            await c.ExecuteAsync("INSERT INTO alert_triggers (alert_id, at, item) VALUES (@id, @At, @Item)",
                new { id, At = SqliteTime.Format(t.Time), Item = JsonSerializer.Serialize(t) }, tx);
        }
        await tx.CommitAsync(ct);
        return a with { Id = id, Version = version };
    }

    public async Task AddHistoryAsync(long id, DateTimeOffset at, string actor, string action, string? note, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await InsertHistoryAsync(c, null, id, at, actor, action, note);
    }

    /// <summary>Sets columns that no tick writes (assignee, feedback, silenced) and records the step
    /// in the alert's history, in one transaction: nobody reads the one without the other. Who
    /// acknowledged or resolved is written with the state, in <see cref="SaveAsync"/>.</summary>
    public async Task SetAsync(long id, DateTimeOffset at, string actor, string action, string? note, CancellationToken ct, params (string Column, object? Value)[] columns)
    {
        foreach (var (column, _) in columns)
        {
            if (column is not ("assigned_to" or "feedback" or "feedback_by" or "silenced"))
                throw new ArgumentOutOfRangeException(nameof(columns), column, "not a column set apart from the alert's state");
        }
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        foreach (var (column, value) in columns)
            await c.ExecuteAsync($"UPDATE alerts SET {column} = @value WHERE id = @id", new { id, value }, tx);
        await InsertHistoryAsync(c, tx, id, at, actor, action, note);
        await tx.CommitAsync(ct);
    }

    /// <summary>One line of an alert's history; the one place that writes them.</summary>
    private static Task InsertHistoryAsync(DbConnection c, DbTransaction? tx, long id, DateTimeOffset at, string actor, string action, string? note) =>
        c.ExecuteAsync("INSERT INTO alert_history (alert_id, at, actor, action, note) VALUES (@id, @At, @actor, @action, @note)",
            new { id, At = SqliteTime.Format(at), actor, action, note }, tx);

    /// <summary>The rule author's templates as the alert keeps them (column <c>templates</c>).</summary>
    private sealed record Templates(IReadOnlyDictionary<string, string> Summary, IReadOnlyDictionary<string, string> Description);

    private static string? F(DateTimeOffset? t) => t is null ? null : SqliteTime.Format(t.Value);
}
