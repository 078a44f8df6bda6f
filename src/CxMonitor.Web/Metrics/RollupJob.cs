using CxMonitor.Web.Ingest.Spool;
using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Metrics;

/// <summary>Every minute (Jobs:Rollup:Interval): rewrite the rollups of the current and the
/// previous hour, and of every older hour in the <see cref="RollupBacklog"/> once its points
/// have left the spool. Hours rewritten by late data, here or by <c>cxmonitor rollups rebuild</c>,
/// are dropped from the caches, and the baselines recomputed, at once.</summary>
public sealed class RollupJob(
    Rollups rollups, RollupBacklog backlog, RollupRebuilds rebuilds, RollupCache cache, BaselineCache baselines,
    WriteAheadSpool spool, TimeProvider clock, ILogger<RollupJob> logger) : IScheduledJob
{
    public const string Name = "Rollup";

    public async Task RunAsync(JobRunContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var routineFrom = CellReader.Floor(now).AddHours(-1);

        // Items spooled after the oldest undelivered one may not be in InfluxDB yet.
        var deliveredBefore = spool.OldestBacklogAge is { } age ? now - age : now;
        var taken = await backlog.TakeAsync(deliveredBefore, ct);
        // The routine rollup below covers the hours starting in [previous hour, now); a rating
        // stamped a little ahead (clock skew) may be in an hour after that.
        var late = taken.Where(h => h.Start < routineFrom || h.Start >= now).Select(h => h.Start).ToList();
        try
        {
            await rollups.RollUpAsync(routineFrom, now, ct);
            foreach (var run in Runs(late))
                await rollups.RollUpAsync(run.From, run.To, ct);
        }
        catch
        {
            backlog.Return(taken); // try them again next time
            throw;
        }
        await backlog.CompleteAsync(taken, ct);
        if (late.Count > 0)
            logger.LogInformation("Rolled up {Count} hour(s) that received late data, from {First:u} to {Last:u}", late.Count, late[0], late[^1]);

        var rebuilt = await rebuilds.SinceLastAsync(ct);
        foreach (var (from, to) in rebuilt)
            cache.Invalidate(from, to);
        if (late.Count > 0 || rebuilt.Count > 0)
            baselines.Invalidate();
    }

    /// <summary>Hours less than a day apart become one query, of at most a day, so that a month's
    /// back-fill is many small queries rather than one that scans the month.</summary>
    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Runs(IEnumerable<DateTimeOffset> hours)
    {
        DateTimeOffset? start = null, end = null;
        foreach (var h in hours)
        {
            if (start is null)
            {
                (start, end) = (h, h.AddHours(1));
            }
            else if (h - end!.Value <= TimeSpan.FromHours(24) && h - start.Value < TimeSpan.FromHours(24))
            {
                end = h.AddHours(1);
            }
            else
            {
                yield return (start.Value, end!.Value);
                (start, end) = (h, h.AddHours(1));
            }
        }
        if (start is not null)
            yield return (start.Value, end!.Value);
    }
}
