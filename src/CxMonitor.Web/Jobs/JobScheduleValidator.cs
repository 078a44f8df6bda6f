using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Jobs;

/// <summary>Runs at start (ValidateOnStart), so a bad <c>Jobs:{name}</c> section stops the app
/// with a message naming the job and the value instead of leaving the job silently unscheduled.</summary>
internal sealed class JobScheduleValidator(IEnumerable<ScheduledJobRegistration> registrations) : IValidateOptions<JobScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, JobScheduleOptions options)
    {
        var registration = registrations.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
        if (registration is null)
            return ValidateOptionsResult.Skip;

        var key = $"{JobScheduleOptions.Section}:{registration.Name}";
        var failures = new List<string>();
        var hasCron = !string.IsNullOrWhiteSpace(options.Cron);
        if (hasCron && options.Interval is not null)
            failures.Add($"Job '{registration.Name}': set either {key}:Interval or {key}:Cron, not both.");
        if (options.Interval is { } interval && interval <= TimeSpan.Zero)
            failures.Add($"Job '{registration.Name}': {key}:Interval must be positive, got '{interval}'.");
        if (hasCron && JobSchedule.CronError(options.Cron!.Trim()) is { } error)
            failures.Add($"Job '{registration.Name}': {key}:Cron '{options.Cron}' is not a valid cron expression ({error}). "
                + "Quartz cron has 6 or 7 fields, seconds first: 'sec min hour day-of-month month day-of-week [year]', e.g. '0 0 6 * * ?'.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
