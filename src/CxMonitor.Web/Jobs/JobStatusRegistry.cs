namespace CxMonitor.Web.Jobs;

/// <summary>One job as <c>GET /api/v1/jobs</c> shows it. Times are UTC; counts are since start.</summary>
public sealed record JobStatus(
    string Name,
    string Schedule,
    bool Enabled,
    bool Running,
    DateTimeOffset? LastRunStartedAt,
    double? LastDurationMs,
    JobOutcome? LastOutcome,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? NextRunAt,
    long Runs,
    long Failures);

/// <summary>What each job last did on this node, kept in memory; the next run is read from the
/// recurring job in Hangfire's storage when asked for (the dashboard at <c>/jobs</c> shows every
/// run with its history).</summary>
public sealed class JobStatusRegistry
{
    private readonly JobSchedulerService _scheduler;
    private readonly IReadOnlyDictionary<string, Entry> _entries;

    internal JobStatusRegistry(JobSchedules schedules, JobSchedulerService scheduler)
    {
        _scheduler = scheduler;
        _entries = schedules.All.ToDictionary(s => s.Name, s => new Entry(s), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Sorted by name.</summary>
    public async Task<IReadOnlyList<JobStatus>> GetAllAsync(CancellationToken ct)
    {
        var statuses = new List<JobStatus>(_entries.Count);
        foreach (var entry in _entries.Values.OrderBy(e => e.Schedule.Name, StringComparer.OrdinalIgnoreCase))
            statuses.Add(entry.ToStatus(await NextRunAsync(entry.Schedule.Name, ct)));
        return statuses;
    }

    /// <summary>Null for a name no job is registered under (case-insensitive).</summary>
    public async Task<JobStatus?> GetAsync(string name, CancellationToken ct) =>
        _entries.TryGetValue(name, out var entry) ? entry.ToStatus(await NextRunAsync(entry.Schedule.Name, ct)) : null;

    // The storage's own calls are synchronous (a database query on SQLite and PostgreSQL).
    private Task<DateTimeOffset?> NextRunAsync(string name, CancellationToken ct) => Task.Run(() => _scheduler.NextRun(name), ct);

    internal void RunStarted(string name, DateTimeOffset startedAt)
    {
        if (!_entries.TryGetValue(name, out var entry))
            return;
        lock (entry)
        {
            entry.Running = true;
            entry.LastRunStartedAt = startedAt;
        }
    }

    internal void RunFinished(JobRunResult result)
    {
        if (!_entries.TryGetValue(result.JobName, out var entry))
            return;
        lock (entry)
        {
            entry.Running = false;
            entry.LastDurationMs = Math.Round(result.Duration.TotalMilliseconds, 1);
            entry.LastOutcome = result.Outcome;
            entry.Runs++;
            if (result.Outcome != JobOutcome.Failed)
                return;
            entry.Failures++;
            entry.LastError = result.Error;
            entry.LastErrorAt = result.StartedAt + result.Duration;
        }
    }

    private sealed class Entry(JobSchedule schedule)
    {
        public JobSchedule Schedule { get; } = schedule;
        public bool Running { get; set; }
        public DateTimeOffset? LastRunStartedAt { get; set; }
        public double? LastDurationMs { get; set; }
        public JobOutcome? LastOutcome { get; set; }
        public string? LastError { get; set; }
        public DateTimeOffset? LastErrorAt { get; set; }
        public long Runs { get; set; }
        public long Failures { get; set; }

        public JobStatus ToStatus(DateTimeOffset? nextRunAt)
        {
            lock (this)
            {
                return new(Schedule.Name, Schedule.Describe(), Schedule.Enabled, Running, LastRunStartedAt, LastDurationMs,
                    LastOutcome, LastError, LastErrorAt, nextRunAt, Runs, Failures);
            }
        }
    }
}
