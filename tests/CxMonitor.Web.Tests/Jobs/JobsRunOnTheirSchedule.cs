using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Tests.Jobs;

public class JobsRunOnTheirSchedule
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task A_job_runs_at_start_and_again_every_interval_knowing_its_previous_tick()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("rolling", Tick));
        var probe = app.Probes["rolling"];
        _ = app.Client;

        await JobsApp.Eventually(() => probe.Finished >= 3, "three runs");

        var runs = probe.Contexts.Take(3).ToArray();
        Assert.Null(runs[0].PreviousFireTime);
        for (var i = 1; i < runs.Length; i++)
        {
            var gap = runs[i].ScheduledFireTime - runs[i - 1].ScheduledFireTime;
            Assert.True(gap > TimeSpan.Zero && gap.Ticks % Tick.Ticks == 0, $"ticks {gap} apart, expected a multiple of {Tick}");
            Assert.Equal(runs[i - 1].ScheduledFireTime, runs[i].PreviousFireTime);
            Assert.True(runs[i].StartedAt >= runs[i].ScheduledFireTime);
        }
        Assert.All(runs, r => Assert.Equal("rolling", r.JobName));
    }

    [Fact]
    public async Task Configuration_overrides_the_interval_given_in_code()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("probe-rollup", TimeSpan.FromHours(1)),
            ("Jobs:probe-rollup:Interval", "00:00:00.1"));

        _ = app.Client;
        await JobsApp.Eventually(() => app.Probes["probe-rollup"].Finished >= 3, "three runs an hour-long default would not give");
        Assert.Equal("every 0:00:00.1", (await app.JobAsync("probe-rollup")).Schedule);
    }

    [Fact]
    public async Task Configuration_can_replace_an_interval_with_a_cron_schedule_in_utc()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("digest", TimeSpan.FromMinutes(5)),
            ("Jobs:digest:Cron", "0 0 6 * * ?"));

        var digest = await app.JobAsync("digest");

        Assert.Equal("cron 0 0 6 * * ? (UTC)", digest.Schedule);
        Assert.NotNull(digest.NextRunAt);
        Assert.Equal(new TimeSpan(6, 0, 0), digest.NextRunAt.Value.UtcDateTime.TimeOfDay);
        Assert.InRange(digest.NextRunAt.Value - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task A_disabled_job_has_no_next_run_and_still_runs_when_asked()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("feed-poll", TimeSpan.FromMilliseconds(50)),
            ("Jobs:feed-poll:Enabled", "false"));

        var before = await app.JobAsync("feed-poll");
        await Task.Delay(300); // six ticks' worth: an enabled job would have run by now
        Assert.Equal(0, app.Probes["feed-poll"].Started);
        Assert.False(before.Enabled);
        Assert.Equal("disabled (every 0:00:00.05)", before.Schedule);
        Assert.Null(before.NextRunAt);

        var result = await app.Trigger.RunNowAsync("feed-poll");

        Assert.Equal(JobOutcome.Succeeded, result.Outcome);
        Assert.Equal(1, app.Probes["feed-poll"].Finished);
    }

    [Fact]
    public async Task The_jobs_api_lists_every_job_sorted_by_name_with_its_next_run()
    {
        await using var app = new JobsApp(s => s
            .AddScheduledJob<ProbeJob>("probe-rollup", "0 0 0 1 1 ?")
            .AddScheduledJob<ProbeJob>("alert-evaluation", "0 0 0 1 7 ?")
            .AddScheduledJob<ProbeJob>("digest", "0 0 6 * * ?"));

        var jobs = (await app.JobsAsync()).Where(j => !JobsApp.AppJobs.Contains(j.Name)).ToArray();

        Assert.Equal(["alert-evaluation", "digest", "probe-rollup"], jobs.Select(j => j.Name));
        Assert.All(jobs, j =>
        {
            Assert.True(j.Enabled);
            Assert.True(j.NextRunAt > DateTimeOffset.UtcNow.AddSeconds(-1));
            Assert.Equal(0, j.Runs);
            Assert.Null(j.LastOutcome);
        });
    }
}
