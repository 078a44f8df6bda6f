using CxMonitor.Web.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Tests;

public class AppStateMigrationsRun(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task Starting_the_app_applies_every_embedded_migration_in_order_and_records_it()
    {
        await using var app = new TestApp(folder.NewSub());
        var applied = await SchemaVersionsAsync(app.Get<AppStateDb>());

        var embedded = app.Get<AppStateMigrations>().All;
        Assert.Equal(embedded.Select(m => (long)m.Version), applied.Select(r => r.Version));
        Assert.Contains(embedded, m => m is { Version: 1, Name: "sites" });
        Assert.Contains(embedded, m => m is { Version: 2, Name: "api_keys" });
    }

    [Fact]
    public async Task Restarting_the_app_runs_no_migration_a_second_time()
    {
        var directory = folder.NewSub();
        IReadOnlyList<VersionRow> first;
        await using (var app = new TestApp(directory))
            first = await SchemaVersionsAsync(app.Get<AppStateDb>());
        await using (var again = new TestApp(directory))
        {
            Assert.Equal(0, await again.Get<AppStateDb>().MigrateAsync());
            Assert.Equal(first, await SchemaVersionsAsync(again.Get<AppStateDb>()));
        }
    }

    [Fact]
    public async Task Connections_use_write_ahead_logging_and_wait_five_seconds_for_locks()
    {
        await using var app = new TestApp(folder.NewSub());
        await using var connection = await app.Get<AppStateDb>().OpenAsync(CancellationToken.None);
        if (CxMonitor.Testing.AppStateUnderTest.OnPostgres)
        {
            // The PostgreSQL pass: no file, no pragmas; the state is where the settings said.
            Assert.IsType<Npgsql.NpgsqlConnection>(connection);
            Assert.False(File.Exists(Path.Combine(app.StateDirectory, "cxmonitor.db")));
            return;
        }

        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(5000, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
        Assert.True(File.Exists(Path.Combine(app.StateDirectory, "cxmonitor.db")));
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_and_not_recorded_while_earlier_ones_stay()
    {
        var migrations = new AppStateMigrations([
            new AppStateMigration(1, "good", "CREATE TABLE good (id INTEGER);"),
            new AppStateMigration(2, "bad", "CREATE TABLE half (id INTEGER); THIS IS NOT SQL;"),
        ]);
        var options = Options.Create(new AppStateOptions { Directory = folder.NewSub() });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new AppStateDb(options, migrations).MigrateAsync());

        Assert.Contains("0002_bad", error.Message);
        await using var connection = await new AppStateDb(options, new AppStateMigrations([])).OpenAsync(CancellationToken.None);
        Assert.Equal([1L], await connection.QueryAsync<long>("SELECT version FROM schema_version"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'"));
    }

    [Fact]
    public void Two_migrations_with_one_number_are_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new AppStateMigrations([
            new AppStateMigration(3, "reviews", "SELECT 1;"),
            new AppStateMigration(3, "feeds", "SELECT 1;"),
        ]));
        Assert.Contains("0003", error.Message);
    }

    private static async Task<IReadOnlyList<VersionRow>> SchemaVersionsAsync(AppStateDb db)
    {
        await using var connection = await db.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<VersionRow>(
            "SELECT version AS Version, name AS Name, applied_at AS AppliedAt FROM schema_version ORDER BY version")).ToList();
    }

    private sealed record VersionRow(long Version, string Name, string AppliedAt);
}
