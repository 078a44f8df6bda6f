namespace CxMonitor.Web.Jobs;

/// <summary>A piece of scheduled work. Register it with
/// <see cref="JobsSetup.AddScheduledJob{TJob}(IServiceCollection, string, TimeSpan)"/>; each run
/// resolves a fresh instance in its own DI scope, so constructors may take scoped services.
/// A run never overlaps another run of the same job; an exception fails only that run.</summary>
public interface IScheduledJob
{
    Task RunAsync(JobRunContext context, CancellationToken ct);
}

/// <param name="JobName">The name the job was registered under (one job class may serve several names).</param>
/// <param name="ScheduledFireTime">When this run was due (UTC); for a manual run, when it was asked for.</param>
/// <param name="StartedAt">When this run actually started (UTC).</param>
/// <param name="PreviousFireTime">When the previous tick of the same schedule was due (UTC); null on the
/// first tick and on a manual run.</param>
public sealed record JobRunContext(
    string JobName,
    DateTimeOffset ScheduledFireTime,
    DateTimeOffset StartedAt,
    DateTimeOffset? PreviousFireTime);
