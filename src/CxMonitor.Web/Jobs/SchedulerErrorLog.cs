using Quartz;
using Quartz.Listener;

namespace CxMonitor.Web.Jobs;

/// <summary>Brings the scheduler's own failures (a job that cannot be created, a store error) into
/// our log. A listener per scheduler rather than Quartz's LogContext: that is one logger factory
/// for the whole process, and once an app that set it stops, every other scheduler in the process
/// fails to create loggers (seen with several apps in one test run: triggers stuck blocked).</summary>
internal sealed class SchedulerErrorLog(ILogger<SchedulerErrorLog> logger) : SchedulerListenerSupport
{
    public override Task SchedulerError(string msg, SchedulerException cause, CancellationToken cancellationToken = default)
    {
        logger.LogError(cause, "Job scheduler: {Message}", msg);
        return Task.CompletedTask;
    }
}
