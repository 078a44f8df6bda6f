using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Metrics;

/// <summary>Every 10 s (Jobs:RollingSatisfaction:Interval): compute every snapshot, publish the
/// changed ones, and remember how long InfluxDB and we took.</summary>
public sealed class RollingSatisfactionJob(RollingSatisfaction rolling, SnapshotPublisher publisher, ILogger<RollingSatisfactionJob> logger) : IScheduledJob
{
    public const string Name = "RollingSatisfaction";

    public static RollingRun? LastRun { get; private set; }

    public async Task RunAsync(JobRunContext context, CancellationToken ct)
    {
        var run = await rolling.ComputeAsync(ct);
        var changed = await publisher.PublishAsync(run, ct);
        LastRun = run;
        logger.LogDebug("Computed {Count} snapshots ({Changed} changed) in {Total} ms, {Influx} ms of it in InfluxDB",
            run.Snapshots.Count, changed, run.Total.TotalMilliseconds, run.InfluxTime.TotalMilliseconds);
    }
}
