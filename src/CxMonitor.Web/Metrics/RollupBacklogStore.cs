using CxMonitor.Web.Data;
using Dapper;

namespace CxMonitor.Web.Metrics;

/// <summary>One waiting hour as app state holds it: the generation tells a row written before
/// the rollup job took the hour from one written after (that one must stay).</summary>
public readonly record struct BacklogHour(DateTimeOffset Start, long Generation);

/// <summary>The <c>rollup_backlog</c> table: the durable half of <see cref="RollupBacklog"/>.</summary>
public sealed class RollupBacklogStore(AppStateDb db)
{
    public async Task<IReadOnlyList<BacklogHour>> LoadAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Hour, long Generation)>(new CommandDefinition(
            "SELECT hour, generation FROM rollup_backlog ORDER BY hour", cancellationToken: ct));
        return rows.Select(r => new BacklogHour(SqliteTime.Parse(r.Hour), r.Generation)).ToList();
    }

    /// <summary>One transaction for all the hours, so a back-fill of a month costs one commit.</summary>
    public async Task AddAsync(IReadOnlyCollection<BacklogHour> hours, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var marked = SqliteTime.Format(now);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO rollup_backlog (hour, generation, marked_at) VALUES (@Hour, @Generation, @Marked)
            ON CONFLICT (hour) DO UPDATE SET generation = excluded.generation, marked_at = excluded.marked_at
            """,
            hours.Select(h => new { Hour = SqliteTime.Format(h.Start), h.Generation, Marked = marked }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    /// <summary>Deletes the rows that still carry the generation that was rolled up.</summary>
    public async Task RemoveAsync(IReadOnlyCollection<BacklogHour> hours, CancellationToken ct)
    {
        if (hours.Count == 0)
            return;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM rollup_backlog WHERE hour = @Hour AND generation = @Generation",
            hours.Select(h => new { Hour = SqliteTime.Format(h.Start), h.Generation }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
