namespace CxMonitor.Web.Jobs;

/// <summary>Per-job overrides, bound from <c>Jobs:{name}</c> (environment: <c>Jobs__{name}__Interval</c>).
/// Unset values keep the defaults the feature passed to <c>AddScheduledJob</c>; setting one kind of
/// schedule replaces the default of the other kind.</summary>
public sealed class JobScheduleOptions
{
    public const string Section = "Jobs";

    public bool Enabled { get; set; } = true;

    /// <summary>A TimeSpan, e.g. <c>00:00:10</c>, that a cron can keep exactly (see
    /// <see cref="JobSchedule.IntervalCron"/>).</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>A cron expression evaluated in UTC: five fields, or six with seconds first, e.g. <c>0 0 6 * * *</c>.</summary>
    public string? Cron { get; set; }
}
