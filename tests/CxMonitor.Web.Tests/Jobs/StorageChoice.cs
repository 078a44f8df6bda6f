using CxMonitor.Web.Data;
using CxMonitor.Web.Jobs;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Tests.Jobs;

public class StorageChoice
{
    [Fact]
    public async Task Jobs_are_kept_in_memory_unless_configured_otherwise()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("rolling", TimeSpan.FromSeconds(1)));
        _ = app.Client;

        await JobsApp.Eventually(() => app.Probes["rolling"].Finished >= 2, "two runs", withinSeconds: 10);
        Assert.IsType<InMemoryStorage>(app.Services.GetRequiredService<JobStorage>());
    }

    /// <summary>Hangfire's SQLite storage loads SQLitePCLRaw 3 beside the app state's
    /// Microsoft.Data.Sqlite (built on SQLitePCLRaw 2): one native library serves both.</summary>
    [Fact]
    public async Task On_sqlite_jobs_run_from_a_file_in_the_state_folder_beside_the_app_state()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("rolling", TimeSpan.FromSeconds(1)), ("Jobs:Storage", "Sqlite"));
        _ = app.Client; // signs an admin in: users and sessions live in the app state (Microsoft.Data.Sqlite)

        await JobsApp.Eventually(() => app.Probes["rolling"].Finished >= 2, "two runs", withinSeconds: 10);
        Assert.IsType<SQLiteStorage>(app.Services.GetRequiredService<JobStorage>());
        var state = app.Services.GetRequiredService<IOptions<AppStateOptions>>().Value;
        Assert.True(File.Exists(Path.Combine(state.Directory, "jobs.db")));
        Assert.True(File.Exists(state.DatabasePath));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.Client.GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task PostgreSql_storage_without_a_connection_string_stops_startup_naming_the_setting()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("rolling", TimeSpan.FromSeconds(1)), ("Jobs:Storage", "PostgreSql"));

        Assert.Contains("Jobs:ConnectionString is required when Jobs:Storage is PostgreSql", JobConfigurationAtStart.StartupFailure(app));
    }

    [Fact]
    public async Task A_lock_timeout_under_a_second_stops_startup_naming_the_setting()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("rolling", TimeSpan.FromSeconds(1)), ("Jobs:LockTimeout", "00:00:00.500"));

        Assert.Contains("Jobs:LockTimeout must be at least 1 second", JobConfigurationAtStart.StartupFailure(app));
    }
}
