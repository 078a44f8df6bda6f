using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Tests.Jobs;

public class OverlappingRuns
{
    [Fact]
    public async Task A_job_slower_than_its_interval_skips_the_ticks_that_find_it_running()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("rolling", TimeSpan.FromSeconds(1)));
        var probe = app.Probes["rolling"];
        probe.Body = (_, ct) => Task.Delay(2500, ct);
        _ = app.Client;
        await JobsApp.Eventually(() => probe.Finished >= 2, "two runs", withinSeconds: 10);

        // Every tick came while a run was going for 2.5 s: those ticks were skipped, not queued up
        // (queued, the second run would have started at once after the first).
        Assert.Equal(1, probe.MaxRunning);
        var runs = probe.Contexts.ToArray();
        Assert.True(runs[1].StartedAt - runs[0].StartedAt >= TimeSpan.FromSeconds(2.5));
        Assert.True(runs[1].ScheduledFireTime - runs[0].ScheduledFireTime >= TimeSpan.FromSeconds(2), "a tick in between was skipped");
    }

    [Fact]
    public async Task A_run_by_hand_waits_for_a_running_tick_instead_of_running_beside_it()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("rolling", TimeSpan.FromHours(1)));
        var probe = app.Probes["rolling"];
        probe.Body = (run, ct) => Task.Delay(run == 1 ? 1500 : 0, ct);
        _ = app.Client;
        await JobsApp.Eventually(() => probe.Started >= 1, "the run at start");

        var result = await app.Trigger.RunNowAsync("rolling");

        Assert.Equal(JobOutcome.Succeeded, result.Outcome);
        Assert.Equal(2, probe.Finished);
        Assert.Equal(1, probe.MaxRunning);
    }

    [Fact]
    public async Task Two_different_jobs_do_run_side_by_side()
    {
        var bothRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        await using var app = new JobsApp(s => s
            .AddScheduledJob<ProbeJob>("probe-rollup", "0 0 0 1 1 ?")
            .AddScheduledJob<ProbeJob>("digest", "0 0 0 1 1 ?"));
        Func<int, CancellationToken, Task> meetTheOther = async (_, ct) =>
        {
            if (Interlocked.Increment(ref running) == 2)
                bothRunning.SetResult();
            await bothRunning.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
        };
        app.Probes["probe-rollup"].Body = meetTheOther;
        app.Probes["digest"].Body = meetTheOther;

        var results = await Task.WhenAll(app.Trigger.RunNowAsync("probe-rollup"), app.Trigger.RunNowAsync("digest"));

        Assert.All(results, r => Assert.Equal(JobOutcome.Succeeded, r.Outcome));
    }
}
