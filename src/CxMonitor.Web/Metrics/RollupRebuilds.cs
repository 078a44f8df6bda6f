using CxMonitor.Web.Data;
using Dapper;

namespace CxMonitor.Web.Metrics;

/// <summary>The <c>rollup_rebuilds</c> table: <c>cxmonitor rollups rebuild</c> (another process)
/// records each range it rewrote, and the app's rollup job asks for the ranges recorded since it
/// last looked, to forget what it cached of them.</summary>
public sealed class RollupRebuilds(AppStateDb db)
{
    private long? _seen;

    public async Task RecordAsync(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO rollup_rebuilds (from_instant, to_instant, rebuilt_at) VALUES (@From, @To, @At)",
            new { From = SqliteTime.Format(from), To = SqliteTime.Format(to), At = SqliteTime.Format(now) }, cancellationToken: ct));
    }

    /// <summary>Ranges rebuilt since the previous call; the first call only notes where the table
    /// stands (nothing was cached before the app started). Called by one job run at a time.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)>> SinceLastAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        if (_seen is not { } seen)
        {
            _seen = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT max(id) FROM rollup_rebuilds", cancellationToken: ct)) ?? 0;
            return [];
        }
        var rows = (await connection.QueryAsync<(long Id, string From, string To)>(new CommandDefinition(
            "SELECT id, from_instant, to_instant FROM rollup_rebuilds WHERE id > @seen ORDER BY id", new { seen }, cancellationToken: ct))).ToList();
        if (rows.Count > 0)
            _seen = rows[^1].Id;
        return rows.Select(r => (SqliteTime.Parse(r.From), SqliteTime.Parse(r.To))).ToList();
    }
}
