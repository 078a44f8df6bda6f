using CxMonitor.Web.Ingest.Spool;
using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Metrics;

/// <summary>Every minute (Jobs:Rollup:Interval): rewrite the rollups of the current hour (and of
/// the previous one for the first <see cref="PreviousHourGrace"/> of an hour), and of every other
/// hour in the <see cref="RollupBacklog"/> once its points have left the spool. Hours rewritten
/// by late data, here or by <c>cxmonitor rollups rebuild</c>, are dropped from the caches, and
/// the baselines recomputed, at once.</summary>
public sealed class RollupJob(
    Rollups rollups, RollupBacklog backlog, RollupRebuilds rebuilds, RollupCache cache, BaselineCache baselines,
    WriteAheadSpool spool, TimeProvider clock, ILogger<RollupJob> logger) : IScheduledJob
{
    public const string Name = "Rollup";

    /// <summary>How long into an hour the routine still rewrites the previous one: long enough for
    /// every node's spool to deliver the hour's last points (seconds, normally), so they need no
    /// backlog turn on the node that took them. Later points come through the backlog like any
    /// late data. Each run scans the raw points of its span, by far the app's largest cost to
    /// InfluxDB; rewriting the previous hour all hour long scanned a point about 90 times, this
    /// about 40 (decision 0026, sixth pass).</summary>
    public static readonly TimeSpan PreviousHourGrace = TimeSpan.FromMinutes(10);

    public async Task RunAsync(JobRunContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var routineFrom = RoutineFrom(now);

        // Items spooled after the oldest undelivered one may not be in InfluxDB yet.
        var deliveredBefore = spool.OldestBacklogAge is { } age ? now - age : now;
        var taken = await backlog.TakeAsync(deliveredBefore, ct);
        // The routine rollup below covers the hours starting in [routineFrom, now); a rating
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

    /// <summary>The start of the span every run rewrites whatever the backlog says.</summary>
    public static DateTimeOffset RoutineFrom(DateTimeOffset now)
    {
        var hour = CellReader.Floor(now);
        return now - hour < PreviousHourGrace ? hour.AddHours(-1) : hour;
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
