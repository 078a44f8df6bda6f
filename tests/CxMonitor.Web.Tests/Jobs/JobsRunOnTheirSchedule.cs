using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Tests.Jobs;

public class JobsRunOnTheirSchedule
{
    /// <summary>Two seconds: a cron step, so every tick is due on an even second.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_job_runs_at_start_and_again_on_every_tick_of_its_interval()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("rolling", Tick));
        var probe = app.Probes["rolling"];
        _ = app.Client;

        await JobsApp.Eventually(() => probe.Finished >= 3, "three runs", withinSeconds: 10);

        var runs = probe.Contexts.Take(3).ToArray();
        Assert.All(runs, r => Assert.Equal("rolling", r.JobName));
        // The first run is the one at start, due when the app started; then the schedule's ticks.
        for (var i = 1; i < runs.Length; i++)
        {
            Assert.Equal(0, runs[i].ScheduledFireTime.ToUnixTimeSeconds() % 2);
            Assert.True(runs[i].ScheduledFireTime > runs[i - 1].ScheduledFireTime, "each tick is due after the one before");
            // Never early. How late is a figure of the jobs benchmark (JobScheduling): here, on a
            // loaded CI machine, about a second already (0.5 s scheduler poll, 0.2 s queue poll, and
            // the wait for a core), so the bound is two ticks, not a tight 1.5 s.
            var late = runs[i].StartedAt - runs[i].ScheduledFireTime;
            Assert.InRange(late, TimeSpan.Zero, Tick * 2);
        }
    }

    [Fact]
    public async Task An_interval_that_a_cron_cannot_keep_stops_startup_naming_the_setting()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("probe-rollup", TimeSpan.FromMinutes(1)),
            ("Jobs:probe-rollup:Interval", "00:00:07"));

        var message = JobConfigurationAtStart.StartupFailure(app);

        Assert.Contains("Jobs:probe-rollup:Interval '0:00:07' cannot be kept exactly by a cron schedule", message);
    }

    [Fact]
    public async Task Configuration_overrides_the_interval_given_in_code()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("probe-rollup", TimeSpan.FromHours(1)),
            ("Jobs:probe-rollup:Interval", "00:00:01"));

        _ = app.Client;
        await JobsApp.Eventually(() => app.Probes["probe-rollup"].Finished >= 3, "three runs an hour-long default would not give", withinSeconds: 10);
        Assert.Equal("every 0:00:01", (await app.JobAsync("probe-rollup")).Schedule);
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
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("feed-poll", TimeSpan.FromSeconds(1)),
            ("Jobs:feed-poll:Enabled", "false"));

        var before = await app.JobAsync("feed-poll");
        await Task.Delay(2500); // two ticks and the run at start: an enabled job would have run by now
        Assert.Equal(0, app.Probes["feed-poll"].Started);
        Assert.False(before.Enabled);
        Assert.Equal("disabled (every 0:00:01)", before.Schedule);
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
