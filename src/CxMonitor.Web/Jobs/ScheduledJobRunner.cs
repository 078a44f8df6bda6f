using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Server;
using Hangfire.Storage;

namespace CxMonitor.Web.Jobs;

/// <summary>The one Hangfire job behind every <see cref="IScheduledJob"/>: Hangfire stores a call
/// of one of these methods with the job's name, and each run resolves the job in its own scope.
/// A run holds the storage's distributed lock of its job name, so one job never runs twice at
/// once, on this node or any other sharing the storage; a tick that finds its previous run still
/// going is skipped (Hangfire's DisableConcurrentExecution would queue it up instead).</summary>
public sealed class ScheduledJobRunner
{
    private readonly JobSchedules _schedules;
    private readonly IServiceScopeFactory _scopes;
    private readonly JobStatusRegistry _statuses;
    private readonly JobRuns _runs;
    private readonly TimeSpan _runNowWait;
    private readonly ILogger<ScheduledJobRunner> _logger;

    internal ScheduledJobRunner(JobSchedules schedules, IServiceScopeFactory scopes, JobStatusRegistry statuses, JobRuns runs,
        TimeSpan runNowWait, ILogger<ScheduledJobRunner> logger)
    {
        _schedules = schedules;
        _scopes = scopes;
        _statuses = statuses;
        _runs = runs;
        _runNowWait = runNowWait;
        _logger = logger;
    }

    internal static string LockOf(string jobName) => $"cxmonitor:job:{jobName}";

    /// <summary>A tick of the schedule (or a retry of one). Throws what the job threw, so Hangfire
    /// retries it with backoff and, once the attempts are spent, shows it as failed.</summary>
    [DisplayName("{0}")]
    public async Task RunScheduledAsync(string name, PerformContext? context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_schedules.Find(name) is null)
        {
            // Left in a shared storage by a node whose configuration has a job this one lacks.
            _logger.LogWarning("No job named {Job} is registered on this node; the run is skipped", name);
            return;
        }
        using var held = TryLock(context, name, TimeSpan.Zero);
        if (held is null)
        {
            _logger.LogInformation("Job {Job}: the previous run is still going; this tick is skipped", name);
            return;
        }
        var due = context.GetJobParameter<long?>("Time") is { } seconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : new DateTimeOffset(context.BackgroundJob.CreatedAt, TimeSpan.Zero);
        var (_, failure) = await RunAsync(name, due, runId: null);
        if (failure is not null)
            ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>A run asked for by hand: waits for a running tick of the same job instead of
    /// skipping, reports its outcome to the waiting <see cref="IJobTrigger.RunNowAsync"/>, and is
    /// not retried (the caller sees the failure and decides).</summary>
    [DisplayName("{0} (run now)")]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunNowAsync(string name, string runId, DateTime askedAt, PerformContext? context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Exception? failure;
        using (var held = TryLock(context, name, _runNowWait))
        {
            if (held is null)
            {
                failure = new TimeoutException($"Job '{name}' was still running after {_runNowWait}; the run by hand gave up waiting.");
                _runs.Complete(runId, new JobRunResult(name, JobOutcome.Failed, DateTimeOffset.UtcNow, TimeSpan.Zero, Describe(failure)));
            }
            else
            {
                (_, failure) = await RunAsync(name, new DateTimeOffset(askedAt, TimeSpan.Zero), runId);
            }
        }
        if (failure is not null)
            ExceptionDispatchInfo.Throw(failure);
    }

    private static IDisposable? TryLock(PerformContext context, string name, TimeSpan wait)
    {
        try
        {
            return context.Connection.AcquireDistributedLock(LockOf(name), wait);
        }
        catch (Exception ex) when (ex is DistributedLockTimeoutException or PostgreSqlDistributedLockException)
        {
            return null;
        }
    }

    private async Task<(JobRunResult Result, Exception? Failure)> RunAsync(string name, DateTimeOffset due, string? runId)
    {
        var schedule = _schedules.Find(name) ?? throw new KeyNotFoundException($"No scheduled job is named '{name}'.");
        var run = new JobRunContext(schedule.Name, due, DateTimeOffset.UtcNow);
        _statuses.RunStarted(schedule.Name, run.StartedAt);
        // Ended only after the result is recorded: once no run is in flight, shutdown abandons the
        // remaining RunNowAsync waiters.
        var cancel = _runs.Begin(CancellationToken.None);
        var started = Stopwatch.GetTimestamp();
        Exception? failure = null;
        try
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var job = (IScheduledJob)scope.ServiceProvider.GetRequiredService(schedule.JobType);
                await job.RunAsync(run, cancel.Token);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            var duration = Stopwatch.GetElapsedTime(started);
            if (failure is OperationCanceledException)
                _logger.LogWarning(failure, "Job {Job} was cancelled after {DurationMs:F0} ms", run.JobName, duration.TotalMilliseconds);
            else if (failure is not null)
                _logger.LogError(failure, "Job {Job} failed after {DurationMs:F0} ms", run.JobName, duration.TotalMilliseconds);
            var result = new JobRunResult(run.JobName, failure is null ? JobOutcome.Succeeded : JobOutcome.Failed, run.StartedAt, duration,
                failure is null ? null : Describe(failure));
            // The status first, so whoever RunNowAsync wakes up reads the finished run.
            _statuses.RunFinished(result);
            if (runId is not null)
                _runs.Complete(runId, result);
            return (result, failure);
        }
        finally
        {
            _runs.End(cancel);
        }
    }

    private static string Describe(Exception failure) => $"{failure.GetType().Name}: {failure.Message}";
}
