using CxMonitor.Web.Jobs;
using CxMonitor.Web.Live;

namespace CxMonitor.Web.Metrics;

/// <summary>Every 10 s (Jobs:RollingSatisfaction:Interval): compute every snapshot, publish the
/// changed ones, and remember how long InfluxDB and we took.</summary>
public sealed class RollingSatisfactionJob(RollingSatisfaction rolling, SnapshotPublisher publisher, SnapshotStore store, ILogger<RollingSatisfactionJob> logger) : IScheduledJob
{
    public const string Name = "RollingSatisfaction";

    public async Task RunAsync(JobRunContext context, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var run = await rolling.ComputeAsync(ct);
        var published = System.Diagnostics.Stopwatch.GetTimestamp();
        var changed = await publisher.PublishAsync(run, ct);
        var total = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        store.LastRun = new RollingRunReport(run.At, run.Snapshots.Count, changed, run.InfluxTime.TotalMilliseconds,
            (run.Total - run.InfluxTime).TotalMilliseconds, System.Diagnostics.Stopwatch.GetElapsedTime(published).TotalMilliseconds, total);
        logger.LogDebug("Computed {Count} snapshots ({Changed} changed) in {Total} ms, {Influx} ms of it in InfluxDB",
            run.Snapshots.Count, changed, run.Total.TotalMilliseconds, run.InfluxTime.TotalMilliseconds);
    }
}
