namespace CxMonitor.Web.Jobs;

/// <summary>Per-job overrides, bound from <c>Jobs:{name}</c> (environment: <c>Jobs__{name}__Interval</c>).
/// Unset values keep the defaults the feature passed to <c>AddScheduledJob</c>; setting one kind of
/// schedule replaces the default of the other kind.</summary>
public sealed class JobScheduleOptions
{
    public const string Section = "Jobs";

    public bool Enabled { get; set; } = true;

    /// <summary>A TimeSpan, e.g. <c>00:00:10</c>.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>A Quartz cron expression (seconds first, evaluated in UTC), e.g. <c>0 0 6 * * ?</c>.</summary>
    public string? Cron { get; set; }
}
