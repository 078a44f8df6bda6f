using Microsoft.Extensions.Options;
using Quartz;

namespace CxMonitor.Web.Jobs;

/// <summary>Owns the Quartz scheduler (in-memory job store) for the life of the app: the hosted
/// service Quartz's hosting add-on would provide, plus <see cref="IJobTrigger"/>.</summary>
internal sealed class JobSchedulerService(
    JobSchedules schedules, JobRuns runs, IServiceProvider services, IOptions<JobSchedulerOptions> options,
    ILoggerFactory loggerFactory, ILogger<JobSchedulerService> logger) : IHostedService, IJobTrigger
{
    public const string Group = "cxmonitor";
    public const string RunIdKey = "cxmonitor.run-id";

    /// <summary>Cancelled jobs get this long to wind down before the scheduler is dropped.</summary>
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(2);

    private readonly Lock _stopLock = new();
    private IScheduler? _scheduler;
    private Task? _stopping;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await SchedulerBuilder.Create()
            // Quartz keeps schedulers in a process-wide repository by name: a unique name keeps
            // several app instances in one process (integration tests) from sharing one.
            .WithName($"cxmonitor-{Guid.NewGuid():N}")
            .UseInMemoryStore()
            .UseDefaultThreadPool()
            .WithMisfireThreshold(options.Value.MisfireThreshold)
            .BuildScheduler();
        scheduler.JobFactory = new ServiceProviderJobFactory(services);
        scheduler.ListenerManager.AddSchedulerListener(new SchedulerErrorLog(loggerFactory.CreateLogger<SchedulerErrorLog>()));
        try
        {
            foreach (var schedule in schedules.All)
                await ScheduleAsync(scheduler, schedule, cancellationToken);
            await scheduler.Start(cancellationToken);
        }
        catch
        {
            await scheduler.Shutdown(waitForJobsToComplete: false, CancellationToken.None);
            throw;
        }
        _scheduler = scheduler;
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
        var scheduler = Interlocked.Exchange(ref _scheduler, null);
        if (scheduler is null)
            return;
        await scheduler.Standby(CancellationToken.None);
        var timeout = options.Value.ShutdownTimeout;
        if (!await runs.WaitIdleAsync(timeout, cancellationToken))
        {
            logger.LogWarning("Jobs still running {Timeout} after shutdown began; cancelling them", timeout);
            runs.CancelRunning();
            await runs.WaitIdleAsync(CancelGrace, CancellationToken.None);
        }
        runs.AbandonWaiters();
        await scheduler.Shutdown(waitForJobsToComplete: false, CancellationToken.None);
    }

    public async Task<JobRunResult> RunNowAsync(string name, CancellationToken ct = default)
    {
        var schedule = schedules.Find(name) ?? throw new KeyNotFoundException($"No scheduled job is named '{name}'.");
        var scheduler = _scheduler ?? throw new InvalidOperationException("The job scheduler is not running.");
        var runId = Guid.NewGuid().ToString("N");
        var finished = runs.Expect(runId);
        try
        {
            await scheduler.TriggerJob(JobKeyOf(schedule.Name), new JobDataMap { [RunIdKey] = runId }, ct);
            return await finished.WaitAsync(ct);
        }
        finally
        {
            runs.Forget(runId);
        }
    }

    /// <summary>From Quartz's triggers, so a skipped (misfired) tick or a pending manual run shows as it is.</summary>
    public async Task<DateTimeOffset?> NextRunAsync(string name, CancellationToken ct)
    {
        if (_scheduler is not { } scheduler)
            return null;
        try
        {
            var triggers = await scheduler.GetTriggersOfJob(JobKeyOf(name), ct);
            return triggers.Select(t => t.GetNextFireTimeUtc()).Where(t => t.HasValue).Min();
        }
        catch (SchedulerException)
        {
            return null; // shut down between the check and the call
        }
    }

    private static JobKey JobKeyOf(string name) => new(name, Group);

    private static async Task ScheduleAsync(IScheduler scheduler, JobSchedule schedule, CancellationToken ct)
    {
        // Durable: a disabled job has no trigger but can still be run now.
        var job = JobBuilder.Create(typeof(ScheduledJobAdapter<>).MakeGenericType(schedule.JobType))
            .WithIdentity(JobKeyOf(schedule.Name))
            .StoreDurably()
            .Build();
        await scheduler.AddJob(job, replace: true, ct);
        if (!schedule.Enabled)
            return;

        var trigger = TriggerBuilder.Create().WithIdentity(schedule.Name, Group).ForJob(job);
        trigger = schedule.Cron is { } cron
            ? trigger.WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireHandlingInstructionDoNothing())
            // First run at start: a restart should not delay fresh figures by a whole interval.
            : trigger.StartNow().WithSimpleSchedule(s => s
                .WithInterval(schedule.Interval!.Value).RepeatForever().WithMisfireHandlingInstructionNextWithRemainingCount());
        await scheduler.ScheduleJob(trigger.Build(), ct);
    }
}
