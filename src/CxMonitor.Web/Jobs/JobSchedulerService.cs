using Hangfire;
using Hangfire.Common;
using Hangfire.Logging;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Jobs;

/// <summary>Owns this node's Hangfire server for the life of the app: puts every enabled job in
/// the storage as a recurring job (UTC cron, one run after downtime however many ticks were
/// missed), runs the worker, and implements <see cref="IJobTrigger"/>.</summary>
internal sealed class JobSchedulerService(
    JobSchedules schedules, JobRuns runs, JobStorage storage, IJobFilterProvider filters, JobActivator activator,
    IOptions<JobSchedulerOptions> options, ILoggerFactory loggerFactory, ILogger<JobSchedulerService> logger) : IHostedService, IJobTrigger
{
    /// <summary>Where this node's runs by hand are queued, so that this node (whose caller waits
    /// for the outcome in memory) is the one that runs them, also when several nodes share the storage.</summary>
    private readonly string _nodeQueue = $"node-{Guid.NewGuid():N}";

    /// <summary>Cancelled jobs get this long to wind down before the server is dropped.</summary>
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(2);

    private readonly Lock _stopLock = new();
    private BackgroundJobServer? _server;
    private BackgroundJobClient? _client;
    private Task? _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        HangfireLog.Instance.Attach(loggerFactory);
        LogProvider.SetCurrentLogProvider(HangfireLog.Instance);
        var manager = new RecurringJobManager(storage, filters, new DefaultTimeZoneResolver());
        var recurring = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed };
        foreach (var schedule in schedules.All)
        {
            if (schedule.Enabled)
                manager.AddOrUpdate(schedule.Name, Job.FromExpression<ScheduledJobRunner>(r => r.RunScheduledAsync(schedule.Name, null)),
                    schedule.CronExpression, recurring);
            else
                manager.RemoveIfExists(schedule.Name);
        }
        RemoveUnknownRecurringJobs(manager);

        _server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            Queues = [_nodeQueue, EnqueuedState.DefaultQueue],
            SchedulePollingInterval = options.Value.PollInterval,
            // Interval jobs fall due together (every 10 s job on :00, :10, …): each should find a worker.
            WorkerCount = Math.Clamp(schedules.All.Count() + 2, 5, 40),
            ServerName = $"{Environment.MachineName}:{Environment.ProcessId}",
            FilterProvider = filters,
            Activator = activator,
            TimeZoneResolver = new DefaultTimeZoneResolver(),
        }, storage);
        _client = new BackgroundJobClient(storage, filters);
        RunIntervalJobsOnceAtStart(manager);
        return Task.CompletedTask;
    }

    /// <summary>A restart should not delay fresh figures by a whole interval. A job whose tick was
    /// missed while the app was down runs anyway (once), so it is not triggered a second time.</summary>
    private void RunIntervalJobsOnceAtStart(RecurringJobManager manager)
    {
        using var connection = storage.GetConnection();
        var now = DateTime.UtcNow;
        foreach (var schedule in schedules.All.Where(s => s.Enabled && s.Interval is not null))
        {
            var stored = connection.GetRecurringJobs([schedule.Name]).FirstOrDefault();
            if (stored?.LastExecution is not null && stored.NextExecution <= now)
                continue;
            manager.Trigger(schedule.Name);
        }
    }

    /// <summary>A job that is no longer configured (a feed removed) must not stay scheduled in a
    /// storage that outlives the app.</summary>
    private void RemoveUnknownRecurringJobs(RecurringJobManager manager)
    {
        using var connection = storage.GetConnection();
        foreach (var stored in connection.GetRecurringJobs())
        {
            if (schedules.Find(stored.Id) is null)
            {
                logger.LogInformation("Removing recurring job {Job}: no job of that name is registered", stored.Id);
                manager.RemoveIfExists(stored.Id);
            }
        }
    }

    /// <summary>The host may call this twice at once (WebApplicationFactory stops the host while
    /// Program's own Run() does too): every caller waits for the one shutdown.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopLock)
            return _stopping ??= ShutDownAsync(cancellationToken);
    }

    private async Task ShutDownAsync(CancellationToken cancellationToken)
    {
        var server = Interlocked.Exchange(ref _server, null);
        _client = null;
        if (server is null)
            return;
        server.SendStop(); // fetches nothing more; runs in flight go on
        var timeout = options.Value.ShutdownTimeout;
        if (!await runs.WaitIdleAsync(timeout, cancellationToken))
        {
            logger.LogWarning("Jobs still running {Timeout} after shutdown began; cancelling them", timeout);
            runs.CancelRunning();
            await runs.WaitIdleAsync(CancelGrace, CancellationToken.None);
        }
        runs.AbandonWaiters();
        await Task.Run(server.Dispose, CancellationToken.None);
        HangfireLog.Instance.Detach(loggerFactory);
    }

    public async Task<JobRunResult> RunNowAsync(string name, CancellationToken ct = default)
    {
        var schedule = schedules.Find(name) ?? throw new KeyNotFoundException($"No scheduled job is named '{name}'.");
        var client = _client ?? throw new InvalidOperationException("The job scheduler is not running.");
        var runId = Guid.NewGuid().ToString("N");
        var finished = runs.Expect(runId);
        try
        {
            var askedAt = DateTime.UtcNow;
            client.Create(Job.FromExpression<ScheduledJobRunner>(r => r.RunNowAsync(schedule.Name, runId, askedAt, null)),
                new EnqueuedState(_nodeQueue));
            return await finished.WaitAsync(ct);
        }
        finally
        {
            runs.Forget(runId);
        }
    }

    /// <summary>From the recurring job in Hangfire's storage; null for a disabled job.</summary>
    public DateTimeOffset? NextRun(string name)
    {
        using var connection = storage.GetConnection();
        var stored = connection.GetRecurringJobs([name]).FirstOrDefault();
        return stored is { Removed: false, NextExecution: { } next } ? new DateTimeOffset(next, TimeSpan.Zero) : null;
    }
}
