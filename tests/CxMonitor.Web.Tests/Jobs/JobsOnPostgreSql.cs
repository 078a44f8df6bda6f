using CxMonitor.Testing;
using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Tests.Jobs;

public sealed class PostgresForJobs : IAsyncLifetime
{
    public PostgresCluster Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresCluster.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Two apps sharing one PostgreSQL database for their jobs: two nodes of a cluster,
/// against a real postgres started by the test.</summary>
public class JobsOnPostgreSql(PostgresForJobs postgres) : IClassFixture<PostgresForJobs>
{
    private async Task<(string, string)[]> StorageAsync() =>
        [("Jobs:Storage", "PostgreSql"), ("Jobs:ConnectionString", await postgres.Server.CreateDatabaseAsync("jobs"))];

    [Fact]
    public async Task Two_nodes_run_each_tick_once_between_them()
    {
        var storage = await StorageAsync();
        var probes = new JobProbes();
        await using var first = new JobsApp(s => s.AddScheduledJob<ProbeJob>("rolling", "* * * * * *"), probes, storage);
        await using var second = new JobsApp(s => s.AddScheduledJob<ProbeJob>("rolling", "* * * * * *"), probes, storage);
        var probe = probes["rolling"];
        probe.Body = (_, ct) => Task.Delay(100, ct);
        _ = first.Client;
        _ = second.Client;

        await JobsApp.Eventually(() => probe.Finished >= 6, "six runs", withinSeconds: 20);

        var due = probe.Contexts.Select(c => c.ScheduledFireTime).ToArray();
        Assert.Equal(due.Length, due.Distinct().Count());
        Assert.Equal(1, probe.MaxRunning);
    }

    [Fact]
    public async Task A_run_still_going_on_one_node_makes_the_other_node_skip_the_tick()
    {
        var storage = await StorageAsync();
        var probes = new JobProbes();
        await using var first = new JobsApp(s => s.AddScheduledJob<ProbeJob>("rolling", "* * * * * *"), probes, storage);
        await using var second = new JobsApp(s => s.AddScheduledJob<ProbeJob>("rolling", "* * * * * *"), probes, storage);
        var probe = probes["rolling"];
        probe.Body = (_, ct) => Task.Delay(2500, ct);
        _ = first.Client;
        _ = second.Client;

        await JobsApp.Eventually(() => probe.Finished >= 3, "three runs", withinSeconds: 20);

        Assert.Equal(1, probe.MaxRunning);
        var runs = probe.Contexts.ToArray();
        for (var i = 1; i < runs.Length; i++)
            Assert.True(runs[i].StartedAt - runs[i - 1].StartedAt >= TimeSpan.FromSeconds(2.4), "a run began while the previous one went on");
    }

    [Fact]
    public async Task A_failed_run_shows_in_the_shared_storage_and_the_jobs_api_reads_the_next_run_from_it()
    {
        var storage = await StorageAsync();
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("digest", "0 0 6 * * *"), [.. storage, ("JobScheduler:RetryAttempts", "0")]);
        app.Probes["digest"].Body = (_, _) => throw new InvalidOperationException("smtp down");

        var result = await app.Trigger.RunNowAsync("digest");

        Assert.Equal(JobOutcome.Failed, result.Outcome);
        var digest = await app.JobAsync("digest");
        Assert.Equal(new TimeSpan(6, 0, 0), digest.NextRunAt!.Value.UtcDateTime.TimeOfDay);
        var database = storage[1].Item2.Split(';').Single(p => p.StartsWith("Database=", StringComparison.Ordinal))["Database=".Length..];
        // The waiting caller is woken before Hangfire's worker records the failed state (it does so
        // once the job method has thrown), so the storage is read until it shows the failure.
        Task<string> FailedRuns() => postgres.Server.QueryAsync(database,
            "SELECT count(*) FROM hangfire.job WHERE statename = 'Failed' AND invocationdata::text LIKE '%digest%'");
        await JobsApp.Eventually(async () => await FailedRuns() != "0", "the failed run in hangfire.job", withinSeconds: 10);
        Assert.Equal("1", await FailedRuns());
    }
}
