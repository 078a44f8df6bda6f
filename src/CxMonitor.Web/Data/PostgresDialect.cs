using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;

namespace CxMonitor.Web.Data;

/// <summary>App state shared by several nodes. One pooled data source per process; row locks
/// and advisory locks stand in for SQLite's single writer where a step reads before it writes.</summary>
public sealed partial class PostgresDialect : AppStateDialect, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDialect(AppStateOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new InvalidOperationException("State:ConnectionString is required when State:Provider is PostgreSql.");
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
    }

    public override string? MigrationFolder => "PostgreSql";

    public override string SkipLocked => " FOR UPDATE SKIP LOCKED";

    public override bool ConcurrentWriters => true;

    public override async Task<DbConnection> OpenConnectionAsync(CancellationToken ct) => await _dataSource.OpenConnectionAsync(ct);

    public override string JsonRows(string parameter) => $"jsonb_array_elements(CAST({parameter} AS jsonb))";

    public override string JsonTexts(string parameter) => $"jsonb_array_elements_text(CAST({parameter} AS jsonb))";

    public override string MinutesBetween(string from, string to) =>
        $"(EXTRACT(EPOCH FROM (CAST({to} AS timestamptz) - CAST({from} AS timestamptz))) / 60.0)";

    // Read committed takes a new snapshot for each statement; repeatable read keeps the first.
    public override async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct) =>
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);

    public override async Task LockForTransactionAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(ct);
    }

    public override async Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken ct)
    {
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", (NpgsqlConnection)connection))
        {
            command.Parameters.AddWithValue("key", AppStateLocks.Migrations);
            await command.ExecuteNonQueryAsync(ct);
        }
        return new SessionLock((NpgsqlConnection)connection);
    }

    /// <summary>Shared migrations are written in SQLite's type words; here INTEGER is 64-bit as it
    /// is there (Dapper maps rows to records by exact type), REAL is double and BLOB is bytea.</summary>
    public override string PortableSql(string sql) =>
        TypeWord().Replace(sql, m => m.Value.ToUpperInvariant() switch
        {
            "INTEGER" => "BIGINT",
            "REAL" => "DOUBLE PRECISION",
            _ => "BYTEA",
        });

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    [GeneratedRegex(@"\b(INTEGER|REAL|BLOB)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TypeWord();

    private sealed class SessionLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            command.Parameters.AddWithValue("key", AppStateLocks.Migrations);
            await command.ExecuteNonQueryAsync();
        }
    }
}
