using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Web.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Jobs;

public class FailingJobs
{
    /// <summary>One retry, a second after the failure: Hangfire's default would wait for minutes.</summary>
    private static readonly (string, string)[] QuickRetry =
        [("JobScheduler:RetryAttempts", "1"), ("JobScheduler:RetryFirstDelay", "00:00:01"), ("JobScheduler:RetryMaxDelay", "00:00:01")];

    [Fact]
    public async Task A_failing_run_is_retried_then_shows_as_failed_while_the_app_keeps_serving()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("feed-poll", TimeSpan.FromHours(1)), QuickRetry);
        app.Probes["feed-poll"].Body = (_, _) => throw new InvalidOperationException("feed unreachable");

        // The run at start fails, its one retry fails too: then Hangfire marks the job failed. (The
        // app's own jobs fail as well here: this app has no InfluxDB.)
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Hangfire.Storage.Monitoring.FailedJobDto[] Failed() =>
            [.. monitoring.FailedJobs(0, 1000).Select(j => j.Value).Where(j => Equals(j.Job?.Args[0], "feed-poll"))];
        await JobsApp.Eventually(() => Failed().Length == 1, "the job to fail after its retry", withinSeconds: 10,
            state: () => $"{app.Probes["feed-poll"].Finished} runs, {monitoring.FailedCount()} failed jobs in all");

        Assert.Equal(2, app.Probes["feed-poll"].Finished);
        var failed = Assert.Single(Failed());
        Assert.Equal("feed unreachable", failed.ExceptionMessage);
        Assert.Equal(typeof(InvalidOperationException).FullName, failed.ExceptionType);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/live")).StatusCode);
        var jobs = await app.Client.GetFromJsonAsync<JsonElement>("/api/v1/jobs");
        var job = Assert.Single(jobs.EnumerateArray(), j => j.GetProperty("name").GetString() == "feed-poll");
        Assert.Equal("failed", job.GetProperty("lastOutcome").GetString());
        Assert.Equal("InvalidOperationException: feed unreachable", job.GetProperty("lastError").GetString());
        Assert.NotEqual(JsonValueKind.Null, job.GetProperty("lastErrorAt").ValueKind);
        Assert.Equal(2, job.GetProperty("runs").GetInt64());
        Assert.Equal(2, job.GetProperty("failures").GetInt64());
        Assert.True(job.GetProperty("nextRunAt").GetDateTimeOffset() > job.GetProperty("lastRunStartedAt").GetDateTimeOffset());

        // The admin's dashboard lists it among the failed jobs, with its error.
        var page = await app.Client.GetStringAsync("/jobs/jobs/failed");
        Assert.Contains("feed-poll", page);
        Assert.Contains("feed unreachable", page);
    }

    [Fact]
    public async Task A_retry_waits_as_the_one_backoff_policy_says()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("probe-rollup", TimeSpan.FromHours(1)),
            ("JobScheduler:RetryAttempts", "1"), ("JobScheduler:RetryFirstDelay", "00:00:03"), ("JobScheduler:RetryMaxDelay", "00:00:04"));
        var probe = app.Probes["probe-rollup"];
        probe.Body = (run, _) => run == 1 ? throw new TimeoutException("influx timed out") : Task.CompletedTask;
        _ = app.Client;

        await JobsApp.Eventually(() => probe.Finished >= 2, "the retry", withinSeconds: 10);

        var runs = probe.Contexts.ToArray();
        var waited = runs[1].StartedAt - runs[0].StartedAt;
        // 3 s and up to a quarter more of jitter, capped at 4 s; Hangfire counts whole seconds and polls every 0.5 s.
        Assert.InRange(waited, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5.5));
        Assert.Equal(runs[0].ScheduledFireTime, runs[1].ScheduledFireTime); // a retry of that tick, not a new one
    }

    [Fact]
    public async Task A_job_that_recovers_reports_success_and_keeps_its_last_error_for_reference()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("probe-rollup", TimeSpan.FromSeconds(1)), QuickRetry);
        app.Probes["probe-rollup"].Body = (run, _) => run == 1 ? throw new TimeoutException("influx timed out") : Task.CompletedTask;

        await JobsApp.Eventually(async () => (await app.JobAsync("probe-rollup")).Runs >= 2, "a run after the failed one");

        var rollup = await app.JobAsync("probe-rollup");
        Assert.Equal(JobOutcome.Succeeded, rollup.LastOutcome);
        Assert.Equal(1, rollup.Failures);
        Assert.Equal("TimeoutException: influx timed out", rollup.LastError);
        Assert.True(rollup.LastErrorAt < rollup.LastRunStartedAt);
    }
}
