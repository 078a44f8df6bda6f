using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Tests.Jobs;

public class StoppingTheApp
{
    private const string Yearly = "0 0 0 1 1 ?";

    [Fact]
    public async Task Stopping_the_app_waits_for_a_running_job_to_finish()
    {
        var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("probe-rollup", Yearly));
        var probe = app.Probes["probe-rollup"];
        probe.Body = (_, ct) => Task.Delay(400, ct);
        var run = app.Trigger.RunNowAsync("probe-rollup");
        await JobsApp.Eventually(() => probe.Started == 1, "the run to start");

        await app.DisposeAsync();

        Assert.Equal(1, probe.Finished);
        Assert.Empty(probe.Failures);
        Assert.Equal(JobOutcome.Succeeded, (await run).Outcome);
    }

    [Fact]
    public async Task Stopping_the_app_cancels_a_job_still_running_after_the_shutdown_timeout()
    {
        var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("feed-poll", Yearly), ("JobScheduler:ShutdownTimeout", "00:00:00.2"));
        var probe = app.Probes["feed-poll"];
        probe.Body = (_, ct) => Task.Delay(Timeout.Infinite, ct);
        var run = app.Trigger.RunNowAsync("feed-poll");
        await JobsApp.Eventually(() => probe.Started == 1, "the run to start");

        await app.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.IsAssignableFrom<OperationCanceledException>(Assert.Single(probe.Failures));
        Assert.Equal(JobOutcome.Failed, (await run).Outcome);
    }
}
