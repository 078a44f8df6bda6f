using System.Globalization;
using Cronos;

namespace CxMonitor.Web.Jobs;

/// <summary>What a feature asked for in code: the defaults that configuration may override.</summary>
internal sealed record ScheduledJobRegistration(string Name, Type JobType, TimeSpan? Interval, string? Cron);

/// <summary>The schedule a job actually runs on: code defaults with configuration applied.
/// Hangfire schedules by cron only, so an interval runs as the cron that fires exactly every
/// interval (<see cref="IntervalCron"/>; decision 0022).</summary>
internal sealed record JobSchedule(string Name, Type JobType, bool Enabled, TimeSpan? Interval, string? Cron)
{
    /// <summary>What Hangfire is given: the cron, or the interval as a cron.</summary>
    public string CronExpression => Cron ?? IntervalCron(Interval!.Value)!;

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

    /// <summary>The six-field cron (seconds first) that fires exactly every <paramref name="interval"/>
    /// from the top of the minute, hour or day, or null when no cron can: a cron step restarts at
    /// every minute, hour and day, so only a whole number of seconds that divides a minute, of
    /// minutes that divides an hour, of hours that divides a day, or whole days of one, repeat
    /// evenly (every 7 s would fire at :56 and again at :00).</summary>
    public static string? IntervalCron(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero || interval.Ticks % TimeSpan.TicksPerSecond != 0)
            return null;
        var seconds = (long)interval.TotalSeconds;
        return seconds switch
        {
            < 60 when 60 % seconds == 0 => seconds == 1 ? "* * * * * *" : $"*/{seconds} * * * * *",
            < 3600 when seconds % 60 == 0 && 60 % (seconds / 60) == 0 => $"0 */{seconds / 60} * * * *",
            < 86400 when seconds % 3600 == 0 && 24 % (seconds / 3600) == 0 => $"0 0 */{seconds / 3600} * * *",
            86400 => "0 0 0 * * *",
            _ => null,
        };
    }

    /// <summary>Why an interval cannot be scheduled, naming <paramref name="setting"/>, or null when it can.</summary>
    public static string? IntervalError(TimeSpan interval, string setting) => IntervalCron(interval) is not null
        ? null
        : $"{setting} '{interval.ToString("g", CultureInfo.InvariantCulture)}' cannot be kept exactly by a cron schedule: use whole seconds "
            + "that divide a minute (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 s), whole minutes that divide an hour, whole hours that divide a day, "
            + "or one day; or set a cron expression instead.";

    /// <summary>The parser's reason why <paramref name="cron"/> does not parse, or null when it does.
    /// Read as Hangfire reads it: five fields, or six with seconds first; evaluated in UTC.</summary>
    public static string? CronError(string cron)
    {
        try
        {
            _ = Parse(cron);
            return null;
        }
        catch (CronFormatException ex)
        {
            return ex.Message;
        }
    }

    public static Cronos.CronExpression Parse(string cron)
    {
        var fields = cron.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6) && !cron.TrimStart().StartsWith('@'))
            throw new CronFormatException($"expected 5 fields, or 6 with seconds first, found {fields}");
        return Cronos.CronExpression.Parse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }
}
