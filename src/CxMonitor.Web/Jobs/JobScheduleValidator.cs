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
        else if (options.Interval is { } every && JobSchedule.IntervalError(every, $"{key}:Interval") is { } intervalError)
            failures.Add($"Job '{registration.Name}': {intervalError}");
        if (hasCron && JobSchedule.CronError(options.Cron!.Trim()) is { } error)
            failures.Add($"Job '{registration.Name}': {key}:Cron '{options.Cron}' is not a valid cron expression ({error}). "
                + "Cron has 5 fields, or 6 with seconds first: '[sec] min hour day-of-month month day-of-week', e.g. '0 0 6 * * *'; evaluated in UTC.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
