using CxMonitor.Web.Data;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Jobs;

/// <summary>Builds this app's own Hangfire storage: never <c>JobStorage.Current</c>, which is one
/// per process (several apps share a process in the integration tests).</summary>
internal static class JobStorageFactory
{
    public const string SqliteFileName = "jobs.db";

    /// <summary>Queues are polled this often where the storage cannot signal a new job itself
    /// (SQLite, PostgreSQL): with <see cref="JobSchedulerOptions.PollInterval"/> it bounds how late a run starts.</summary>
    private static readonly TimeSpan QueuePollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a finished run stays in the dashboard (failed runs stay until deleted).
    /// Hangfire's day would keep some 100,000 runs of a dozen 10-second jobs (236 MB of SQLite).</summary>
    public static readonly TimeSpan FinishedRunsKept = TimeSpan.FromHours(1);

    public static JobStorage Create(IServiceProvider services)
    {
        var storage = Build(services);
        storage.JobExpirationTimeout = FinishedRunsKept;
        return storage;
    }

    private static JobStorage Build(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<JobStorageOptions>>().Value;
        return options.Storage switch
        {
            JobStorageKind.Sqlite => Sqlite(services.GetRequiredService<IOptions<AppStateOptions>>().Value.Directory),
            JobStorageKind.PostgreSql => new PostgreSqlStorage(
                new NpgsqlConnectionFactory(options.ConnectionString!, PostgreSqlOptions(options)), PostgreSqlOptions(options)),
            _ => new InMemoryStorage(new InMemoryStorageOptions()),
        };
    }

    private static SQLiteStorage Sqlite(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        return new SQLiteStorage(Path.Combine(stateDirectory, SqliteFileName), new SQLiteStorageOptions
        {
            QueuePollInterval = QueuePollInterval,
            // A lock of a process killed mid-run (kill -9) outlives it by this much at most; the
            // holder renews it every fifth of it.
            DistributedLockLifetime = TimeSpan.FromSeconds(5),
            // Space of expired jobs is given back to the file, so it does not only grow.
            AutoVacuumSelected = SQLiteStorageOptions.AutoVacuum.INCREMENTAL,
        });
    }

    private static PostgreSqlStorageOptions PostgreSqlOptions(JobStorageOptions options) => new()
    {
        SchemaName = JobStorageOptions.PostgreSqlSchema,
        PrepareSchemaIfNecessary = true,
        QueuePollInterval = QueuePollInterval,
        // A node killed mid-run frees its lock only after this (the lock is a row, never renewed).
        DistributedLockTimeout = options.LockTimeout,
    };
}
