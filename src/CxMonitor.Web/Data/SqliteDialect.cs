using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CxMonitor.Web.Data;

/// <summary>The embedded default: one file, one writer at a time (the web host and the CLI may
/// share it), write-ahead logging so readers never wait for the writer.</summary>
public sealed class SqliteDialect : AppStateDialect
{
    private readonly string _directory;
    private readonly string _connectionString;

    public SqliteDialect(AppStateOptions options)
    {
        _directory = options.Directory;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    public override string? MigrationFolder => null;

    public override string SkipLocked => "";

    public override bool ConcurrentWriters => false;

    public override async Task<DbConnection> OpenConnectionAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_directory);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var pragmas = connection.CreateCommand();
            // WAL lets the web host read while the CLI (another process) writes; the busy timeout
            // makes a writer wait for the other's lock instead of failing at once.
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;";
            await pragmas.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override string JsonRows(string parameter) => $"json_each({parameter})";

    public override string JsonTexts(string parameter) => $"json_each({parameter})";

    public override string MinutesBetween(string from, string to) => $"((julianday({to}) - julianday({from})) * 1440.0)";

    // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE: the transaction holds the write lock already.
    // Deferred: no write lock. With write-ahead logging the snapshot is taken at the first read
    // and kept until the end.
    public override Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    public override Task LockForTransactionAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken ct) => Task.CompletedTask;

    // Each migration's BEGIN IMMEDIATE serialises processes; the version check inside it does the rest.
    public override Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken ct) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
