using System.Data.Common;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Data;

/// <summary>Opens connections to the app-state database: SQLite (<c>{State:Directory}/cxmonitor.db</c>)
/// or PostgreSQL (<c>State:ConnectionString</c>). The first open in a process applies pending
/// migrations, so no caller sees an old schema, whether it runs in the web host or in the CLI.</summary>
public sealed class AppStateDb : IAsyncDisposable
{
    private readonly AppStateMigrations _migrations;
    private readonly SemaphoreSlim _migrationGate = new(1, 1);
    private volatile bool _migrated;

    public AppStateDb(IOptions<AppStateOptions> options, AppStateMigrations migrations)
    {
        _migrations = migrations;
        Dialect = options.Value.Provider switch
        {
            AppStateProvider.PostgreSql => new PostgresDialect(options.Value),
            _ => new SqliteDialect(options.Value),
        };
    }

    /// <summary>The engine's few SQL fragments without a portable spelling.</summary>
    public AppStateDialect Dialect { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (!_migrated)
            await MigrateAsync(cancellationToken);
        return await Dialect.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>Applies the embedded migrations that have not run yet; returns how many ran.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await _migrationGate.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
                return 0;
            await using var connection = await Dialect.OpenConnectionAsync(cancellationToken);
            var applied = await _migrations.ApplyAsync(connection, Dialect, cancellationToken);
            _migrated = true;
            return applied;
        }
        finally
        {
            _migrationGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Dialect is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
    }
}
