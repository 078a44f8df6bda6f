namespace CxMonitor.Web.Jobs;

/// <summary>A piece of scheduled work. Register it with
/// <see cref="JobsSetup.AddScheduledJob{TJob}(IServiceCollection, string, TimeSpan)"/>; each run
/// resolves a fresh instance in its own DI scope, so constructors may take scoped services.
/// A run never overlaps another run of the same job; an exception fails only that run (which
/// Hangfire then retries with backoff).</summary>
public interface IScheduledJob
{
    Task RunAsync(JobRunContext context, CancellationToken ct);
}

/// <param name="JobName">The name the job was registered under (one job class may serve several names).</param>
/// <param name="ScheduledFireTime">When this run was due (UTC, whole seconds: Hangfire's schedule
/// time of the tick, kept by its retries); for a manual run, when it was asked for.</param>
/// <param name="StartedAt">When this run actually started (UTC).</param>
public sealed record JobRunContext(
    string JobName,
    DateTimeOffset ScheduledFireTime,
    DateTimeOffset StartedAt);
