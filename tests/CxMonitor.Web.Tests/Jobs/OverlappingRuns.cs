using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Tests.Jobs;

public class OverlappingRuns
{
    [Fact]
    public async Task A_job_slower_than_its_interval_never_runs_twice_at_once_not_even_when_run_by_hand()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("rolling", TimeSpan.FromMilliseconds(100)));
        var probe = app.Probes["rolling"];
        probe.Body = (_, ct) => Task.Delay(250, ct);
        _ = app.Client;
        await JobsApp.Eventually(() => probe.Started >= 1, "the first run");

        var byHand = app.Trigger.RunNowAsync("rolling");
        await JobsApp.Eventually(() => probe.Finished >= 4, "four runs",
            state: () => $"Started {probe.Started}, finished {probe.Finished}, the run by hand is {byHand.Status}.");

        Assert.Equal(JobOutcome.Succeeded, (await byHand).Outcome);
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
