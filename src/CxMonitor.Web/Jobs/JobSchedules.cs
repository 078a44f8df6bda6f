using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Jobs;

/// <summary>Every registered job with its effective schedule. Read once: configuration is applied
/// at start, a changed <c>Jobs</c> section takes effect on the next restart.</summary>
internal sealed class JobSchedules(IEnumerable<ScheduledJobRegistration> registrations, IOptionsMonitor<JobScheduleOptions> options)
{
    private readonly Lazy<IReadOnlyDictionary<string, JobSchedule>> _byName = new(() => registrations
        .Select(r => JobSchedule.Resolve(r, options.Get(r.Name)))
        .ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase));

    public IEnumerable<JobSchedule> All => _byName.Value.Values;

    /// <summary>Case-insensitive, like configuration keys; the result carries the registered spelling.</summary>
    public JobSchedule? Find(string name) => _byName.Value.GetValueOrDefault(name);
}
