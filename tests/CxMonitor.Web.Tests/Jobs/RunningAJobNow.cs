using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Tests.Jobs;

/// <summary>The jobs here are on a yearly cron, so only the manual runs happen.</summary>
public class RunningAJobNow
{
    private const string Yearly = "0 0 0 1 1 ?";

    [Fact]
    public async Task RunNowAsync_returns_once_the_run_has_finished_with_its_outcome()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("probe-rollup", Yearly));
        var probe = app.Probes["probe-rollup"];
        probe.Body = (_, ct) => Task.Delay(150, ct);

        var result = await app.Trigger.RunNowAsync("probe-rollup");

        Assert.Equal(1, probe.Finished);
        Assert.Equal(JobOutcome.Succeeded, result.Outcome);
        Assert.Equal("probe-rollup", result.JobName);
        Assert.True(result.Duration >= TimeSpan.FromMilliseconds(140), $"took {result.Duration}");
        Assert.Null(result.Error);
        Assert.Single(probe.Contexts);
    }

    [Fact]
    public async Task RunNowAsync_reports_a_failed_run_with_its_error_instead_of_throwing()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("feed-poll", Yearly));
        app.Probes["feed-poll"].Body = (_, _) => throw new HttpRequestException("feed answered 502");

        var result = await app.Trigger.RunNowAsync("feed-poll");

        Assert.Equal(JobOutcome.Failed, result.Outcome);
        Assert.Equal("HttpRequestException: feed answered 502", result.Error);
    }

    [Fact]
    public async Task RunNowAsync_for_an_unknown_job_throws_naming_it()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("probe-rollup", Yearly));

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => app.Trigger.RunNowAsync("rolup"));

        Assert.Contains("'rolup'", error.Message);
    }

    [Fact]
    public async Task Posting_run_answers_with_the_jobs_status_after_the_run()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("digest", Yearly));

        var response = await app.Client.PostAsync("/api/v1/jobs/digest/run", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("digest", status.GetProperty("name").GetString());
        Assert.Equal("succeeded", status.GetProperty("lastOutcome").GetString());
        Assert.Equal(1, status.GetProperty("runs").GetInt64());
        Assert.False(status.GetProperty("running").GetBoolean());
        Assert.Equal(1, app.Probes["digest"].Finished);
    }

    [Fact]
    public async Task Posting_run_for_an_unknown_job_answers_404_problem_details_naming_it()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("digest", Yearly));

        var response = await app.Client.PostAsync("/api/v1/jobs/digets/run", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("'digets'", problem.GetProperty("detail").GetString());
    }
}
