using CxMonitor.Web.Access.Reach;
using CxMonitor.Web.Ingest.Spool;
using CxMonitor.Web.Live;
using CxMonitor.Web.Metrics;

namespace CxMonitor.Web.Ingest;

public static class StatusApi
{
    /// <summary>Who may call: any authenticated caller (policy <c>Read</c>): the figures say
    /// how much is flowing, nothing about any customer.</summary>
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/status", (IngestCounters c, WriteAheadSpool spool, SpoolDrainer drainer, SnapshotStore snapshots) => TypedResults.Ok(new IngestStatusReport(
                c.Accepted, c.Rejected, c.Duplicates, spool.SpooledLines, c.Written, c.Failed,
                spool.BacklogLines, spool.BacklogBytes, spool.OldestBacklogAge?.TotalSeconds is { } s ? Math.Round(s, 1) : null,
                c.DeliveryRetries, c.Lingers, spool.SyncTimes.Report(), drainer.LastError, snapshots.LastRun)))
            .RequireAuthorization("Read")
            .WithTags("Status")
            .WithName("Status")
            .ReadsEverySite("counts of what flows in, of every site together, nothing about a customer")
            .WithSummary("Ingest counters since start, the spool backlog, and the last rolling-satisfaction run.");
        return app;
    }

    /// <summary>Counts are since the process started; backlog figures are what is on disk now.
    /// <c>SpoolSyncs</c>: how long the group commits a 202 waits for took (write and fsync).</summary>
    public sealed record IngestStatusReport(
        long Accepted,
        long Rejected,
        long Duplicates,
        long Spooled,
        long Written,
        long Failed,
        long Backlog,
        long BacklogBytes,
        double? OldestBacklogAgeSeconds,
        long DeliveryRetries,
        long DrainLingers,
        SpoolSyncReport SpoolSyncs,
        string? LastDeliveryError,
        RollingRunReport? Rolling);
}
