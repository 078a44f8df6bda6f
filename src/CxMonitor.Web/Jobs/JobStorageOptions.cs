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
    public static readonly string[] ReservedNames = [nameof(Storage), nameof(ConnectionString)];

    public JobStorageKind Storage { get; set; } = JobStorageKind.InMemory;

    /// <summary>For PostgreSql: an Npgsql connection string. Never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The PostgreSQL schema of Hangfire's tables, created at start when missing.</summary>
    public const string PostgreSqlSchema = "hangfire";
}

internal sealed class JobStorageOptionsValidator : IValidateOptions<JobStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, JobStorageOptions options) =>
        options.Storage == JobStorageKind.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString)
            ? ValidateOptionsResult.Fail("Jobs:ConnectionString is required when Jobs:Storage is PostgreSql (an Npgsql connection string).")
            : ValidateOptionsResult.Success;
}
