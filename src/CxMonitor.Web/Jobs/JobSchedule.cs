using System.Globalization;
using Quartz;

namespace CxMonitor.Web.Jobs;

/// <summary>What a feature asked for in code: the defaults that configuration may override.</summary>
internal sealed record ScheduledJobRegistration(string Name, Type JobType, TimeSpan? Interval, string? Cron);

/// <summary>The schedule a job actually runs on: code defaults with configuration applied.</summary>
internal sealed record JobSchedule(string Name, Type JobType, bool Enabled, TimeSpan? Interval, string? Cron)
{
    public string Describe()
    {
        var when = Cron is not null ? $"cron {Cron} (UTC)" : $"every {Interval!.Value.ToString("g", CultureInfo.InvariantCulture)}";
        return Enabled ? when : $"disabled ({when})";
    }

    public static JobSchedule Resolve(ScheduledJobRegistration registration, JobScheduleOptions configured)
    {
        var cron = string.IsNullOrWhiteSpace(configured.Cron) ? null : configured.Cron.Trim();
        return (cron, configured.Interval) switch
        {
            (not null, _) => new(registration.Name, registration.JobType, configured.Enabled, null, cron),
            (null, { } interval) => new(registration.Name, registration.JobType, configured.Enabled, interval, null),
            _ => new(registration.Name, registration.JobType, configured.Enabled, registration.Interval, registration.Cron),
        };
    }

    /// <summary>Quartz's own reason why <paramref name="cron"/> does not parse, or null when it does.</summary>
    public static string? CronError(string cron)
    {
        try
        {
            _ = new CronExpression(cron);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }
}
