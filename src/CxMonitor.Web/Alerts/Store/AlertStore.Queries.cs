using System.Data.Common;
using System.Text.Json;
using CxMonitor.Core.Alerts;
using CxMonitor.Web.Data;
using Dapper;

namespace CxMonitor.Web.Alerts.Store;

/// <summary>Reading alerts for the API: lists, details, silences and per-rule figures.</summary>
public sealed partial class AlertStore
{
    public async Task<IReadOnlyList<AlertRecord>> ListAsync(string? state, string? severity, string? site, string? rule, int limit, CancellationToken ct)
    {
        var sql = $"SELECT {Columns} FROM alerts WHERE state <> 'Pending'";
        if (state is "open")
            sql += " AND state IN ('Firing', 'Acknowledged')";
        else if (state is not null)
            sql += " AND state = @State";
        if (severity is not null)
            sql += " AND severity = @Severity";
        if (rule is not null)
            sql += " AND rule = @Rule";
        if (site is not null)
            sql += " AND (scope = 'site:' || @Site OR scope LIKE 'site-touchpoint:' || @Site || '/%')";
        sql += " ORDER BY id DESC LIMIT @Limit";
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(sql,
            new { State = Capitalized(state), Severity = severity, Site = site, Rule = rule, Limit = limit }, cancellationToken: ct));
        return rows.Select(r => r.ToRecord(wording)).ToArray();
    }

    public async Task<AlertRecord?> GetAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await GetAsync(c, null, id, ct);
    }

    public async Task<IReadOnlyList<AlertHistoryEntry>> HistoryAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await HistoryAsync(c, null, id, ct);
    }

    public async Task<IReadOnlyList<AlertTrigger>> TriggersAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await TriggersAsync(c, null, id, ct);
    }

    /// <summary>An alert with its history and triggers as they were at one moment: read one by
    /// one, a detail could show a step in the history ("silenced") that its alert did not show
    /// yet (found by <c>AlertsEndToEnd</c> in CI).</summary>
    public async Task<StoredAlertDetail?> DetailAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var snapshot = await db.Dialect.BeginSnapshotAsync(c, ct);
        if (await GetAsync(c, snapshot, id, ct) is not { } alert)
            return null;
        var detail = new StoredAlertDetail(alert, await HistoryAsync(c, snapshot, id, ct), await TriggersAsync(c, snapshot, id, ct));
        await snapshot.CommitAsync(ct);
        return detail;
    }

    private async Task<AlertRecord?> GetAsync(DbConnection c, DbTransaction? tx, long id, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM alerts WHERE id = @id", new { id }, tx, cancellationToken: ct));
        return row?.ToRecord(wording);
    }

    private static async Task<IReadOnlyList<AlertHistoryEntry>> HistoryAsync(DbConnection c, DbTransaction? tx, long id, CancellationToken ct)
    {
        var rows = await c.QueryAsync<(string At, string Actor, string Action, string? Note)>(new CommandDefinition(
            "SELECT at, actor, action, note FROM alert_history WHERE alert_id = @id ORDER BY id", new { id }, tx, cancellationToken: ct));
        return rows.Select(r => new AlertHistoryEntry(SqliteTime.Parse(r.At), r.Actor, r.Action, r.Note)).ToArray();
    }

    private static async Task<IReadOnlyList<AlertTrigger>> TriggersAsync(DbConnection c, DbTransaction? tx, long id, CancellationToken ct)
    {
        var rows = await c.QueryAsync<(string At, string Item)>(new CommandDefinition(
            "SELECT at, item FROM alert_triggers WHERE alert_id = @id ORDER BY id", new { id }, tx, cancellationToken: ct));
        return rows.Select(r => new AlertTrigger(SqliteTime.Parse(r.At), JsonSerializer.Deserialize<AlertEvent>(r.Item)!)).ToArray();
    }

    public async Task<AlertSilence> AddSilenceAsync(AlertSilence s, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var id = await c.ExecuteScalarAsync<long>("""
            INSERT INTO alert_silences (rule, site, labels, starts_at, ends_at, author, comment, created_at)
            VALUES (@Rule, @Site, @Labels, @StartsAt, @EndsAt, @Author, @Comment, @CreatedAt) RETURNING id
            """, new { s.Rule, s.Site, Labels = JsonSerializer.Serialize(s.Labels), StartsAt = SqliteTime.Format(s.StartsAt), EndsAt = SqliteTime.Format(s.EndsAt),
                s.Author, s.Comment, CreatedAt = SqliteTime.Format(s.CreatedAt) });
        return s with { Id = id };
    }

    /// <summary>Silences that have not ended (an expired one is ended early by moving its end).</summary>
    public async Task<IReadOnlyList<AlertSilence>> SilencesAsync(DateTimeOffset now, bool includeEnded, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(long Id, string? Rule, string? Site, string Labels, string StartsAt, string EndsAt, string Author, string Comment, string CreatedAt)>(
            new CommandDefinition("SELECT id, rule, site, labels, starts_at, ends_at, author, comment, created_at FROM alert_silences WHERE @All OR ends_at > @Now ORDER BY id",
                new { All = includeEnded, Now = SqliteTime.Format(now) }, cancellationToken: ct));
        return rows.Select(r => new AlertSilence(r.Id, r.Rule, r.Site, JsonSerializer.Deserialize<Dictionary<string, string>>(r.Labels)!,
            SqliteTime.Parse(r.StartsAt), SqliteTime.Parse(r.EndsAt), r.Author, r.Comment, SqliteTime.Parse(r.CreatedAt))).ToArray();
    }

    public async Task<bool> EndSilenceAsync(long id, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync("UPDATE alert_silences SET ends_at = @Now WHERE id = @id AND ends_at > @Now", new { id, Now = SqliteTime.Format(now) }) > 0;
    }

    public async Task<IReadOnlyList<RuleStats>> StatsAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string Rule, long Fired, long Acked, double? MeanMinutes, long Useful, long Noise)>(new CommandDefinition($"""
            SELECT rule, COUNT(*), COUNT(acknowledged_at),
                   CAST(AVG(CASE WHEN acknowledged_at IS NOT NULL THEN {db.Dialect.MinutesBetween("fired_at", "acknowledged_at")} END) AS DOUBLE PRECISION),
                   SUM(CASE WHEN feedback = 'useful' THEN 1 ELSE 0 END), SUM(CASE WHEN feedback = 'noise' THEN 1 ELSE 0 END)
            FROM alerts WHERE fired_at IS NOT NULL AND fired_at >= @Since GROUP BY rule ORDER BY rule
            """, new { Since = SqliteTime.Format(since) }, cancellationToken: ct));
        return rows.Select(r => new RuleStats(r.Rule, (int)r.Fired, (int)r.Acked, r.MeanMinutes is { } m ? Math.Round(m, 1) : null, (int)r.Useful, (int)r.Noise,
            r.Useful + r.Noise == 0 ? null : Math.Round((double)r.Noise / (r.Useful + r.Noise), 3))).ToArray();
    }

    private static string? Capitalized(string? state) => state is null or "open" ? state : char.ToUpperInvariant(state[0]) + state[1..].ToLowerInvariant();

    private sealed record Row(
        long Id, string Rule, string Scope, string State, string Severity, string Route, string Labels, string Summary, string Description, string Vals,
        string Since, string? FiredAt, string? AcknowledgedAt, string? AcknowledgedBy, string? AssignedTo, string? ResolvedAt, string? ResolvedBy,
        string? LastNotifiedAt, string? LastMatchAt, long EscalationLevel, long Flaps, long NoticeSeq, long Silenced, string? Feedback,
        string? Kind, string? Templates, long Version)
    {
        private Dictionary<string, string> ValueMap => JsonSerializer.Deserialize<Dictionary<string, string>>(Vals)!;

        public AlertInstance ToInstance() => new()
        {
            Id = Id, Rule = Rule, Scope = Scope, State = Enum.Parse<AlertState>(State), Severity = Enum.Parse<AlertSeverity>(Severity, ignoreCase: true),
            Since = SqliteTime.Parse(Since), FiredAt = SqliteTime.ParseOrNull(FiredAt), AcknowledgedAt = SqliteTime.ParseOrNull(AcknowledgedAt),
            ResolvedAt = SqliteTime.ParseOrNull(ResolvedAt), LastNotifiedAt = SqliteTime.ParseOrNull(LastNotifiedAt), LastMatchAt = SqliteTime.ParseOrNull(LastMatchAt),
            EscalationLevel = (int)EscalationLevel, Flaps = (int)Flaps, NoticeSequence = (int)NoticeSeq, Values = ValueMap, Version = Version,
        };

        public AlertRecord ToRecord(AlertWording wording)
        {
            var templates = Templates is null ? null : JsonSerializer.Deserialize<Templates>(Templates);
            var values = ValueMap;
            var facts = new AlertFacts(Rule, Kind, Scope, values, templates?.Summary ?? new Dictionary<string, string>(),
                templates?.Description ?? new Dictionary<string, string>(), Kind is null ? Summary : null);
            return Record(values) with { Kind = Kind, Texts = wording.All(facts) };
        }

        private AlertRecord Record(Dictionary<string, string> values) => new(
            Id, Rule, Scope, AlertRecord.SiteOf(Scope), State.ToLowerInvariant(), Severity, Route, JsonSerializer.Deserialize<Dictionary<string, string>>(Labels)!,
            Summary, Description, values, SqliteTime.Parse(Since), SqliteTime.ParseOrNull(FiredAt), SqliteTime.ParseOrNull(AcknowledgedAt), AcknowledgedBy,
            AssignedTo, SqliteTime.ParseOrNull(ResolvedAt), ResolvedBy, (int)EscalationLevel, (int)Flaps, Silenced != 0, Feedback);
    }
}
