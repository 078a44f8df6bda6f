using System.Diagnostics;
using Quartz;

namespace CxMonitor.Web.Jobs;

/// <summary>The one Quartz job behind every <see cref="IScheduledJob"/>. Quartz keys
/// <see cref="DisallowConcurrentExecutionAttribute"/> on the job detail, i.e. per job name, so two
/// jobs run side by side while one job never overlaps itself. The exception of a failed run is
/// caught here and never reaches Quartz: the trigger simply fires again at its next tick.</summary>
[DisallowConcurrentExecution]
internal sealed class ScheduledJobAdapter<TJob>(
    IServiceScopeFactory scopes, JobStatusRegistry statuses, JobRuns runs, ILogger<ScheduledJobAdapter<TJob>> logger) : IJob
    where TJob : class, IScheduledJob
{
    public async Task Execute(IJobExecutionContext context)
    {
        var name = context.JobDetail.Key.Name;
        var run = new JobRunContext(name, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, context.FireTimeUtc, context.PreviousFireTimeUtc);
        statuses.RunStarted(name, run.StartedAt);
        // Ended only after the result is handed out: once no run is in flight, shutdown abandons the
        // remaining RunNowAsync waiters.
        var cancel = runs.Begin(context.CancellationToken);
        try
        {
            var result = await RunAsync(run, cancel.Token);
            // The status first, so whoever RunNowAsync wakes up reads the finished run.
            statuses.RunFinished(result);
            if (context.Trigger.JobDataMap.TryGetString(JobSchedulerService.RunIdKey, out var runId) && runId is not null)
                runs.Complete(runId, result);
        }
        finally
        {
            runs.End(cancel);
        }
    }

    private async Task<JobRunResult> RunAsync(JobRunContext run, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        Exception? failure = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TJob>().RunAsync(run, ct);
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        var duration = Stopwatch.GetElapsedTime(started);
        if (failure is OperationCanceledException)
            logger.LogWarning(failure, "Job {Job} was cancelled after {DurationMs:F0} ms", run.JobName, duration.TotalMilliseconds);
        else if (failure is not null)
            logger.LogError(failure, "Job {Job} failed after {DurationMs:F0} ms; it runs again at its next tick", run.JobName, duration.TotalMilliseconds);
        return new JobRunResult(run.JobName, failure is null ? JobOutcome.Succeeded : JobOutcome.Failed, run.StartedAt, duration,
            failure is null ? null : $"{failure.GetType().Name}: {failure.Message}");
    }
}
