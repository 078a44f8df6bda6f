using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Data;

/// <summary>Opens connections to the app-state database (<c>{State:Directory}/cxmonitor.db</c>).
/// The first open in a process applies pending migrations, so no caller sees an old schema,
/// whether it runs in the web host or in the CLI.</summary>
public sealed class AppStateDb
{
    private readonly string _connectionString;
    private readonly string _directory;
    private readonly AppStateMigrations _migrations;
    private readonly SemaphoreSlim _migrationGate = new(1, 1);
    private volatile bool _migrated;

    public AppStateDb(IOptions<AppStateOptions> options, AppStateMigrations migrations)
    {
        _directory = options.Value.Directory;
        _migrations = migrations;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Value.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (!_migrated)
            await MigrateAsync(cancellationToken);
        return await OpenConnectionAsync(cancellationToken);
    }

    /// <summary>Applies the embedded migrations that have not run yet; returns how many ran.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await _migrationGate.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
                return 0;
            await using var connection = await OpenConnectionAsync(cancellationToken);
            var applied = await _migrations.ApplyAsync(connection, cancellationToken);
            _migrated = true;
            return applied;
        }
        finally
        {
            _migrationGate.Release();
        }
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_directory);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            // WAL lets the web host read while the CLI (another process) writes; the busy timeout
            // makes a writer wait for the other's lock instead of failing at once.
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
