using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Alerts;

/// <summary>Every 10 s (Jobs:AlertTick:Interval): silence rules, counts that age out, event
/// alerts gone quiet, escalation and reminders.</summary>
public sealed class AlertTickJob(AlertService alerts) : IScheduledJob
{
    public const string Name = "AlertTick";

    public Task RunAsync(JobRunContext context, CancellationToken ct) => alerts.TickAsync(ct);
}
