using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Jobs;

public enum JobStorageKind
{
    /// <summary>Memory only (the default for one node): schedules and history start afresh at every
    /// start, where every interval job runs once. Measured against SQLite in decision 0022.</summary>
    InMemory,

    /// <summary>A file in the state folder (<c>jobs.db</c>): one node, no server; remembers last runs
    /// and failures across restarts, but starts runs later and costs more (decision 0022).</summary>
    Sqlite,

    /// <summary>Several nodes share one PostgreSQL database; each recurring run happens once per cluster.</summary>
    PostgreSql,
}

/// <summary>Where Hangfire keeps jobs, bound from <c>Jobs:Storage</c> and <c>Jobs:ConnectionString</c>
/// (decision 0022).</summary>
public sealed class JobStorageOptions
{
    /// <summary>Keys of the <c>Jobs</c> section that are not job names.</summary>
    public static readonly string[] ReservedNames = [nameof(Storage), nameof(ConnectionString), nameof(LockTimeout)];

    public JobStorageKind Storage { get; set; } = JobStorageKind.InMemory;

    /// <summary>For PostgreSql: an Npgsql connection string. Never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>For PostgreSql: how long a job's lock outlives a node killed mid-run, after which
    /// another node runs the job's next tick. Hangfire.PostgreSql never renews a lock, so this must
    /// also exceed the longest run of any job (rolling, rollup and alert tick take seconds at most),
    /// or a second node starts the same job beside a slow run.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The PostgreSQL schema of Hangfire's tables, created at start when missing.</summary>
    public const string PostgreSqlSchema = "hangfire";
}

internal sealed class JobStorageOptionsValidator : IValidateOptions<JobStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, JobStorageOptions options)
    {
        if (options.Storage == JobStorageKind.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
            return ValidateOptionsResult.Fail("Jobs:ConnectionString is required when Jobs:Storage is PostgreSql (an Npgsql connection string).");
        if (options.LockTimeout < TimeSpan.FromSeconds(1))
            return ValidateOptionsResult.Fail($"Jobs:LockTimeout must be at least 1 second; it is {options.LockTimeout}.");
        return ValidateOptionsResult.Success;
    }
}
