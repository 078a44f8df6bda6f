using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Tests.Jobs;

public class FailingJobs
{
    [Fact]
    public async Task A_failing_job_runs_again_at_its_next_tick_while_the_app_keeps_serving()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("feed-poll", TimeSpan.FromMilliseconds(200)));
        app.Probes["feed-poll"].Body = (_, _) => throw new InvalidOperationException("feed unreachable");

        await JobsApp.Eventually(async () => (await app.JobAsync("feed-poll")).Failures >= 2, "a second failed run");

        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/live")).StatusCode);
        var jobs = await app.Client.GetFromJsonAsync<JsonElement>("/api/v1/jobs");
        var job = Assert.Single(jobs.EnumerateArray(), j => j.GetProperty("name").GetString() == "feed-poll");
        Assert.Equal("failed", job.GetProperty("lastOutcome").GetString());
        Assert.Equal("InvalidOperationException: feed unreachable", job.GetProperty("lastError").GetString());
        Assert.NotEqual(JsonValueKind.Null, job.GetProperty("lastErrorAt").ValueKind);
        Assert.True(job.GetProperty("runs").GetInt64() >= 2);
        Assert.True(job.GetProperty("nextRunAt").GetDateTimeOffset() > job.GetProperty("lastRunStartedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_job_that_recovers_reports_success_and_keeps_its_last_error_for_reference()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("probe-rollup", TimeSpan.FromMilliseconds(100)));
        app.Probes["probe-rollup"].Body = (run, _) => run == 1 ? throw new TimeoutException("influx timed out") : Task.CompletedTask;

        await JobsApp.Eventually(async () => (await app.JobAsync("probe-rollup")).Runs >= 2, "a run after the failed one");

        var rollup = await app.JobAsync("probe-rollup");
        Assert.Equal(JobOutcome.Succeeded, rollup.LastOutcome);
        Assert.Equal(1, rollup.Failures);
        Assert.Equal("TimeoutException: influx timed out", rollup.LastError);
        Assert.True(rollup.LastErrorAt < rollup.LastRunStartedAt);
    }
}
